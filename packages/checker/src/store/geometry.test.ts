import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlobBlock, decodeGeometry, encodeGeometry, GEOM_VERSION, geometryBBox, geometryLayout, partStartOf, readPlanes } from './geometry.js';

const coord = fc.double({ min: -1e8, max: 1e8, noNaN: true });
const part = fc.array(fc.tuple(coord, coord), { minLength: 1, maxLength: 40 }).map((pts) => Float64Array.from(pts.flat()));

describe('geometry blob codec', () => {
  it('round-trips parts exactly, in stored order', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), fc.constantFrom(1, 3, 5, 8), (parts, shapeType) => {
        const g = decodeGeometry(encodeGeometry({ shapeType, parts }));
        expect(g.shapeType).toBe(shapeType);
        expect(g.parts.map((p) => Array.from(p))).toEqual(parts.map((p) => Array.from(p)));
        expect(g.z).toBeUndefined();
        expect(g.m).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips Z and M values per part', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
        const z = parts.map((p) => Float64Array.from({ length: p.length / 2 }, (_, i) => i * 1.5));
        const m = parts.map((p) => Float64Array.from({ length: p.length / 2 }, (_, i) => -i));
        const g = decodeGeometry(encodeGeometry({ shapeType: 15, parts, z, m }));
        expect(g.parts.map((p) => Array.from(p))).toEqual(parts.map((p) => Array.from(p)));
        expect(g.z?.map((p) => Array.from(p))).toEqual(z.map((p) => Array.from(p)));
        expect(g.m?.map((p) => Array.from(p))).toEqual(m.map((p) => Array.from(p)));
      }),
      { numRuns: 200 },
    );
  });

  it('has the documented header and alignment', () => {
    const blob = encodeGeometry({ shapeType: 25, parts: [Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(7, 8)] });
    expect(blob[0]).toBe(GEOM_VERSION);
    expect(blob[1]).toBe(0);
    expect(blob.readUInt32LE(4)).toBe(25);
    expect(blob.readUInt32LE(8)).toBe(2);
    expect(blob.readUInt32LE(12)).toBe(4);
    expect([blob.readUInt32LE(16), blob.readUInt32LE(20)]).toEqual([0, 3]);
    expect(blob.length).toBe(24 + 4 * 16);
    expect(blob.readDoubleLE(24)).toBe(1);
    expect(blob.readDoubleLE(24 + 3 * 16 + 8)).toBe(8);
  });

  it('rejects blobs that are not geometries', () => {
    expect(() => decodeGeometry(Buffer.from('hello world, not a geometry'))).toThrow(/not a stored geometry/);
    const ok = encodeGeometry({ shapeType: 1, parts: [Float64Array.of(1, 2)] });
    expect(() => decodeGeometry(ok.subarray(0, ok.length - 1))).toThrow(/bad length/);
  });

  it('reads the same x/y plane from a blob at any byte offset (SQLite hands out unaligned buffers)', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 7 }), (parts, shift) => {
        const blob = encodeGeometry({ shapeType: 5, parts });
        const holder = Buffer.alloc(blob.length + shift);
        blob.copy(holder, shift);
        const moved = holder.subarray(shift);
        const layout = geometryLayout(moved);
        expect(layout).toMatchObject({ shapeType: 5, flags: 0, partCount: parts.length, pointCount: parts.reduce((n, p) => n + p.length / 2, 0) });
        expect(Array.from(readPlanes(moved, layout!))).toEqual(parts.flatMap((p) => Array.from(p)));
        let start = 0;
        parts.forEach((p, i) => {
          expect(partStartOf(moved, i)).toBe(start);
          start += p.length / 2;
        });
      }),
      { numRuns: 200 },
    );
  });

  it('has no layout for a blob that is not a geometry', () => {
    const ok = encodeGeometry({ shapeType: 3, parts: [Float64Array.of(1, 2, 3, 4)] });
    expect(geometryLayout(ok.subarray(0, ok.length - 8))).toBeUndefined();
    expect(geometryLayout(Buffer.from('hello world, not a geometry'))).toBeUndefined();
  });

  it('computes the bounding box', () => {
    expect(geometryBBox({ parts: [Float64Array.of(3, 4, -1, 10), Float64Array.of(7, -2)] })).toEqual({ minx: -1, miny: -2, maxx: 7, maxy: 10 });
    expect(geometryBBox({ parts: [] })).toBeUndefined();
  });

  it('writes the same bytes into blocks as into a buffer of its own, whatever the block held', () => {
    // the reference: an unaligned buffer takes the general writer
    const unaligned = (n: number): Buffer => Buffer.alloc(n + 1).subarray(1);
    // a block full of junk, handed out 8-aligned as BlobBlock does: a byte left unwritten shows
    let block = Buffer.alloc(0);
    let used = 0;
    const junk = (n: number): Buffer => {
      if (used + n > block.length) {
        block = Buffer.alloc(1 << 12, 0xa5);
        used = 0;
      }
      const view = block.subarray(used, used + n);
      used += (n + 7) & ~7;
      return view;
    };
    const odd = fc.array(coord, { minLength: 1, maxLength: 9 }).map((v) => Float64Array.from(v)); // an odd length drops its last value
    const geometry = fc.record({
      shapeType: fc.constantFrom(1, 3, 5, 8, 13, 15, 25),
      parts: fc.array(fc.oneof(part, odd), { minLength: 0, maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(geometry, { minLength: 1, maxLength: 20 }), (gs) => {
        const blocks = new BlobBlock(256);
        for (const g of gs) {
          const want = encodeGeometry(g, unaligned);
          expect(Buffer.from(encodeGeometry(g, junk))).toEqual(want);
          expect(Buffer.from(encodeGeometry(g, blocks.take))).toEqual(want);
          expect(Buffer.from(encodeGeometry(g))).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});
