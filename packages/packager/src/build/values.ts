import type { FieldDef } from '@nyt2539/schema';
import type { CellValue } from '../package/types.js';

/**
 * A source cell as the writers take it, by the field's type in the standard: Char → text, Int/Float → number,
 * Date → Date at UTC midnight. CSV text, spreadsheet cells, GeoPackage values and DBF values all come through
 * here, so the same value gives the same cell whatever file it came from. `undefined` = cannot be converted
 * (a type error the build stops on, located by the caller).
 */
export function toCell(field: FieldDef, raw: unknown): CellValue | undefined {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' && raw.trim() === '') return null;
  switch (field.type) {
    case 'Char':
      if (typeof raw === 'string') return raw;
      if (typeof raw === 'number' || typeof raw === 'bigint') return String(raw);
      if (raw instanceof Date) return isoDate(raw);
      return undefined;
    case 'Int':
    case 'Float': {
      if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
      if (typeof raw === 'bigint') return Number(raw);
      if (typeof raw === 'string' && NUMERIC.test(raw)) return Number(raw);
      return undefined;
    }
    case 'Date':
      return toDate(raw);
    default:
      return undefined;
  }
}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** `YYYYMMDD`, `YYYY-MM-DD`, `YYYY/MM/DD`, optionally followed by a time (dropped), or a Date (its UTC day). */
function toDate(raw: unknown): Date | undefined {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return undefined;
    return new Date(Date.UTC(raw.getUTCFullYear(), raw.getUTCMonth(), raw.getUTCDate()));
  }
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  const m = /^(\d{4})(?:(\d{2})(\d{2})|[-/.](\d{1,2})[-/.](\d{1,2}))(?:[ T].*)?$/.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[4]);
  const d = Number(m[3] ?? m[5]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
