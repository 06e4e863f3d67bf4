import { summaryTables, type SummaryTableId } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { hasStoreTable, mdbDamaged } from '../../store/facts.js';
import type Database from 'better-sqlite3';
import { eachRow } from '../support/rows.js';
import { EXPECTED_TABLE } from '../../store/summary-expected.js';

/** The official QC compares every area total of every 汇总表格 with the database within 0.05 亩 (质检规则 O-S1). */
const AREA_TOLERANCE_MU = 0.05;

function parse(json: unknown): Record<string, number | null> {
  try {
    const v: unknown = JSON.parse(String(json ?? '{}'));
    return v && typeof v === 'object' ? (v as Record<string, number | null>) : {};
  } catch {
    return {};
  }
}

/**
 * Each delivered 汇总表格 equals the tables recomputed from the database (package-layout.md §2: one cumulative row
 * per 权属单位, 亩 rounded per item): the same unit rows, counts exactly, areas within `areaTolerance` 亩.
 * Needs `prepareSummaryCheck` to have run after loading (it writes the expected tables).
 */
/** The file the package delivers for a summary table (or, with UNIT_CODE_TABLE_ID, the unit code table), if any. */
export function deliveredFile(db: Database.Database, tableId: string): string | undefined {
  if (!hasStoreTable(db, 'pkg_files')) return undefined;
  const row = db
    .prepare(`SELECT path FROM pkg_files WHERE is_dir = 0 AND (summary_table = ? OR (? = 'unitCodeTable' AND kind = 'unitCodeTable')) ORDER BY path LIMIT 1`)
    .get(tableId, tableId) as { path: string } | undefined;
  return row?.path;
}

export const rule: Rule<{ areaTolerance: number }> = {
  meta: {
    id: 'summary/tables',
    group: 'summary',
    severity: 'error',
    title: { zh: '汇总表与数据库不一致', en: 'Summary table disagrees with the database' },
    messages: {
      count: { zh: '{title} 权属单位 {unit} 的“{column}”为 {actual}，按数据库应为 {expected}', en: '{title}, unit {unit}: "{column}" is {actual}, the database gives {expected}' },
      area: { zh: '{title} 权属单位 {unit} 的“{column}”为 {actual} 亩，按数据库应为 {expected} 亩（容差 {tolerance} 亩）', en: '{title}, unit {unit}: "{column}" is {actual} mu, the database gives {expected} mu (tolerance {tolerance})' },
      missingRow: { zh: '{title} 缺少权属单位 {unit}（{name}）的行', en: '{title} has no row for unit {unit} ({name})' },
      empty: { zh: '{title}（{file}）没有任何数据行，而数据库有 {expected} 个权属单位：表格为空或已损坏', en: '{title} ({file}) has no data row while the database has {expected} units: the table is empty or damaged' },
      extraRow: { zh: '{title} 第 {record} 行的权属单位 {unit} 不在权属单位代码表中', en: '{title} row {record}: unit {unit} is not in the 权属单位代码表' },
    },
    spec: '农村土地承包经营权确权登记数据库成果质检规则 (汇总表格面积汇总项, 0.05 亩); package-layout.md §2',
    basis: 'official-rules.md O-S1; qc-rules.md I-01, INF-I1; peer-catalog §4 item 23',
    basisKind: 'official-qc',
    fixedBy: '县确权办',
    options: { areaTolerance: AREA_TOLERANCE_MU },
  },
  run(ctx) {
    if (!hasStoreTable(ctx.db, EXPECTED_TABLE) || !hasStoreTable(ctx.db, 'xls_rows')) return;
    // totals recomputed from an unreadable database, or one with an unreadable table, would restate that one damage
    // as dozens of disagreeing cells; the damage is already an error (layout/file-unreadable)
    if (mdbDamaged(ctx.db)) return;
    const tolerance = Number(ctx.options.areaTolerance);
    for (const def of summaryTables) {
      const delivered = ctx.db.prepare(`SELECT file, sheet_row, trim(unit_code) AS code, unit_name, values_json FROM xls_rows WHERE table_id = ? ORDER BY sheet_row`).all(def.id) as {
        file: string;
        sheet_row: number;
        code: string | null;
        unit_name: string | null;
        values_json: string;
      }[];
      const expected = new Map<string, { name: string; values: Record<string, number | null> }>();
      eachRow(ctx, `SELECT unit_code, unit_name, values_json FROM ${EXPECTED_TABLE} WHERE table_id = ? ORDER BY unit_code`, [def.id satisfies SummaryTableId], (r) => {
        expected.set(String(r.unit_code), { name: String(r.unit_name ?? ''), values: parse(r.values_json) });
      });
      if (delivered.length === 0) {
        // a delivered table without rows — emptied, or damaged so that no row could be read (a duplicated record, a
        // deleted byte) — must not pass as agreeing; a missing one is layout/required-files'
        const read = deliveredFile(ctx.db, def.id);
        if (read !== undefined && expected.size > 0) ctx.report({ messageId: 'empty', file: read, table: def.title, expected: expected.size, data: { title: def.title } });
        continue;
      }
      const file = delivered[0].file;
      const seen = new Set<string>();
      const measured = def.columns.filter((c) => c.measure && (c.kind === 'count' || c.kind === 'area'));
      for (const row of delivered) {
        const unit = row.code ?? '';
        const want = expected.get(unit);
        // a 组-level unit code is the 发包方编码 itself: findings then group with that 发包方's others
        const at = { file, table: def.title, record: row.sheet_row, keys: { 权属单位代码: unit }, ...(/^\d{12}(?!00)\d{2}$/.test(unit) ? { fbfbm: unit } : {}) };
        if (!want) {
          ctx.report({ messageId: 'extraRow', ...at, cell: cellRef(0, row.sheet_row), actual: unit, data: { title: def.title, unit } });
          continue;
        }
        if (seen.has(unit)) continue; // a second row of the same unit (SII's own-figures row) is not compared
        seen.add(unit);
        const got = parse(row.values_json);
        for (const c of measured) {
          const a = got[c.key];
          const e = want.values[c.key] ?? 0;
          const bad = a === null || a === undefined ? e !== 0 : c.kind === 'area' ? Math.abs(a - e) > tolerance + 1e-9 : a !== e;
          if (!bad) continue;
          ctx.report({
            messageId: c.kind === 'area' ? 'area' : 'count',
            ...at,
            field: c.header,
            cell: cellRef(def.columns.indexOf(c), row.sheet_row),
            actual: a ?? null,
            expected: e,
            data: { title: def.title, unit, column: c.header.replaceAll('\n', ''), tolerance },
          });
        }
      }
      for (const [unit, want] of expected) {
        if (!seen.has(unit) && !delivered.some((d) => d.code === unit)) {
          ctx.report({ messageId: 'missingRow', file, table: def.title, keys: { 权属单位代码: unit }, expected: unit, data: { title: def.title, unit, name: want.name } });
        }
      }
    }
  },
};

/** The spreadsheet cell (`D10`) of a 0-based column and a 1-based row: where the user edits the value in Excel/WPS. */
export function cellRef(column: number, row: number): string {
  let letters = '';
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}
