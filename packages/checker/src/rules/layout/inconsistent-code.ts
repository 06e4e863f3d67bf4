import { classifyPath } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { packageFiles } from '../store-files.js';

/**
 * Every file name carries the same county code as the root folder (and the same county name, for summary
 * tables), and one year for the whole package. The package year is the one most files carry (the loader's
 * `year`); a file with another is reported.
 */
export const rule: Rule = {
  meta: {
    id: 'layout/inconsistent-code',
    group: 'layout',
    severity: 'error',
    title: { zh: '文件名中的区划代码或年份不一致', en: 'County code or year inconsistent across file names' },
    messages: {
      county: { zh: '文件 {file} 名称中的县级区划代码 {actual} 与根目录的 {expected} 不一致', en: 'File {file} carries county code {actual}, the root folder {expected}' },
      countyName: { zh: '文件 {file} 名称中的县名“{actual}”与根目录的“{expected}”不一致', en: 'File {file} carries county name "{actual}", the root folder "{expected}"' },
      year: { zh: '文件 {file} 名称中的年份 {actual} 与其他文件的 {expected} 不一致', en: 'File {file} carries year {actual}, other files {expected}' },
    },
    spec: 'NY/T 2539-2016 §7.2–7.4 (命名：要素代码+县级区划代码+年份)',
    basis: 'package-layout.md §1.4 ("Use one year consistently for all files"); qc-rules.md A-03, A-05',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    const { county, countyName, year } = ctx.info;
    // only these names carry a county code, county name or year (sketch maps carry an FBFBM, checked by coding rules)
    for (const f of packageFiles(ctx.db, ['layerFile', 'mdb', 'unitCodeTable', 'summaryTable', 'vectorMetadata'])) {
      if (f.isDir) continue;
      const c = classifyPath(f.path);
      if (county && c.county && c.county !== county) ctx.report({ messageId: 'county', file: f.path, actual: c.county, expected: county });
      if (countyName && c.countyName && c.countyName !== countyName) ctx.report({ messageId: 'countyName', file: f.path, actual: c.countyName, expected: countyName });
      if (year && c.year && c.year !== year) ctx.report({ messageId: 'year', file: f.path, actual: c.year, expected: year });
    }
  },
};
