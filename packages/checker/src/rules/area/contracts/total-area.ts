import { formatMessage, MU_ROUNDING_TOLERANCE, toMu, type Localized } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../../support/rows.js';
import { ident, live } from '../../support/sql.js';

/** Which side to correct, judged by the third value on the record: the total's own 亩 value HTZMJM. */
const trust = {
  total: {
    zh: 'HTZMJM {mu} 亩与地块 HTMJ 之和折亩（{sumMu} 亩）一致：错在 HTZMJ，将其改为 {sum}',
    en: 'HTZMJM {mu} mu matches the plots\' HTMJ sum in mu ({sumMu}): HTZMJ is the wrong side; set it to {sum}',
  },
  plots: {
    zh: 'HTZMJ 与其亩数 HTZMJM {mu} 亩一致，而地块 HTMJ 之和不同：可能漏录了地块或某块 HTMJ 有误，先核对该合同的地块记录，不要直接改写 HTZMJ',
    en: 'HTZMJ agrees with its own 亩 value HTZMJM {mu}, the plots\' HTMJ sum does not: a plot record may be missing or one HTMJ wrong; check the contract\'s plots before rewriting HTZMJ',
  },
  unknown: {
    zh: '无法判断哪一方有误：核对该合同的地块记录（是否漏录、面积是否有误）与合同总面积，改正有误的一方',
    en: 'which side is wrong cannot be told from the data: check the contract\'s plot records (missing plot, wrong area) and its total, and correct the wrong one',
  },
} satisfies Record<string, Localized>;

/**
 * 合同总面积 HTZMJ = Σ 合同面积 HTMJ of the contract's plots, within `tolerance` m² (each item is already rounded
 * to 0.01 m², so the sum of stored values is exact up to float noise; the option allows stricter or looser
 * local practice). Contracts without plots are references/orphans'.
 */
export const rule: Rule<{ tolerance: number }> = {
  meta: {
    id: 'contracts/total-area',
    group: 'area',
    severity: 'error',
    title: { zh: '合同总面积不等于地块合同面积之和', en: 'HTZMJ is not the sum of HTMJ' },
    messages: {
      mismatch: { zh: '{table}.HTZMJ 为 {actual} 平方米，但该合同地块的 HTMJ 之和为 {expected} 平方米', en: '{table}.HTZMJ is {actual} m² but the HTMJ of its plots sum to {expected} m²' },
    },
    spec: 'NY/T 2539-2016 表B.5 注',
    basis: 'qc-rules.md INF-E2, §4.1 (HTZMJ = 0 fixed "为了通过质检"); peer-catalog U-A07, §4 item 8',
    basisKind: 'standard',
    fixedBy: '县确权办',
    options: { tolerance: 0.01 },
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBHT', 'CBHTBM', 'HTZMJ');
    const p = tableWith(ctx.db, 'CBDKXX', 'CBHTBM', 'HTMJ');
    if (!t || !p) return;
    const tolerance = Number(ctx.options.tolerance) + 1e-9;
    const hasMu = t.present.has('HTZMJM');
    const sql = `WITH s AS (SELECT p."CBHTBM" AS ht, sum(CAST(p."HTMJ" AS REAL)) AS total FROM "CBDKXX" p
        WHERE ${live('p')} AND typeof(p."HTMJ") IN ('integer', 'real') GROUP BY p."CBHTBM")
      SELECT ${refColumns(t)}, t."HTZMJ" AS "_v", round(s.total, 2) AS "_s", ${hasMu ? 't."HTZMJM"' : 'NULL'} AS "_mu" FROM ${ident(t.name)} t JOIN s ON s.ht = t."CBHTBM"
      WHERE ${live()} AND typeof(t."HTZMJ") IN ('integer', 'real') AND abs(t."HTZMJ" - s.total) > ? ORDER BY t._rid`;
    eachRow(ctx, sql, [tolerance], (row) => {
      const mu = typeof row._mu === 'number' ? row._mu : undefined;
      const near = (a: number, b: number) => Math.abs(a - b) <= MU_ROUNDING_TOLERANCE + 1e-9;
      const data = { sum: row._s, actual: row._v, mu, sumMu: toMu(Number(row._s)) };
      const advice = mu !== undefined && near(mu, toMu(Number(row._s))) ? trust.total : mu !== undefined && near(mu, toMu(Number(row._v))) ? trust.plots : trust.unknown;
      ctx.report({
        messageId: 'mismatch',
        ...refOf(t, row, 'HTZMJ'),
        actual: value(row._v),
        expected: value(row._s),
        trust: { zh: formatMessage(advice.zh, data), en: formatMessage(advice.en, data) },
      });
    });
  },
};
