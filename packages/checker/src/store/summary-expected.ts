import type Database from 'better-sqlite3';
import { padUnitCode, summarySourceUnitField, unitCodePrefix, type SummarySource } from '@nyt2539/schema';
import { dataColumns, hasStoreTable, ident, ridPages } from './facts.js';
import { UNIT_CODE_TABLE_ID } from './schema.js';
import { type ColumnRows, computeSummaries, summaryColumns, type SummaryUnit } from '../summary/compute.js';

/**
 * The summary tables as the data says they should read, stored beside the data for the summary rules.
 *
 * Why a preparation step: the computation (summary/compute.ts) is asynchronous (it streams async iterables) and
 * rules run synchronously on a read-only store. So `prepareSummaryCheck` runs once after loading, on the
 * read-write store, and writes `summary_expected`; the rules only compare. It creates no index and touches no
 * loaded row.
 */
export const EXPECTED_TABLE = 'summary_expected';

/** The units the computation reports on: the delivered 权属单位代码表, else every 发包方 and its parents. */
function units(db: Database.Database): SummaryUnit[] {
  if (hasStoreTable(db, 'xls_rows')) {
    const rows = db.prepare(`SELECT unit_code AS code, unit_name AS name FROM xls_rows WHERE table_id = ? ORDER BY sheet_row`).all(UNIT_CODE_TABLE_ID) as { code: string | null; name: string | null }[];
    if (rows.length > 0) return rows.map((r) => ({ code: String(r.code ?? '').trim(), name: String(r.name ?? '').trim() }));
  }
  return derivedUnits(db).map((code) => ({ code, name: '' }));
}

/** Every unit prefix (6/9/12/14) a delivered FBFBM implies, padded. */
export function derivedUnits(db: Database.Database): string[] {
  const out = new Set<string>();
  if (!dataColumns(db, 'FBF').has('FBFBM')) return [];
  for (const r of db.prepare(`SELECT DISTINCT trim(CAST("FBFBM" AS TEXT)) AS c FROM "FBF" WHERE _deleted = 0`).iterate() as IterableIterator<{ c: string | null }>) {
    const code = r.c ?? '';
    const own = code.length === 14 ? unitCodePrefix(code) : undefined;
    if (!own) continue;
    for (const len of [6, 9, 12, 14]) if (len <= own.length) out.add(padUnitCode(own.slice(0, len)));
  }
  return [...out].sort();
}

/**
 * The columns the computation reads of one source table, as arrays a page at a time (one open statement at a
 * time, as computeSummaries reads sources in turn); a synchronous iterable, so no await per row.
 */
function rowsOf(db: Database.Database, table: string, wanted: readonly string[]): ColumnRows {
  const present = dataColumns(db, table);
  const columns = wanted.filter((c) => present.has(c));
  if (columns.length === 0) return { columns, pages: [] };
  const sql = `SELECT _rid, ${columns.map(ident).join(', ')} FROM ${ident(table)} WHERE _deleted = 0`;
  // `_rid` first, as ridPages reads it
  return { columns: ['_rid', ...columns], pages: ridPages(db, sql, true) as Iterable<unknown[][]> };
}

/** Compute the expected summary tables and 权属单位代码表 into `summary_expected` (replacing an earlier run). */
export async function prepareSummaryCheck(db: Database.Database): Promise<void> {
  const sources = {} as Record<SummarySource, ColumnRows>;
  const wanted = summaryColumns();
  for (const s of Object.keys(summarySourceUnitField) as SummarySource[]) sources[s] = rowsOf(db, s, wanted[s]);
  const result = await computeSummaries({ units: units(db), ...sources });
  db.exec(`DROP TABLE IF EXISTS ${EXPECTED_TABLE}; CREATE TABLE ${EXPECTED_TABLE} (table_id TEXT, unit_code TEXT, unit_name TEXT, values_json TEXT)`);
  const insert = db.prepare(`INSERT INTO ${EXPECTED_TABLE} (table_id, unit_code, unit_name, values_json) VALUES (?, ?, ?, ?)`);
  db.transaction(() => {
    for (const [id, rows] of Object.entries(result.tables)) for (const r of rows) insert.run(id, r.code, r.name, JSON.stringify(r.values));
    for (const r of result.unitCodeTable) insert.run(UNIT_CODE_TABLE_ID, r.code, r.name, '{}');
  })();
}
