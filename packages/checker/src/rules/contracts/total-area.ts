import type { Rule } from '../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../support/rows.js';
import { ident, live } from '../support/sql.js';

/**
 * 合同总面积 HTZMJ = Σ 合同面积 HTMJ of the contract's plots, within `tolerance` m² (each item is already rounded
 * to 0.01 m², so the sum of stored values is exact up to float noise; the option allows stricter or looser
 * local practice). Contracts without plots are references/orphans'.
 */
export const rule: Rule<{ tolerance: number }> = {
  meta: {
    id: 'contracts/total-area',
    group: 'area',
    severity: 'error',
    title: { zh: '合同总面积不等于地块合同面积之和', en: 'HTZMJ is not the sum of HTMJ' },
    messages: {
      mismatch: { zh: '{table}.HTZMJ 为 {actual} 平方米，但该合同地块的 HTMJ 之和为 {expected} 平方米', en: '{table}.HTZMJ is {actual} m² but the HTMJ of its plots sum to {expected} m²' },
    },
    spec: 'NY/T 2539-2016 表B.5 注',
    basis: 'qc-rules.md INF-E2, §4.1 (HTZMJ = 0 fixed "为了通过质检"); peer-catalog U-A07, §4 item 8',
    basisKind: 'standard',
    fixedBy: '县确权办',
    options: { tolerance: 0.01 },
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBHT', 'CBHTBM', 'HTZMJ');
    const p = tableWith(ctx.db, 'CBDKXX', 'CBHTBM', 'HTMJ');
    if (!t || !p) return;
    const tolerance = Number(ctx.options.tolerance) + 1e-9;
    const sql = `WITH s AS (SELECT p."CBHTBM" AS ht, sum(CAST(p."HTMJ" AS REAL)) AS total FROM "CBDKXX" p
        WHERE ${live('p')} AND typeof(p."HTMJ") IN ('integer', 'real') GROUP BY p."CBHTBM")
      SELECT ${refColumns(t)}, t."HTZMJ" AS "_v", round(s.total, 2) AS "_s" FROM ${ident(t.name)} t JOIN s ON s.ht = t."CBHTBM"
      WHERE ${live()} AND typeof(t."HTZMJ") IN ('integer', 'real') AND abs(t."HTZMJ" - s.total) > ? ORDER BY t._rid`;
    eachRow(ctx, sql, [tolerance], (row) => ctx.report({ messageId: 'mismatch', ...refOf(t, row, 'HTZMJ'), actual: value(row._v), expected: value(row._s) }));
  },
};
