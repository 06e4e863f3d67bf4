import type { Slot } from '../layout.js';
import { Rng } from '../random.js';

/**
 * How one slot's cells are merged into plots: 1×1 cells, strips, 2×2 blocks and L shapes, chosen
 * by the seed. Merges never cross the slot's `split` row line, so half a slot can be a 基本农田保护区
 * made of whole plots. Plot order (and so DKBM) runs from the north-west corner, row by row.
 */
export interface SlotPlots {
  readonly slot: Slot;
  /** plot index of cell (i,j) at cellPlot[(j - j0) * w + (i - i0)] */
  readonly cellPlot: Int32Array;
  readonly plots: readonly PlotCells[];
  /** absolute row line: cells with j ≥ split are the northern part */
  readonly split: number;
}

interface PlotCells {
  readonly index: number;
  readonly cells: readonly (readonly [number, number])[];
}

type Shape = readonly (readonly [number, number])[];
// offsets east (+i) and south (−j) of the first free cell met scanning north→south, west→east
const SHAPES: readonly Shape[] = [
  [[0, 0]],
  [[0, 0], [1, 0]],
  [[0, 0], [0, -1]],
  [[0, 0], [1, 0], [0, -1], [1, -1]],
  [[0, 0], [1, 0], [0, -1]],
  [[0, 0], [0, -1], [1, -1]],
  [[0, 0], [1, 0], [2, 0]],
  [[0, 0], [0, -1], [0, -2]],
];
const WEIGHTS = [5, 3, 3, 0.6, 0.8, 0.8, 0.5, 0.5];

export function slotPlots(seed: number, slot: Slot): SlotPlots {
  const rng = Rng.derive(seed, 'plots', slot.fbfbm);
  const { i0, j0, w, h } = slot.rect;
  const split = j0 + Math.floor(h / 2);
  const cellPlot = new Int32Array(w * h).fill(-1);
  const plots: PlotCells[] = [];
  for (let jj = h - 1; jj >= 0; jj--) {
    for (let ii = 0; ii < w; ii++) {
      if (cellPlot[jj * w + ii] >= 0) continue;
      const north = j0 + jj >= split;
      const fits = (s: Shape): boolean =>
        s.every(([di, dj]) => {
          const a = ii + di;
          const b = jj + dj;
          return a < w && b >= 0 && cellPlot[b * w + a] < 0 && j0 + b >= split === north;
        });
      let shape = rng.weighted(SHAPES, WEIGHTS);
      if (!fits(shape)) shape = SHAPES[0];
      const index = plots.length;
      const cells: [number, number][] = [];
      for (const [di, dj] of shape) {
        cellPlot[(jj + dj) * w + ii + di] = index;
        cells.push([i0 + ii + di, j0 + jj + dj]);
      }
      plots.push({ index, cells });
    }
  }
  return { slot, cellPlot, plots, split };
}

export function plotAt(sp: SlotPlots, i: number, j: number): number {
  const { i0, j0, w, h } = sp.slot.rect;
  if (i < i0 || j < j0 || i >= i0 + w || j >= j0 + h) return -1;
  return sp.cellPlot[(j - j0) * w + (i - i0)];
}
