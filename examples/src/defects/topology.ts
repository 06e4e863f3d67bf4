import type { Geometry } from '@nyt2539/schema';
import { editGeometry, ringOf, type CatalogInjector } from './catalog.js';
import type { InjectContext } from './types.js';

/** Topology between plots: an overlap with the neighbour, a shared vertex left unsnapped. */

const dkKeys = (a: Record<string, unknown>) => ({ DKBM: String(a.DKBM) });
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Move vertex `k` of the ring by (dx, dy), keeping the ring closed. */
function moveVertex(ring: (readonly [number, number])[], k: number, dx: number, dy: number): Geometry {
  const out = ring.map((p) => [p[0], p[1]] as const);
  const moved = [round4(ring[k][0] + dx), round4(ring[k][1] + dy)] as const;
  out[k] = moved;
  if (k === 0) out[out.length - 1] = moved;
  return { type: 'Polygon', parts: [out] };
}

/** Outward direction at vertex k of a clockwise ring: away from the ring's centroid. */
function outward(ring: (readonly [number, number])[], k: number): [number, number] {
  const n = ring.length - 1;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    cx += ring[i][0] / n;
    cy += ring[i][1] / n;
  }
  const dx = ring[k][0] - cx;
  const dy = ring[k][1] - cy;
  const d = Math.hypot(dx, dy);
  return [dx / d, dy / d];
}

/** Enough shared vertices to find a plot among, without holding a county's millions of points. */
const MAX_SHARED = 50_000;

/**
 * Vertices (`x,y`) that the JZD layer says several plots share, the first `MAX_SHARED` of them: moving one
 * there always meets a neighbour (a vertex on the county edge would not).
 */
function sharedVertices(ctx: InjectContext): Set<string> {
  const out = new Set<string>();
  for (const f of ctx.model.layers.get('JZD')!.raw()) {
    if (f.geometry?.type === 'Point' && String(f.attributes.DKBM).includes('/')) out.add(`${f.geometry.x},${f.geometry.y}`);
    if (out.size >= MAX_SHARED) break;
  }
  return out;
}

/** Index of an interior ring vertex shared with a neighbour, or -1. */
function sharedVertex(ring: (readonly [number, number])[] | undefined, shared: Set<string>): number {
  if (!ring) return -1;
  for (let k = 1; k < ring.length - 1; k++) if (shared.has(`${ring[k][0]},${ring[k][1]}`)) return k;
  return -1;
}

/** Plots whose vertex shared with a neighbour is pushed `metres` outward (overlap when large, unsnapped when tiny). */
function moveSharedVertexOutward(ctx: Parameters<CatalogInjector['inject']>[0], metres: number) {
  const shared = sharedVertices(ctx);
  return {
    layer: 'DK',
    accept: (f: Parameters<typeof ringOf>[0]) => sharedVertex(ringOf(f), shared) > 0,
    change: (f: Parameters<typeof ringOf>[0]) => {
      const r = ringOf(f)!;
      const k = sharedVertex(r, shared);
      const [ux, uy] = outward(r, k);
      return moveVertex(r, k, ux * metres, uy * metres);
    },
    keys: dkKeys,
  };
}

const overlap: CatalogInjector = {
  id: 'plots-overlap',
  family: 'overlaps',
  rules: ['topology/plot-overlap'],
  // the moved vertex leaves its JZD behind and bends the JZX that list this plot
  // the vertex also pulls away from the other plots that shared it: a gap
  alsoReportedBy: ['area/plot-area', 'topology/plot-gap', 'topology/plot-snapping', 'topology/jzd-plot-vertex', 'topology/jzd-dkbm', 'topology/jzx-coverage', 'topology/jzx-dkbm', 'topology/kjzb-location', 'topology/plot-region', 'topology/sfjbnt'],
  title: { zh: '地块与相邻地块重叠（一个节点外移 3 m）', en: 'plot overlaps its neighbour (one vertex moved 3 m outward)' },
  inject(ctx) {
    return editGeometry(this, ctx, {
      ...moveSharedVertexOutward(ctx, 3),
      describe: '地块与相邻地块共用的一个节点向外移动 3 m，压盖相邻地块',
    });
  },
};

const unsnapped: CatalogInjector = {
  id: 'vertex-unsnapped',
  family: 'snapping',
  rules: ['topology/plot-snapping'],
  alsoReportedBy: ['topology/plot-gap', 'topology/jzd-plot-vertex', 'topology/jzd-dkbm', 'topology/jzx-coverage', 'topology/jzx-dkbm', 'topology/kjzb-location', 'topology/plot-overlap', 'topology/plot-region', 'topology/sfjbnt', 'area/plot-area'],
  title: { zh: '相邻地块公共节点未捕捉（偏移 2 cm）', en: 'shared vertex of neighbouring plots not snapped (2 cm off)' },
  inject(ctx) {
    return editGeometry(this, ctx, {
      ...moveSharedVertexOutward(ctx, 0.02),
      describe: '地块与相邻地块共用的一个节点偏移 0.02 m，两地块的该节点不再重合',
    });
  },
};

export const topologyInjectors: readonly CatalogInjector[] = [overlap, unsnapped];
