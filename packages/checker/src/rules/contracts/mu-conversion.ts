import { allTables, MU_FACTOR_TOLERANCE, MU_ROUNDING_TOLERANCE, toMu, type FieldDef } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { eachRow, refColumns, refOf, storeTable, value } from '../support/rows.js';
import { ident, live } from '../support/sql.js';

/** Pairs (亩 field, its m² field) read from the schema: a field in 亩 whose code minus the final M is in m². */
export function muPairs(fields: readonly FieldDef[]): { mu: FieldDef; m2: FieldDef }[] {
  return fields.flatMap((mu) => {
    if (mu.unit !== '亩' || !mu.code.endsWith('M')) return [];
    const m2 = fields.find((f) => f.code === mu.code.slice(0, -1) && f.unit === 'm2');
    return m2 ? [{ mu, m2 }] : [];
  });
}

/**
 * Every 亩 field = round(m² × 0.0015, 2). A difference up to MU_ROUNDING_TOLERANCE is rounding; up to
 * MU_FACTOR_TOLERANCE a non-standard factor (warning); beyond, an error. Access stores 0 in optional 亩 fields
 * nobody filled, so 0 in an O/C field passes. SQL keeps only rows off by more than rounding; toMu decides exactly.
 */
export const rule: Rule = {
  meta: {
    id: 'contracts/mu-conversion',
    group: 'area',
    severity: 'error',
    title: { zh: '亩面积与平方米面积换算不符', en: '亩 area does not match the m² area' },
    messages: {
      mismatch: { zh: '{table}.{field} 为 {actual} 亩，但 {m2Field} {m2} 平方米折合 {expected} 亩', en: '{table}.{field} is {actual} mu but {m2Field} {m2} m² is {expected} mu' },
    },
    spec: 'NY/T 2539-2016 附录A/B (亩 = 平方米 × 0.0015, 保留两位小数)',
    basis: 'qc-rules.md §4.1 (亩 fields fixed "为了通过质检"), INF-H1; peer-catalog U-A06, §4 item 18; schema area.ts tolerances',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const def of allTables) {
      const t = storeTable(ctx.db, def.name);
      if (!t) continue;
      for (const { mu, m2 } of muPairs(def.fields)) {
        if (!t.present.has(mu.code) || !t.present.has(m2.code)) continue;
        const a = `t.${ident(mu.code)}`;
        const b = `t.${ident(m2.code)}`;
        const unfilled = mu.constraint === 'M' ? '' : ` AND ${a} <> 0`;
        const sql = `SELECT ${refColumns(t)}, ${a} AS "_mu", ${b} AS "_m2" FROM ${ident(t.name)} t
          WHERE ${live()} AND typeof(${a}) IN ('integer', 'real') AND typeof(${b}) IN ('integer', 'real')${unfilled}
            AND abs(${a} - ${b} * 0.0015) > ? ORDER BY t._rid`;
        eachRow(ctx, sql, [MU_ROUNDING_TOLERANCE - 0.005], (row) => {
          const expected = toMu(row._m2 as number);
          const diff = Math.abs(Number(row._mu) - expected);
          if (diff <= MU_ROUNDING_TOLERANCE + 1e-9) return;
          ctx.report({
            messageId: 'mismatch',
            ...refOf(t, row, mu.code),
            actual: value(row._mu),
            expected,
            data: { m2Field: m2.code, m2: row._m2 },
            ...(diff <= MU_FACTOR_TOLERANCE + 1e-9 ? { severity: 'warning' as const } : {}),
          });
        });
      }
    }
  },
};
