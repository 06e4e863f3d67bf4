import { validateIdNumber } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRawRow, rowLocator, tableWith, value } from '../../support/rows.js';
import { col, filled, ident, live, sqlText } from '../../support/sql.js';
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
    basisKind: 'official-qc',
    fixedBy: '村组',
  },
  run(ctx) {
    const notAfter = /^\d{4}$/.test(ctx.info.year) ? `${ctx.info.year}-12-31` : undefined;
    for (const f of ID_FIELDS) {
      const t = tableWith(ctx.db, f.table, f.type, f.number);
      if (!t) continue;
      // values only, as paged arrays; a row is located only when it is reported (~630k ID numbers on a county)
      const sql = `SELECT t._rid, ${col('t', f.number)} FROM ${ident(t.name)} t
        WHERE ${live()} AND trim(CAST(${col('t', f.type)} AS TEXT)) = ${sqlText(RESIDENT_ID_TYPE)} AND ${filled(col('t', f.number))}`;
      const locate = rowLocator(ctx.db, t, f.number);
      eachRawRow(ctx, sql, ([rid, v]) => {
        const r = validateIdNumber(String(v).trim(), notAfter ? { notAfter } : {});
        if (r.ok && !r.parts.legacy) return;
        const at = locate(rid);
        if (!r.ok) {
          ctx.report({ messageId: 'invalid', ...at, actual: value(v), data: { reasonZh: r.reason.zh, reasonEn: r.reason.en }, ...(r.problem === 'checksum' ? { severity: 'warning' as const } : {}) });
        } else if (r.parts.legacy) {
          ctx.report({ messageId: 'legacy', ...at, actual: value(v), severity: 'warning' });
        }
      });
    }
  },
};
