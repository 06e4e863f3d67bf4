import { splitCodeList } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { filled, eachRow, ident, live, refColumns, refOf, tableWith } from '../references/rows.js';

/** Scratch copy of JZD's (JZDH, DKBM) with an index: the rule's store connection is read-only, its temp schema is not. */
const SCRATCH = 'temp."c2_kjzb_points"';

/**
 * 界址点号 KJZB of a plot lists its 界址点: every '/'-separated item is the JZDH of a JZD point whose DKBM list names
 * the plot. One copy of JZD's two columns into an indexed temporary table, then one pass over DK probing it (a
 * recursive-CTE split of 3M point lists costs minutes). Whether the points lie on the plot is the spatial family's.
 */
export const rule: Rule = {
  meta: {
    id: 'plots/kjzb',
    group: 'logic',
    severity: 'error',
    title: { zh: '界址点号不是本地块的界址点', en: 'KJZB names a point that is not a boundary point of the plot' },
    messages: {
      unknown: { zh: '{table}.KJZB 中的界址点号 {actual} 不在界址点图层中', en: '{table}.KJZB item {actual} is not a point of the JZD layer' },
      otherPlot: { zh: '{table}.KJZB 中的界址点 {actual} 不属于地块 {dkbm}（其 DKBM 为 {expected}）', en: '{table}.KJZB point {actual} does not belong to plot {dkbm} (its DKBM is {expected})' },
    },
    spec: 'NY/T 2539-2016 表A.10 注f, 表A.11',
    basis: 'qc-rules.md INF-G1 (KJZB lists JZDH that exist); peer-catalog §4 item 12',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'DK', 'DKBM', 'KJZB');
    const j = tableWith(ctx.db, 'JZD', 'JZDH', 'DKBM');
    if (!t || !j) return;
    ctx.db.exec(`DROP TABLE IF EXISTS ${SCRATCH}; CREATE TABLE ${SCRATCH} (jzdh TEXT, dkbm TEXT)`);
    try {
      ctx.db.exec(`INSERT INTO ${SCRATCH} SELECT trim(CAST("JZDH" AS TEXT)), "DKBM" FROM "JZD" WHERE _deleted = 0 AND ${filled('"JZDH"')};
        CREATE INDEX temp."c2_kjzb_points_jzdh" ON "c2_kjzb_points" (jzdh)`);
      const probe = ctx.db.prepare(`SELECT dkbm FROM ${SCRATCH} WHERE jzdh = ?`).pluck();
      const sql = `SELECT ${refColumns(t)}, t."DKBM" AS "_dk", t."KJZB" AS "_v" FROM ${ident(t.name)} t WHERE ${live()} AND ${filled('t."KJZB"')} AND ${filled('t."DKBM"')} ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) => {
        const dkbm = String(row._dk).trim();
        for (const item of splitCodeList(String(row._v)).map((s) => s.trim()).filter((s) => s !== '')) {
          const lists = probe.all(item) as (string | null)[];
          if (lists.length === 0) {
            ctx.report({ messageId: 'unknown', ...refOf(t, row, 'KJZB'), actual: item });
          } else if (!lists.some((l) => splitCodeList(l ?? '').some((d) => d.trim() === dkbm))) {
            ctx.report({ messageId: 'otherPlot', ...refOf(t, row, 'KJZB'), actual: item, expected: lists.join(';'), data: { dkbm } });
          }
        }
      });
    } finally {
      ctx.db.exec(`DROP TABLE IF EXISTS ${SCRATCH}`);
    }
  },
};
