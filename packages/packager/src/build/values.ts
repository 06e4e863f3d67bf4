import { domainValues, validateIdNumber, validatePostcode, type FieldDef, type Localized } from '@nyt2539/schema';
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

const codeSets = new WeakMap<FieldDef, ReadonlySet<string> | undefined>();

/** The field's code list as a set, built once per field (a build asks for every code cell). */
function codeSet(field: FieldDef): ReadonlySet<string> | undefined {
  if (!codeSets.has(field)) {
    const codes = domainValues(field);
    codeSets.set(field, codes ? new Set(codes) : undefined);
  }
  return codeSets.get(field);
}

/** A number Excel displays in scientific notation (`3.40711E+17`): saved so, the digits past the first few are gone. */
const SCIENTIFIC = /^\s*[-+]?\d(?:\.\d+)?[eE]\+\d{1,3}\s*$/;

/**
 * Why a text cell looks like Excel changed it, or undefined. Each case is one Excel is known to cause when a
 * column of codes is left as "General": a long number shown in scientific notation, digits past the 15th turned
 * into 0 (an ID number that then fails its check digit), leading zeros dropped from a code (`11` where the code
 * list has `011`; a 5-digit postcode). Said only where the value is wrong as it stands, so a correct value is
 * never flagged; the remedy is the source spreadsheet, with the column formatted as 文本 (text).
 */
export function excelMangled(field: FieldDef, raw: string): Localized | undefined {
  if (field.type !== 'Char') return undefined;
  const v = raw.trim();
  if (SCIENTIFIC.test(v)) {
    return {
      zh: `“${v}”是 Excel 的科学计数法显示，原值的后几位已丢失：请在原表中把该列设为文本、重新录入后再导出`,
      en: `"${v}" is Excel's scientific notation; the trailing digits of the original are lost: format the column as text in the source sheet, re-enter and export again`,
    };
  }
  if (!/^\d+$/.test(v)) return undefined;
  if (field.name.includes('证件号码') && v.length === 18 && v.endsWith('000') && !validateIdNumber(v).ok) {
    return {
      zh: `“${v}”以 000 结尾且校验位不符：Excel 只保留 15 位有效数字，后 3 位可能已被改为 0；请在原表中把该列设为文本、重新录入`,
      en: `"${v}" ends in 000 and fails its check digit: Excel keeps 15 significant digits, so the last 3 may have become 0; format the column as text in the source sheet and re-enter`,
    };
  }
  const codes = codeSet(field);
  const padded = codes !== undefined && !codes.has(v) ? [...codes].find((c) => c.length > v.length && /^0+$/.test(c.slice(0, c.length - v.length)) && c.endsWith(v)) : undefined;
  const postcode = field.code === 'YZBM' && v.length < 6 && validatePostcode(v.padStart(6, '0')).ok ? v.padStart(6, '0') : undefined;
  const fix = padded ?? postcode;
  if (fix !== undefined) {
    return {
      zh: `“${v}”像是丢了开头的 0（应为“${fix}”？）：Excel 把编码当成数字；请在原表中把该列设为文本`,
      en: `"${v}" looks like it lost its leading zeros ("${fix}"?): Excel took the code for a number; format the column as text in the source sheet`,
    };
  }
  return undefined;
}
