import { CODE_LIST_SEPARATOR, splitCodeList } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRawRow, rowLocator, tableWith } from '../../support/rows.js';
import { filled, ident, live } from '../../support/sql.js';

/**
 * 界址点号 KJZB of a plot lists its 界址点: every '/'-separated item is the JZDH of a JZD point whose DKBM list names
 * the plot. One pass over JZD into a JZDH → DKBM-lists map (~0.2 KB a point), then one pass over DK probing it: a
 * per-item SQL probe of an indexed temp table, or a recursive-CTE split of the point lists, does a statement's work
 * per item over millions of items. Whether the points lie on the plot is the spatial family's.
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
    basisKind: 'standard',
    fixedBy: '测绘单位',
    cost: 7,
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'DK', 'DKBM', 'KJZB');
    const j = tableWith(ctx.db, 'JZD', 'JZDH', 'DKBM');
    if (!t || !j) return;
    // DKBM lists of the points named JZDH; a JZDH on several rows keeps each list, NUL-separated
    const points = new Map<string, string>();
    const jzd = `SELECT t._rid, trim(CAST(t."JZDH" AS TEXT)), t."DKBM" FROM "JZD" t WHERE ${live()} AND ${filled('t."JZDH"')}`;
    eachRawRow(ctx, jzd, ([, h, d]) => {
      const list = d === null ? '' : String(d);
      const seen = points.get(h as string);
      points.set(h as string, seen === undefined ? list : `${seen}\u0000${list}`);
    });
    const sql = `SELECT t._rid, t."DKBM", t."KJZB" FROM ${ident(t.name)} t WHERE ${live()} AND ${filled('t."KJZB"')} AND ${filled('t."DKBM"')}`;
    // a row's location is read back only when it is reported
    const at = rowLocator(ctx.db, t, 'KJZB');
    eachRawRow(ctx, sql, ([rid, dk, kjzb]) => {
      const dkbm = String(dk).trim();
      for (const item of splitCodeList(String(kjzb)).map((s) => s.trim()).filter((s) => s !== '')) {
        const found = points.get(item);
        if (found === undefined) {
          ctx.report({ messageId: 'unknown', ...at(rid), actual: item });
        } else {
          const named = found.includes('\u0000') ? found.split('\u0000').some((l) => listNames(l, dkbm)) : listNames(found, dkbm);
          if (!named) {
            const owner = found.split('\u0000').join(';');
            ctx.report({
              messageId: 'otherPlot',
              ...at(rid),
              actual: item,
              expected: owner,
              data: { dkbm },
              trust: {
                zh: `界址点图层中点 ${item} 属于地块 ${owner}，不属于 ${dkbm}：若 KJZB 写错了点号，按本地块的界址点改正 KJZB；若该点的 DKBM 记错了，改界址点图层；不要把 ${owner} 填入本地块`,
                en: `in the JZD layer point ${item} belongs to plot ${owner}, not ${dkbm}: if KJZB names the wrong point, correct KJZB from this plot's boundary points; if the point's DKBM is wrong, correct the JZD layer; do not write ${owner} into this plot`,
              },
            });
          }
        }
      }
    });
  },
};

/**
 * Whether a '/'-separated code list names `code` as one of its (trimmed) items — what splitting the list and
 * comparing each item says, without the split: ~3.8M lists on a county, each named by a plot.
 */
export function listNames(list: string, code: string): boolean {
  if (code === '') return false;
  for (let k = list.indexOf(code); k >= 0; k = list.indexOf(code, k + 1)) {
    let a = k - 1;
    while (a >= 0 && isBlank(list[a])) a--;
    let b = k + code.length;
    while (b < list.length && isBlank(list[b])) b++;
    if ((a < 0 || list[a] === CODE_LIST_SEPARATOR) && (b >= list.length || list[b] === CODE_LIST_SEPARATOR)) return true;
  }
  return false;
}

/** Characters String#trim removes. */
function isBlank(ch: string): boolean {
  return ch.trim() === '';
}
