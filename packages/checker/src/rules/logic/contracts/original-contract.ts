import type { Rule } from '../../../engine/types.js';
import { eachRow, refColumns, refOf, tableWith, value } from '../../support/rows.js';
import { filled, ident, live } from '../../support/sql.js';

/**
 * 原合同面积 YHTMJ (and YHTMJM) of a plot are required when its contract names an original contract (CBHT.YCBHTBM
 * filled): the C condition of 表B.1 that needs the contract to decide. 0 is Access's "not filled".
 */
export const rule: Rule = {
  meta: {
    id: 'contracts/original-contract',
    group: 'logic',
    severity: 'error',
    title: { zh: '有原合同时缺少原合同面积', en: 'Original-contract area missing' },
    messages: {
      missing: { zh: '{table}.{field} 未填写（值 {actual}），而合同 {cbhtbm} 有原承包合同 {ycbhtbm}', en: '{table}.{field} is not filled ({actual}) although contract {cbhtbm} has original contract {ycbhtbm}' },
    },
    spec: 'NY/T 2539-2016 表B.1 (YHTMJ, YHTMJM: C/有原承包合同), 表B.5',
    basis: 'qc-rules.md INF-C3; peer-catalog §4 item 19',
    basisKind: 'standard',
    fixedBy: '村组',
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'CBDKXX', 'CBHTBM');
    const h = tableWith(ctx.db, 'CBHT', 'CBHTBM', 'YCBHTBM');
    if (!t || !h) return;
    for (const field of ['YHTMJ', 'YHTMJM'].filter((f) => t.present.has(f))) {
      const v = `t."${field}"`;
      const sql = `SELECT ${refColumns(t)}, ${v} AS "_v", h."CBHTBM" AS "_ht", h."YCBHTBM" AS "_y" FROM ${ident(t.name)} t
        JOIN "CBHT" h ON h."CBHTBM" = t."CBHTBM" AND ${live('h')}
        WHERE ${live()} AND ${filled('h."YCBHTBM"')} AND (${v} IS NULL OR trim(CAST(${v} AS TEXT)) = '' OR ${v} = 0) ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) =>
        ctx.report({ messageId: 'missing', ...refOf(t, row, field), actual: value(row._v), data: { cbhtbm: String(row._ht).trim(), ycbhtbm: String(row._y).trim() } }),
      );
    }
  },
};
