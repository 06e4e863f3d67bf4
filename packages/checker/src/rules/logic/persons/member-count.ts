import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, storeTable, tableWith, value } from '../../support/rows.js';
import { ident, live } from '../../support/sql.js';
import { HOUSEHOLD_TYPE } from './id-types.js';

/**
 * 承包方成员数量 CBFCYSL: the number of 家庭成员 rows for a 农户 (who must have members), 1 for 个人 and 单位
 * (表B.3 注b). One GROUP BY join.
 */
export const rule: Rule = {
  meta: {
    id: 'persons/member-count',
    group: 'logic',
    severity: 'error',
    title: { zh: '承包方成员数量不符', en: 'CBFCYSL does not match the members' },
    messages: {
      noMembers: { zh: '农户承包方 {cbfbm} 在 CBF_JTCY 中没有家庭成员', en: 'household contractor {cbfbm} has no members in CBF_JTCY' },
      household: { zh: '{table}.CBFCYSL 为 {actual}，但 CBF_JTCY 中有 {expected} 名成员', en: '{table}.CBFCYSL is {actual} but CBF_JTCY lists {expected} members' },
      single: { zh: '{table}.CBFCYSL 为 {actual}，个人或单位承包方应为 1', en: '{table}.CBFCYSL is {actual}; it is 1 for an individual or organisation' },
    },
    spec: 'NY/T 2539-2016 表B.3 注b, 表B.4',
    basis: 'qc-rules.md INF-E2; peer-catalog U-L01, U-L02, §4 item 8',
    basisKind: 'standard',
    fixedBy: '村组',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBF', 'CBFBM', 'CBFLX', 'CBFCYSL');
    if (!t) return;
    const members = storeTable(ctx.db, 'CBF_JTCY');
    const counted = members?.present.has('CBFBM');
    const sql = counted
      ? `WITH m AS (SELECT m."CBFBM" AS cbf, count(*) AS n FROM "CBF_JTCY" m WHERE ${live('m')} GROUP BY m."CBFBM")
        SELECT ${refColumns(t)}, t."CBFBM" AS "_cbf", trim(CAST(t."CBFLX" AS TEXT)) AS "_type", t."CBFCYSL" AS "_n", coalesce(m.n, 0) AS "_m"
        FROM ${ident(t.name)} t LEFT JOIN m ON m.cbf = t."CBFBM" WHERE ${live()} ORDER BY t._rid`
      : `SELECT ${refColumns(t)}, t."CBFBM" AS "_cbf", trim(CAST(t."CBFLX" AS TEXT)) AS "_type", t."CBFCYSL" AS "_n", NULL AS "_m" FROM ${ident(t.name)} t WHERE ${live()} ORDER BY t._rid`;
    eachRow(ctx, sql, [], (row) => {
      const n = row._n === null || row._n === '' ? null : Number(row._n);
      const at = refOf(t, row, 'CBFCYSL');
      if (row._type === HOUSEHOLD_TYPE) {
        if (row._m === null) return;
        const m = Number(row._m);
        if (m === 0) ctx.report({ messageId: 'noMembers', ...at, data: { cbfbm: String(row._cbf ?? '').trim() } });
        else if (n !== null && Number.isFinite(n) && n !== m) {
          ctx.report({
            messageId: 'household',
            ...at,
            actual: value(row._n),
            expected: m,
            trust: {
              zh: `家庭成员表 CBF_JTCY 列出 ${m} 人，CBFCYSL 填 ${value(row._n)}：成员表齐全则将 CBFCYSL 改为 ${m}；若漏录或多录了成员（核对户口簿与公示材料），改成员表而不改 CBFCYSL`,
              en: `CBF_JTCY lists ${m} members, CBFCYSL says ${value(row._n)}: if the member list is complete, set CBFCYSL to ${m}; if a member is missing or extra (check the household register and the public notice), correct the member list, not CBFCYSL`,
            },
          });
        }
      } else if (row._type !== '' && n !== null && Number.isFinite(n) && n !== 1) {
        ctx.report({ messageId: 'single', ...at, actual: value(row._n), expected: 1 });
      }
    });
  },
};
