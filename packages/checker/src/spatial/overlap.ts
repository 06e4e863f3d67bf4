import type Database from 'better-sqlite3';
import { area, destroy, destroyPrepared, extent, geomEquals, intersection, pointOnSurface, prepare, preparedRelatePattern } from './geos.js';
import { eachFeature, loadLayer, search } from './layer.js';
import { isSanePolygon } from './layers.js';
import { featureGeometry } from './polygon-geos.js';

/** One overlapping pair of plots: positions in the DK layer (later = higher position), in local coordinates. */
export interface OverlapHit {
  readonly later: number;
  readonly first: number;
  readonly kind: 'overlap' | 'duplicate';
  readonly area: number;
  readonly bbox?: [number, number, number, number];
  readonly point?: [number, number];
}

/**
 * Partition `part` of `parts` of the plot-overlap search: plots sorted by min x, a plot handled by the partition
 * of its sweep rank modulo `parts`, each pair once (from the plot earlier in the sweep). Candidates from the bbox
 * index; boxes that only touch are skipped; interiors meeting (DE-9IM `T********`) on prepared GEOS geometry;
 * the area by GEOS overlay. Geometries are built lazily and freed once the sweep has passed them.
 */
export function overlapTask(db: Database.Database, part: number, parts: number, options: { minOverlapArea: number }): OverlapHit[] {
  const layer = loadLayer(db, 'DK');
  if (!layer || !layer.index) return [];
  const plots = Array.from(eachFeature(layer));
  const sane = plots.map((f) => isSanePolygon(f));
  const geoms = new Map<number, number>();
  const geomOf = (k: number): number => {
    let g = geoms.get(k);
    if (g === undefined) geoms.set(k, (g = featureGeometry(plots[k])));
    return g;
  };
  const order = plots.filter((f) => f.bbox).map((f) => f.index).sort((a, b) => plots[a].bbox![0] - plots[b].bbox![0] || a - b);
  const rank = new Int32Array(plots.length).fill(-1);
  order.forEach((k, r) => (rank[k] = r));
  const hits: OverlapHit[] = [];
  let released = 0;
  for (let n = 0; n < order.length; n++) {
    const i = order[n];
    const a = plots[i];
    while (released < n && plots[order[released]].bbox![2] < a.bbox![0]) {
      const g = geoms.get(order[released]);
      if (g !== undefined) destroy(g);
      geoms.delete(order[released]);
      released++;
    }
    if (n % parts !== part || !sane[i]) continue;
    const ab = a.bbox!;
    const candidates = search(layer, ...ab).filter((j) => {
      if (rank[j] <= n || !sane[j]) return false;
      const bb = plots[j].bbox!;
      return Math.min(ab[2], bb[2]) > Math.max(ab[0], bb[0]) && Math.min(ab[3], bb[3]) > Math.max(ab[1], bb[1]);
    });
    if (candidates.length === 0) continue;
    const ga = geomOf(i);
    if (!ga) continue;
    const prepared = prepare(ga);
    try {
      for (const j of candidates.sort((x, y) => x - y)) {
        const gb = geomOf(j);
        if (!gb || !preparedRelatePattern(prepared, gb, 'T********')) continue;
        const later = Math.max(i, j);
        const first = Math.min(i, j);
        if (geomEquals(ga, gb)) {
          hits.push({ later, first, kind: 'duplicate', area: 0 });
          continue;
        }
        const inter = intersection(ga, gb);
        if (!inter) continue; // GEOS topology exception: the invalid plot is reported by polygon-valid
        try {
          const overlap = area(inter);
          if (overlap <= options.minOverlapArea) continue;
          const box = extent(inter);
          const at = pointOnSurface(inter);
          hits.push({ later, first, kind: 'overlap', area: overlap, ...(box ? { bbox: box } : {}), ...(at ? { point: at } : {}) });
        } finally {
          destroy(inter);
        }
      }
    } finally {
      destroyPrepared(prepared);
    }
  }
  for (const g of geoms.values()) destroy(g);
  return hits;
}
