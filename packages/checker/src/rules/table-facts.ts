import type Database from 'better-sqlite3';
import { getTable, type Condition, type FieldDef, type TableDef } from '@nyt2539/schema';
import { dataColumns, ident, sourceColumns, sourceTables, type SourceColumn, type SourceTable } from '../store/facts.js';

/** A loaded table or layer the standard defines, with what its source declares and what the store holds. */
export interface CheckedTable {
  readonly source: SourceTable;
  readonly def: TableDef;
  readonly columns: readonly SourceColumn[];
  /** data columns present in the store (standard and extra fields) */
  readonly present: ReadonlySet<string>;
}

/** Loaded tables/layers that the standard defines (others are reported by the layout rules). */
export function checkedTables(db: Database.Database): CheckedTable[] {
  const out: CheckedTable[] = [];
  for (const source of sourceTables(db)) {
    const def = getTable(source.name);
    if (!def || def.name !== source.name) continue;
    const present = dataColumns(db, source.name);
    if (present.size === 0 && source.recordCount > 0) continue;
    out.push({ source, def, columns: sourceColumns(db, source.name), present });
  }
  return out;
}

/** Standard fields of a table that its data table actually holds. */
export function presentFields(t: CheckedTable): FieldDef[] {
  return t.def.fields.filter((f) => t.present.has(f.code));
}

export function sourceColumn(t: CheckedTable, field: string): SourceColumn | undefined {
  return t.columns.find((c) => c.name === field);
}

/**
 * Codes people use to find a row, most specific first. These are the standard's own identifiers
 * (NY/T 2538 codes and 标识码), named here only to pick what to show beside a finding.
 */
const identifyingFields = ['DKBM', 'CBFBM', 'CBHTBM', 'CBJYQZBM', 'LZHTBM', 'ZLFJBH', 'FBFBM', 'CYXM', 'JZDH', 'JZXH', 'KZDDH', 'BSM'] as const;

export interface RowRef {
  readonly file: string;
  readonly record: number;
  readonly keys: Readonly<Record<string, string>>;
  readonly fbfbm?: string;
}

/** SQL select list and a mapper that turn the bookkeeping columns of a row into a location. */
export function rowRefColumns(t: CheckedTable): { sql: string; toRef(row: Record<string, unknown>): RowRef } {
  const keyFields = identifyingFields.filter((k) => t.present.has(k)).slice(0, 2);
  const hasFbfbm = t.present.has('FBFBM');
  const extra = [...keyFields, ...(hasFbfbm && !keyFields.includes('FBFBM') ? ['FBFBM'] : [])];
  const sql = ['_file AS "_ref_file"', '_rec AS "_ref_rec"', ...extra.map((k, i) => `${ident(k)} AS "_ref_k${i}"`)].join(', ');
  return {
    sql,
    toRef(row) {
      const keys: Record<string, string> = {};
      extra.forEach((k, i) => {
        const v = row[`_ref_k${i}`];
        if (keyFields.includes(k as (typeof keyFields)[number]) && v !== null && v !== undefined && String(v).trim() !== '') keys[k] = String(v).trim();
      });
      const fbfbm = fbfbmOf(extra.map((k, i) => [k, row[`_ref_k${i}`]] as const));
      return { file: String(row._ref_file ?? ''), record: Number(row._ref_rec), keys, ...(fbfbm ? { fbfbm } : {}) };
    },
  };
}

/** 发包方编码 of a row: its FBFBM, else the first 14 digits of a code that starts with it (NY/T 2538). */
function fbfbmOf(pairs: readonly (readonly [string, unknown])[]): string | undefined {
  const direct = pairs.find(([k]) => k === 'FBFBM')?.[1];
  if (typeof direct === 'string' && /^\d{14}$/.test(direct.trim())) return direct.trim();
  for (const [k, v] of pairs) {
    if (k === 'BSM' || k === 'CYXM' || k === 'JZDH' || k === 'JZXH' || k === 'KZDDH' || k === 'ZLFJBH') continue;
    if (typeof v === 'string' && /^\d{14}/.test(v.trim())) return v.trim().slice(0, 14);
  }
  return undefined;
}

/**
 * SQL: the column holds nothing (NULL, '', or text of nothing but half- and full-width spaces). trim() runs only on
 * text that starts with a space, since it copies the value and this predicate runs on every row of every field.
 */
export function sqlIsEmpty(column: string): string {
  const c = ident(column);
  // CASE stops at the first decisive test; unicode() reads only the first character (a filled value rarely starts
  // with a space), where the substr/IN form built a string per value: ~35% less on a county's 1M-row layers
  return `(CASE WHEN ${c} IS NULL THEN 1 WHEN ${c} = '' THEN 1 WHEN unicode(${c}) IN (32, 12288) THEN typeof(${c}) = 'text' AND trim(${c}, ' 　') = '' ELSE 0 END)`;
}

export function sqlIsFilled(column: string): string {
  return `NOT ${sqlIsEmpty(column)}`;
}

/**
 * SQL for a row-level condition of a C field, or undefined when it cannot be decided from the row (then the
 * field is not required by this rule; cross-table rules decide it). Fields the source lacks make it false.
 */
export function sqlCondition(c: Condition, present: ReadonlySet<string>): string | undefined {
  switch (c.kind) {
    case 'fieldEquals':
      if (!present.has(c.field)) return '0';
      return `trim(CAST(${ident(c.field)} AS TEXT)) IN (${c.values.map(sqlText).join(', ')})`;
    case 'fieldPresent':
      return present.has(c.field) ? sqlIsFilled(c.field) : '0';
    case 'anyOf': {
      const parts = c.conditions.map((x) => sqlCondition(x, present));
      if (parts.some((p) => p === undefined)) return undefined;
      return `(${parts.join(' OR ')})`;
    }
    default:
      return undefined;
  }
}

export function sqlText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** Types the source stores text in (mdb Text/Memo, DBF C/M). */
export function isTextSource(col: SourceColumn | undefined): boolean {
  if (!col) return true;
  return /^(text|memo|c|m|v|w)$/i.test(col.srcType);
}

/** Rows of a data table that are part of the data (DBF records flagged deleted are not). */
export const liveRows = '_deleted = 0';
