import type { Rule } from '../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../support/rows.js';
import { ident, live } from '../support/sql.js';

/**
 * Words that name a proof of identity among the 权属来源资料 (户口簿/身份证 for persons, 营业执照/机构代码证 for
 * units). The standard names no list; these are the documents field manuals require before data entry.
 */
const IDENTITY_WORDS = ['户口簿', '户口本', '身份证', '身份证明', '营业执照', '组织机构代码', '法人代码', '统一社会信用代码'];

/**
 * Each register entry files a copy of the contractor's identity document among its 权属来源资料附件. Checked only
 * when the package names its attachments this way at all (some register has one), so a package that titles
 * documents differently is not flagged wholesale. A warning: the standard itself does not list required documents.
 */
export const rule: Rule = {
  meta: {
    id: 'attachments/identity-document',
    group: 'attachments',
    severity: 'warning',
    title: { zh: '缺少身份证明附件', en: 'Identity document not filed' },
    messages: {
      missing: { zh: '登记簿 {actual} 的权属来源资料附件中没有户口簿、身份证或营业执照等身份证明', en: 'register entry {actual} files no identity document (户口簿, 身份证, 营业执照 …) among its QSLYZLFJ attachments' },
    },
    spec: 'NY/T 2539-2016 表B.7 (权属来源资料附件)',
    basis: 'qc-rules.md §4.3 (data entered from ID and 户口本 copies), §4.4 (county failed QC: ID and household-register documents missing)',
    basisKind: 'inference',
    fixedBy: '村组',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBJYQZDJB', 'CBJYQZBM');
    const a = tableWith(ctx.db, 'QSLYZLFJ', 'CBJYQZBM', 'ZLFJMC');
    if (!t || !a) return;
    const isIdentity = `(${IDENTITY_WORDS.map((w) => `instr(a."ZLFJMC", '${w}') > 0`).join(' OR ')})`;
    const filed = `SELECT a."CBJYQZBM" FROM "QSLYZLFJ" a WHERE ${live('a')} AND a."CBJYQZBM" IS NOT NULL AND ${isIdentity}`;
    if (!ctx.db.prepare(`${filed} LIMIT 1`).get()) return;
    const sql = `SELECT ${refColumns(t)}, t."CBJYQZBM" AS "_v" FROM ${ident(t.name)} t
      WHERE ${live()} AND t."CBJYQZBM" IS NOT NULL AND t."CBJYQZBM" NOT IN (${filed}) ORDER BY t._rid`;
    eachRow(ctx, sql, [], (row) => ctx.report({ messageId: 'missing', ...refOf(t, row, 'CBJYQZBM'), actual: value(row._v) }));
  },
};
