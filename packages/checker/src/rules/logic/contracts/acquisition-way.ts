import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../../support/rows.js';
import { ident, live } from '../../support/sql.js';

/** 承包经营权取得方式 of each plot equals the 承包方式 of its contract (both 表C.10). */
export const rule: Rule = {
  meta: {
    id: 'contracts/acquisition-way',
    group: 'logic',
    severity: 'error',
    title: { zh: '地块取得方式与合同承包方式不一致', en: 'Plot acquisition way differs from the contract' },
    messages: {
      mismatch: { zh: '{table}.CBJYQQDFS 为 {actual}，但合同 {cbhtbm} 的承包方式 CBFS 为 {expected}', en: '{table}.CBJYQQDFS is {actual} but contract {cbhtbm} has CBFS {expected}' },
    },
    spec: 'NY/T 2539-2016 表B.1, 表B.5, 表C.10',
    basis: 'qc-rules.md E-01 (vendor fixed it "为了通过质检"); peer-catalog U-L06',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBDKXX', 'CBHTBM', 'CBJYQQDFS');
    const h = tableWith(ctx.db, 'CBHT', 'CBHTBM', 'CBFS');
    if (!t || !h) return;
    const sql = `SELECT ${refColumns(t)}, t."CBJYQQDFS" AS "_v", h."CBFS" AS "_e", h."CBHTBM" AS "_ht" FROM ${ident(t.name)} t
      JOIN "CBHT" h ON h."CBHTBM" = t."CBHTBM" AND ${live('h')}
      WHERE ${live()} AND trim(CAST(t."CBJYQQDFS" AS TEXT)) <> trim(CAST(h."CBFS" AS TEXT)) ORDER BY t._rid`;
    eachRow(ctx, sql, [], (row) => {
      const cbhtbm = String(row._ht).trim();
      ctx.report({
        messageId: 'mismatch',
        ...refOf(t, row, 'CBJYQQDFS'),
        actual: value(row._v),
        expected: value(row._e),
        data: { cbhtbm },
        trust: {
          zh: `地块的取得方式 ${row._v} 与合同 ${cbhtbm} 的承包方式 ${row._e} 不同；地块信息依合同填写：通常以合同为准改地块的 CBJYQQDFS；若合同的 CBFS 本身填错（核对合同原件与编码末位 J/Q），改合同`,
          en: `the plot's acquisition way ${row._v} differs from contract ${cbhtbm}'s CBFS ${row._e}; plot records are filled in from the contract: usually keep the contract and correct the plot's CBJYQQDFS; if the contract's CBFS is itself wrong (check the signed contract and the J/Q suffix of its code), correct the contract`,
        },
      });
    });
  },
};
