import { formatMessage, type Localized } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, rowLocator, tableWith, value } from '../../support/rows.js';
import { ident, live } from '../../support/sql.js';
import { sqlDate } from './dates.js';

/**
 * Fields the contract and its register entry both carry, compared as text or as dates. `witness` is what tells
 * the correct side apart when only one side passes it: a 发包方/承包方 code that exists in its own table, a term
 * whose start is before its end.
 */
const SHARED: readonly { field: string; date: boolean; witness?: 'fbf' | 'cbf' | 'term' }[] = [
  { field: 'FBFBM', date: false, witness: 'fbf' },
  { field: 'CBFBM', date: false, witness: 'cbf' },
  { field: 'CBFS', date: false },
  { field: 'CBQXQ', date: true, witness: 'term' },
  { field: 'CBQXZ', date: true, witness: 'term' },
];

const reason: Record<'fbf' | 'cbf' | 'term', { ok: Localized; bad: Localized }> = {
  fbf: { ok: { zh: '在发包方表 FBF 中存在', en: 'exists in FBF' }, bad: { zh: '在发包方表 FBF 中不存在', en: 'does not exist in FBF' } },
  cbf: { ok: { zh: '在承包方表 CBF 中存在', en: 'exists in CBF' }, bad: { zh: '在承包方表 CBF 中不存在', en: 'does not exist in CBF' } },
  term: { ok: { zh: '承包期限起日早于止日', en: 'its term starts before it ends' }, bad: { zh: '承包期限起日不早于止日', en: 'its term does not start before it ends' } },
};

const trustText = {
  register: {
    zh: '登记簿的 {field}（{good}）{okReason}，承包合同的（{bad}）{badReason}：以登记簿为准，将合同 {cbhtbm} 的 {field} 改为 {good}',
    en: 'the register\'s {field} ({good}) {okReason}, the contract\'s ({bad}) {badReason}: keep the register and set contract {cbhtbm}\'s {field} to {good}',
  },
  contract: {
    zh: '承包合同的 {field}（{good}）{okReason}，登记簿的（{bad}）{badReason}：以合同为准，将登记簿的 {field} 改为 {good}',
    en: 'the contract\'s {field} ({good}) {okReason}, the register\'s ({bad}) {badReason}: keep the contract and set the register\'s {field} to {good}',
  },
  default: {
    zh: '登记簿依承包合同填写：通常以合同 {cbhtbm} 为准，将登记簿的 {field} 改为 {good}；若合同本身填错（核对合同原件），则改合同',
    en: 'the register is filled in from the contract: usually keep contract {cbhtbm} and set the register\'s {field} to {good}; if the contract itself is wrong (check the signed original), correct the contract instead',
  },
} satisfies Record<string, Localized>;

/**
 * A register entry (CBJYQZDJB, coded like its contract) repeats the contract's parties, way and term. One join,
 * each differing field a finding giving both sides. The finding sits on the side to correct: the register row by
 * default (it is copied from the contract), the contract row when the field's witness shows the contract's value
 * is the wrong one (a 发包方 code that does not exist, a reversed term), so following it never overwrites the
 * correct value.
 */
