import { join } from 'node:path';
import { findingsDocument, renderJson, renderText, runCheck, writeFileAtomic } from '@nyt2539/checker';
import { FOLDER, type Lang } from '@nyt2539/schema';
import type { PackageData } from '../package/types.js';
import { renderSketches } from '../sketch/index.js';
import type { Staging } from './staging.js';

export interface FinishOptions {
  readonly lang: Lang;
  readonly sketch: boolean;
  readonly mask: boolean;
  /** YYYY-MM-DD printed on the sketch maps; default the metadata date */
  readonly date?: string;
  /** the build's --crs reprojection, applied to the staged geometry the maps are drawn from */
  readonly transform?: (x: number, y: number) => [number, number];
}

export interface FinishResult {
  readonly passed: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly sketches: number;
}

/**
 * The parts of a build that need the laid-out package: sketch maps into 图件/, then the full check of the package
 * and its reports into 文字报告/ (a package with errors is still written; the report says 不通过).
 */
export async function finishBuild(packageDir: string, staging: Staging, data: PackageData, options: FinishOptions): Promise<FinishResult> {
  let sketches = 0;
  if (options.sketch) {
    const m = data.metadata.date;
    const date = options.date ?? `${m.slice(0, 4)}-${m.slice(4, 6)}-${m.slice(6, 8)}`;
    sketches = (await renderSketches(staging.db, packageDir, { producer: data.metadata.rpOrgName, date, mask: options.mask, ...(options.transform ? { transform: options.transform } : {}) })).written;
  }
  const result = await runCheck(packageDir, { lang: options.lang });
  const reportDir = join(packageDir, ...FOLDER.reports.split('/'));
  const { info, summary, findings } = result;
  writeFileAtomic(join(reportDir, 'findings.json'), renderJson(findingsDocument(info, summary, findings, { mask: options.mask })));
  writeFileAtomic(join(reportDir, 'report.txt'), renderText(info, summary, findings, { lang: options.lang, limit: findings.length, mask: options.mask }));
  return { passed: summary.passed, errors: summary.errors, warnings: summary.warnings, sketches };
}
