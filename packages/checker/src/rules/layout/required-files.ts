import { expectedFileNames, FOLDER, UNIT_CODE_TABLE_SUFFIX, type ExpectedEntry } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { distinctFileValues, folderPaths } from '../store-files.js';

/**
 * Mandatory folders and fixed-name files (naming.ts `expectedFileNames`, M entries). Files are found by what
 * they are, not their exact name, so a misnamed or mis-dated file is reported once, by layout/inconsistent-code
 * or layout/misnamed-file. Layers are left to structure/table-missing and their companions to
 * layout/shapefile-parts. Only the folders the QC tool refuses a package without are errors by default; other
 * mandatory folders (其他资料/权属来源附件, 点之记, 图件), which real exporters create only when they have content,
 * are warnings.
 */
export const rule: Rule<{ errorFolders: readonly string[] }> = {
  meta: {
    id: 'layout/required-files',
    group: 'layout',
    severity: 'error',
    title: { zh: '缺少必需的目录或文件', en: 'Mandatory folder or file missing' },
    messages: {
      folder: { zh: '缺少目录 {file}', en: 'Folder {file} is missing' },
      file: { zh: '缺少文件 {file}（{whatZh}）', en: 'File {file} is missing ({whatEn})' },
    },
    spec: 'NY/T 2539-2016 §7; 汇交办法 (package-layout.md §1)',
    basis: 'qc-rules.md A-02 (矢量数据/权属数据/汇总表格 hard-required), A-03, A-04, A-09, A-10; official-rules.md §4',
    basisKind: 'official-qc',
    fixedBy: '县确权办',
    options: { errorFolders: [FOLDER.vector, FOLDER.ownership, FOLDER.summary] },
  },
  run(ctx) {
    const dirs = folderPaths(ctx.db);
    const kinds = distinctFileValues(ctx.db, 'kind');
    const summaries = distinctFileValues(ctx.db, 'summary_table');
    const { county, countyName, year } = ctx.info;
    const expected = expectedFileNames(county || '<县级区划代码>', countyName || '<县名>', year || '<年份>');
    const what: Partial<Record<ExpectedEntry['kind'], { zh: string; en: string }>> = {
      mdb: { zh: '权属数据库', en: 'ownership database' },
      unitCodeTable: { zh: UNIT_CODE_TABLE_SUFFIX, en: 'ownership unit code table' },
      vectorMetadata: { zh: '矢量数据元数据', en: 'vector metadata' },
      summaryTable: { zh: FOLDER.summary, en: 'summary table' },
    };
    for (const e of expected) {
      if (e.constraint !== 'M' || e.kind === 'layerFile') continue;
      if (e.isDir) {
        if (dirs.has(e.path)) continue;
        const error = ctx.options.errorFolders.includes(e.path);
        ctx.report({ messageId: 'folder', file: e.path, ...(error ? {} : { severity: 'warning' as const }) });
        continue;
      }
      const present = e.kind === 'summaryTable' ? summaries.has(e.summaryTable ?? '') : kinds.has(e.kind);
      const folder = e.path.slice(0, e.path.lastIndexOf('/'));
      // a missing folder is one finding, not one per file it should hold
      if (present || (folder !== '' && !dirs.has(folder))) continue;
      const w = what[e.kind] ?? { zh: e.kind, en: e.kind };
      ctx.report({ messageId: 'file', file: e.path, data: { whatZh: w.zh, whatEn: w.en } });
    }
  },
};