export const rule: Rule = {
  meta: {
    id: 'contracts/register-agrees',
    group: 'logic',
    severity: 'error',
    title: { zh: '登记簿与承包合同不一致', en: 'Register entry disagrees with its contract' },
    messages: {
      mismatch: { zh: '{table}.{field} 为 {actual}，但承包合同 {cbhtbm} 中为 {expected}', en: '{table}.{field} is {actual} but contract {cbhtbm} has {expected}' },
      contractWrong: { zh: '承包合同 {cbhtbm} 的 {field} 为 {actual}，但其登记簿中为 {expected}', en: 'contract {cbhtbm} has {field} {actual} but its register entry has {expected}' },
    },
    spec: 'NY/T 2539-2016 表B.5, 表B.8',
    basis: 'qc-rules.md E-05 (CBQXQ fixed "为了通过质检"); peer-catalog U-D12, §4 item 7',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBJYQZDJB', 'CBJYQZBM');
    const h = tableWith(ctx.db, 'CBHT', 'CBHTBM');
    if (!t || !h) return;
    const fields = SHARED.filter((s) => t.present.has(s.field) && h.present.has(s.field));
    if (fields.length === 0) return;
    const fbf = tableWith(ctx.db, 'FBF', 'FBFBM');
    const cbf = tableWith(ctx.db, 'CBF', 'CBFBM');
    const norm = (alias: string, s: { field: string; date: boolean }) => (s.date ? sqlDate(`${alias}."${s.field}"`) : `trim(CAST(${alias}."${s.field}" AS TEXT))`);
    const exists = (table: string, field: string, expr: string) => `EXISTS (SELECT 1 FROM "${table}" x WHERE x._deleted = 0 AND trim(CAST(x."${field}" AS TEXT)) = ${expr})`;
    const termOk = (alias: string) =>
      t.present.has('CBQXQ') && t.present.has('CBQXZ') && h.present.has('CBQXQ') && h.present.has('CBQXZ')
        ? `(${sqlDate(`${alias}."CBQXQ"`)} < ${sqlDate(`${alias}."CBQXZ"`)})`
        : 'NULL';
    // 1 = the value passes its witness, 0 = it fails, NULL = no witness
    const witnessOf = (alias: string, s: (typeof SHARED)[number]) =>
      s.witness === 'fbf' && fbf ? exists('FBF', 'FBFBM', norm(alias, s)) : s.witness === 'cbf' && cbf ? exists('CBF', 'CBFBM', norm(alias, s)) : s.witness === 'term' ? termOk(alias) : 'NULL';
    const sql = `SELECT ${refColumns(t)}, h."CBHTBM" AS "_ht", h._rid AS "_hrid", ${fields
      .map((s, i) => `${norm('t', s)} AS "_a${i}", ${norm('h', s)} AS "_b${i}", ${witnessOf('t', s)} AS "_wa${i}", ${witnessOf('h', s)} AS "_wb${i}"`)
      .join(', ')}
      FROM ${ident(t.name)} t JOIN "CBHT" h ON h."CBHTBM" = t."CBJYQZBM" AND ${live('h')}
      WHERE ${live()} AND (${fields.map((s) => `${norm('t', s)} IS NOT ${norm('h', s)}`).join(' OR ')}) ORDER BY t._rid`;
    const contractAt = new Map(fields.map((s) => [s.field, rowLocator(ctx.db, h, s.field)]));
    eachRow(ctx, sql, [], (row) => {
      const cbhtbm = String(row._ht).trim();
      fields.forEach((s, i) => {
        const a = row[`_a${i}`];
        const b = row[`_b${i}`];
        if (a === b || a === null || b === null) return; // an empty side is values/required's
        const wa = row[`_wa${i}`];
        const wb = row[`_wb${i}`];
        const why = s.witness ? reason[s.witness] : undefined;
        if (why && wa === 1 && wb === 0) {
          const data = { field: s.field, good: a, bad: b, cbhtbm, okReason: why.ok, badReason: why.bad };
          ctx.report({
            messageId: 'contractWrong',
            ...contractAt.get(s.field)!(row._hrid),
            actual: value(b),
            expected: value(a),
            data: { cbhtbm },
            trust: localize2(trustText.register, data),
          });
          return;
        }
        const data = { field: s.field, good: b, bad: a, cbhtbm, okReason: why?.ok, badReason: why?.bad };
        const trust = why && wb === 1 && wa === 0 ? trustText.contract : trustText.default;
        ctx.report({ messageId: 'mismatch', ...refOf(t, row, s.field), actual: value(a), expected: value(b), data: { cbhtbm }, trust: localize2(trust, data) });
      });
    });
  },
};

/** Fill a bilingual template whose parameters may themselves be bilingual. */
function localize2(template: Localized, data: Record<string, unknown>): Localized {
  const pick = (lang: 'zh' | 'en') => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v !== null && typeof v === 'object' && lang in (v as object) ? (v as Localized)[lang] : v]));
  return { zh: formatMessage(template.zh, pick('zh')), en: formatMessage(template.en, pick('en')) };
}
