import { describe, expect, it } from 'vitest';
import { decodeGpkgGeometry, decodeWkb, WkbError } from './wkb.js';

/** Little helpers writing WKB/GeoPackage bytes by hand, independent of the decoder. */
function wkb(little: boolean, type: number, body: (v: DataView, at: number) => number, size: number): Uint8Array {
  const b = new Uint8Array(5 + size);
  const v = new DataView(b.buffer);
  b[0] = little ? 1 : 0;
  v.setUint32(1, type, little);
  body(v, 5);
  return b;
}
function point(x: number, y: number, little = true, type = 1): Uint8Array {
  const dims = type === 1001 || type === 2001 ? 3 : type === 3001 ? 4 : 2;
  return wkb(little, type, (v, at) => {
    v.setFloat64(at, x, little);
    v.setFloat64(at + 8, y, little);
    return at + 8 * dims;
  }, 8 * dims);
}
function polygon(rings: [number, number][][], little = true): Uint8Array {
  const size = 4 + rings.reduce((n, r) => n + 4 + 16 * r.length, 0);
  return wkb(little, 3, (v, at) => {
    v.setUint32(at, rings.length, little);
    at += 4;
    for (const r of rings) {
      v.setUint32(at, r.length, little);
      at += 4;
      for (const [x, y] of r) {
        v.setFloat64(at, x, little);
        v.setFloat64(at + 8, y, little);
        at += 16;
      }
    }
    return at;
  }, size);
}
function multi(type: number, parts: Uint8Array[]): Uint8Array {
  const head = new Uint8Array(9);
  head[0] = 1;
  new DataView(head.buffer).setUint32(1, type, true);
  new DataView(head.buffer).setUint32(5, parts.length, true);
  return Uint8Array.from([...head, ...parts.flatMap((p) => [...p])]);
}
function gp(body: Uint8Array, { envelope = 1, empty = false, srs = 4527 } = {}): Uint8Array {
  const env = [0, 32, 48, 48, 64][envelope]!;
  const head = new Uint8Array(8 + env);
  head.set([0x47, 0x50, 0, 1 | (envelope << 1) | (empty ? 0x10 : 0)]);
  new DataView(head.buffer).setInt32(4, srs, true);
  return Uint8Array.from([...head, ...body]);
}

const ring: [number, number][] = [[39500000, 3400000], [39500010, 3400000], [39500010, 3400010], [39500000, 3400000]];

describe('GeoPackage geometry', () => {
  it('reads the header (srs id, envelope of any size) and the WKB after it', () => {
    for (const envelope of [0, 1, 2, 4]) {
      const g = decodeGpkgGeometry(gp(point(39512345.678, 3412345.6789), { envelope }));
      expect(g).toEqual({ srsId: 4527, empty: false, geometry: { type: 'Point', point: [39512345.678, 3412345.6789] } });
    }
    expect(decodeGpkgGeometry(gp(point(NaN, NaN), { empty: true }))).toEqual({ srsId: 4527, empty: true, geometry: null });
  });

  it('decodes both byte orders, Z/M variants and multi-geometries', () => {
    expect(decodeWkb(point(1.5, 2.5, false))).toEqual({ type: 'Point', point: [1.5, 2.5] });
    expect(decodeWkb(point(1, 2, true, 1001))).toEqual({ type: 'Point', point: [1, 2] });
    expect(decodeWkb(point(1, 2, true, 3001))).toEqual({ type: 'Point', point: [1, 2] });
    expect(decodeWkb(polygon([ring], false))).toEqual({ type: 'Polygon', polygons: [[ring]] });
    const mp = decodeWkb(multi(6, [polygon([ring]), polygon([ring.map(([x, y]) => [x + 20, y] as [number, number])])]));
    expect(mp.type === 'Polygon' && mp.polygons.length).toBe(2);
    expect(decodeWkb(multi(4, [point(3, 4)]))).toEqual({ type: 'Point', point: [3, 4] });
  });

  it('rejects truncated or foreign bytes with a reason', () => {
    expect(() => decodeGpkgGeometry(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(WkbError);
    const bytes = polygon([ring]);
    expect(() => decodeWkb(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
    expect(() => decodeWkb(wkb(true, 17, () => 0, 0))).toThrow(/unsupported/);
  });
});
