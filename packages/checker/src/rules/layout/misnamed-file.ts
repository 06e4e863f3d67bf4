import { classifyPath } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { hasStoreTable } from '../../store/facts.js';
import { iteratePackageFiles } from '../store-files.js';
import { dataExtensions, namedFolders, parentFolder } from './named-folders.js';

/**
 * Cheap pre-filter before asking classifyPath about letter case: standard names have no lower-case ASCII letter
 * before the extension (DK…, SL…, DKSYT…J) and a lower-case extension. Most files of a county (sketch maps,
 * attachments) pass it and are not classified again.
 */
export function mayDifferInCase(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.indexOf('.');
  const stem = dot < 0 ? name : name.slice(0, dot);
  const ext = dot < 0 ? '' : name.slice(dot);
  return /[a-z]/.test(stem) || /[A-Z]/.test(ext);
}

/**
 * Files the standard knows but that sit in the wrong folder, carry a wrongly spelt name, or differ only in
 * letter case. Such a file is also counted missing by layout/required-files or structure/table-missing, so the
 * user sees both where it should be and where it is.
 */
export const rule: Rule = {
  meta: {
    id: 'layout/misnamed-file',
    group: 'layout',
    severity: 'error',
    title: { zh: '文件命名或位置不规范', en: 'File misnamed or misplaced' },
    messages: {
      misplaced: { zh: '文件 {file} 看起来是{kind}，但不在规定目录中', en: 'File {file} looks like a {kindEn} but is not in its folder' },
      misnamed: { zh: '目录 {folder} 中的文件 {file} 不符合命名规则', en: 'File {file} in {folder} does not follow the naming rules' },
      letterCase: { zh: '文件 {file} 的名称大小写与规范不同', en: 'File {file} differs from the standard name only in letter case' },
    },
    spec: 'NY/T 2539-2016 §7.2–7.4',
    basis: 'qc-rules.md A-03, A-05 (QC tool name patterns), A-08; letter case is a warning (Windows file systems ignore it)',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    if (!hasStoreTable(ctx.db, 'pkg_files')) return;
    const kindName: Record<string, { zh: string; en: string }> = {
      layerFile: { zh: '矢量图层文件', en: 'layer file' },
      mdb: { zh: '权属数据库', en: 'ownership database' },
      unitCodeTable: { zh: '权属单位代码表', en: 'unit code table' },
      summaryTable: { zh: '汇总表格', en: 'summary table' },
      vectorMetadata: { zh: '矢量数据元数据', en: 'vector metadata' },
      sketchMap: { zh: '地块示意图', en: 'parcel sketch map' },
    };
    // the paths alone (pluck().all(): one array of strings) go through the pre-filter; only the few files it keeps,
    // and unknown ones, become full rows — not the ~450k sketch maps and attachments of a county
    const named = ctx.db.prepare(`SELECT path FROM pkg_files WHERE is_dir = 0 AND kind IS NOT 'unknown'`).pluck().all() as string[];
    const suspects = JSON.stringify(named.filter(mayDifferInCase));
    for (const f of iteratePackageFiles(ctx.db, undefined, [`is_dir = 0 AND (kind = 'unknown' OR path IN (SELECT value FROM json_each(?)))`, suspects])) {
      const c = classifyPath(f.path);
      if (c.caseMismatch) {
        ctx.report({ messageId: 'letterCase', file: f.path, severity: 'warning' });
        continue;
      }
      if (c.kind !== 'unknown') continue;
      if (c.looksLike) {
        const k = kindName[c.looksLike] ?? { zh: c.looksLike, en: c.looksLike };
        ctx.report({ messageId: 'misplaced', file: f.path, data: { kind: k.zh, kindEn: k.en } });
        continue;
      }
      const folder = parentFolder(f.path);
      if (namedFolders.includes(folder) && dataExtensions.has(c.extension)) ctx.report({ messageId: 'misnamed', file: f.path, data: { folder } });
    }
  },
};
