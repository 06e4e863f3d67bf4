import { dbfNumericWidth, decisionsFor, physicalTable, type AccessType, type FieldDef, type PhysicalColumn, type SchemaDecision } from '@nyt2539/schema';
import type { SourceColumn } from '../../store/facts.js';

/**
 * How a source column's declaration compares with the standard's field. `template` means it is what the real
 * Access template declares (physical.ts), which is never a finding (published-vs-draft.md: never reject a
 * package for following the template); `variant` is tolerated with a warning; `wrong` is an error.
 */
type Verdict = 'ok' | 'template' | 'variant' | 'wrong';

/** mdb-reader column type → the Access type name physical.ts uses. */
const accessTypeOf: Readonly<Record<string, AccessType>> = {
  text: 'Text',
  memo: 'Memo',
  integer: 'Integer',
  long: 'Long',
  numeric: 'Decimal',
  double: 'Double',
  float: 'Double',
  datetime: 'DateTime',
  boolean: 'Boolean',
};

function isDbf(origin: string): boolean {
  return origin === 'shp';
}

function templateColumn(table: string, field: string): PhysicalColumn | undefined {
  return physicalTable(table)?.columns.find((c) => c.code === field);
}

/** Type letters / names that can hold each logical type. */
export function typeVerdict(table: string, origin: string, field: FieldDef, col: SourceColumn): Verdict {
  const t = col.srcType.toLowerCase();
  if (isDbf(origin)) {
    switch (field.type) {
      case 'Char':
        return t === 'c' ? 'ok' : 'wrong';
      case 'Int':
        return t === 'n' || t === 'f' || t === 'i' ? 'ok' : 'wrong';
      case 'Float':
        return t === 'n' || t === 'f' || t === 'b' || t === 'o' ? 'ok' : 'wrong';
      case 'Date':
        return t === 'd' ? 'ok' : t === 'c' ? 'variant' : 'wrong';
      case 'Varbin':
        return 'ok';
    }
  }
  const tmpl = templateColumn(table, field.code);
  if (tmpl && accessTypeOf[t] === tmpl.type) return 'template';
  switch (field.type) {
    case 'Char':
      return t === 'text' ? 'ok' : t === 'memo' ? 'variant' : 'wrong';
    case 'Int':
      if (t === 'integer' || t === 'long' || t === 'byte' || t === 'bigint') return 'ok';
      // a number column holds whole numbers too; values/precision reports any fraction
      return (t === 'numeric' && (col.scale ?? 0) === 0) || t === 'double' || t === 'float' ? 'variant' : 'wrong';
    case 'Float':
      // decision physical-decimal: Double holds the values but rounds 2-decimal areas in binary
      return t === 'numeric' || t === 'currency' ? 'ok' : t === 'double' || t === 'float' ? 'variant' : 'wrong';
    case 'Date':
      return t === 'datetime' ? 'ok' : t === 'text' ? 'variant' : 'wrong';
    case 'Varbin':
      // decision varbin-paths: a relative path in text is what the notes describe; an embedded file is a variant
      return t === 'text' || t === 'memo' ? 'ok' : t === 'ole' || t === 'binary' ? 'variant' : 'wrong';
  }
}

/**
 * A recorded decision (schema decisions.ts) under which another source declares this field with `declared`
 * characters, e.g. the published text's CBJYQZDJB.CBJYQZLSH Char 50: then a narrower column is a named variant.
 */
export function lengthVariant(table: string, field: string, declared: number): SchemaDecision | undefined {
  return decisionsFor(table, field).find((d) =>
    d.variants.some((v) => v.source !== 'draft' && v.source !== 'template' && lengthsIn(v.text, field).includes(declared)),
  );
}

/** Lengths a variant text gives a field: `Char 50`, or `CBHTBM Char 18, LZHTBM Char 20` for several fields. */
function lengthsIn(text: string, field: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const own = parts.filter((p) => p.startsWith(`${field} `));
  const relevant = own.length > 0 ? own : parts.filter((p) => /^(Char|Text|Int)\b/.test(p));
  return relevant.flatMap((p) => [...p.matchAll(/\b(?:Char|Text|Int)\s+(\d+)/g)].map((m) => Number(m[1])));
}

