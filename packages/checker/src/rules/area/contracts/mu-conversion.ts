import { allTables, formatMessage, MU_FACTOR_TOLERANCE, MU_ROUNDING_TOLERANCE, toMu, type FieldDef, type Localized } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, storeTable, tableWith, value } from '../../support/rows.js';
import { ident, live } from '../../support/sql.js';

/** Pairs (亩 field, its m² field) read from the schema: a field in 亩 whose code minus the final M is in m². */
export function muPairs(fields: readonly FieldDef[]): { mu: FieldDef; m2: FieldDef }[] {
  return fields.flatMap((mu) => {
    if (mu.unit !== '亩' || !mu.code.endsWith('M')) return [];
    const m2 = fields.find((f) => f.code === mu.code.slice(0, -1) && f.unit === 'm2');
    return m2 ? [{ mu, m2 }] : [];
  });
}

/** A contract's total m² has a witness: the sum of its plots' m² (contracts/total-area compares the two). */
const WITNESS: Readonly<Record<string, { table: string; field: string; key: string }>> = {
  HTZMJ: { table: 'CBDKXX', field: 'HTMJ', key: 'CBHTBM' },
};

const trustM2: Localized = {
  zh: '亩数由 {m2Field} 换算而来：以 {m2Field} {m2} 平方米为准，将 {field} 改为 {expected}（若 {m2Field} 本身录错，先改正 {m2Field}，再按它折亩）',
  en: 'the 亩 value is derived from {m2Field}: keep {m2Field} {m2} m² and set {field} to {expected} (if {m2Field} itself is wrong, correct it first and convert again)',
};
const trustWitnessed: Localized = {
  zh: '{m2Field} {m2} 平方米与{witness}之和一致，是正确的一方：将 {field} 改为 {expected}',
  en: '{m2Field} {m2} m² agrees with the sum of {witness}, so it is the correct side: set {field} to {expected}',
};
const trustRoot: Localized = {
  zh: '错在 {m2Field}（见上一条）：{field} {actual} 亩{agrees}。先改正 {m2Field}，本条随之消除；不要按 {m2Field} 改写 {field}',
  en: '{m2Field} is the wrong side (see the finding above): {field} {actual} mu{agrees}. Correct {m2Field} and this finding goes away; do not rewrite {field} from {m2Field}',
};
const agreesWitness: Localized = { zh: '与{witness}之和折亩（{witnessMu} 亩）一致', en: ' matches the sum of {witness} in mu ({witnessMu})' };

function fill(template: Localized, data: Record<string, unknown>): Localized {
  return { zh: formatMessage(template.zh, data), en: formatMessage(template.en, data) };
}

/**
 * Every 亩 field = round(m² × 0.0015, 2). A difference up to MU_ROUNDING_TOLERANCE is rounding; up to
 * MU_FACTOR_TOLERANCE a non-standard factor (warning); beyond, an error. Access stores 0 in optional 亩 fields
 * nobody filled, so 0 in an O/C field passes. SQL keeps only rows off by more than rounding; toMu decides exactly.
 * The 亩 value is derived, so the m² side is the default source of truth; but when another rule finds the m² value
 * itself wrong on the same record (contracts/total-area on HTZMJ, area/plot-area on SCMJ), that finding is the root
 * cause and this one says to correct the m² value instead (following "set 亩 from m²" literally there turned a
 * correct 亩 value wrong and broke the summary tables built from it).
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
        const w = WITNESS[m2.code];
        const wt = w ? tableWith(ctx.db, w.table, w.key, w.field) : undefined;
        const witnessed = w !== undefined && wt !== undefined && t.present.has(w.key);
        const join = witnessed
          ? ` LEFT JOIN (SELECT p.${ident(w.key)} AS k, sum(CAST(p.${ident(w.field)} AS REAL)) AS total FROM ${ident(wt.name)} p
              WHERE ${live('p')} AND typeof(p.${ident(w.field)}) IN ('integer', 'real') GROUP BY p.${ident(w.key)}) w ON w.k = t.${ident(w.key)}`
          : '';
        const sql = `SELECT ${refColumns(t)}, ${a} AS "_mu", ${b} AS "_m2", ${witnessed ? 'round(w.total, 2)' : 'NULL'} AS "_w" FROM ${ident(t.name)} t${join}
          WHERE ${live()} AND typeof(${a}) IN ('integer', 'real') AND typeof(${b}) IN ('integer', 'real')${unfilled}
            AND abs(${a} - ${b} * 0.0015) > ? ORDER BY t._rid`;
        eachRow(ctx, sql, [MU_ROUNDING_TOLERANCE - 0.005], (row) => {
          const expected = toMu(row._m2 as number);
          const diff = Math.abs(Number(row._mu) - expected);
          if (diff <= MU_ROUNDING_TOLERANCE + 1e-9) return;
          const data: Record<string, unknown> = { m2Field: m2.code, m2: row._m2, field: mu.code, actual: value(row._mu), expected };
          const sum = typeof row._w === 'number' ? row._w : undefined;
          const witness = w ? `${w.table}.${w.field}` : '';
          const m2Confirmed = sum !== undefined && Math.abs(Number(row._m2) - sum) <= 0.01 + 1e-9;
          const witnessMu = sum !== undefined ? toMu(sum) : undefined;
          const muConfirmed = witnessMu !== undefined && Math.abs(Number(row._mu) - witnessMu) <= MU_ROUNDING_TOLERANCE + 1e-9;
          const agrees = muConfirmed ? fill(agreesWitness, { witness, witnessMu }) : { zh: '', en: '' };
          ctx.report({
            messageId: 'mismatch',
            ...refOf(t, row, mu.code),
            actual: value(row._mu),
            expected,
            data: { m2Field: m2.code, m2: row._m2 },
            trust: fill(m2Confirmed ? trustWitnessed : trustM2, { ...data, witness }),
            derivedFrom: {
              fields: [m2.code],
              trust: { zh: formatMessage(trustRoot.zh, { ...data, agrees: agrees.zh }), en: formatMessage(trustRoot.en, { ...data, agrees: agrees.en }) },
            },
            ...(diff <= MU_FACTOR_TOLERANCE + 1e-9 ? { severity: 'warning' as const } : {}),
          });
        });
      }
    }
  },
};
