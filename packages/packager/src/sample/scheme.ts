/**
 * Sample sizes for the 抽检 (spot check) of a county's contractors (CBF), per stratum (乡镇 or 村).
 *
 * `gbt24356` (default): the batch-size → sample-size table of GB/T 24356 测绘成果质量检查与验收. Each stratum is
 * one batch (批); a stratum of more than 200 households is split into ⌈N/200⌉ batches as equal as possible
 * (the standard caps a batch at 200 units) and their sample sizes are added. The table is the 2009 edition's
 * 表 1 (批量 → 样本量); the 2023 edition (in force since 2023-05-23) "changed the sampling method (5.1, 5.2)"
 * and its table could not be consulted, so this scheme is labelled with the edition it follows.
 *
 * `percent`: n = min(N, max(1, ⌈N · max(p, m / T)⌉)) per stratum, with p the share (`--households 5%`), m the
 * county minimum (`--min 30`) and T the county's households: every stratum gets at least one household, every
 * stratum the same share, and the county total at least min(m, T) (Σ⌈xᵢ⌉ ≥ ⌈Σxᵢ⌉).
 */

export type SchemeId = 'gbt24356' | 'percent';

export const GBT24356_EDITION = 'GB/T 24356-2009 表1（2023 版更改了抽样方法，其表未能查到）';

/** [largest batch size, sample size] rows of the GB/T 24356-2009 表 1. */
export const GBT24356_TABLE: readonly (readonly [number, number])[] = [
  [20, 3],
  [40, 5],
  [60, 7],
  [80, 9],
  [100, 10],
  [120, 11],
  [140, 12],
  [160, 13],
  [180, 14],
  [200, 15],
];

export const GBT24356_MAX_BATCH = 200;

/** Sample size of one batch of `n` ≤ 200 units (never more than the batch). */
function tableSize(n: number): number {
  if (n <= 0) return 0;
  const row = GBT24356_TABLE.find(([max]) => n <= max) ?? GBT24356_TABLE[GBT24356_TABLE.length - 1]!;
  return Math.min(n, row[1]);
}

/** The sizes of ⌈n/200⌉ batches as equal as possible (the first ones one larger). */
export function gbtBatches(n: number): number[] {
  if (n <= 0) return [];
  const k = Math.ceil(n / GBT24356_MAX_BATCH);
  const small = Math.floor(n / k);
  return Array.from({ length: k }, (_, i) => small + (i < n % k ? 1 : 0));
}

export function gbtSampleSize(n: number): number {
  return gbtBatches(n).reduce((s, b) => s + tableSize(b), 0);
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
}

/** Sample size of every stratum (same order as `sizes`). */
export function stratumSampleSizes(sizes: readonly number[], options: SchemeOptions): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  return sizes.map((n) => (options.scheme === 'gbt24356' ? gbtSampleSize(n) : percentSampleSize(n, total, options.share, options.min)));
}
