import type { Rule } from '../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../support/rows.js';
import { ident, live } from '../support/sql.js';
import { HEAD_RELATIONS, HOUSEHOLD_TYPE, sqlList } from './id-types.js';

/**
 * A 农户 has exactly one 户主 (与户主关系 本人/户主), and the 承包方 is that person: CBFMC = the head's CYXM and
 * CBFZJHM = the head's CYZJHM. Households without members are persons/member-count's.
 */
export const rule: Rule = {
  meta: {
    id: 'persons/household-head',
    group: 'logic',
    severity: 'error',
    title: { zh: '户主不唯一或与承包方不符', en: 'Household head missing, repeated or not the contractor' },
    messages: {
      noHead: { zh: '农户 {cbfbm} 的家庭成员中没有户主（与户主关系 {codes}）', en: 'household {cbfbm} has no head among its members (relation {codes})' },
      manyHeads: { zh: '农户 {cbfbm} 有 {actual} 名户主，应只有 1 名', en: 'household {cbfbm} has {actual} heads; it must have exactly one' },
      name: { zh: '{table}.CBFMC 为 {actual}，但户主姓名为 {expected}', en: '{table}.CBFMC is {actual} but the head of household is {expected}' },
      id: { zh: '{table}.CBFZJHM 为 {actual}，但户主证件号码为 {expected}', en: '{table}.CBFZJHM is {actual} but the head\'s ID number is {expected}' },
    },
    spec: 'NY/T 2539-2016 表B.3, 表B.4; GB/T 4761',
    basis: 'qc-rules.md E-06, INF-E3; official-rules.md §3; peer-catalog U-L04, U-L08',
    basisKind: 'official-qc',
    fixedBy: '村组',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBF', 'CBFBM', 'CBFLX');
    const m = tableWith(ctx.db, 'CBF_JTCY', 'CBFBM', 'YHZGX');
    if (!t || !m || HEAD_RELATIONS.length === 0) return;
    const isHead = `trim(CAST(m."YHZGX" AS TEXT)) IN (${sqlList(HEAD_RELATIONS)})`;
    const has = (f: string) => m.present.has(f);
    const sql = `WITH heads AS (
        SELECT m."CBFBM" AS cbfbm, count(*) AS n, min(${has('CYXM') ? 'm."CYXM"' : 'NULL'}) AS name, min(${has('CYZJHM') ? 'm."CYZJHM"' : 'NULL'}) AS id
        FROM "CBF_JTCY" m WHERE ${live('m')} AND ${isHead} GROUP BY m."CBFBM"),
      households AS (SELECT DISTINCT m."CBFBM" AS cbfbm FROM "CBF_JTCY" m WHERE ${live('m')})
      SELECT ${refColumns(t)}, t."CBFBM" AS "_cbf", ${t.present.has('CBFMC') ? 't."CBFMC"' : 'NULL'} AS "_mc", ${t.present.has('CBFZJHM') ? 't."CBFZJHM"' : 'NULL'} AS "_zj",
        coalesce(h.n, 0) AS "_heads", h.name AS "_name", h.id AS "_id"
      FROM ${ident(t.name)} t JOIN households hh ON hh.cbfbm = t."CBFBM" LEFT JOIN heads h ON h.cbfbm = t."CBFBM"
      WHERE ${live()} AND trim(CAST(t."CBFLX" AS TEXT)) = ? ORDER BY t._rid`;
    eachRow(ctx, sql, [HOUSEHOLD_TYPE], (row) => {
      const cbfbm = String(row._cbf).trim();
      const heads = Number(row._heads);
      if (heads === 0) {
        ctx.report({ messageId: 'noHead', ...refOf(t, row, 'CBFBM'), data: { cbfbm, codes: HEAD_RELATIONS.join('/') } });
        return;
      }
      if (heads > 1) {
        ctx.report({ messageId: 'manyHeads', ...refOf(t, row, 'CBFBM'), actual: heads, data: { cbfbm } });
        return;
      }
      const trim = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
      if (has('CYXM') && t.present.has('CBFMC') && trim(row._name) !== '' && trim(row._mc) !== trim(row._name)) {
        ctx.report({ messageId: 'name', ...refOf(t, row, 'CBFMC'), actual: value(row._mc), expected: trim(row._name) });
      }
      if (has('CYZJHM') && t.present.has('CBFZJHM') && trim(row._id) !== '' && trim(row._zj).toUpperCase() !== trim(row._id).toUpperCase()) {
        ctx.report({ messageId: 'id', ...refOf(t, row, 'CBFZJHM'), actual: value(row._zj), expected: trim(row._id) });
      }
    });
  },
};