/** Whether a numeric column declares how many digits it holds (DBF N/F width, mdb Decimal precision). */
export function isBoundedNumeric(origin: string, col: SourceColumn): boolean {
  const t = col.srcType.toLowerCase();
  return isDbf(origin) ? (t === 'n' || t === 'f') && col.size !== null : t === 'numeric' && col.precision !== null;
}

/**
 * The declared size and the size the standard asks for, in the same unit: characters for text, digits for mdb
 * Decimal, and DBF width for DBF numbers (the schema's dbfNumericWidth: Float(15,2) is N16.2 in the ArcGIS
 * templates, the decimal point taking a character). Undefined when the column is unbounded or not comparable.
 */
function sizes(table: string, origin: string, field: FieldDef, col: SourceColumn): { declared: number; expected: number } | undefined {
  const t = col.srcType.toLowerCase();
  if (field.length === undefined) return undefined;
  if (isDbf(origin)) {
    if (t === 'c' && col.size !== null) return { declared: col.size, expected: field.length };
    const width = dbfNumericWidth(table, field);
    if ((t === 'n' || t === 'f') && col.size !== null && width !== undefined) return { declared: col.size, expected: width };
    return undefined;
  }
  if (t === 'text' && col.size !== null) return { declared: col.size, expected: field.length };
  if (t === 'numeric' && col.precision !== null) return { declared: col.precision, expected: field.length };
  return undefined;
}

/** Compare the declared size with the standard's: narrower cannot hold valid values; wider is tolerated. */
export function lengthVerdict(table: string, origin: string, field: FieldDef, col: SourceColumn): { verdict: Verdict; declared?: number } {
  if (field.type === 'Date' || field.type === 'Varbin') return { verdict: 'ok' };
  const s = sizes(table, origin, field, col);
  if (s === undefined || s.declared === s.expected) return { verdict: 'ok' };
  const tmpl = isDbf(origin) ? undefined : templateColumn(table, field.code);
  if (tmpl && (tmpl.size === s.declared || tmpl.precision === s.declared)) return { verdict: 'template', declared: s.declared };
  if (s.declared > s.expected) return { verdict: field.type === 'Char' ? 'variant' : 'ok', declared: s.declared };
  return { verdict: 'wrong', declared: s.declared };
}

/** Declared decimals against the standard's: fewer cannot hold valid values; more are tolerated. */
export function decimalsVerdict(origin: string, field: FieldDef, col: SourceColumn): { verdict: Verdict; declared?: number } {
  const t = col.srcType.toLowerCase();
  const numeric = isDbf(origin) ? t === 'n' || t === 'f' : t === 'numeric';
  if (!numeric || col.scale === null || (field.type !== 'Float' && field.type !== 'Int')) return { verdict: 'ok' };
  const expected = field.decimals ?? 0;
  if (col.scale === expected) return { verdict: 'ok' };
  if (col.scale > expected) return { verdict: 'variant', declared: col.scale };
  return { verdict: 'wrong', declared: col.scale };
}

/** How a declaration is written in messages: `Text(50)`, `N(16,2)`, `datetime`. */
export function describeColumn(col: SourceColumn): string {
  if (col.precision !== null && col.precision !== undefined && col.srcType.toLowerCase() === 'numeric') return `${col.srcType}(${col.precision},${col.scale ?? 0})`;
  if (col.size !== null && col.scale !== null && col.scale > 0) return `${col.srcType}(${col.size},${col.scale})`;
  if (col.size !== null) return `${col.srcType}(${col.size})`;
  return col.srcType;
}

/** How the standard writes a field: `Char(19)`, `Float(15,2)`, `Date`. */
export function describeField(f: FieldDef): string {
  if (f.type === 'Date' || f.type === 'Varbin' || f.length === undefined) return f.type;
  return f.decimals ? `${f.type}(${f.length},${f.decimals})` : `${f.type}(${f.length})`;
}
