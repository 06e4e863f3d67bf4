import type { Severity } from '../../../engine/finding.js';
import type { Rule } from '../../../engine/types.js';
import { tableReadPartly } from '../../../store/facts.js';
import { eachRow, refColumns, refOf, tableWith } from '../../support/rows.js';
import { col, filled, ident, live } from '../../support/sql.js';

/** A row of `table` that nothing in `by` points back to (reverse of a reference). */
interface Reverse {
  readonly messageId: string;
  readonly table: string;
  readonly key: string;
  readonly by: string;
  readonly byField: string;
  /** SQL restricting which rows of `table` need a partner (alias t) */
  readonly where?: (present: ReadonlySet<string>) => string | undefined;
  readonly severity?: Severity;
}

/** 地块类别 10 承包地块 (表C.7): only these plots have 承包地块信息. */
const CONTRACTED = (present: ReadonlySet<string>) => (present.has('DKLB') ? `trim(CAST(t."DKLB" AS TEXT)) = '10'` : undefined);

const REVERSES: readonly Reverse[] = [
  { messageId: 'cbfNoContract', table: 'CBF', key: 'CBFBM', by: 'CBHT', byField: 'CBFBM' },
  { messageId: 'contractNoPlots', table: 'CBHT', key: 'CBHTBM', by: 'CBDKXX', byField: 'CBHTBM' },
  { messageId: 'contractNoRegister', table: 'CBHT', key: 'CBHTBM', by: 'CBJYQZDJB', byField: 'CBJYQZBM' },
  { messageId: 'parcelNoInfo', table: 'DK', key: 'DKBM', by: 'CBDKXX', byField: 'DKBM', where: CONTRACTED },
  { messageId: 'registerNoCertificate', table: 'CBJYQZDJB', key: 'CBJYQZBM', by: 'CBJYQZ', byField: 'CBJYQZBM' },
  { messageId: 'registerNoSource', table: 'CBJYQZDJB', key: 'CBJYQZBM', by: 'QSLYZLFJ', byField: 'CBJYQZBM' },
  { messageId: 'fbfUnused', table: 'FBF', key: 'FBFBM', by: 'CBHT', byField: 'FBFBM', severity: 'warning' },
];

/**
 * No orphans: a 承包方 without a contract, a contract without plots or register, a 承包地块 without 承包地块信息, a
 * register without certificate or 权属来源资料. A `by` table the package lacks is structure's business.
 */
export const rule: Rule = {
  meta: {
    id: 'references/orphans',
    group: 'logic',
    severity: 'error',
    title: { zh: '孤立记录', en: 'Orphan record' },
    messages: {
      cbfNoContract: { zh: '承包方 {actual} 没有承包合同（CBHT 中无此 CBFBM）', en: 'contractor {actual} has no contract (no CBHT row with this CBFBM)' },
      contractNoPlots: { zh: '承包合同 {actual} 没有承包地块（CBDKXX 中无此 CBHTBM）', en: 'contract {actual} has no plots (no CBDKXX row with this CBHTBM)' },
      contractNoRegister: { zh: '承包合同 {actual} 没有登记簿（CBJYQZDJB 中无此编码）', en: 'contract {actual} has no register entry (no CBJYQZDJB row with this code)' },
      parcelNoInfo: { zh: '承包地块 {actual} 没有承包地块信息（CBDKXX 中无此 DKBM）', en: 'contracted plot {actual} has no CBDKXX row' },
      registerNoCertificate: { zh: '登记簿 {actual} 没有对应的权证（CBJYQZ 中无此编码）', en: 'register entry {actual} has no certificate (no CBJYQZ row)' },
      registerNoSource: { zh: '登记簿 {actual} 没有权属来源资料附件（QSLYZLFJ 中无此编码）', en: 'register entry {actual} has no QSLYZLFJ source document' },
      fbfUnused: { zh: '发包方 {actual} 没有任何承包合同', en: 'contract issuer {actual} has no contracts' },
    },
    spec: 'NY/T 2539-2016 附录B (表间关联), 表B.7, 表B.8',
    basis: 'qc-rules.md INF-E1 (reverse); peer-catalog U-X02, U-X03, U-X07, §4 item 6; official-rules.md §3 (YLT 未签订承包合同/权证 = 警告)',
    basisKind: 'official-qc',
    fixedBy: '县确权办',
  },
  run(ctx) {
    for (const r of REVERSES) {
      const t = tableWith(ctx.db, r.table, r.key);
      const by = tableWith(ctx.db, r.by, r.byField);
      // a `by` table read only in part would make every row it lost an orphan (reported once at the file)
      if (!t || !by || tableReadPartly(ctx.db, by.name)) continue;
      const where = r.where ? r.where(t.present) : '1';
      if (where === undefined) continue;
      const sql = `SELECT ${refColumns(t)}, ${col('t', r.key)} AS "_v" FROM ${ident(t.name)} t
        WHERE ${live()} AND ${filled(col('t', r.key))} AND (${where})
          AND ${col('t', r.key)} NOT IN (SELECT ${col('b', r.byField)} FROM ${ident(by.name)} b WHERE ${col('b', r.byField)} IS NOT NULL AND ${live('b')})
        ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) => {
        ctx.report({
          messageId: r.messageId,
          ...refOf(t, row, r.key),
          actual: String(row._v).trim(),
          ...(r.severity ? { severity: r.severity } : {}),
          trust: {
            zh: `对照档案：${r.by} 漏录了对应记录的，补录 ${r.by}；本条 ${r.table} 记录多余或编码录错的，删除或改正本条，不要为凑数在 ${r.by} 中新造记录`,
            en: `check the archive: if ${r.by} is missing the matching record, add it there; if this ${r.table} row is surplus or its code mistyped, remove or correct it; never invent a ${r.by} row just to match`,
          },
        });
      });
    }
  },
};
