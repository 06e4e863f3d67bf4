import { validateCBJYQZLSH } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../support/rows.js';
import { col, filled, ident, live } from '../support/sql.js';

/** The 登记 programme began in 2009 (中央一号文件); a certificate year before it is a typing error. */
const FIRST_PLAUSIBLE_YEAR = 2009;

/**
 * 承包经营权证流水号: `苏（2015）涟水县农村土地承包经营权证第000001号`, the province abbreviation of the package's
 * county, its county name, and a year not after the package year.
 */
export const rule: Rule = {
  meta: {
    id: 'coding/lsh',
    group: 'coding',
    severity: 'error',
    title: { zh: '权证流水号格式错误', en: 'Certificate serial (CBJYQZLSH) malformed' },
    messages: {
      invalid: { zh: '{table}.{field} 的值 {actual} 不符合规则：{reasonZh}', en: '{table}.{field} value {actual}: {reasonEn}' },
      year: {
        zh: '{table}.{field} 的值 {actual} 中的年份 {year} 不合理（应在 {min}–{max} 之间）',
        en: '{table}.{field} value {actual} has implausible year {year} (expected {min}–{max})',
      },
    },
    spec: 'NY/T 2539-2016 表B.8 注c',
    basis: 'qc-rules.md INF-C2; peer-catalog U-C09, §4 item 21',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBJYQZDJB', 'CBJYQZLSH');
    if (!t) return;
    const expect = { ...(ctx.info.county ? { county: ctx.info.county } : {}), ...(ctx.info.countyName ? { countyName: ctx.info.countyName } : {}) };
    const maxYear = Number(ctx.info.year) || new Date().getUTCFullYear();
    const sql = `SELECT ${refColumns(t)}, ${col('t', 'CBJYQZLSH')} AS "_v" FROM ${ident(t.name)} t WHERE ${live()} AND ${filled(col('t', 'CBJYQZLSH'))} ORDER BY t._rid`;
    eachRow(ctx, sql, [], (row) => {
      const v = String(row._v).trim();
      const r = validateCBJYQZLSH(v, expect);
      if (!r.ok) {
        ctx.report({ messageId: 'invalid', ...refOf(t, row, 'CBJYQZLSH'), actual: value(row._v), data: { reasonZh: r.reason.zh, reasonEn: r.reason.en } });
        return;
      }
      const year = Number(r.parts.year);
      if (year < FIRST_PLAUSIBLE_YEAR || year > maxYear) {
        ctx.report({ messageId: 'year', ...refOf(t, row, 'CBJYQZLSH'), actual: v, data: { year, min: FIRST_PLAUSIBLE_YEAR, max: maxYear } });
      }
    });
  },
};
