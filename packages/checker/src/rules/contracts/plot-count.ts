import type { Rule } from '../../engine/types.js';
import { eachRow, ident, live, refColumns, refOf, tableWith, value } from '../references/rows.js';

/** 承包地块总数 CBDKZS is the number of 承包地块信息 rows of the contract. One GROUP BY join. */
export const rule: Rule = {
  meta: {
    id: 'contracts/plot-count',
    group: 'logic',
    severity: 'error',
    title: { zh: '承包地块总数与地块信息不符', en: 'CBDKZS does not match the plots' },
    messages: {
      mismatch: { zh: '{table}.CBDKZS 为 {actual}，但 CBDKXX 中该合同有 {expected} 个地块', en: '{table}.CBDKZS is {actual} but CBDKXX lists {expected} plots for the contract' },
    },
    spec: 'NY/T 2539-2016 表B.5',
    basis: 'qc-rules.md INF-E2; peer-catalog §4 item 8',
    fixedBy: '县确权办',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBHT', 'CBHTBM', 'CBDKZS');
    const p = tableWith(ctx.db, 'CBDKXX', 'CBHTBM');
    if (!t || !p) return;
    const sql = `WITH n AS (SELECT p."CBHTBM" AS ht, count(*) AS n FROM "CBDKXX" p WHERE ${live('p')} GROUP BY p."CBHTBM")
      SELECT ${refColumns(t)}, t."CBDKZS" AS "_v", n.n AS "_n" FROM ${ident(t.name)} t JOIN n ON n.ht = t."CBHTBM"
      WHERE ${live()} AND typeof(t."CBDKZS") IN ('integer', 'real') AND t."CBDKZS" <> n.n ORDER BY t._rid`;
    eachRow(ctx, sql, [], (row) => ctx.report({ messageId: 'mismatch', ...refOf(t, row, 'CBDKZS'), actual: value(row._v), expected: value(row._n) }));
  },
};
