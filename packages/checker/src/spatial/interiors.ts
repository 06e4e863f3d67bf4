/**
 * A fast, conservative answer to "can these two single-ring polygons have overlapping interiors?" for the
 * plot-overlap sweep. Neighbouring plots share edges and vertices; asking GEOS (through wasm) about each of a
 * county's ~1.4M candidate pairs was most of the spatial check. This test answers `true` (disjoint) only when
 * it is certain, and `false` whenever GEOS must decide (an overlap, a duplicate, or anything it cannot tell).
 *
 * Why it is certain: split every edge of A at the vertices of B lying on it (and B's at A's). If no edge of A
 * properly crosses an edge of B, each piece lies wholly inside B, wholly outside, or on B's boundary, so its
 * midpoint classifies it. No piece of A inside B and none of B inside A means ∂A misses int(B) and ∂B misses
 * int(A); as each interior is connected, the interiors are then either disjoint or equal — and equal means every
 * piece of both lies on the other's boundary, which is checked and sent to GEOS (a duplicate plot).
 *
 * Coordinates are local (origin subtracted, < 1e6 m, stored to 0.0001 m). `EPS` absorbs the rounding of
 * computed midpoints and split points; a contact within it is treated as a touch, which can only send a pair
 * to GEOS or classify a piece as on the boundary — never hide a piece that is inside by more than EPS (such a
 * sliver would be far below any overlap tolerance, and a wholly coincident boundary goes to GEOS).
 */

import type { LayerData } from './layer.js';
import { pointSegmentDistance2 } from './rings.js';

const EPS = 1e-7;
const EPS2 = EPS * EPS;

/** Ring as [start, end) point positions in `c` (x, y interleaved); the last point repeats the first. */
export interface Ring {
  readonly c: Float64Array;
  readonly start: number;
  readonly end: number;
  /** the ring's [minx, miny, maxx, maxy] */
  readonly box: ArrayLike<number>;
}

const INSIDE = 1;
const ON = 0;
const OUTSIDE = -1;

/** Whether (x, y) is inside, on (within EPS) or outside the ring. */
function classify(r: Ring, x: number, y: number): number {
  const { c, start, end, box } = r;
  // most pieces of a neighbour lie outside the other plot's box: no edge to look at
  if (x < box[0] - EPS || x > box[2] + EPS || y < box[1] - EPS || y > box[3] + EPS) return OUTSIDE;
  let inside = false;
  for (let v = start; v + 1 < end; v++) {
    const ax = c[2 * v];
    const ay = c[2 * v + 1];
    const bx = c[2 * v + 2];
    const by = c[2 * v + 3];
    // squared distances only, and only for edges whose box is within EPS: Math.hypot dominated the first version
    if (x >= Math.min(ax, bx) - EPS && x <= Math.max(ax, bx) + EPS && y >= Math.min(ay, by) - EPS && y <= Math.max(ay, by) + EPS) {
      if (pointSegmentDistance2(x, y, ax, ay, bx, by) <= EPS2) return ON;
    }
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside ? INSIDE : OUTSIDE;
}


/** Side of (x, y) relative to the directed line a→b: 1 left, -1 right, 0 within EPS of the line. */
function side(ax: number, ay: number, bx: number, by: number, x: number, y: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const o = dx * (y - ay) - dy * (x - ax);
  // |o| / |b - a| is the distance to the line
  return o * o <= EPS2 * (dx * dx + dy * dy) ? 0 : o > 0 ? 1 : -1;
}

/**
 * Pieces of `a`'s edges (split at `b`'s vertices on them) against `b`: 'found' as soon as one piece lies where
 * `find` says (b's interior, or outside b), 'crossing' when an edge of a properly crosses one of b, else whether
 * every piece is on b's boundary.
 */
function piecesAgainst(a: Ring, b: Ring, splits: number[], find: typeof INSIDE | typeof OUTSIDE): 'found' | 'crossing' | 'allOn' | 'clear' {
  let allOn = true;
  const ac = a.c;
  const bc = b.c;
  const bMinx = b.box[0];
  const bMiny = b.box[1];
  const bMaxx = b.box[2];
  const bMaxy = b.box[3];
  for (let v = a.start; v + 1 < a.end; v++) {
    const px = ac[2 * v];
    const py = ac[2 * v + 1];
    const qx = ac[2 * v + 2];
    const qy = ac[2 * v + 3];
    const minx = Math.min(px, qx) - EPS;
    const maxx = Math.max(px, qx) + EPS;
    const miny = Math.min(py, qy) - EPS;
    const maxy = Math.max(py, qy) + EPS;
    const dx = qx - px;
    const dy = qy - py;
    // Most edges of a neighbour lie away from b's box (the ring's exact box): then no edge of b passes the box
    // test below, so there is no crossing and no split, and the edge is one piece classified at its midpoint.
    if (bMaxx < minx || bMinx > maxx || bMaxy < miny || bMiny > maxy) {
      const where = classify(b, px + 0.5 * dx, py + 0.5 * dy);
      if (where === find) return 'found';
      if (where !== ON) allOn = false;
      continue;
    }
    const len2 = dx * dx + dy * dy;
    splits.length = 0;
    for (let w = b.start; w + 1 < b.end; w++) {
      const rx = bc[2 * w];
      const ry = bc[2 * w + 1];
      const sx = bc[2 * w + 2];
      const sy = bc[2 * w + 3];
      if (Math.max(rx, sx) < minx || Math.min(rx, sx) > maxx || Math.max(ry, sy) < miny || Math.min(ry, sy) > maxy) continue;
      const s1 = side(px, py, qx, qy, rx, ry);
      const s2 = side(px, py, qx, qy, sx, sy);
      if (s1 * s2 < 0 && side(rx, ry, sx, sy, px, py) * side(rx, ry, sx, sy, qx, qy) < 0) return 'crossing';
      // b's vertex r on this edge, strictly between its ends: a split point (r's successor is the next w's r)
      if (s1 === 0 && len2 > 0) {
        const t = ((rx - px) * dx + (ry - py) * dy) / len2;
        if (t > 0 && t < 1) splits.push(t);
      }
    }
    if (splits.length > 1) splits.sort((x, y) => x - y);
    let t0 = 0;
    for (let k = 0; k <= splits.length; k++) {
      const t1 = k < splits.length ? splits[k] : 1;
      if (t1 - t0 > 0) {
        const tm = (t0 + t1) / 2;
        const where = classify(b, px + tm * dx, py + tm * dy);
        if (where === find) return 'found';
        if (where !== ON) allOn = false;
      }
      t0 = t1;
    }
  }
  return allOn ? 'allOn' : 'clear';
}

/** Whether segments a-b and c-d meet (touching within EPS included). */
function segmentsMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  if (Math.max(ax, bx) + EPS < Math.min(cx, dx) || Math.max(cx, dx) + EPS < Math.min(ax, bx)) return false;
  if (Math.max(ay, by) + EPS < Math.min(cy, dy) || Math.max(cy, dy) + EPS < Math.min(ay, by)) return false;
  const s1 = side(ax, ay, bx, by, cx, cy);
  const s2 = side(ax, ay, bx, by, dx, dy);
  const s3 = side(cx, cy, dx, dy, ax, ay);
  const s4 = side(cx, cy, dx, dy, bx, by);
  if (s1 * s2 < 0 && s3 * s4 < 0) return true;
  // an end within EPS of the other segment
  return (
    pointSegmentDistance2(cx, cy, ax, ay, bx, by) <= EPS2 ||
    pointSegmentDistance2(dx, dy, ax, ay, bx, by) <= EPS2 ||
    pointSegmentDistance2(ax, ay, cx, cy, dx, dy) <= EPS2 ||
    pointSegmentDistance2(bx, by, cx, cy, dx, dy) <= EPS2
  );
}

