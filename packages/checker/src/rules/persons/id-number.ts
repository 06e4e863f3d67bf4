import { validateIdNumber } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { col, eachRow, filled, ident, live, refColumns, refOf, tableWith, value } from '../references/rows.js';
import { ID_FIELDS, RESIDENT_ID_TYPE } from './id-types.js';

/**
 * When 证件类型 is 居民身份证 the number is a GB 11643 公民身份号码: 18 characters (legacy 15 flagged), valid region,
 * birth date not after the package year, MOD 11-2 check character. A failed check character is a warning (the
 * only public severity assignment, YuLinTu's, warns: 不符合身份证算法验证规范); a number that cannot be one is an error.
 */
export const rule: Rule = {
  meta: {
    id: 'persons/id-number',
    group: 'logic',
    severity: 'error',
    title: { zh: '身份证号码错误', en: 'Invalid ID card number' },
    messages: {
      invalid: { zh: '{table}.{field} 的值 {actual}：{reasonZh}', en: '{table}.{field} value {actual}: {reasonEn}' },
      legacy: { zh: '{table}.{field} 的值 {actual} 是旧版 15 位身份证号码，应换为 18 位', en: '{table}.{field} value {actual} is a legacy 15-digit ID number; use the 18-digit number' },
    },
    spec: 'GB 11643-1999; NY/T 2539-2016 表B.2–B.4, B.9 (证件类型 1 居民身份证)',
    basis: 'qc-rules.md INF-E3; official-rules.md §3 (YLT: 不符合身份证算法验证规范 = 警告); peer-catalog U-I01',
    fixedBy: '村组',
  },
  run(ctx) {
    const notAfter = /^\d{4}$/.test(ctx.info.year) ? `${ctx.info.year}-12-31` : undefined;
    for (const f of ID_FIELDS) {
      const t = tableWith(ctx.db, f.table, f.type, f.number);
      if (!t) continue;
      const sql = `SELECT ${refColumns(t)}, ${col('t', f.number)} AS "_v" FROM ${ident(t.name)} t
        WHERE ${live()} AND trim(CAST(${col('t', f.type)} AS TEXT)) = ? AND ${filled(col('t', f.number))} ORDER BY t._rid`;
      eachRow(ctx, sql, [RESIDENT_ID_TYPE], (row) => {
        const r = validateIdNumber(String(row._v).trim(), notAfter ? { notAfter } : {});
        if (r.ok && !r.parts.legacy) return;
        const at = refOf(t, row, f.number);
        if (!r.ok) {
          ctx.report({ messageId: 'invalid', ...at, actual: value(row._v), data: { reasonZh: r.reason.zh, reasonEn: r.reason.en }, ...(r.problem === 'checksum' ? { severity: 'warning' as const } : {}) });
        } else if (r.parts.legacy) {
          ctx.report({ messageId: 'legacy', ...at, actual: value(row._v), severity: 'warning' });
        }
      });
    }
  },
};
