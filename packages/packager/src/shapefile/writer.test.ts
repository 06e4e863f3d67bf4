import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openShapefile, type ShapeRecord } from '@nyt2539/checker';
import { getTable } from '@nyt2539/schema';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { dbfFieldsForLayer, type DbfFieldSpec } from './fields.js';
import { orientPolygon } from './orient.js';
import { esriPrj } from '@nyt2539/schema';
import { DEFAULT_DBF_DATE, ShapefileWriteError, writeShapefile, type ShapeFeature } from './writer.js';

const fixtures = process.env.NYT2539_FIXTURES!;
const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nyt2539-shp-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const X = 39512345.678;
const Y = 3412345.125;

/** The `shapefile` npm package (mbostock), an independent reader; untyped, so described here. */
interface OracleSource {
  read(): Promise<{ done: boolean; value: { geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> } }>;
}
async function oracleRead(base: string): Promise<{ geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> }[]> {
  const shapefile = (await import('shapefile' as string)) as { open(shp: string, dbf: string, o: { encoding: string }): Promise<OracleSource> };
  const source = await shapefile.open(`${base}.shp`, `${base}.dbf`, { encoding: 'gbk' });
  const out = [];
  for (let r = await source.read(); !r.done; r = await source.read()) out.push(r.value);
  return out;
}

async function readAll(base: string): Promise<{ records: ShapeRecord[]; info: Awaited<ReturnType<typeof openShapefile>>['info'] }> {
  const handle = await openShapefile(base);
  const records: ShapeRecord[] = [];
  for await (const r of handle.records()) records.push(r);
  await handle.close();
  return { records, info: handle.info };
}

