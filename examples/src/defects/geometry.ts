import type { Geometry } from '@nyt2539/schema';
import { editGeometry, ringOf, type CatalogInjector } from './catalog.js';

/** Geometry validity of one plot: a vertex twice, two vertices swapped (bow-tie), a spike. */

type Ring = (readonly [number, number])[];
const polygon = (ring: Ring): Geometry => ({ type: 'Polygon', parts: [ring] });
const dkKeys = (a: Record<string, unknown>) => ({ DKBM: String(a.DKBM) });
/** rings long enough to edit away from the closing vertex */
const editable = (f: Parameters<typeof ringOf>[0]) => (ringOf(f)?.length ?? 0) >= 6;

const duplicateVertex: CatalogInjector = {
  id: 'duplicate-vertex',
  family: 'geometry',
  rules: ['topology/vertex-spacing'],
  title: { zh: '地块节点重复', en: 'plot vertex repeated' },
  inject(ctx) {
    return editGeometry(this, ctx, {
      layer: 'DK',
      accept: editable,
      change: (f) => {
        const r = ringOf(f)!;
        return polygon([...r.slice(0, 2), r[1], ...r.slice(2)]);
      },
      keys: dkKeys,
      describe: '地块第 2 个节点重复出现',
    });
  },
};

const selfIntersecting: CatalogInjector = {
  id: 'self-intersecting-plot',
  family: 'geometry',
  rules: ['topology/polygon-valid'],
  // the twist adds vertices (no JZD, none on the neighbour); an invalid ring also spoils the area and the
  // overlays with neighbours and regions
  alsoReportedBy: ['area/plot-area', 'topology/jzd-plot-vertex', 'topology/plot-snapping', 'topology/jzx-coverage', 'topology/jzx-dkbm', 'topology/sharp-angle', 'topology/plot-region', 'topology/plot-gap', 'topology/sfjbnt'],
  title: { zh: '地块边界自相交（最长边上的“8”字形扭结）', en: 'self-intersecting plot (a figure-eight twist on its longest edge)' },
  inject(ctx) {
    return editGeometry(this, ctx, {
      layer: 'DK',
      accept: editable,
      change: (f) => {
        const r = ringOf(f)!;
        let k = 0;
        for (let i = 1; i < r.length - 1; i++) if (edgeLength(r, i) > edgeLength(r, k)) k = i;
        const at = along(r[k], r[k + 1]);
        // M1 → far corner → near corner → M2: the two diagonals of a 0.2 L × 2 m box inside the plot cross
        return polygon([...r.slice(0, k + 1), at(0.4, 0), at(0.6, -2), at(0.4, -2), at(0.6, 0), ...r.slice(k + 1)]);
      },
      keys: dkKeys,
      describe: '地块最长边中部向内插入“8”字形扭结，边界自相交',
    });
  },
};

const edgeLength = (r: Ring, i: number): number => Math.hypot(r[i + 1][0] - r[i][0], r[i + 1][1] - r[i][1]);

/**
 * Points relative to the edge a→b: `t` of its length along it, `n` metres to its left, which is outside a
 * clockwise outer ring.
 */
function along(a: readonly [number, number], b: readonly [number, number]): (t: number, n: number) => readonly [number, number] {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const ux = (b[0] - a[0]) / len;
  const uy = (b[1] - a[1]) / len;
  // points on the edge stay unrounded: rounding would move them off the shared edge and open a sliver
  return (t, n) => (n === 0 ? [a[0] + ux * t * len, a[1] + uy * t * len] : [round4(a[0] + ux * t * len - uy * n), round4(a[1] + uy * t * len + ux * n)]);
}

const spike: CatalogInjector = {
  id: 'plot-spike',
  family: 'geometry',
  rules: ['topology/sharp-angle'],
  // the spike covers part of the neighbour and adds vertices without JZD that the neighbour lacks
  alsoReportedBy: ['area/plot-area', 'topology/plot-overlap', 'topology/plot-snapping', 'topology/jzd-plot-vertex', 'topology/jzx-coverage', 'topology/jzx-dkbm', 'topology/plot-region', 'topology/sfjbnt'],
  title: { zh: '地块边上有尖刺（狭长尖角）', en: 'spike on a plot edge (sharp angle)' },
  inject(ctx) {
    return editGeometry(this, ctx, {
      layer: 'DK',
      accept: editable,
      change: (f) => {
        const r = ringOf(f)!;
        // a 1 m wide, 20 m long spike outward from the middle of the first edge
        const len = edgeLength(r, 0);
        const at = along(r[0], r[1]);
        return polygon([r[0], at(0.5 - 0.5 / len, 0), at(0.5, 20), at(0.5 + 0.5 / len, 0), ...r.slice(1)]);
      },
      keys: dkKeys,
      describe: '地块第 1 条边中点外插入宽 1 m、长 20 m 的尖刺',
    });
  },
};

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

export const geometryInjectors: readonly CatalogInjector[] = [duplicateVertex, selfIntersecting, spike];
