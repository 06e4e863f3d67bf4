/**
 * Ring orientation, ESRI convention (Shapefile Technical Description, "Polygon"): outer rings clockwise,
 * holes counter-clockwise. The writer stores rings exactly as given; callers that want valid output apply this.
 */

export type Ring = readonly (readonly [number, number])[];

/**
 * Twice the signed area (shoelace) with the first vertex as origin, so GK magnitudes (x≈3.9e7) lose no precision.
 * Positive = counter-clockwise (y up).
 */
export function signedArea2(ring: Ring): number {
  const n = ring.length;
  if (n < 3) return 0;
  const [x0, y0] = ring[0]!;
  let sum = 0;
  for (let i = 1; i + 1 < n; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[i + 1]!;
    sum += (ax - x0) * (by - y0) - (bx - x0) * (ay - y0);
  }
  return sum;
}

export function isClockwise(ring: Ring): boolean {
  return signedArea2(ring) < 0;
}

/**
 * Rings with outer rings clockwise and holes counter-clockwise. A ring is a hole when it lies inside an odd number
 * of the other rings (tested with its first vertex not on their boundary); ring order is kept. A ring of zero area
 * has no orientation and is kept as given (reversing it would not make it clockwise either).
 */
export function orientPolygon(parts: readonly Ring[]): [number, number][][] {
  return parts.map((ring, i) => {
    const depth = parts.reduce((d, other, j) => (j !== i && ringContainsRing(other, ring) ? d + 1 : d), 0);
    const wantClockwise = depth % 2 === 0;
    const copy = ring.map(([x, y]) => [x, y] as [number, number]);
    const area = signedArea2(ring);
    return area === 0 || area < 0 === wantClockwise ? copy : copy.reverse();
  });
}

function ringContainsRing(outer: Ring, inner: Ring): boolean {
  for (const p of inner) {
    const where = pointInRing(outer, p[0], p[1]);
    if (where !== 0) return where > 0;
  }
  return false;
}

/** 1 inside, -1 outside, 0 on the boundary (ray casting with an on-segment test). */
function pointInRing(ring: Ring, x: number, y: number): number {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    const cross = (xj - xi) * (y - yi) - (x - xi) * (yj - yi);
    if (cross === 0 && Math.min(xi, xj) <= x && x <= Math.max(xi, xj) && Math.min(yi, yj) <= y && y <= Math.max(yi, yj)) return 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}