/**
 * Whether a closed ring is simple: no zero-length edge, no spike (an edge folding back on the previous one), no
 * two non-adjacent edges meeting. The disjointness argument holds for simple rings only; a self-intersecting
 * plot goes to GEOS as before (and is reported by topology/polygon-valid).
 */
export function isSimpleRing(r: Ring): boolean {
  const { c, start, end } = r;
  const edges = end - start - 1;
  if (edges < 3) return false;
  for (let i = 0; i < edges; i++) {
    const v = start + i;
    const ax = c[2 * v];
    const ay = c[2 * v + 1];
    const bx = c[2 * v + 2];
    const by = c[2 * v + 3];
    if (ax === bx && ay === by) return false;
    // the next edge must not run back along this one
    const w = start + ((i + 1) % edges);
    const nx = c[2 * w + 2];
    const ny = c[2 * w + 3];
    if (side(ax, ay, bx, by, nx, ny) === 0 && (nx - bx) * (bx - ax) + (ny - by) * (by - ay) < 0) return false;
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue; // the closing edge is adjacent to the first
      const u = start + j;
      if (segmentsMeet(ax, ay, bx, by, c[2 * u], c[2 * u + 1], c[2 * u + 2], c[2 * u + 3])) return false;
    }
  }
  return true;
}

const scratch: number[] = [];

/** True only when the interiors of the two simple single-ring polygons (see `isSimpleRing`) certainly do not meet. */
export function interiorsSurelyDisjoint(a: Ring, b: Ring): boolean {
  const ab = piecesAgainst(a, b, scratch, INSIDE);
  if (ab === 'found' || ab === 'crossing') return false;
  const ba = piecesAgainst(b, a, scratch, INSIDE);
  if (ba === 'found' || ba === 'crossing') return false;
  return !(ab === 'allOn' && ba === 'allOn');
}

/**
 * True only when the simple single-ring polygon `outer` certainly covers `inner` (both as `isSimpleRing`). The
 * same pieces as above: no piece of inner's boundary outside outer and none of outer's inside inner put ∂inner in
 * outer and keep ∂outer out of int(inner); a simple ring's region is simply connected, so inner lies in outer.
 * A piece outside by less than EPS counts as on the boundary: GEOS would then find a sliver far below any area
 * tolerance outside.
 */
export function ringSurelyCovers(outer: Ring, inner: Ring): boolean {
  const io = piecesAgainst(inner, outer, scratch, OUTSIDE);
  if (io === 'found' || io === 'crossing') return false;
  const oi = piecesAgainst(outer, inner, scratch, INSIDE);
  return oi !== 'found' && oi !== 'crossing';
}

/** Feature k's only ring, when it has exactly one and it is simple (the condition of the tests above). */
export function simpleRing(layer: LayerData, k: number): Ring | undefined {
  const p = layer.featurePart[k];
  if (layer.featurePart[k + 1] - p !== 1) return undefined;
  const ring = { c: layer.coords, start: layer.partStart[p], end: layer.partStart[p + 1], box: layer.bbox.subarray(4 * k, 4 * k + 4) };
  return isSimpleRing(ring) ? ring : undefined;
}
