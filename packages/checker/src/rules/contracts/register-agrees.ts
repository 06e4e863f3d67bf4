import type { Rule } from '../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../support/rows.js';
import { ident, live } from '../support/sql.js';
import { sqlDate } from './dates.js';

/** Fields the contract and its register entry both carry, compared as text or as dates. */
const SHARED: readonly { field: string; date: boolean }[] = [
  { field: 'FBFBM', date: false },
  { field: 'CBFBM', date: false },
  { field: 'CBFS', date: false },
  { field: 'CBQXQ', date: true },
  { field: 'CBQXZ', date: true },
];

/**
 * A register entry (CBJYQZDJB, coded like its contract) repeats the contract's parties, way and term. Reported on
 * the register row; one join, each differing field a finding.
 */
export const rule: Rule = {
  meta: {
    id: 'contracts/register-agrees',
    group: 'logic',
    severity: 'error',
    title: { zh: '登记簿与承包合同不一致', en: 'Register entry disagrees with its contract' },
    messages: {
      mismatch: { zh: '{table}.{field} 为 {actual}，但承包合同 {cbhtbm} 中为 {expected}', en: '{table}.{field} is {actual} but contract {cbhtbm} has {expected}' },
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
    const norm = (alias: string, s: { field: string; date: boolean }) => (s.date ? sqlDate(`${alias}."${s.field}"`) : `trim(CAST(${alias}."${s.field}" AS TEXT))`);
    const sql = `SELECT ${refColumns(t)}, h."CBHTBM" AS "_ht", ${fields.map((s, i) => `${norm('t', s)} AS "_a${i}", ${norm('h', s)} AS "_b${i}"`).join(', ')}
      FROM ${ident(t.name)} t JOIN "CBHT" h ON h."CBHTBM" = t."CBJYQZBM" AND ${live('h')}
      WHERE ${live()} AND (${fields.map((s) => `${norm('t', s)} IS NOT ${norm('h', s)}`).join(' OR ')}) ORDER BY t._rid`;
    eachRow(ctx, sql, [], (row) => {
      fields.forEach((s, i) => {
        const a = row[`_a${i}`];
        const b = row[`_b${i}`];
        if (a === b || a === null || b === null) return; // an empty side is values/required's
        ctx.report({ messageId: 'mismatch', ...refOf(t, row, s.field), actual: value(a), expected: value(b), data: { cbhtbm: String(row._ht).trim() } });
      });
    });
  },
};
