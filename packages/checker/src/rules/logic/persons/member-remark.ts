import { getCodeTable } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../../support/rows.js';
import { filled, ident, live } from '../../support/sql.js';

const code = (table: 'C.18' | 'C.19', name: string): string | undefined => getCodeTable(table)?.codes.find((c) => c.name === name)?.code;
/** 成员备注 去世 (表C.18), 是否 是 (表C.19), 成员备注 其他备注 (needs 成员备注说明). */
const DECEASED = code('C.18', '去世');
const YES = code('C.19', '是');
const OTHER = code('C.18', '其他备注');

/**
 * 成员备注 agrees with the rest of the row: a member marked 去世 is not a 共有人 of the new contract, and 其他备注
 * comes with its 成员备注说明.
 */
export const rule: Rule = {
  meta: {
    id: 'persons/member-remark',
    group: 'logic',
    severity: 'warning',
    title: { zh: '成员备注与其他字段矛盾', en: 'Member remark contradicts the row' },
    messages: {
      deceasedOwner: { zh: '{table} 成员 {name} 备注为去世，却是共有人（SFGYR={actual}）', en: '{table}: member {name} is marked deceased but is a co-owner (SFGYR={actual})' },
      otherNoText: { zh: '{table} 成员 {name} 备注为其他备注，但成员备注说明 CYBZSM 为空', en: '{table}: member {name} has remark 其他备注 but CYBZSM is empty' },
    },
    spec: 'NY/T 2539-2016 表B.4, 表C.18',
    basis: 'brief (成员备注 consistency); qc-rules.md §4.3 (共有人 not marked)',
    basisKind: 'inference',
    fixedBy: '村组',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBF_JTCY', 'CYBZ');
    if (!t) return;
    const name = t.present.has('CYXM') ? 't."CYXM"' : "''";
    if (DECEASED && YES && t.present.has('SFGYR')) {
      const sql = `SELECT ${refColumns(t)}, ${name} AS "_name", t."SFGYR" AS "_v" FROM ${ident(t.name)} t
        WHERE ${live()} AND trim(CAST(t."CYBZ" AS TEXT)) = ? AND trim(CAST(t."SFGYR" AS TEXT)) = ? ORDER BY t._rid`;
      eachRow(ctx, sql, [DECEASED, YES], (row) => ctx.report({
          messageId: 'deceasedOwner',
          ...refOf(t, row, 'SFGYR'),
          actual: value(row._v),
          data: { name: String(row._name ?? '') },
          trust: {
            zh: '以户口簿或死亡证明为准：成员确已去世，把 SFGYR 改为否；成员在世，改正成员备注 CYBZ',
            en: 'the 户口簿 or death certificate decides: if the member has died, set SFGYR to no; if alive, correct the remark CYBZ',
          },
        }));
    }
    if (OTHER && t.present.has('CYBZSM')) {
      const sql = `SELECT ${refColumns(t)}, ${name} AS "_name" FROM ${ident(t.name)} t
        WHERE ${live()} AND trim(CAST(t."CYBZ" AS TEXT)) = ? AND NOT ${filled('t."CYBZSM"')} ORDER BY t._rid`;
      eachRow(ctx, sql, [OTHER], (row) => ctx.report({ messageId: 'otherNoText', ...refOf(t, row, 'CYBZSM'), data: { name: String(row._name ?? '') } }));
    }
  },
};
