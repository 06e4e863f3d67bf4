import { cellRef } from './tables.js';
import { padUnitCode, unitCodePrefix } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { hasStoreTable } from '../../store/facts.js';
import { UNIT_CODE_TABLE_ID } from '../../store/schema.js';
import { derivedUnits } from '../../store/summary-expected.js';
import { deliveredFile } from './tables.js';

/**
 * The 权属单位代码表 lists the county and every 乡/村/组 that has a 发包方, each once (package-layout.md §5): a
 * unit a 发包方 needs is missing (error), a listed code is malformed or repeated (error), a listed unit has no
 * 发包方 at or below it (warning: a unit without contracts may be listed on purpose).
 */
export const rule: Rule = {
  meta: {
    id: 'summary/unit-code-table',
    group: 'summary',
    severity: 'error',
    title: { zh: '权属单位代码表与发包方不一致', en: 'Unit code table disagrees with the FBF' },
    messages: {
      missing: { zh: '权属单位代码表缺少单位 {expected}（发包方编码据此推出）', en: 'the unit code table lacks unit {expected} (implied by the FBFBM codes)' },
      malformed: { zh: '权属单位代码表第 {record} 行的代码 {actual} 不是 14 位的权属单位代码', en: 'unit code table row {record}: {actual} is not a 14-digit unit code' },
      duplicate: { zh: '权属单位代码表第 {record} 行的代码 {actual} 重复', en: 'unit code table row {record}: code {actual} is repeated' },
      empty: { zh: '权属单位代码表（{file}）没有任何数据行，而发包方编码推出 {expected} 个权属单位：表格为空或已损坏', en: 'the unit code table ({file}) has no data row while the FBFBM codes imply {expected} units: the table is empty or damaged' },
      unused: { zh: '权属单位代码表第 {record} 行的单位 {actual} 下没有发包方', en: 'unit code table row {record}: unit {actual} has no 发包方' },
    },
    spec: 'NY/T 2539-2016 §7.3; package-layout.md §5',
    basis: 'qc-rules.md A-04, D-04, INF-I1; peer-catalog U-X09, §4 item 23',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    if (!hasStoreTable(ctx.db, 'xls_rows')) return;
    const rows = ctx.db.prepare(`SELECT file, sheet_row, trim(unit_code) AS code FROM xls_rows WHERE table_id = ? ORDER BY sheet_row`).all(UNIT_CODE_TABLE_ID) as { file: string; sheet_row: number; code: string | null }[];
    const expected = derivedUnits(ctx.db);
    if (rows.length === 0) {
      const read = deliveredFile(ctx.db, UNIT_CODE_TABLE_ID);
      if (read !== undefined && expected.length > 0) ctx.report({ messageId: 'empty', file: read, table: '权属单位代码表', expected: expected.length });
      return;
    }
    const file = rows[0].file;
    const want = new Set(expected);
    const listed = new Set<string>();
    for (const r of rows) {
      const code = r.code ?? '';
      const at = { file, table: '权属单位代码表', record: r.sheet_row, cell: cellRef(0, r.sheet_row), keys: { 权属单位代码: code } };
      const prefix = code.length === 14 ? unitCodePrefix(code) : undefined;
      if (!prefix) {
        ctx.report({ messageId: 'malformed', ...at, actual: code });
        continue;
      }
      const padded = padUnitCode(prefix);
      if (listed.has(padded)) {
        ctx.report({ messageId: 'duplicate', ...at, actual: code });
        continue;
      }
      listed.add(padded);
      if (want.size > 0 && !want.has(padded)) ctx.report({ messageId: 'unused', ...at, actual: code, severity: 'warning' });
    }
    for (const code of expected) if (!listed.has(code)) ctx.report({ messageId: 'missing', file, table: '权属单位代码表', keys: { 权属单位代码: code }, expected: code });
  },
};
