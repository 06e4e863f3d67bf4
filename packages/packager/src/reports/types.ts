import type { Localized } from '@nyt2539/schema';
import type { ReportModel } from './model.js';

/**
 * One report format (ESLint-formatter style): an id for `--format`, the file names it writes, and `write`, which
 * renders the (already masked) findings document into `outDir` atomically and returns the paths written.
 */
export interface ReportFormatter {
  readonly id: string;
  readonly describe: Localized;
  /** file names this format writes, per language (so pack, build and batch know them without writing) */
  readonly files: Readonly<Record<'zh' | 'en', readonly string[]>>;
  write(model: ReportModel, outDir: string): Promise<readonly string[]>;
}
