import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initGeosJs from 'geos-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePackage } from '@nyt2539/packager';

/**
 * Geometry invariants of a generated county, checked on the files as an independent reader (the
 * `shapefile` package) returns them, with GEOS (geos-wasm) for unions and areas.
 */
type Pt = [number, number];
type Rec = Record<string, unknown>;
interface Feat {
  geometry: { type: string; coordinates: unknown };
  properties: Rec;
}
interface ShapefileModule {
  open(shp: string, dbf: string, opts: { encoding: string }): Promise<{ read(): Promise<{ done: boolean; value: Feat }> }>;
}

const root = mkdtempSync(join(tmpdir(), 'nyt2539-geom-'));
const L: Record<string, Feat[]> = {};
let geos: Awaited<ReturnType<typeof initGeosJs>>;

beforeAll(async () => {
  const r = await generatePackage({ scale: 'tiny', seed: 5, outDir: root });
  const shapefile = (await import('shapefile' as string)) as ShapefileModule;
  for (const l of ['DK', 'JZD', 'JZX', 'ZJQY', 'CJQY', 'XJQY', 'XJXZQ', 'JBNTBHQ', 'MZDW', 'QYJX']) {
    const base = join(r.packageDir, '矢量数据', `${l}3407112016`);
    const src = await shapefile.open(`${base}.shp`, `${base}.dbf`, { encoding: 'gbk' });
    L[l] = [];
    for (let x = await src.read(); !x.done; x = await src.read()) L[l].push(x.value);
  }
  geos = await initGeosJs();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const key = (p: Pt): string => `${p[0].toFixed(3)},${p[1].toFixed(3)}`;
const outer = (f: Feat): Pt[] => {
  expect(f.geometry.type).toBe('Polygon');
  const rings = f.geometry.coordinates as Pt[][];
  expect(rings).toHaveLength(1);
  return rings[0];
};
/** shoelace with a local origin (GK coordinates are ~4e7) */
function signedArea(ring: Pt[]): number {
  const [ox, oy] = ring[0];
  let s = 0;
  for (let k = 0; k + 1 < ring.length; k++) s += (ring[k][0] - ox) * (ring[k + 1][1] - oy) - (ring[k + 1][0] - ox) * (ring[k][1] - oy);
  return s / 2;
}

function geosArea(wkt: string, op?: 'union'): number {
  const size = Buffer.byteLength(wkt) + 1;
  const ptr = geos.Module._malloc(size);
  geos.Module.stringToUTF8(wkt, ptr, size);
  const g = geos.GEOSGeomFromWKT(ptr);
  geos.Module._free(ptr);
  const target = op === 'union' ? geos.GEOSUnaryUnion(g) : g;
  const out = geos.Module._malloc(8);
  geos.GEOSArea(target, out);
  const a = geos.Module.getValue(out, 'double');
  geos.Module._free(out);
  if (target !== g) geos.GEOSGeom_destroy(target);
  geos.GEOSGeom_destroy(g);
  return a;
}
const ringWkt = (r: Pt[]): string => `((${r.map((p) => `${p[0]} ${p[1]}`).join(',')}))`;
const multi = (rs: Pt[][]): string => `MULTIPOLYGON(${rs.map(ringWkt).join(',')})`;

describe('generated geometry (tiny)', () => {
  it('every polygon is one clockwise outer ring, closed', () => {
    for (const l of ['DK', 'ZJQY', 'CJQY', 'XJQY', 'XJXZQ', 'JBNTBHQ', 'MZDW']) {
      for (const f of L[l]) {
        const r = outer(f);
        expect(key(r[0])).toBe(key(r[r.length - 1]));
        expect(signedArea(r), l).toBeLessThan(0);
      }
    }
  });

  it('SCMJ equals the polygon area and plots are 0.3–5 亩 typical', () => {
    const mu: number[] = [];
    for (const f of L.DK) {
      const a = -signedArea(outer(f));
      expect(Math.abs((f.properties.SCMJ as number) - a), String(f.properties.DKBM)).toBeLessThanOrEqual(0.0051);
      mu.push(a * 0.0015);
    }
    mu.sort((x, y) => x - y);
    expect(mu[Math.floor(mu.length * 0.1)]).toBeGreaterThan(0.3);
    expect(mu[Math.floor(mu.length * 0.9)]).toBeLessThan(5);
    // not all rectangles: many plots have more than 4 distinct vertices
    expect(L.DK.filter((f) => outer(f).length - 1 > 4).length).toBeGreaterThan(L.DK.length / 2);
  });

  it('plots of each group tile its 组级区域 exactly: no overlap (Σ area = union area), no gap (union = group)', () => {
    const groups = [...L.ZJQY.map((f) => [f.properties.ZJQYDM as string, outer(f)] as const), ...L.CJQY.map((f) => [f.properties.CJQYDM as string, outer(f)] as const)];
    expect(groups.length).toBeGreaterThan(3);
    for (const [code, ring] of groups) {
      const plots = L.DK.filter((f) => (f.properties.DKBM as string).startsWith(code)).map(outer);
      expect(plots.length).toBeGreaterThan(10);
      const sum = plots.reduce((s, r) => s - signedArea(r), 0);
      const union = geosArea(multi(plots), 'union');
      const region = geosArea(`POLYGON${ringWkt(ring)}`);
      expect(Math.abs(sum - union), `${code} overlap`).toBeLessThan(1e-3);
      expect(Math.abs(union - region), `${code} gap`).toBeLessThan(1e-3);
    }
    const county = L.XJXZQ.map(outer)[0];
    expect(Math.abs(geosArea(multi(L.DK.map(outer)), 'union') - geosArea(`POLYGON${ringWkt(county)}`))).toBeLessThan(1e-2);
  });

  it('a 界址点 sits at every plot vertex, once, listing exactly the plots that touch it', () => {
    const touching = new Map<string, Set<string>>();
    for (const f of L.DK) for (const p of outer(f)) (touching.get(key(p)) ?? touching.set(key(p), new Set()).get(key(p))!).add(f.properties.DKBM as string);
    const jzd = new Map<string, Rec>();
    for (const f of L.JZD) {
      const p = f.geometry.coordinates as Pt;
      expect(jzd.has(key(p))).toBe(false);
      jzd.set(key(p), f.properties);
      expect(key([f.properties.YZBZ as number, f.properties.XZBZ as number])).toBe(key(p));
    }
    expect(new Set(jzd.keys())).toEqual(new Set(touching.keys()));
    for (const [k, codes] of touching) expect((jzd.get(k)!.DKBM as string).split('/').sort()).toEqual([...codes].sort());
  });

  it('KJZB lists the plot’s own 界址点 clockwise; 四至 are filled', () => {
    const byNumber = new Map(L.JZD.map((f) => [f.properties.JZDH as string, key(f.geometry.coordinates as Pt)]));
    for (const f of L.DK) {
      const ring = outer(f).slice(0, -1).map(key);
      const listed = (f.properties.KJZB as string).split('/').map((n) => byNumber.get(n));
      expect(listed).toEqual(ring);
      for (const side of ['DKDZ', 'DKXZ', 'DKNZ', 'DKBZ']) expect(String(f.properties[side] ?? '').length).toBeGreaterThan(0);
    }
  });

  it('界址线 cover every plot edge exactly once, from 起 to 止 界址点, naming the plots on both sides', () => {
    const byNumber = new Map(L.JZD.map((f) => [f.properties.JZDH as string, key(f.geometry.coordinates as Pt)]));
    const edge = (a: Pt, b: Pt): string => [key(a), key(b)].sort().join('|');
    const owners = new Map<string, Set<string>>();
    for (const f of L.DK) {
      const r = outer(f);
      for (let k = 0; k + 1 < r.length; k++) (owners.get(edge(r[k], r[k + 1])) ?? owners.set(edge(r[k], r[k + 1]), new Set()).get(edge(r[k], r[k + 1]))!).add(f.properties.DKBM as string);
    }
    const covered = new Map<string, number>();
    for (const f of L.JZX) {
      expect(f.geometry.type).toBe('LineString');
      const line = f.geometry.coordinates as Pt[];
      expect(byNumber.get(f.properties.QJZDH as string)).toBe(key(line[0]));
      expect(byNumber.get(f.properties.ZJZDH as string)).toBe(key(line[line.length - 1]));
      const codes = (f.properties.DKBM as string).split('/').sort();
      for (let k = 0; k + 1 < line.length; k++) {
        const e = edge(line[k], line[k + 1]);
        covered.set(e, (covered.get(e) ?? 0) + 1);
        expect([...(owners.get(e) ?? [])].sort()).toEqual(codes);
      }
    }
    expect(new Set(covered.keys())).toEqual(new Set(owners.keys()));
    expect([...covered.values()].every((n) => n === 1)).toBe(true);
  });

  it('区域界线 follow every boundary between 发包方 areas and the county edge once, typed by level', () => {
    const edge = (p: Pt, q: Pt): string => [key(p), key(q)].sort().join('|');
    const owners = new Map<string, string[]>();
    for (const f of L.DK) {
      const r = outer(f);
      for (let k = 0; k + 1 < r.length; k++) (owners.get(edge(r[k], r[k + 1])) ?? owners.set(edge(r[k], r[k + 1]), []).get(edge(r[k], r[k + 1]))!).push((f.properties.DKBM as string).slice(0, 14));
    }
    const expected = new Map<string, string>();
    for (const [e, o] of owners) {
      if (o.length === 1) expected.set(e, '650200');
      else if (o[0] !== o[1]) expected.set(e, o[0].slice(0, 9) !== o[1].slice(0, 9) ? '660200' : o[0].slice(0, 12) !== o[1].slice(0, 12) ? '670500' : '670901');
    }
    const seen = new Map<string, string>();
    for (const f of L.QYJX) {
      const line = f.geometry.coordinates as Pt[];
      for (let k = 0; k + 1 < line.length; k++) {
        const e = edge(line[k], line[k + 1]);
        expect(seen.has(e), e).toBe(false);
        seen.set(e, f.properties.JXLX as string);
      }
    }
    expect(seen).toEqual(expected);
  });

  it('基本农田保护区 cover whole plots: SFJBNT = 1 exactly for plots inside, areas agree', () => {
    expect(L.JBNTBHQ.length).toBeGreaterThan(0);
    const zones = L.JBNTBHQ.map((f) => ({ ring: outer(f), area: f.properties.JBNTMJ as number }));
    const inZone = new Set<string>();
    for (const z of zones) {
      const zArea = -signedArea(z.ring);
      const zoneWkt = `POLYGON${ringWkt(z.ring)}`;
      const inside = L.DK.filter((f) => {
        const r = outer(f);
        // a plot is inside when its union with the zone adds no area
        return Math.abs(geosArea(`GEOMETRYCOLLECTION(${zoneWkt},POLYGON${ringWkt(r)})`, 'union') - zArea) < 1e-3;
      });
      for (const f of inside) inZone.add(f.properties.DKBM as string);
      const sum = inside.reduce((s, f) => s + (f.properties.SCMJ as number), 0);
      expect(Math.abs(sum - zArea)).toBeLessThan(0.01 * inside.length + 0.01);
      expect(Math.abs(z.area - zArea)).toBeLessThan(0.01 * inside.length + 0.01);
    }
    for (const f of L.DK) expect(f.properties.SFJBNT, String(f.properties.DKBM)).toBe(inZone.has(f.properties.DKBM as string) ? '1' : '2');
  });

  it('coordinates are CGCS2000 3° zone 39 with the zone prefix, near 117.8°E 30.9°N', () => {
    for (const f of L.JZD) {
      const [x, y] = f.geometry.coordinates as Pt;
      expect(x).toBeGreaterThan(39_560_000);
      expect(x).toBeLessThan(39_600_000);
      expect(y).toBeGreaterThan(3_400_000);
      expect(y).toBeLessThan(3_440_000);
    }
  });
});
