import type { Rule } from '../../engine/types.js';
import { filled, eachRow, ident, live, refColumns, refOf, tableWith, value } from '../references/rows.js';

/**
 * 界址点号 KJZB of a plot lists its 界址点: every '/'-separated item is the JZDH of a JZD point whose DKBM list
 * names the plot. Set-based: the lists are split by a recursive CTE and each item anti-joined against JZD (its
 * JZDH is indexed automatically for the join). Whether the points lie on the plot is the spatial family's.
 */
export const rule: Rule = {
  meta: {
    id: 'plots/kjzb',
    group: 'logic',
    severity: 'error',
    title: { zh: '界址点号不是本地块的界址点', en: 'KJZB names a point that is not a boundary point of the plot' },
    messages: {
      unknown: { zh: '{table}.KJZB 中的界址点号 {actual} 在界址点图层中不是地块 {dkbm} 的界址点', en: '{table}.KJZB item {actual} is not a JZD boundary point of plot {dkbm}' },
    },
    spec: 'NY/T 2539-2016 表A.10 注f, 表A.11',
    basis: 'qc-rules.md INF-G1 (KJZB lists JZDH that exist); peer-catalog §4 item 12',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'DK', 'DKBM', 'KJZB');
    const j = tableWith(ctx.db, 'JZD', 'JZDH', 'DKBM');
    if (!t || !j) return;
    const sql = `WITH RECURSIVE items(rid, dkbm, item, rest) AS (
        SELECT t._rid, trim(t."DKBM"), '', replace(trim(CAST(t."KJZB" AS TEXT)), '，', ',') || '/' FROM ${ident(t.name)} t
          WHERE ${live()} AND ${filled('t."KJZB"')} AND ${filled('t."DKBM"')}
        UNION ALL
        SELECT rid, dkbm, trim(substr(rest, 1, instr(rest, '/') - 1)), substr(rest, instr(rest, '/') + 1) FROM items WHERE rest <> ''),
      bad AS (SELECT rid, dkbm, item FROM items i WHERE item <> ''
        AND NOT EXISTS (SELECT 1 FROM "JZD" j WHERE j."JZDH" = i.item AND ${live('j')} AND instr('/' || j."DKBM" || '/', '/' || i.dkbm || '/') > 0))
      SELECT ${refColumns(t)}, bad.item AS "_v", bad.dkbm AS "_dk" FROM bad JOIN ${ident(t.name)} t ON t._rid = bad.rid ORDER BY t._rid`;
    eachRow(ctx, sql, [], (row) => ctx.report({ messageId: 'unknown', ...refOf(t, row, 'KJZB'), actual: value(row._v), data: { dkbm: String(row._dk) } }));
  },
};
