import { existsSync, renameSync } from 'node:fs';
import { basename } from 'node:path';
import { FOLDER, parseRootFolderName, summaryTableFileName } from '@nyt2539/schema';
import type { CatalogInjector, WrittenContext } from './catalog.js';
import { inPackage, removeFile } from './written.js';

/** Package layout and naming: a mandatory file missing, a file misnamed. */

function summaryFile(ctx: WrittenContext, table: Parameters<typeof summaryTableFileName>[2]): string {
  const root = parseRootFolderName(basename(ctx.packageDir));
  if (!root) throw new Error(`package root ${ctx.packageDir} is not <county code><county name>`);
  return `${FOLDER.summary}/${summaryTableFileName(root.county, root.countyName, table)}`;
}

const mandatoryFileMissing: CatalogInjector = {
  id: 'mandatory-file-missing',
  family: 'layout',
  rules: ['layout/required-files'],
  alsoReportedBy: ['summary/reader-summary', 'summary/tables'],
  title: { zh: '缺少必需文件（按非承包地地块类别汇总表）', en: 'mandatory file missing (summary by non-contracted plot category)' },
  inject: () => [],
  afterWrite(ctx) {
    const file = summaryFile(ctx, 'byNonContractedCategory');
    removeFile(inPackage(ctx, file));
    return [{ id: this.id, family: this.family, kind: 'file-missing', file, keys: { file: basename(file) }, description: `汇总表 ${file} 未提交` }];
  },
};

const fileMisnamed: CatalogInjector = {
  id: 'file-misnamed',
  family: 'layout',
  rules: ['layout/misnamed-file'],
  alsoReportedBy: ['layout/required-files', 'layout/unexpected-file', 'summary/reader-summary', 'summary/tables'],
  title: { zh: '文件命名不规范（汇总表名称少了“表”字）', en: 'file misnamed (summary table name lacks its last character)' },
  inject: () => [],
  afterWrite(ctx) {
    const file = summaryFile(ctx, 'byLandUse');
    const after = file.replace(/表\.xls$/, '.xls');
    if (existsSync(inPackage(ctx, after))) throw new Error(`${after} exists`);
    renameSync(inPackage(ctx, file), inPackage(ctx, after));
    return [{ id: this.id, family: this.family, kind: 'value', file, keys: { file: basename(file) }, before: file, after, description: `${file} 被命名为 ${after}` }];
  },
};

export const layoutInjectors: readonly CatalogInjector[] = [mandatoryFileMissing, fileMisnamed];
