import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../../support/rows.js';
import { col, ident, live } from '../../support/sql.js';

/** `table.field` must equal the first `length` characters of `table.of` (both well-formed, else coding/* reports). */
interface Agreement {
  readonly table: string;
  readonly field: string;
  readonly fieldLength: number;
  readonly of: string;
  readonly ofLength: number;
  readonly length: number;
}

const AGREEMENTS: readonly Agreement[] = [
  { table: 'CBDKXX', field: 'FBFBM', fieldLength: 14, of: 'CBFBM', ofLength: 18, length: 14 },
  { table: 'CBDKXX', field: 'FBFBM', fieldLength: 14, of: 'DKBM', ofLength: 19, length: 14 },
  { table: 'CBDKXX', field: 'CBFBM', fieldLength: 18, of: 'CBHTBM', ofLength: 19, length: 18 },
  { table: 'CBDKXX', field: 'CBHTBM', fieldLength: 19, of: 'CBJYQZBM', ofLength: 19, length: 19 },
  { table: 'CBHT', field: 'FBFBM', fieldLength: 14, of: 'CBFBM', ofLength: 18, length: 14 },
  { table: 'CBHT', field: 'CBFBM', fieldLength: 18, of: 'CBHTBM', ofLength: 19, length: 18 },
  { table: 'CBJYQZDJB', field: 'FBFBM', fieldLength: 14, of: 'CBFBM', ofLength: 18, length: 14 },
  { table: 'CBJYQZDJB', field: 'CBFBM', fieldLength: 18, of: 'CBJYQZBM', ofLength: 19, length: 18 },
];

/**
 * Codes of one row agree with each other (NY/T 2538 builds each code on the one above it): the plot's FBFBM is its
 * contractor's and its DKBM's prefix, the contract code extends the contractor code, CBHTBM = CBJYQZBM.
 */
export const rule: Rule = {
  meta: {
    id: 'references/prefix',
    group: 'logic',
    severity: 'error',
    title: { zh: '同一记录中的编码互不一致', en: 'Codes of one row disagree' },
    messages: {
      mismatch: {
        zh: '{table}.{field} 的值 {actual} 与 {of}（{ofValue}）的前 {length} 位 {expected} 不一致',
        en: '{table}.{field} value {actual} differs from the first {length} characters {expected} of {of} ({ofValue})',
      },
    },
    spec: 'NY/T 2538-2014; NY/T 2539-2016 表B.1, 表B.5, 表B.8',
    basis: 'qc-rules.md INF-D5, D-04; peer-catalog §4 items 3, 7',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    for (const a of AGREEMENTS) {
      const t = tableWith(ctx.db, a.table, a.field, a.of);
      if (!t) continue;
      const f = `trim(CAST(${col('t', a.field)} AS TEXT))`;
      const o = `trim(CAST(${col('t', a.of)} AS TEXT))`;
      const sql = `SELECT ${refColumns(t)}, ${f} AS "_v", ${o} AS "_o" FROM ${ident(t.name)} t
        WHERE ${live()} AND length(${f}) = ${a.fieldLength} AND length(${o}) = ${a.ofLength} AND ${f} <> substr(${o}, 1, ${a.length})
        ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) => {
        const ofValue = String(row._o);
        ctx.report({
          messageId: 'mismatch',
          ...refOf(t, row, a.field),
          actual: value(row._v),
          expected: ofValue.slice(0, a.length),
          data: { of: a.of, ofValue, length: a.length },
          trust: {
            zh: `${a.field}（${row._v}）与 ${a.of}（${ofValue}）的前 ${a.length} 位不同，两个编码至少一个有误：核对该记录所属的${a.field === 'FBFBM' ? '发包方' : '上级编码'}后改正错的一方（改 ${a.of} 时，引用它的记录一并改）`,
            en: `${a.field} (${row._v}) differs from the first ${a.length} characters of ${a.of} (${ofValue}), so one of the two codes is wrong: check which the record belongs to and correct the wrong one (when ${a.of} changes, so do the records that refer to it)`,
          },
        });
      });
    }
  },
};
