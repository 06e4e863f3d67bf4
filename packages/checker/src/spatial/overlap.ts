import type Database from 'better-sqlite3';
import { area, destroy, destroyPrepared, extent, geomEquals, intersection, pointOnSurface, prepare, preparedRelatePattern } from './geos.js';
import { interiorsSurelyDisjoint, simpleRing, type Ring } from './interiors.js';
import { loadLayer, type LayerData } from './layer.js';
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
  const order = sweepOrder(box, layer.count);
  const rank = new Int32Array(layer.count).fill(-1);
  for (let r = 0; r < order.length; r++) rank[order[r]] = r;
  const hits: OverlapHit[] = [];
  const candidates: number[] = [];
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
    // the search's filter collects the candidates: no array of every box it meets per plot
    candidates.length = 0;
    layer.index.search(a0, a1, a2, a3, (j) => {
      if (rank[j] > n && Math.min(a2, box[4 * j + 2]) > Math.max(a0, box[4 * j]) && Math.min(a3, box[4 * j + 3]) > Math.max(a1, box[4 * j + 1]) && sane(j) !== 0) candidates.push(j);
      return false;
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

/** Which of a double's two 32-bit words holds its sign and exponent, in this platform's byte order. */
const HIGH = new Uint32Array(new Float64Array([-0]).buffer)[1] === 0x80000000 ? 1 : 0;

/**
 * Positions of the features that have a box, by min x and then position: the sweep order. An LSD radix sort on
 * the keys' bits (stable, so equal keys keep position order, the tie-break): Array#sort with a comparator
 * called back ~9M times for a county's plots cost each partition a third of a second.
 */
function sweepOrder(box: Float64Array, count: number): Int32Array {
  let n = 0;
  for (let k = 0; k < count; k++) if (!Number.isNaN(box[4 * k])) n++;
  let ids = new Int32Array(n);
  // each key as an unsigned 64-bit integer in the order of the doubles: the sign bit set for positive keys,
  // every bit flipped for negative ones; -0 is made +0 (a comparison finds them equal)
  let words = new Uint32Array(2 * n);
  const key = new Float64Array(1);
  const keyWords = new Uint32Array(key.buffer);
  for (let k = 0, at = 0; k < count; k++) {
    const x = box[4 * k];
    if (Number.isNaN(x)) continue;
    key[0] = x + 0;
    const high = keyWords[HIGH];
    const low = keyWords[1 - HIGH];
    const negative = high >>> 31 === 1;
    ids[at] = k;
    words[2 * at] = negative ? ~low >>> 0 : low;
    words[2 * at + 1] = negative ? ~high >>> 0 : (high | 0x80000000) >>> 0;
    at++;
  }
  let idsTo = new Int32Array(n);
  let wordsTo = new Uint32Array(2 * n);
  const counts = new Int32Array(1 << 16);
  for (let digit = 0; digit < 4; digit++) {
    const word = digit >> 1;
    const shift = 16 * (digit & 1);
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(words[2 * i + word] >>> shift) & 0xffff]++;
    // a digit every key shares moves nothing
    if (n === 0 || counts[(words[word] >>> shift) & 0xffff] === n) continue;
    for (let d = 0, sum = 0; d < counts.length; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const to = counts[(words[2 * i + word] >>> shift) & 0xffff]++;
      idsTo[to] = ids[i];
      wordsTo[2 * to] = words[2 * i];
      wordsTo[2 * to + 1] = words[2 * i + 1];
    }
    [ids, idsTo] = [idsTo, ids];
    [words, wordsTo] = [wordsTo, words];
  }
  return ids;
}
