/**
 * Sample sizes for the 抽检 (spot check) of a county's contractors (CBF), per stratum (乡镇 or 村).
 *
 * `gbt24356` (default): a batch-size → sample-size table in the manner of GB/T 24356 测绘成果质量检查与验收
 * (`GradingScheme.sampleSizes`; the built-in one is unverified, see grading.ts). Each stratum is one batch (批); a
 * stratum larger than the scheme's `maxBatch` is split into ⌈N/maxBatch⌉ batches as equal as possible and their
 * sample sizes are added.
 *
 * `percent`: n = min(N, max(1, ⌈N · max(p, m / T)⌉)) per stratum, with p the share (`--households 5%`), m the
 * county minimum (`--min 30`) and T the county's households: every stratum gets at least one household, every
 * stratum the same share, and the county total at least min(m, T) (Σ⌈xᵢ⌉ ≥ ⌈Σxᵢ⌉).
 */
import { BUILTIN_GRADING, gradingBatches, gradingSampleSize, type GradingScheme } from './grading.js';

export type SchemeId = 'gbt24356' | 'percent';

/** The built-in table's rows (unverified numbers; see BUILTIN_GRADING). */
export const GBT24356_TABLE = BUILTIN_GRADING.sampleSizes;

/** Batch sizes of a stratum of `n` under the built-in scheme. */
export function gbtBatches(n: number, grading: GradingScheme = BUILTIN_GRADING): number[] {
  return gradingBatches(grading, n);
}

export function gbtSampleSize(n: number, grading: GradingScheme = BUILTIN_GRADING): number {
  return gradingSampleSize(grading, n);
}

export function percentSampleSize(n: number, countyTotal: number, share: number, min: number): number {
  if (n <= 0) return 0;
  const rate = Math.max(share, countyTotal > 0 ? min / countyTotal : 0);
  // the epsilon keeps 5% of 200 at 10, not 11, when 0.05 · 200 comes out as 10.000000000000002
  return Math.min(n, Math.max(1, Math.ceil(n * rate - 1e-9)));
}

export interface SchemeOptions {
  readonly scheme: SchemeId;
  /** share of households for `percent` (0–1) */
  readonly share: number;
  /** county minimum for `percent` */
  readonly min: number;
  /** the table, deductions and cut-offs (default: the built-in, unverified one) */
  readonly grading?: GradingScheme;
}

/** Sample size of every stratum (same order as `sizes`). */
export function stratumSampleSizes(sizes: readonly number[], options: SchemeOptions): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  return sizes.map((n) => (options.scheme === 'gbt24356' ? gbtSampleSize(n, options.grading) : percentSampleSize(n, total, options.share, options.min)));
}
