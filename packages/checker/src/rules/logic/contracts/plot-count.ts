import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../../support/rows.js';
import { ident, live } from '../../support/sql.js';

/** 承包地块总数 CBDKZS (and 流转地块数 LZDKS) is the number of 承包地块信息 rows of the contract. One GROUP BY join each. */
export const rule: Rule = {
  meta: {
    id: 'contracts/plot-count',
    group: 'logic',
    severity: 'error',
    title: { zh: '承包地块总数与地块信息不符', en: 'CBDKZS does not match the plots' },
    messages: {
      mismatch: { zh: '{table}.{field} 为 {actual}，但 CBDKXX 中该合同有 {expected} 个地块', en: '{table}.{field} is {actual} but CBDKXX lists {expected} plots for the contract' },
    },
    spec: 'NY/T 2539-2016 表B.5',
    basis: 'qc-rules.md INF-E2; peer-catalog §4 item 8 (CBDKZS, LZDKS)',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    // 承包地块总数 of a contract, 流转地块数 LZDKS of a transfer contract (plots whose CBDKXX.LZHTBM names it)
    for (const c of [
      { table: 'CBHT', key: 'CBHTBM', count: 'CBDKZS', by: 'CBHTBM' },
      { table: 'LZHT', key: 'LZHTBM', count: 'LZDKS', by: 'LZHTBM' },
    ]) {
      const t = tableWith(ctx.db, c.table, c.key, c.count);
      const p = tableWith(ctx.db, 'CBDKXX', c.by);
      if (!t || !p) continue;
      const sql = `WITH n AS (SELECT p."${c.by}" AS k, count(*) AS n FROM "CBDKXX" p WHERE ${live('p')} AND p."${c.by}" IS NOT NULL GROUP BY p."${c.by}")
        SELECT ${refColumns(t)}, t."${c.count}" AS "_v", n.n AS "_n" FROM ${ident(t.name)} t JOIN n ON n.k = t."${c.key}"
        WHERE ${live()} AND typeof(t."${c.count}") IN ('integer', 'real') AND t."${c.count}" <> n.n ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) =>
        ctx.report({
          messageId: 'mismatch',
          ...refOf(t, row, c.count),
          actual: value(row._v),
          expected: value(row._n),
          trust: {
            zh: `承包地块信息 CBDKXX 中该合同有 ${row._n} 个地块，${c.count} 填 ${row._v}：地块信息齐全则将 ${c.count} 改为 ${row._n}；若漏录或多录了地块（核对合同原件的地块清单），改地块信息而不改 ${c.count}`,
            en: `CBDKXX lists ${row._n} plots for this contract, ${c.count} says ${row._v}: if the plot list is complete, set ${c.count} to ${row._n}; if a plot is missing or extra (check the plot list of the signed contract), correct the plot records, not ${c.count}`,
          },
        }),
      );
    }
  },
};
