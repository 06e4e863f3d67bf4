import { validatePhone } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../../support/rows.js';
import { filled, ident, live } from '../../support/sql.js';

/**
 * SQL: the value is certainly a good phone number — a mobile number's 11 digits as stored (validatePhone accepts
 * them): almost every value of a county, left in SQL instead of read into JS one by one.
 */
export function certainPhone(c: string): string {
  return `coalesce(${c} GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]', 0)`;
}

/** 联系电话 (optional) when filled is a mainland mobile or landline number (schema validatePhone). */
export const rule: Rule = {
  meta: {
    id: 'persons/phone',
    group: 'values',
    severity: 'error',
    title: { zh: '联系电话格式错误', en: 'Phone number malformed' },
    messages: {
      invalid: { zh: '{table}.{field} 的值 {actual}：{reasonZh}', en: '{table}.{field} value {actual}: {reasonEn}' },
    },
    spec: 'NY/T 2539-2016 表B.2, 表B.3 (联系电话)',
    basis: 'official-rules.md §3 (YLT: 联系电话不符合数字要求 = 错误); peer-catalog U-V01',
    basisKind: 'official-qc',
    fixedBy: '村组',
  },
  run(ctx) {
    for (const table of ['FBF', 'CBF']) {
      const t = tableWith(ctx.db, table, 'LXDH');
      if (!t) continue;
      const sql = `SELECT ${refColumns(t)}, t."LXDH" AS "_v" FROM ${ident(t.name)} t WHERE ${live()} AND NOT ${certainPhone('t."LXDH"')} AND ${filled('t."LXDH"')} ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) => {
        const r = validatePhone(String(row._v).trim());
        if (!r.ok) ctx.report({ messageId: 'invalid', ...refOf(t, row, 'LXDH'), actual: value(row._v), data: { reasonZh: r.reason.zh, reasonEn: r.reason.en } });
      });
    }
  },
};
