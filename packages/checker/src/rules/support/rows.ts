import type Database from 'better-sqlite3';
import { fbfPrefixedFields, identifyingFields } from '@nyt2539/schema';
import { dataColumns, ident, ridPages } from '../../store/facts.js';
import type { ReportDescriptor, RuleContext } from '../../engine/types.js';
import type { FindingValue } from '../../engine/finding.js';

/**
 * The one row locator of the rule families: which store tables hold which columns, and how a row becomes a
 * located report (file, record, the schema's identifying codes, 发包方编码). Rules ask one set-based SQL question
 * each; this module only names rows.
 */

/** A data table of the store with the columns it actually holds. */
export interface StoreTable {
  readonly name: string;
  readonly present: ReadonlySet<string>;
}

/** The store's data table `name`, or undefined when the package did not deliver it. */
export function storeTable(db: Database.Database, name: string): StoreTable | undefined {
  const present = dataColumns(db, name);
  return present.size === 0 ? undefined : { name, present };
}

/** The table when it exists and holds every one of `columns` (missing ones are structure findings). */
export function tableWith(db: Database.Database, name: string, ...columns: string[]): StoreTable | undefined {
  const t = storeTable(db, name);
  return t && columns.every((c) => t.present.has(c)) ? t : undefined;
}

const fbfPrefixed = new Set(fbfPrefixedFields);

/** SQL select items naming a row of `t` (aliased `alias` in the query): file, record and up to two key codes. */
export function refColumns(t: StoreTable, alias = 't'): string {
  const keys = identifyingFields.filter((k) => t.present.has(k)).slice(0, 2);
  const fbf = !keys.includes('FBFBM') && t.present.has('FBFBM') ? ['FBFBM'] : [];
  return [`${alias}._file AS "_ref_file"`, `${alias}._rec AS "_ref_rec"`, ...[...keys, ...fbf].map((k) => `${alias}.${ident(k)} AS ${ident(`_ref_${k}`)}`)].join(', ');
}

export type Row = Record<string, unknown>;

/** Where a row is, ready to spread into `ctx.report`. */
export type RowLocation = Pick<ReportDescriptor, 'file' | 'table' | 'record' | 'keys' | 'field' | 'fbfbm'>;

/** The location of a row selected with `refColumns`. */
export function refOf(t: StoreTable, row: Row, field?: string): RowLocation {
  const keys: Record<string, string> = {};
  let fbfbm: string | undefined;
  for (const k of identifyingFields) {
    const v = row[`_ref_${k}`];
    if (v === undefined || v === null) continue;
    const s = String(v).trim();
    if (s === '') continue;
    if (k !== 'FBFBM' || Object.keys(keys).length < 2) keys[k] = s;
    if (!fbfbm && fbfPrefixed.has(k) && /^\d{14}/.test(s)) fbfbm = s.slice(0, 14);
  }
  const fbfKey = row._ref_FBFBM;
  if (typeof fbfKey === 'string' && /^\d{14}$/.test(fbfKey.trim())) fbfbm = fbfKey.trim();
  return {
    file: String(row._ref_file ?? ''),
    table: t.name,
    record: Number(row._ref_rec),
    ...(Object.keys(keys).length > 0 ? { keys } : {}),
    ...(field !== undefined ? { field } : {}),
    ...(fbfbm ? { fbfbm } : {}),
  };
}

/**
 * The location of row `_rid` of `t`, read when asked: scans that read only values (paged arrays) locate just the
 * rows they report, since a located row object per value costs as much as the test on ~1M values.
 */
export function rowLocator(db: Database.Database, t: StoreTable, field?: string): (rid: unknown) => RowLocation {
  const located = db.prepare(`SELECT ${refColumns(t)} FROM ${ident(t.name)} t WHERE t._rid = ?`);
  return (rid) => refOf(t, located.get(rid) as Row, field);
}

/** Stream the rows of one statement. */
export function eachRow(ctx: RuleContext<unknown>, sql: string, params: readonly unknown[], fn: (row: Row) => void): void {
  for (const row of ctx.db.prepare(sql).iterate(...params) as IterableIterator<Row>) fn(row);
}

/** Stream the rows of `sql` (over table alias `t`, selecting `t._rid` first, no ORDER BY) as arrays, in `_rid` order. */
export function eachRawRow(ctx: RuleContext<unknown>, sql: string, fn: (row: unknown[]) => void): void {
  for (const rows of ridPages(ctx.db, sql, true)) for (const row of rows) fn(row as unknown[]);
}

/** A value as it goes into a finding's `actual`/`expected`. */
export function value(v: unknown): FindingValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}
