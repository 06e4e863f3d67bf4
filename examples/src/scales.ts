/** Sizes of the synthetic counties. Plots ≈ slots × cells per slot ÷ ~1.45 (cells merged per plot). */
export type Scale = 'tiny' | 'example' | 'county';

export interface ScaleDef {
  readonly towns: number;
  /** towns side by side in one county row (rows stack northwards; the last row may be shorter) */
  readonly townsPerRow: number;
  /** villages per town: columns × rows */
  readonly villageGrid: readonly [number, number];
  /** group slots per village: columns × rows (one slot may hold the village-level 发包方) */
  readonly slotGrid: readonly [number, number];
  /** mean cells per slot side: columns × rows */
  readonly slotCells: readonly [number, number];
  /** share of villages that also have a village-level 发包方 (…00) */
  readonly villageFbfShare: number;
  /** mean contracted plots per household */
  readonly plotsPerHousehold: number;
}

export const scales: Readonly<Record<Scale, ScaleDef>> = {
  // 1 village, 3 groups + a village-level 发包方: ~300 plots
  tiny: { towns: 1, townsPerRow: 1, villageGrid: [1, 1], slotGrid: [2, 2], slotCells: [11, 12], villageFbfShare: 1, plotsPerHousehold: 3.3 },
  // 1 township, 10 villages, ~2k households, ~8k plots
  example: { towns: 1, townsPerRow: 1, villageGrid: [5, 2], slotGrid: [3, 2], slotCells: [15, 15], villageFbfShare: 0.3, plotsPerHousehold: 3.6 },
  // ~32 townships, ~640 villages, ~150k households, ~500k plots
  county: { towns: 32, townsPerRow: 6, villageGrid: [5, 4], slotGrid: [4, 2], slotCells: [13, 12], villageFbfShare: 0.1, plotsPerHousehold: 2.9 },
};

export function isScale(s: string): s is Scale {
  return s === 'tiny' || s === 'example' || s === 'county';
}
