import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isClockwise, orientPolygon, signedArea2, type Ring } from './orient.js';

const X = 39500000;
const Y = 3400000;
const square = (x: number, y: number, s: number): [number, number][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
]; // counter-clockwise

describe('orientPolygon', () => {
  it('makes outer rings clockwise and holes counter-clockwise, keeping ring order', () => {
    const outer = square(X, Y, 100);
    const hole = square(X + 10, Y + 10, 20).reverse(); // clockwise: wrong for a hole
    const island = square(X + 200, Y, 50); // second outer ring, counter-clockwise: wrong
    const [o, h, i] = orientPolygon([outer, hole, island]);
    expect(isClockwise(o!)).toBe(true);
    expect(isClockwise(h!)).toBe(false);
    expect(isClockwise(i!)).toBe(true);
    expect(h![0]).toEqual([X + 10, Y + 10]); // same ring, only reversed
    expect(Math.abs(signedArea2(o!))).toBe(2 * 100 * 100);
  });
  it('treats an island inside a hole as an outer ring', () => {
    const rings = orientPolygon([square(X, Y, 100), square(X + 10, Y + 10, 80), square(X + 40, Y + 40, 10)]);
    expect(rings.map(isClockwise)).toEqual([true, false, true]);
  });
  it('keeps a ring of zero area as given (it has no orientation to fix)', () => {
    const flat: Ring = [
      [X, Y],
      [X, Y],
      [X, Y + 1],
      [X, Y],
    ];
    const once = orientPolygon([flat]);
    expect(once).toEqual([flat.map((p) => [...p])]);
    expect(orientPolygon(once)).toEqual(once);
  });
  it('is idempotent and keeps the vertices (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), { minLength: 3, maxLength: 12 }), (pts) => {
        const ring: Ring = [...pts.map(([x, y]) => [X + x, Y + y] as [number, number]), [X + pts[0]![0], Y + pts[0]![1]]];
        const once = orientPolygon([ring]);
        expect(orientPolygon(once)).toEqual(once);
        expect([...once[0]!].sort()).toEqual([...ring.map((p) => [...p])].sort());
        if (signedArea2(ring) !== 0) expect(isClockwise(once[0]!)).toBe(true);
      }),
    );
  });
});
