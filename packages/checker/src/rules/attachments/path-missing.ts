import type { Rule } from '../../engine/types.js';
import { extension } from '../store-files.js';
import { eachRawRow, rowLocator, tableWith } from '../support/rows.js';
import { filled, ident, live } from '../support/sql.js';
import { fieldPaths, packageFileIndex, PATH_FIELDS } from './field-paths.js';

/**
 * Every path in DKSYT (地块示意图), QSLYZLFJ.FJ (权属来源附件) and KZD.DZJ (点之记) names a file of the package, with
 * an extension the standard allows. Both separators and '/'-joined lists are read (schema splitFieldPaths).
 */
export const rule: Rule = {
  meta: {
    id: 'attachments/path-missing',
    group: 'attachments',
    severity: 'error',
    title: { zh: '附件路径无效', en: 'Attachment path does not resolve' },
    messages: {
      missing: { zh: '{table}.{field} 中的文件 {actual} 在汇交包中不存在', en: '{table}.{field} names file {actual}, which is not in the package' },
      extension: { zh: '{table}.{field} 中的文件 {actual} 扩展名应为 {expected}', en: '{table}.{field} file {actual} should have extension {expected}' },
    },
    spec: 'NY/T 2539-2016 表A.1 注b, 表B.7 注a, 表B.8 注b; §7',
    basis: 'qc-rules.md C-07, K-01, K-02; peer-catalog U-T01, §4 item 22',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    const files = packageFileIndex(ctx.db);
    for (const p of PATH_FIELDS) {
      const t = tableWith(ctx.db, p.table, p.field);
      if (!t) continue;
      // values as paged arrays; a row's location is read back only when one of its paths fails
      const sql = `SELECT t._rid, t."${p.field}" FROM ${ident(t.name)} t WHERE ${live()} AND ${filled(`t."${p.field}"`)}`;
      const at = rowLocator(ctx.db, t, p.field);
      eachRawRow(ctx, sql, ([rid, v]) => {
        for (const path of fieldPaths(String(v), ctx.info.rootName)) {
          if (!(p.extensions as readonly string[]).includes(extension(path))) {
            ctx.report({ messageId: 'extension', ...at(rid), actual: path, expected: p.extensions.join('/') });
          } else if (!files.has(path.toLowerCase())) {
            ctx.report({ messageId: 'missing', ...at(rid), actual: path });
          }
        }
      });
    }
  },
};
