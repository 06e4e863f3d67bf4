import type { Rule } from '../../engine/types.js';
import { extension, folderPaths } from '../store-files.js';
import { rowLocator, tableWith } from '../support/rows.js';
import { filled, ident, live, sqlText } from '../support/sql.js';
import { hasStoreTable } from '../../store/facts.js';
import { fieldPaths, packageFileIndex, PATH_FIELDS, singlePathSql, slashed } from './field-paths.js';

/**
 * Every path in DKSYT (地块示意图), QSLYZLFJ.FJ (权属来源附件) and KZD.DZJ (点之记) names a file of the package, with
 * an extension the standard allows. Both separators and '/'-joined lists are read (schema splitFieldPaths).
 * Paths under a folder the package lacks altogether are one finding per missing folder and field, with the count
 * and the first few paths (`affected`): a missing 图件 folder is one problem, not one per sketch map.
 */
export const rule: Rule = {
  meta: {
    id: 'attachments/path-missing',
    group: 'attachments',
    severity: 'error',
    title: { zh: '附件路径无效', en: 'Attachment path does not resolve' },
    messages: {
      missing: { zh: '{table}.{field} 中的文件 {actual} 在汇交包中不存在', en: '{table}.{field} names file {actual}, which is not in the package' },
      folderMissing: { zh: '{table}.{field} 中有 {count} 个文件位于目录 {folder} 下，而该目录在汇交包中不存在', en: '{table}.{field} names {count} files under folder {folder}, which is not in the package' },
      extension: { zh: '{table}.{field} 中的文件 {actual} 扩展名应为 {expected}', en: '{table}.{field} file {actual} should have extension {expected}' },
    },
    spec: 'NY/T 2539-2016 表A.1 注b, 表B.7 注a, 表B.8 注b; §7',
    basis: 'qc-rules.md C-07, K-01, K-02; peer-catalog U-T01, §4 item 22',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    // read only when a value is not settled in SQL
    let files: Map<string, string> | undefined;
    const fileIndex = (): Map<string, string> => (files ??= packageFileIndex(ctx.db));
    const scanned = hasStoreTable(ctx.db, 'pkg_files');
    let folders: Set<string> | undefined;
    /** the top-most folder of `path` that the package lacks, if any (lower case) */
    const missingFolder = (path: string): string | undefined => {
      if (!folders) {
        folders = new Set([...folderPaths(ctx.db)].map((f) => f.toLowerCase()));
        for (const f of fileIndex().keys()) for (let i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) folders.add(f.slice(0, i));
      }
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!folders.has(dir.toLowerCase())) return dir;
      }
      return undefined;
    };
    const SAMPLE = 5;
    for (const p of PATH_FIELDS) {
      const t = tableWith(ctx.db, p.table, p.field);
      if (!t) continue;
      // a value naming one package file by its exact path, with a right extension, is fine: settled in SQL, so that
      // only the rest (few) are split in JS, not the ~450k paths of a county. The paths matched are those under the
      // field's own folder (a path elsewhere is left to JS, which decides it the same): the KZD sketches of a county
      // are then not matched against its ~450k files.
      const v = `t.${ident(p.field)}`;
      const own = `path > ${sqlText(`${p.folder}/`)} AND path < ${sqlText(`${p.folder}0`)}`;
      const fine = scanned
        ? `${singlePathSql(v, ctx.info.rootName)} AND (${p.extensions.map((e) => `lower(${v}) GLOB '*.${e}'`).join(' OR ')}) AND ${slashed(v)} IN (SELECT path FROM pkg_files WHERE is_dir = 0 AND ${own})`
        : '0';
      // the values left, read at once (not paged: each page would work out the pkg_files subquery again); a row's
      // location is read back only when one of its paths fails
      const sql = `SELECT t._rid, ${v} FROM ${ident(t.name)} t WHERE ${live()} AND ${filled(v)} AND NOT (${fine}) ORDER BY t._rid`;
      const at = rowLocator(ctx.db, t, p.field);
      const byFolder = new Map<string, { folder: string; rid: unknown; count: number; sample: string[] }>();
      for (const [rid, v] of ctx.db.prepare(sql).raw().all() as [unknown, unknown][]) {
        for (const path of fieldPaths(String(v), ctx.info.rootName)) {
          if (!(p.extensions as readonly string[]).includes(extension(path))) {
            ctx.report({ messageId: 'extension', ...at(rid), actual: path, expected: p.extensions.join('/') });
          } else if (!fileIndex().has(path.toLowerCase())) {
            const folder = missingFolder(path);
            if (folder === undefined) {
              ctx.report({ messageId: 'missing', ...at(rid), actual: path });
              continue;
            }
            const group = byFolder.get(folder.toLowerCase()) ?? { folder, rid, count: 0, sample: [] };
            group.count++;
            if (group.sample.length < SAMPLE) group.sample.push(path);
            byFolder.set(folder.toLowerCase(), group);
          }
        }
      }
      for (const g of byFolder.values()) {
        if (g.count === 1) {
          ctx.report({ messageId: 'missing', ...at(g.rid), actual: g.sample[0]! });
          continue;
        }
        const { record: _record, keys: _keys, fbfbm: _fbfbm, ...where } = at(g.rid);
        ctx.report({ messageId: 'folderMissing', ...where, actual: g.sample[0]!, data: { count: g.count, folder: g.folder }, affected: { count: g.count, sample: g.sample } });
      }
    }
  },
};
