import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../../support/rows.js';
import { ident, live } from '../../support/sql.js';
import { sqlDate, sqlInOrder } from './dates.js';

/**
 * One link of the 确权 timeline: `later` (on the reported row) must come after `earlier` (same row, or a joined
 * row), strictly or not. The join says how the earlier row is found.
 */
interface Link {
  readonly table: string;
  readonly later: string;
  readonly from: string;
  readonly earlier: string;
  /** join `from` rows (alias e) to the reported row (alias t) */
  readonly on?: string;
  readonly strict: boolean;
}

/**
 * 调查 < 公示审核 < 签订 < 登记 ≤ 发证 ≤ 领取; 流转 start < end; 补发/换发 not before the first issue and collected
 * after it; 注销 not before registration. Each link is reported on the later event's row.
 */
const LINKS: readonly Link[] = [
  { table: 'CBF', later: 'GSSHRQ', from: 'CBF', earlier: 'CBFDCRQ', strict: true },
  { table: 'CBHT', later: 'QDSJ', from: 'CBF', earlier: 'GSSHRQ', on: 'e."CBFBM" = t."CBFBM"', strict: true },
  { table: 'CBJYQZDJB', later: 'DJSJ', from: 'CBHT', earlier: 'QDSJ', on: 'e."CBHTBM" = t."CBJYQZBM"', strict: true },
  { table: 'CBJYQZ', later: 'FZRQ', from: 'CBJYQZDJB', earlier: 'DJSJ', on: 'e."CBJYQZBM" = t."CBJYQZBM"', strict: false },
  { table: 'CBJYQZ', later: 'QZLQRQ', from: 'CBJYQZ', earlier: 'FZRQ', strict: false },
  { table: 'LZHT', later: 'LZQXJSRQ', from: 'LZHT', earlier: 'LZQXKSRQ', strict: true },
  { table: 'CBJYQZ_QZBF', later: 'BFRQ', from: 'CBJYQZ', earlier: 'FZRQ', on: 'e."CBJYQZBM" = t."CBJYQZBM"', strict: false },
  { table: 'CBJYQZ_QZBF', later: 'QZBFLQRQ', from: 'CBJYQZ_QZBF', earlier: 'BFRQ', strict: false },
  { table: 'CBJYQZ_QZHF', later: 'HFRQ', from: 'CBJYQZ', earlier: 'FZRQ', on: 'e."CBJYQZBM" = t."CBJYQZBM"', strict: false },
  { table: 'CBJYQZ_QZHF', later: 'QZHFLQRQ', from: 'CBJYQZ_QZHF', earlier: 'HFRQ', strict: false },
  { table: 'CBJYQZ_QZZX', later: 'ZXRQ', from: 'CBJYQZDJB', earlier: 'DJSJ', on: 'e."CBJYQZBM" = t."CBJYQZBM"', strict: false },
];

export const rule: Rule = {
  meta: {
    id: 'contracts/date-chain',
    group: 'logic',
    severity: 'error',
    title: { zh: '日期先后顺序错误', en: 'Dates out of order' },
    messages: {
      before: { zh: '{table}.{field} {actual} 应晚于 {from}.{earlier} {expected}', en: '{table}.{field} {actual} should be after {from}.{earlier} {expected}' },
      beforeOrSame: { zh: '{table}.{field} {actual} 不应早于 {from}.{earlier} {expected}', en: '{table}.{field} {actual} should not be before {from}.{earlier} {expected}' },
    },
    spec: 'NY/T 2539-2016 表B.3, B.5, B.6, B.8, B.9',
    basis: 'qc-rules.md E-02, E-03, E-04 (vendors fixed these "为了通过质检"); peer-catalog U-D01, U-D08–U-D11, §4 item 20',
    basisKind: 'standard',
    fixedBy: '县确权办',
    cost: 1.2,
  },
  run(ctx) {
    for (const l of LINKS) {
      const t = tableWith(ctx.db, l.table, l.later);
      const e = tableWith(ctx.db, l.from, l.earlier);
      if (!t || !e) continue;
      const joinFields = [...(l.on ?? '').matchAll(/t\."(\w+)"/g)].map((m) => m[1]);
      if (!joinFields.every((f) => t.present.has(f))) continue;
      const earlierColumn = l.on ? `e."${l.earlier}"` : `t."${l.earlier}"`;
      const later = sqlDate(`t."${l.later}"`);
      const earlierExpr = sqlDate(earlierColumn);
      const cmp = l.strict ? '<=' : '<';
      const source = l.on ? `${ident(t.name)} t JOIN ${ident(e.name)} e ON ${l.on} AND ${live('e')}` : `${ident(t.name)} t, (SELECT 1) x`;
      // rows without both dates, or with both plain and in order, are settled before sqlDate is worked out
      const settled = `t."${l.later}" IS NULL OR ${earlierColumn} IS NULL OR ${sqlInOrder(`t."${l.later}"`, earlierColumn, l.strict)}`;
      const sql = `SELECT ${refColumns(t)}, ${later} AS "_v", ${earlierExpr} AS "_e" FROM ${source}
        WHERE ${live()} AND NOT (${settled}) AND ${later} IS NOT NULL AND ${earlierExpr} IS NOT NULL AND ${later} ${cmp} ${earlierExpr} ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) =>
        ctx.report({
          messageId: l.strict ? 'before' : 'beforeOrSame',
          ...refOf(t, row, l.later),
          actual: value(row._v),
          expected: value(row._e),
          data: { from: l.from, earlier: l.earlier },
          trust: {
            zh: `${l.from}.${l.earlier}（${row._e}）与 ${l.table}.${l.later}（${row._v}）先后颠倒，至少一个日期录错：按原始材料核对两者，改正错的一方，不要把一方改成另一方的日期`,
            en: `${l.from}.${l.earlier} (${row._e}) and ${l.table}.${l.later} (${row._v}) are in the wrong order, so at least one is wrong: check both against the source documents and correct the wrong one; do not copy one date over the other`,
          },
        }),
      );
    }
  },
};
