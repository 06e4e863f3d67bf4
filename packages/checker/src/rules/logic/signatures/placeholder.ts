import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../../support/rows.js';
import { filled, ident, live } from '../../support/sql.js';

/** People who sign or act on record (公示记事人, 公示审核人, 调查员, 登簿人, 领取人). */
const SIGNERS: readonly { table: string; field: string; role: { zh: string; en: string } }[] = [
  { table: 'FBF', field: 'FBFDCY', role: { zh: '发包方调查员', en: 'FBF surveyor' } },
  { table: 'CBF', field: 'CBFDCY', role: { zh: '承包方调查员', en: 'contractor surveyor' } },
  { table: 'CBF', field: 'GSJSR', role: { zh: '公示记事人', en: 'publicity recorder' } },
  { table: 'CBF', field: 'GSSHR', role: { zh: '公示审核人', en: 'publicity reviewer' } },
  { table: 'CBJYQZDJB', field: 'DBR', role: { zh: '登簿人', en: 'registrar' } },
  { table: 'CBJYQZ', field: 'QZLQRXM', role: { zh: '权证领取人', en: 'certificate collector' } },
];

/**
 * Fillers people type to get past a mandatory field, and the institution names an exporter wrote "为了通过质检"
 * (sii-data-goven filled GSJSR/GSSHR with 农业农村局): none of them names the person who signed.
 */
const PLACEHOLDERS = ['无', '空', '略', '/', '-', '--', '—', '_', '.', '。', '?', '？', '0', 'x', 'xx', 'xxx', '未知', '不详', '暂无', '待定', '未填', '某某', '测试', 'test', 'null', 'none', 'n/a', '农业农村局', '农业局', '经管站', '村委会'];

/**
 * The persons who signed are named: not a placeholder, not digits only. (A repeated character is not flagged:
 * 龙龙龙 is a real name.)
 */
export const rule: Rule = {
  meta: {
    id: 'signatures/placeholder',
    group: 'logic',
    severity: 'error',
    title: { zh: '签字人员为占位符', en: 'Signer is a placeholder' },
    messages: {
      placeholder: { zh: '{table}.{field}（{roleZh}）为 “{actual}”，应填写实际签字人姓名', en: '{table}.{field} ({roleEn}) is "{actual}"; write the name of the person who signed' },
    },
    spec: 'NY/T 2539-2016 表B.2, B.3, B.8, B.9',
    basis: 'qc-rules.md C-02 (vendors filled 调查员/公示记事人/公示审核人 with 农业农村局 "为了通过质检"), §4.4 (survey forms unsigned); official-rules.md §3',
    basisKind: 'official-qc',
    fixedBy: '村组',
  },
  run(ctx) {
    const list = PLACEHOLDERS.map((p) => `'${p.replaceAll("'", "''")}'`).join(', ');
    for (const s of SIGNERS) {
      const t = tableWith(ctx.db, s.table, s.field);
      if (!t) continue;
      const v = `lower(trim(CAST(t."${s.field}" AS TEXT), ' 　'))`;
      const sql = `SELECT ${refColumns(t)}, t."${s.field}" AS "_v" FROM ${ident(t.name)} t
        WHERE ${live()} AND ${filled(`t."${s.field}"`)} AND (${v} IN (${list}) OR ${v} GLOB '[0-9]*' AND NOT ${v} GLOB '*[^0-9]*')
        ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) => ctx.report({ messageId: 'placeholder', ...refOf(t, row, s.field), actual: value(row._v), data: { roleZh: s.role.zh, roleEn: s.role.en } }));
    }
  },
};
