import type { Rule } from '../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../support/rows.js';
import { col, filled, ident, live } from '../support/sql.js';

/** Keys that identify one row each (NY/T 2539 key codes); a composite key lists several fields. */
const KEYS: readonly { table: string; fields: readonly string[] }[] = [
  { table: 'FBF', fields: ['FBFBM'] },
  { table: 'CBF', fields: ['CBFBM'] },
  { table: 'DK', fields: ['DKBM'] },
  { table: 'CBDKXX', fields: ['DKBM'] },
  { table: 'CBHT', fields: ['CBHTBM'] },
  { table: 'CBJYQZDJB', fields: ['CBJYQZBM'] },
  { table: 'CBJYQZDJB', fields: ['CBJYQZLSH'] },
  { table: 'CBJYQZ', fields: ['CBJYQZBM'] },
  { table: 'LZHT', fields: ['LZHTBM'] },
  { table: 'QSLYZLFJ', fields: ['ZLFJBH'] },
  { table: 'CBF_JTCY', fields: ['CBFBM', 'CYZJHM'] },
];

/**
 * Key codes are unique where the standard makes them keys. Every row after the first with the same key is
 * reported, naming the first occurrence, so the fix is on the duplicate. One GROUP BY per key.
 */
export const rule: Rule = {
  meta: {
    id: 'coding/unique',
    group: 'coding',
    severity: 'error',
    title: { zh: '编码重复', en: 'Duplicate key code' },
    messages: {
      duplicate: {
        zh: '{table}.{field} 的值 {actual} 重复，与第 {first} 条记录相同（共 {count} 条）',
        en: '{table}.{field} value {actual} is a duplicate of record {first} ({count} rows share it)',
      },
    },
    spec: 'NY/T 2539-2016 附录B (各表主键), NY/T 2538-2014',
    basis: 'peer-catalog §4 item 4, U-C10, U-C12; qc-rules.md INF-D2, INF-D3',
    basisKind: 'standard',
    fixedBy: '县确权办',
    cost: 1.1,
  },
  run(ctx) {
    for (const key of KEYS) {
      const t = tableWith(ctx.db, key.table, ...key.fields);
      if (!t) continue;
      const cols = key.fields.map((f) => col('t', f));
      const colsD = key.fields.map((f) => col('d', f));
      const sql = `WITH d AS (SELECT ${colsD.join(', ')}, min(d._rid) AS first_rid, count(*) AS n FROM ${ident(t.name)} d
          WHERE ${live('d')} AND ${key.fields.map((f) => filled(col('d', f))).join(' AND ')} GROUP BY ${colsD.join(', ')} HAVING count(*) > 1)
        SELECT ${refColumns(t)}, ${cols.map((c, i) => `${c} AS "_v${i}"`).join(', ')}, f._rec AS "_first", d.n AS "_n"
        FROM d JOIN ${ident(t.name)} t ON ${key.fields.map((f) => `${col('t', f)} = ${col('d', f)}`).join(' AND ')}
        JOIN ${ident(t.name)} f ON f._rid = d.first_rid
        WHERE ${live()} AND t._rid <> d.first_rid ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) => {
        const actual = key.fields.map((_, i) => String(row[`_v${i}`])).join('/');
        ctx.report({ messageId: 'duplicate', ...refOf(t, row, key.fields.join('/')), actual: value(actual), data: { first: row._first, count: row._n } });
      });
    }
  },
};
