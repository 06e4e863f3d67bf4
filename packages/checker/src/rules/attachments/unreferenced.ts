import type { Rule } from '../../engine/types.js';
import { hasStoreTable, tableReadPartly } from '../../store/facts.js';
import { tableWith } from '../support/rows.js';
import { filled, ident, live } from '../support/sql.js';
import { fieldPaths, PATH_FIELDS, singlePathSql, slashed } from './field-paths.js';

/**
 * Files in the attachment folders (图件, 其他资料/权属来源附件, 其他资料/点之记) that no DKSYT / FJ / DZJ names:
 * probably a sketch or scan whose record was renamed or removed. A warning: other 其他资料 documents are allowed.
 */
export const rule: Rule = {
  meta: {
    id: 'attachments/unreferenced',
    group: 'attachments',
    severity: 'warning',
    title: { zh: '附件文件未被引用', en: 'Attachment file not referenced' },
    messages: {
      unreferenced: { zh: '文件 {file} 没有被任何 {fields} 字段引用', en: 'file {file} is not named by any {fields} value' },
    },
    spec: 'NY/T 2539-2016 表A.1 注b, 表B.7 注a, 表B.8 注b',
    basis: 'peer-catalog §4 item 22 (no orphan scan files)',
    basisKind: 'inference',
    fixedBy: '测绘单位',
    cost: 1.1,
  },
  run(ctx) {
    if (!hasStoreTable(ctx.db, 'pkg_files')) return;
    const delivered = PATH_FIELDS.filter((p) => tableWith(ctx.db, p.table, p.field));
    // a referencing table read only in part would leave every file it names unreferenced (reported at the file)
    if (delivered.length === 0 || PATH_FIELDS.some((p) => tableReadPartly(ctx.db, p.table))) return;
    const fields = delivered.map((p) => `${p.table}.${p.field}`).join('/');
    const where = delivered.map((p) => `path LIKE '${p.folder.replaceAll("'", "''")}/%'`).join(' OR ');
    // a file some value names by its exact path is referenced: settled in SQL, so that the values are split in JS
    // only when another file is left (a county names each of its ~450k files so)
    const named = delivered.map((p) => {
      const v = `t.${ident(p.field)}`;
      return `SELECT ${slashed(v)} FROM ${ident(p.table)} t WHERE ${live()} AND ${filled(v)} AND ${singlePathSql(v, ctx.info.rootName)}`;
    });
    const left = ctx.db.prepare(`SELECT path FROM pkg_files WHERE is_dir = 0 AND (${where}) AND path NOT IN (${named.join(' UNION ALL ')}) ORDER BY path`).pluck().all() as string[];
    if (left.length === 0) return;
    const referenced = new Set<string>();
    for (const p of delivered) {
      const sql = `SELECT t."${p.field}" AS "_v" FROM ${ident(p.table)} t WHERE ${live()} AND ${filled(`t."${p.field}"`)}`;
      for (const v of ctx.db.prepare(sql).pluck().all()) {
        for (const path of fieldPaths(String(v), ctx.info.rootName)) referenced.add(path.toLowerCase());
      }
    }
    for (const path of left) {
      if (!referenced.has(path.toLowerCase())) ctx.report({ messageId: 'unreferenced', file: path, data: { fields } });
    }
  },
};