const ring = (x: number, y: number, s: number): [number, number][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

const dkFields = dbfFieldsForLayer(getTable('DK')!);
const dkFeatures: ShapeFeature[] = [
  {
    // two outer rings (multi-part) and a hole, oriented ESRI-style
    geometry: { type: 'Polygon', parts: orientPolygon([ring(X, Y, 100), ring(X + 20, Y + 20, 10), ring(X + 300, Y, 50)]) },
    attributes: { BSM: 1, YSDM: '211011', DKBM: '3407111002010100001', DKMC: '大田', DKLB: '10', SCMJ: 9900, SCMJM: 14.85, ZJRXM: '镕喆赟堃', KJZB: 'J1/J2/J3' },
  },
  {
    // stored exactly as given: counter-clockwise outer ring (a defect the checker must see)
    geometry: { type: 'Polygon', parts: [ring(X + 500, Y, 10)] },
    attributes: { BSM: 2, DKMC: '坡地 ', SCMJ: 100.005 /* decimal half-up, not binary toFixed */, DKBZXX: null },
  },
  { geometry: null, attributes: { BSM: 3, DKMC: '空几何' } },
];

describe('writeShapefile round trip', () => {
  it('writes DK polygons that our reader, the shapefile package and ogrinfo all read back', async () => {
    const dir = tmp();
    const base = join(dir, 'DK3407112016');
    const prj = esriPrj({ datum: 'CGCS2000', zoneWidth: 3, zone: 39, variant: 'zone' });
    const result = await writeShapefile(base, { shapeType: 'Polygon', fields: dkFields, prj }, dkFeatures);
    expect(result).toEqual({ count: 3, bbox: { xmin: X, ymin: Y, xmax: X + 510, ymax: Y + 100 } });
    expect(readdirSync(dir).sort()).toEqual(['DK3407112016.cpg', 'DK3407112016.dbf', 'DK3407112016.prj', 'DK3407112016.shp', 'DK3407112016.shx']);
    expect(readFileSync(`${base}.cpg`, 'latin1')).toBe('GBK');
    expect(readFileSync(`${base}.prj`, 'utf8')).toBe(prj);

    // ours
    const { records, info } = await readAll(base);
    expect(info.issues).toEqual([]);
    expect(info).toMatchObject({ shapeType: 'Polygon', recordCount: { shx: 3, dbf: 3 }, ldid: 0x4d, encoding: { name: 'gb18030', source: 'cpg' } });
    expect(info.crs).toMatchObject({ epsg: 4527 });
    expect(records.map((r) => r.issues)).toEqual([undefined, undefined, undefined]);
    const parts0 = records[0]!.geometry!.parts.map((p) => Array.from(p));
    const expected0 = (dkFeatures[0]!.geometry as unknown as { parts: [number, number][][] }).parts.map((p) => p.flat());
    expect(parts0).toEqual(expected0);
    expect(Array.from(records[1]!.geometry!.parts[0]!)).toEqual(ring(X + 500, Y, 10).flat());
    expect(records[2]!.geometry).toBeNull();
    expect(records[0]!.attributes).toMatchObject({ BSM: 1, DKMC: '大田', SCMJ: 9900, SCMJM: 14.85, ZJRXM: '镕喆赟堃', SYQXZ: null });
    expect(records[0]!.rawAttributes!.SCMJ).toBe('         9900.00');
    expect(records[0]!.rawAttributes!.DKMC).toBe('大田'.padEnd(48, ' ')); // 4 bytes + 46 spaces, decoded
    expect(records[1]!.attributes).toMatchObject({ DKMC: '坡地', SCMJ: 100.01, DKBZXX: null });

    // the shapefile package (it regroups rings into GeoJSON polygons)
    const oracle = await oracleRead(base);
    expect(oracle).toHaveLength(3);
    expect(oracle[0]!.geometry!.type).toBe('MultiPolygon');
    expect((oracle[0]!.geometry!.coordinates as unknown[]).length).toBe(2);
    expect(oracle[0]!.properties).toMatchObject({ BSM: 1, DKMC: '大田', ZJRXM: '镕喆赟堃', SCMJ: 9900, SCMJM: 14.85, KJZB: 'J1/J2/J3' });
    expect(oracle[2]!.geometry).toBeNull();

    // GDAL
    const ogr = execFileSync('ogrinfo', ['-al', '-q', `${base}.shp`], { encoding: 'utf8' });
    expect(ogr).toContain('DKMC (String) = 大田');
    expect(ogr).toContain('ZJRXM (String) = 镕喆赟堃');
    expect(ogr).toContain('SCMJ (Real) = 9900.00');
    expect(ogr).toMatch(/MULTIPOLYGON \(\(\(39512345\.678 3412345\.125,39512345\.678 3412445\.125/);
    const summary = execFileSync('ogrinfo', ['-so', '-al', `${base}.shp`], { encoding: 'utf8' });
    expect(summary).toContain('Feature Count: 3');
    expect(summary).toContain('Geometry: Polygon');
    expect(summary).toMatch(/SCMJ: Real \(16\.2\)/);
    expect(summary).toMatch(/CGCS2000/);
  });

  it('writes points and multi-part lines, read back by all three readers', async () => {
    const dir = tmp();
    const jzd = join(dir, 'JZD');
    const fields = dbfFieldsForLayer(getTable('JZD')!, { zonePrefixedCoordinates: true });
    await writeShapefile(jzd, { shapeType: 'Point', fields }, [
      { geometry: { type: 'Point', x: X, y: Y }, attributes: { BSM: 7, JZDH: 'J1', XZBZ: Y, YZBZ: X, DKBM: '3407111002010100001/3407111002010100002' } },
      { geometry: { type: 'Point', x: X + 1, y: Y + 1 }, attributes: { BSM: 8, JZDH: 'J2' } },
    ]);
    const points = await readAll(jzd);
    expect(points.records.map((r) => Array.from(r.geometry!.parts[0]!))).toEqual([[X, Y], [X + 1, Y + 1]]);
    expect(points.records[0]!.attributes).toMatchObject({ XZBZ: Y, YZBZ: X });
    const oracle = await oracleRead(jzd);
    expect(oracle.map((f) => f.geometry!.coordinates)).toEqual([[X, Y], [X + 1, Y + 1]]);
    expect(oracle[0]!.properties).toMatchObject({ YZBZ: X, DKBM: '3407111002010100001/3407111002010100002' });

    const jzx = join(dir, 'JZX');
    const line = { type: 'PolyLine' as const, parts: [[[X, Y], [X + 5, Y + 5]] as [number, number][], [[X + 10, Y], [X + 20, Y], [X + 20, Y + 10]] as [number, number][]] };
    await writeShapefile(jzx, { shapeType: 'PolyLine', fields: dbfFieldsForLayer(getTable('JZX')!) }, [{ geometry: line, attributes: { BSM: 1, JZXSM: '沿田埂', PLDWQLR: '张三' } }]);
    const lines = await readAll(jzx);
    expect(lines.records[0]!.geometry!.parts.map((p) => Array.from(p))).toEqual(line.parts.map((p) => p.flat()));
    const lineOracle = await oracleRead(jzx);
    expect(lineOracle[0]!.geometry).toEqual({ type: 'MultiLineString', coordinates: line.parts });
    expect(lineOracle[0]!.properties).toMatchObject({ JZXSM: '沿田埂', PLDWQLR: '张三' });
    const ogr = execFileSync('ogrinfo', ['-al', '-q', `${jzx}.shp`], { encoding: 'utf8' });
    expect(ogr).toContain('MULTILINESTRING ((39512345.678 3412345.125,39512350.678 3412350.125)');
    expect(ogr).toContain('JZXSM (String) = 沿田埂');
  });

  it('writes UTF-8 with LDID 0 and a UTF-8 .cpg', async () => {
    const base = join(tmp(), 'U');
    await writeShapefile(base, { shapeType: 'Point', fields: [{ name: 'NAME', type: 'C', length: 20, decimals: 0 }], encoding: 'utf-8' }, [
      { geometry: { type: 'Point', x: 1, y: 2 }, attributes: { NAME: '𠀀中' } },
    ]);
    expect(readFileSync(`${base}.cpg`, 'latin1')).toBe('UTF-8');
    const { records, info } = await readAll(base);
    expect(info.ldid).toBe(0);
    expect(info.encoding).toEqual({ name: 'utf-8', source: 'cpg' });
    expect(records[0]!.attributes.NAME).toBe('𠀀中');
    expect(execFileSync('ogrinfo', ['-al', '-q', `${base}.shp`], { encoding: 'utf8' })).toContain('NAME (String) = 𠀀中');
  });
});

describe('byte layout against the real ArcGIS templates', () => {
  for (const [layer, shapeType] of [
    ['DK', 'Polygon'],
    ['JZD', 'Point'],
    ['JZX', 'PolyLine'],
  ] as const) {
    it(`${layer}: an empty layer written with the template's fields has the template's bytes`, async () => {
      const template = await openShapefile(join(fixtures, 'shp', layer));
      const fields: DbfFieldSpec[] = template.info.fields.map((f) => ({ name: f.name, type: f.type as DbfFieldSpec['type'], length: f.length, decimals: f.decimals }));
      const date = template.info.dbfDate;
      await template.close();
      const base = join(tmp(), layer);
      await writeShapefile(base, { shapeType, fields, date: { year: Number(date.slice(0, 4)), month: Number(date.slice(4, 6)), day: Number(date.slice(6)) } }, []);
      for (const ext of ['shp', 'shx', 'dbf']) {
        expect(readFileSync(`${base}.${ext}`).equals(readFileSync(join(fixtures, 'shp', `${layer}.${ext}`))), `${layer}.${ext}`).toBe(true);
      }
    });
  }
});

describe('deleted records', () => {
  it('writes the deletion flag when asked; our reader and GDAL see it', async () => {
    const base = join(tmp(), 'Del');
    const fields: DbfFieldSpec[] = [{ name: 'NAME', type: 'C', length: 8, decimals: 0 }];
    const point = { type: 'Point' as const, x: 1, y: 2 };
    await writeShapefile(base, { shapeType: 'Point', fields }, [
      { geometry: point, attributes: { NAME: 'keep' } },
      { geometry: point, attributes: { NAME: 'gone' }, deleted: true },
    ]);
    const { records } = await readAll(base);
    expect(records.map((r) => [r.attributes.NAME, r.deleted])).toEqual([
      ['keep', false],
      ['gone', true],
    ]);
    expect(readFileSync(`${base}.dbf`)[32 + 32 + 1 + 9]).toBe(0x2a); // second record's flag byte
    // GDAL skips deleted records when iterating
    const ogr = execFileSync('ogrinfo', ['-al', '-q', `${base}.shp`], { encoding: 'utf8' });
    expect(ogr).toContain('NAME (String) = keep');
    expect(ogr).not.toContain('gone');
  });
});

describe('dates', () => {
  it('writes D fields from YYYYMMDD, YYYY-MM-DD and Date (UTC) values', async () => {
    const base = join(tmp(), 'D');
    const fields: DbfFieldSpec[] = [{ name: 'RQ', type: 'D', length: 8, decimals: 0 }];
    const dates = ['20160914', '2016-09-15', new Date(Date.UTC(2016, 8, 16)), null];
    await writeShapefile(base, { shapeType: 'Point', fields }, dates.map((RQ) => ({ geometry: { type: 'Point', x: 0, y: 0 }, attributes: { RQ } })));
    const { records } = await readAll(base);
    expect(records.map((r) => r.attributes.RQ)).toEqual(['20160914', '20160915', '20160916', null]);
    expect(execFileSync('ogrinfo', ['-al', '-q', `${base}.shp`], { encoding: 'utf8' })).toContain('RQ (Date) = 2016/09/16');
  });
});

describe('determinism and atomicity', () => {
  it('same input ⇒ same bytes', async () => {
    const a = join(tmp(), 'DK');
    const b = join(tmp(), 'DK');
    await writeShapefile(a, { shapeType: 'Polygon', fields: dkFields }, dkFeatures);
    await writeShapefile(b, { shapeType: 'Polygon', fields: dkFields }, dkFeatures);
    for (const ext of ['shp', 'shx', 'dbf', 'cpg']) expect(readFileSync(`${a}.${ext}`).equals(readFileSync(`${b}.${ext}`))).toBe(true);
    const dbf = readFileSync(`${a}.dbf`);
    expect([1900 + dbf[1]!, dbf[2], dbf[3]]).toEqual([DEFAULT_DBF_DATE.year, DEFAULT_DBF_DATE.month, DEFAULT_DBF_DATE.day]);
    expect(dbf.readUInt16LE(8)).toBe(32 * dkFields.length + 33);
    expect(dbf[dbf.length - 1]).toBe(0x1a);
  });

  it('a failure leaves no files behind, and earlier output untouched', async () => {
    const dir = tmp();
    const base = join(dir, 'DK');
    await writeShapefile(base, { shapeType: 'Polygon', fields: dkFields }, dkFeatures);
    const before = readFileSync(`${base}.dbf`);
    async function* failing(): AsyncGenerator<ShapeFeature> {
      yield dkFeatures[0]!;
      throw new Error('source failed');
    }
    await expect(writeShapefile(base, { shapeType: 'Polygon', fields: dkFields }, failing())).rejects.toThrow('source failed');
    expect(readdirSync(dir).sort()).toEqual(['DK.cpg', 'DK.dbf', 'DK.shp', 'DK.shx']);
    expect(readFileSync(`${base}.dbf`).equals(before)).toBe(true);
  });
});

describe('located write errors', () => {
  const write = (features: ShapeFeature[], fields: DbfFieldSpec[] = dkFields) =>
    writeShapefile(join(tmp(), 'DK3407112016'), { shapeType: 'Polygon', fields }, features);
  const poly = { type: 'Polygon' as const, parts: [ring(0, 0, 1)] };

  it('a character GBK cannot encode names layer, record, field and character', async () => {
    const err = await write([dkFeatures[0]!, { geometry: poly, attributes: { BSM: 2, ZJRXM: '王𠀀' } }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShapefileWriteError);
    expect((err as ShapefileWriteError).text.zh).toBe('图层 DK3407112016 第 2 条记录字段 ZJRXM：字符“𠀀”（第 2 个字符）无法用 GBK 编码');
    expect((err as ShapefileWriteError).text.en).toMatch(/layer DK3407112016 record 2 field ZJRXM: character "𠀀"/);
  });
  it('text longer than the field (in bytes) is an error, not a truncation', async () => {
    await expect(write([{ geometry: poly, attributes: { DKLB: '地块' } }])).rejects.toThrow(/record 1 field DKLB: value "地块" takes 4 bytes, more than the field width 2/);
  });
  it('a number wider than the field is an error', async () => {
    const jzd = dbfFieldsForLayer(getTable('JZD')!);
    await expect(
      writeShapefile(join(tmp(), 'JZD'), { shapeType: 'Point', fields: jzd }, [{ geometry: { type: 'Point', x: X, y: Y }, attributes: { YZBZ: X } }]),
    ).rejects.toThrow(/field YZBZ: value 39512345.678 needs 12 characters .* N\(11,3\)/);
  });
  it('non-numbers, non-integers, bad dates and wrong geometry types are errors', async () => {
    await expect(write([{ geometry: poly, attributes: { SCMJ: 'abc' } }])).rejects.toThrow(/SCMJ: value "abc" is not a number/);
    await expect(write([{ geometry: poly, attributes: { BSM: 1.5 } }])).rejects.toThrow(/BSM: value 1.5 is not an integer/);
    await expect(write([{ geometry: { type: 'Point', x: 1, y: 2 }, attributes: {} }])).rejects.toThrow(/record 1: geometry type Point, the layer is Polygon/);
    await expect(write([{ geometry: { type: 'Polygon', parts: [[[0, Number.NaN]]] }, attributes: {} }])).rejects.toThrow(/not finite/);
    const dated: DbfFieldSpec[] = [{ name: 'RQ', type: 'D', length: 8, decimals: 0 }];
    await expect(write([{ geometry: poly, attributes: { RQ: '2016-13' } }], dated)).rejects.toThrow(/RQ: value "2016-13" is not a YYYYMMDD date/);
    await expect(write([{ geometry: poly, attributes: { DKMC: new Date(0) } }])).rejects.toThrow(/DKMC: a date value fits only a D field/);
  });
  it('bad field definitions are refused up front', async () => {
    await expect(write([], [{ name: 'TOOLONGNAME1', type: 'C', length: 5, decimals: 0 }])).rejects.toThrow(/1–10 ASCII/);
    await expect(write([], [{ name: 'A', type: 'C', length: 300, decimals: 0 }])).rejects.toThrow(/1–254/);
    await expect(write([], [])).rejects.toThrow(/no fields/);
  });
});

describe('round trip (property)', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '中', '田', '镕', '赟', '组', '/', '-'), maxLength: 12 });
  const coord = fc.double({ min: -1e7, max: 4.5e7, noNaN: true, noDefaultInfinity: true });
  const ringArb = fc.array(fc.tuple(coord, coord), { minLength: 1, maxLength: 8 });
  const featureArb = fc.record({
    parts: fc.option(fc.array(ringArb, { minLength: 1, maxLength: 3 }), { nil: null }),
    name: fc.option(text, { nil: null }),
    area: fc.option(fc.integer({ min: -99999999, max: 999999999 }).map((n) => n / 100), { nil: null }),
    code: fc.option(fc.integer({ min: 0, max: 2147483647 }), { nil: null }),
  });
  const fields: DbfFieldSpec[] = [
    { name: 'NAME', type: 'C', length: 24, decimals: 0 },
    { name: 'AREA', type: 'N', length: 16, decimals: 2 },
    { name: 'CODE', type: 'N', length: 10, decimals: 0 },
  ];
  it('geometry and attributes come back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(featureArb, { maxLength: 20 }), async (items) => {
        const base = join(tmp(), 'P');
        const features: ShapeFeature[] = items.map((i) => ({
          geometry: i.parts ? { type: 'Polygon', parts: i.parts } : null,
          attributes: { NAME: i.name, AREA: i.area, CODE: i.code },
        }));
        const result = await writeShapefile(base, { shapeType: 'Polygon', fields }, features);
        expect(result.count).toBe(items.length);
        const { records, info } = await readAll(base);
        expect(info.issues).toEqual([]);
        expect(records).toHaveLength(items.length);
        records.forEach((r, k) => {
          const i = items[k]!;
          expect(r.issues).toBeUndefined();
          expect(r.deleted).toBe(false);
          expect(r.geometry?.parts.map((p) => Array.from(p)) ?? null).toEqual(i.parts ? i.parts.map((p) => p.flat()) : null);
          const trimmed = i.name === null ? null : i.name.replace(/ +$/, '');
          expect(r.attributes.NAME).toBe(trimmed === '' ? null : trimmed);
          expect(r.attributes.AREA).toBe(i.area);
          expect(r.attributes.CODE).toBe(i.code);
        });
        // the independent reader agrees on every attribute (it trims text at both ends; we keep leading blanks)
        const both = (v: unknown) => (typeof v === 'string' ? v.trim() || null : (v ?? null));
        const oracle = await oracleRead(base);
        expect(oracle.map((f) => [both(f.properties.NAME), both(f.properties.AREA), both(f.properties.CODE)])).toEqual(
          records.map((r) => [both(r.attributes.NAME), r.attributes.AREA, r.attributes.CODE]),
        );
      }),
      { numRuns: 40 },
    );
  });
});
