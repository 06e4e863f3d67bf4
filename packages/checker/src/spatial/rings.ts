/**
 * Plain ring and line measures on local coordinates (x, y interleaved). Local coordinates are small (< 1e6 m)
 * and exact, and each shoelace term is taken relative to the ring's first vertex, so areas keep 1e-6 m²
 * resolution at county extents.
 */

export function pointCount(coords: Float64Array): number {
  return coords.length >> 1;
}

/** Shoelace area: positive for counter-clockwise rings (y up), negative for clockwise. */
export function signedArea(ring: Float64Array): number {
  const n = ring.length >> 1;
  if (n < 3) return 0;
  const x0 = ring[0];
  const y0 = ring[1];
  let sum = 0;
  for (let i = 1; i + 1 < n; i++) {
    const ax = ring[2 * i] - x0;
    const ay = ring[2 * i + 1] - y0;
    const bx = ring[2 * i + 2] - x0;
    const by = ring[2 * i + 3] - y0;
    sum += ax * by - bx * ay;
  }
  return sum / 2;
}

export function isClosed(ring: Float64Array): boolean {
  const n = ring.length >> 1;
  return n > 0 && ring[0] === ring[2 * n - 2] && ring[1] === ring[2 * n - 1];
}

export function lineLength(coords: Float64Array): number {
  let sum = 0;
  for (let i = 2; i + 1 < coords.length; i += 2) sum += Math.hypot(coords[i] - coords[i - 2], coords[i + 1] - coords[i - 1]);
  return sum;
}

/**
 * Area of a polygon whose first ring is the shell and the rest holes, taken by magnitude (shapefile rings are
 * oriented shell-clockwise, but a wrongly oriented file must still give a sensible area).
 */
export function polygonArea(rings: readonly Float64Array[]): number {
  let a = 0;
  rings.forEach((r, i) => (a += i === 0 ? Math.abs(signedArea(r)) : -Math.abs(signedArea(r))));
  return a;
}

/**
 * Split shapefile polygon parts into polygons: a clockwise ring opens a new polygon, a counter-clockwise ring is
 * a hole of the polygon before it (ESRI shapefile white paper: outer rings clockwise, holes counter-clockwise).
 * A leading counter-clockwise ring still opens a polygon, so nothing is dropped.
 */
export function groupRings(parts: readonly Float64Array[]): Float64Array[][] {
  const polygons: Float64Array[][] = [];
  for (const ring of parts) {
    const clockwise = signedArea(ring) < 0;
    if (clockwise || polygons.length === 0) polygons.push([ring]);
    else polygons[polygons.length - 1].push(ring);
  }
  return polygons;
}

/**
 * Interior angle at every vertex of a closed ring, in degrees 0…360 measured between the two adjacent
 * segments (the closing vertex included). Zero-length segments are skipped by looking further along.
 */
export function eachVertexAngle(ring: Float64Array, fn: (vertex: number, degrees: number) => void): void {
  const n = (ring.length >> 1) - 1; // distinct vertices of a closed ring
  if (n < 3) return;
  const x = (i: number) => ring[2 * (((i % n) + n) % n)];
  const y = (i: number) => ring[2 * (((i % n) + n) % n) + 1];
  for (let i = 0; i < n; i++) {
    let p = i - 1;
    while (p > i - n && x(p) === x(i) && y(p) === y(i)) p--;
    let q = i + 1;
    while (q < i + n && x(q) === x(i) && y(q) === y(i)) q++;
    const ax = x(p) - x(i);
    const ay = y(p) - y(i);
    const bx = x(q) - x(i);
    const by = y(q) - y(i);
    if ((ax === 0 && ay === 0) || (bx === 0 && by === 0)) continue;
    let deg = (Math.atan2(ax * by - ay * bx, ax * bx + ay * by) * 180) / Math.PI;
    if (deg < 0) deg += 360;
    fn(i, deg);
  }
}

/** Distance from point (px, py) to segment a–b. */
export function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  // sqrt, not Math.hypot: local coordinates cannot overflow, and hypot is several times slower in V8
  return Math.sqrt(pointSegmentDistance2(px, py, ax, ay, bx, by));
}

/** Squared distance from a point to a segment (for comparisons against a squared tolerance). */
export function pointSegmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const ex = px - (ax + t * dx);
  const ey = py - (ay + t * dy);
  return ex * ex + ey * ey;
}
