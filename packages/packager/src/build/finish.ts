import { join } from 'node:path';
import { checkDate, findingsDocument, runCheck } from '@nyt2539/checker';
import { FOLDER, type Lang } from '@nyt2539/schema';
import type { PackageData } from '../package/types.js';
import { writeReports } from '../reports/index.js';
import { renderSketches } from '../sketch/index.js';
import type { Staging } from './staging.js';

export interface FinishOptions {
  readonly lang: Lang;
  readonly sketch: boolean;
  readonly mask: boolean;
  /**
   * YYYY-MM-DD printed on the sketch maps and recorded as the check date; default NYT2539_DATE, else the metadata
   * date (never today: the same source must give the same bytes)
   */
  readonly date?: string;
  /** the build's --crs reprojection, applied to the staged geometry the maps are drawn from */
  readonly transform?: (x: number, y: number) => [number, number];
  /** report formats (default: every registered one) */
  readonly formats?: readonly string[];
}

export interface FinishResult {
  readonly passed: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly sketches: number;
  /** report files written into 文字报告/ */
  readonly reports: readonly string[];
}

/**
 * The parts of a build that need the laid-out package: sketch maps into 图件/, then the full check of the package
 * and every report format into 文字报告/ (a package with errors is still written; the reports say 不通过).
 */
export async function finishBuild(packageDir: string, staging: Staging, data: PackageData, options: FinishOptions): Promise<FinishResult> {
  const m = data.metadata.date;
  const date = checkDate(options.date ?? (process.env.NYT2539_DATE || `${m.slice(0, 4)}-${m.slice(4, 6)}-${m.slice(6, 8)}`));
  let sketches = 0;
  if (options.sketch) {
    sketches = (await renderSketches(staging.db, packageDir, { producer: data.metadata.rpOrgName, date, mask: options.mask, ...(options.transform ? { transform: options.transform } : {}) })).written;
  }
  const result = await runCheck(packageDir, { lang: options.lang });
  const reportDir = join(packageDir, ...FOLDER.reports.split('/'));
  const { info, summary, findings } = result;
  const doc = findingsDocument(info, summary, findings, { mask: options.mask, checkedAt: date, context: result.context });
  const written = await writeReports(doc, reportDir, { lang: options.lang, date, ...(options.formats ? { formats: options.formats } : {}) });
  return { passed: summary.passed, errors: summary.errors, warnings: summary.warnings, sketches, reports: written.flatMap((w) => w.files) };
}
