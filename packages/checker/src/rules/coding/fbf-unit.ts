import { unitCodePrefix } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { hasStoreTable } from '../../store/facts.js';
import { UNIT_CODE_TABLE_ID } from '../../store/schema.js';
import { eachRow, refColumns, refOf, tableWith } from '../support/rows.js';
import { col, filled, ident, live } from '../support/sql.js';

/** The region layer (and its code field) that holds a unit of each code length (表2; 区域代码 9/12/14 digits). */
const REGION_LAYERS: Readonly<Record<number, { layer: string; field: string }>> = {
  9: { layer: 'XJQY', field: 'XJQYDM' },
  12: { layer: 'CJQY', field: 'CJQYDM' },
  14: { layer: 'ZJQY', field: 'ZJQYDM' },
};

/**
 * Every 发包方 is a listed 权属单位 (权属单位代码表) and, where the region layers were delivered, a region of
 * its level (组级发包方 ↔ ZJQY, 村级 ↔ CJQY, 乡级 ↔ XJQY).
 */
export const rule: Rule = {
  meta: {
    id: 'coding/fbf-unit',
    group: 'coding',
    severity: 'error',
    title: { zh: '发包方不在权属单位代码表或区域图层中', en: 'FBF missing from the unit code table or region layers' },
    messages: {
      notInUnitTable: { zh: '{table}.{field} 的值 {actual} 不在权属单位代码表中', en: '{table}.{field} value {actual} is not listed in the 权属单位代码表' },
      notInRegion: {
        zh: '{table}.{field} 的值 {actual} 在区域图层 {layer} 中没有代码为 {expected} 的区域',
        en: '{table}.{field} value {actual}: region layer {layer} has no region coded {expected}',
      },
    },
    spec: 'NY/T 2539-2016 表2, 7.3 (权属单位代码表); NY/T 2538-2014',
    basis: 'qc-rules.md D-04, INF-D1, INF-I1; peer-catalog U-C06, U-X09',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'FBF', 'FBFBM');
    if (!t) return;
    const units = new Set<string>();
    if (hasStoreTable(ctx.db, 'xls_rows')) {
      for (const r of ctx.db.prepare(`SELECT unit_code FROM xls_rows WHERE table_id = ?`).all(UNIT_CODE_TABLE_ID) as { unit_code: string | null }[]) {
        const p = unitCodePrefix(String(r.unit_code ?? '').trim());
        if (p) units.add(p);
      }
    }
    const regions = new Map<number, Set<string>>();
    for (const [len, { layer, field }] of Object.entries(REGION_LAYERS)) {
      const rt = tableWith(ctx.db, layer, field);
      if (!rt) continue;
      const codes = ctx.db.prepare(`SELECT DISTINCT trim(CAST(${ident(field)} AS TEXT)) AS c FROM ${ident(layer)} WHERE _deleted = 0`).all() as { c: string | null }[];
      if (codes.length > 0) regions.set(Number(len), new Set(codes.map((c) => c.c ?? '')));
    }
    const sql = `SELECT ${refColumns(t)}, ${col('t', 'FBFBM')} AS "_v" FROM ${ident(t.name)} t WHERE ${live()} AND ${filled(col('t', 'FBFBM'))} ORDER BY t._rid`;
    eachRow(ctx, sql, [], (row) => {
      const code = String(row._v).trim();
      const prefix = unitCodePrefix(code);
      if (code.length !== 14 || !prefix) return; // malformed: coding/fbfbm
      const at = refOf(t, row, 'FBFBM');
      if (units.size > 0 && !units.has(prefix)) ctx.report({ messageId: 'notInUnitTable', ...at, actual: code });
      const region = regions.get(prefix.length);
      if (region && !region.has(prefix)) ctx.report({ messageId: 'notInRegion', ...at, actual: code, expected: prefix, data: { layer: REGION_LAYERS[prefix.length].layer } });
    });
  },
};
