import type { XY } from './lattice.js';

/**
 * Planar ring area by the shoelace formula with a local origin subtracted: at Gauss-Krüger
 * magnitudes (x·y ≈ 1.3e14) the naive formula loses centimetres of area to rounding.
 * Positive for counter-clockwise rings, negative for clockwise (x east, y north).
 */
function signedRingArea(ring: readonly XY[]): number {
  if (ring.length < 3) return 0;
  const [ox, oy] = ring[0];
  let s = 0;
  for (let k = 0; k < ring.length; k++) {
    const [x1, y1] = ring[k];
    const [x2, y2] = ring[(k + 1) % ring.length];
    s += (x1 - ox) * (y2 - oy) - (x2 - ox) * (y1 - oy);
  }
  return s / 2;
}

/** Area of a polygon given as rings (outer first, holes after; ESRI orientation). */
export function polygonArea(parts: readonly (readonly XY[])[]): number {
  let a = 0;
  for (const r of parts) a -= signedRingArea(openRing(r));
  return Math.abs(a);
}

/** Drop the closing vertex if the ring repeats its first point. */
function openRing(ring: readonly XY[]): readonly XY[] {
  const n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) return ring.slice(0, n - 1);
  return ring;
}
