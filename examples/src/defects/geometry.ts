import type { Geometry } from '@nyt2539/packager';
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
  alsoReportedBy: ['area/plot-area', 'topology/jzx-coverage', 'topology/plot-overlap', 'topology/ring-orientation', 'topology/sharp-angle', 'topology/kjzb-location', 'plots/kjzb'],
  title: { zh: '地块自相交（相邻两节点次序颠倒）', en: 'self-intersecting plot (two consecutive vertices swapped)' },
  inject(ctx) {
    return editGeometry(this, ctx, {
      layer: 'DK',
      accept: editable,
      change: (f) => {
        const r = ringOf(f)!;
        return polygon([r[0], r[2], r[1], ...r.slice(3)]);
      },
      keys: dkKeys,
      describe: '地块第 2、3 个节点次序颠倒，边界自相交',
    });
  },
};

const spike: CatalogInjector = {
  id: 'plot-spike',
  family: 'geometry',
  rules: ['topology/sharp-angle'],
  alsoReportedBy: ['area/plot-area', 'topology/plot-overlap', 'topology/plot-snapping', 'topology/jzd-plot-vertex', 'topology/jzx-coverage', 'topology/plot-region', 'topology/sfjbnt'],
  title: { zh: '地块边上有尖刺（狭长尖角）', en: 'spike on a plot edge (sharp angle)' },
  inject(ctx) {
    return editGeometry(this, ctx, {
      layer: 'DK',
      accept: editable,
      change: (f) => {
        const r = ringOf(f)!;
        // a 1 m wide, 20 m long spike outward from the middle of the first edge (outer ring is clockwise)
        const [ax, ay] = r[0];
        const [bx, by] = r[1];
        const len = Math.hypot(bx - ax, by - ay);
        const ux = (bx - ax) / len;
        const uy = (by - ay) / len;
        const mx = (ax + bx) / 2;
        const my = (ay + by) / 2;
        const at = (t: number, n: number): readonly [number, number] => [round4(mx + ux * t - uy * n), round4(my + uy * t + ux * n)];
        // clockwise ring: the outside is to the left of travel, i.e. along (-uy, ux)
        return polygon([r[0], at(-0.5, 0), at(0, 20), at(0.5, 0), ...r.slice(1)]);
      },
      keys: dkKeys,
      describe: '地块第 1 条边中点外插入宽 1 m、长 20 m 的尖刺',
    });
  },
};

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

export const geometryInjectors: readonly CatalogInjector[] = [duplicateVertex, selfIntersecting, spike];
