import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../../support/rows.js';
import { filled, ident, live } from '../../support/sql.js';

/**
 * One person belongs to one household: the same 证件号码 in two 承包方's member lists is reported on every row after
 * the first (a warning, as the only public assignment has it: 证件号码重复,存在于…). Duplicates inside one
 * household are coding/unique's.
 */
export const rule: Rule = {
  meta: {
    id: 'persons/duplicate-id',
    group: 'logic',
    severity: 'warning',
    title: { zh: '同一证件号码出现在多个承包方', en: 'Same ID number in several households' },
    messages: {
      duplicate: { zh: '{table}.CYZJHM {actual} 也是承包方 {other} 的家庭成员', en: '{table}.CYZJHM {actual} is also a member of contractor {other}' },
    },
    spec: 'NY/T 2539-2016 表B.4',
    basis: 'official-rules.md §3 (YLT 证件号码重复 = 警告); qc-rules.md INF-E3; peer-catalog U-I02, U-L03',
    basisKind: 'official-qc',
    fixedBy: '乡镇',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBF_JTCY', 'CBFBM', 'CYZJHM');
    if (!t) return;
    const sql = `WITH firsts AS (
        SELECT upper(trim(m."CYZJHM")) AS id, min(m."CBFBM") AS cbf FROM "CBF_JTCY" m
        WHERE ${live('m')} AND ${filled('m."CYZJHM"')} GROUP BY upper(trim(m."CYZJHM")) HAVING count(DISTINCT m."CBFBM") > 1)
      SELECT ${refColumns(t)}, t."CYZJHM" AS "_v", f.cbf AS "_other" FROM ${ident(t.name)} t JOIN firsts f ON f.id = upper(trim(t."CYZJHM"))
      WHERE ${live()} AND t."CBFBM" <> f.cbf ORDER BY t._rid`;
    eachRow(ctx, sql, [], (row) => {
      ctx.report({ messageId: 'duplicate', ...refOf(t, row, 'CYZJHM'), actual: value(row._v), other: String(row._other).trim(),
        data: { other: String(row._other).trim() },
        trust: {
          zh: `同一人只能是一户的成员：对照两户的户口簿和身份证，号码录错的一方改正号码；确属同一人的，从不应登记的一户删除该成员（并核对该户成员数）`,
          en: `a person belongs to one household only: check both households' 户口簿 and ID cards; correct the number on the side where it was mistyped, or, if it is the same person, remove them from the household they do not belong to (and recheck its member count)`,
        },
      });
    });
  },
};
