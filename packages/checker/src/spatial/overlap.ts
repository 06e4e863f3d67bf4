import type Database from 'better-sqlite3';
import { area, destroy, destroyPrepared, extent, geomEquals, intersection, pointOnSurface, prepare, preparedRelatePattern } from './geos.js';
import { interiorsSurelyDisjoint, simpleRing, type Ring } from './interiors.js';
import { loadLayer, search, type LayerData } from './layer.js';
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
 * index; boxes that only touch are skipped; pairs interiors.ts proves disjoint are skipped; interiors meeting
 * (DE-9IM `T********`) on prepared GEOS geometry;
 * the area by GEOS overlay. Geometries are built lazily and freed once the sweep has passed them.
 */
export function overlapTask(db: Database.Database, part: number, parts: number, options: { minOverlapArea: number }): OverlapHit[] {
  const layer = loadLayer(db, 'DK');
  if (!layer || !layer.index) return [];
  // bboxes straight from the layer's typed array: no Feature object per plot (479k of them held for the whole sweep)
  const box = layer.bbox;
  // 0 not a sane polygon, 1 sane, 2 sane with one simple ring (pairs of those may skip GEOS), 3 not looked at yet:
  // a partition looks only at its own plots and their candidates
  const saneOf = new Uint8Array(layer.count).fill(3);
  const sane = (k: number): number => {
    if (saneOf[k] === 3) saneOf[k] = isSanePolygon(layer.feature(k)) ? (simpleRing(layer, k) ? 2 : 1) : 0;
    return saneOf[k];
  };
  const ringOf = (k: number): Ring | undefined => {
    if (sane(k) !== 2) return undefined;
    const p = layer.featurePart[k];
    return { c: layer.coords, start: layer.partStart[p], end: layer.partStart[p + 1], box: box.subarray(4 * k, 4 * k + 4) };
  };
  const geoms = new Map<number, number>();
  const geomOf = (k: number): number => {
    let g = geoms.get(k);
    if (g === undefined) geoms.set(k, (g = featureGeometry(layer.feature(k))));
    return g;
  };
  const order = Int32Array.from({ length: layer.count }, (_, k) => k)
    .filter((k) => !Number.isNaN(box[4 * k]))
    .sort((a, b) => box[4 * a] - box[4 * b] || a - b);
  const rank = new Int32Array(layer.count).fill(-1);
  order.forEach((k, r) => (rank[k] = r));
  const hits: OverlapHit[] = [];
  let released = 0;
  for (let n = 0; n < order.length; n++) {
    const i = order[n];
    while (released < n && box[4 * order[released] + 2] < box[4 * i]) {
      const g = geoms.get(order[released]);
      if (g !== undefined) destroy(g);
      geoms.delete(order[released]);
      released++;
    }
    if (n % parts !== part || !sane(i)) continue;
    const [a0, a1, a2, a3] = [box[4 * i], box[4 * i + 1], box[4 * i + 2], box[4 * i + 3]];
    const candidates = search(layer, a0, a1, a2, a3).filter((j) => {
      if (rank[j] <= n) return false;
      return Math.min(a2, box[4 * j + 2]) > Math.max(a0, box[4 * j]) && Math.min(a3, box[4 * j + 3]) > Math.max(a1, box[4 * j + 1]) && sane(j) !== 0;
    });
    if (candidates.length === 0) continue;
    const ringA = ringOf(i);
    let ga: number | undefined;
    let prepared: number | undefined;
    try {
      for (const j of candidates.sort((x, y) => x - y)) {
        // most candidates are neighbours sharing an edge: settled here without GEOS
        const ringB = ringA ? ringOf(j) : undefined;
        if (ringA && ringB && interiorsSurelyDisjoint(ringA, ringB)) continue;
        if (ga === undefined) {
          ga = geomOf(i);
          if (!ga) break;
          prepared = prepare(ga);
        }
        const gb = geomOf(j);
        if (!gb || !preparedRelatePattern(prepared!, gb, 'T********')) continue;
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
          const ext = extent(inter);
          const at = pointOnSurface(inter);
          hits.push({ later, first, kind: 'overlap', area: overlap, ...(ext ? { bbox: ext } : {}), ...(at ? { point: at } : {}) });
        } finally {
          destroy(inter);
        }
      }
    } finally {
      if (prepared !== undefined) destroyPrepared(prepared);
    }
  }
  for (const g of geoms.values()) destroy(g);
  return hits;
}
