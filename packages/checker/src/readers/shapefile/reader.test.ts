import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DBF_EOF,
  DBF_RECORD_ACTIVE,
  DBF_RECORD_DELETED,
  LDID_GBK,
  SHP_FILE_CODE,
  SHP_HEADER_BYTES,
  SHP_VERSION,
  ShapeTypeCode,
  dbfHeaderLength,
} from './format.js';
import { issueMessage } from '../issues.js';
import { ReaderError, shapefileIssueCodes, type ReaderIssue } from './issues.js';
import { openLayer } from './layer.js';
import { openShapefile, type ShapeRecord, type ShapefileInfo } from './reader.js';

const fixtures = process.env.NYT2539_FIXTURES!;
const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nyt2539-shpr-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// ---- a minimal independent byte builder for crafting valid and broken inputs ----
type Pt = [number, number];
function polyContent(type: number, parts: Pt[][]): Buffer {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const b = Buffer.alloc(44 + 4 * parts.length + 16 * n);
  b.writeInt32LE(type, 0);
  const all = parts.flat();
  b.writeDoubleLE(Math.min(...all.map((p) => p[0])), 4);
  b.writeDoubleLE(Math.min(...all.map((p) => p[1])), 12);
  b.writeDoubleLE(Math.max(...all.map((p) => p[0])), 20);
  b.writeDoubleLE(Math.max(...all.map((p) => p[1])), 28);
  b.writeInt32LE(parts.length, 36);
  b.writeInt32LE(n, 40);
  let start = 0;
  parts.forEach((p, i) => {
    b.writeInt32LE(start, 44 + 4 * i);
    start += p.length;
  });
  all.forEach(([x, y], i) => {
    b.writeDoubleLE(x, 44 + 4 * parts.length + 16 * i);
    b.writeDoubleLE(y, 44 + 4 * parts.length + 16 * i + 8);
  });
  return b;
}
function pointContent(x: number, y: number): Buffer {
  const b = Buffer.alloc(20);
  b.writeInt32LE(ShapeTypeCode.Point, 0);
  b.writeDoubleLE(x, 4);
  b.writeDoubleLE(y, 12);
  return b;
}
const nullContent = () => Buffer.from([0, 0, 0, 0]);

function buildShp(type: number, contents: Buffer[]): { shp: Buffer; shx: Buffer } {
  const header = (length: number) => {
    const h = Buffer.alloc(SHP_HEADER_BYTES);
    h.writeInt32BE(SHP_FILE_CODE, 0);
    h.writeInt32BE(length / 2, 24);
    h.writeInt32LE(SHP_VERSION, 28);
    h.writeInt32LE(type, 32);
    return h;
  };
  const records: Buffer[] = [];
  const index: Buffer[] = [];
  let offset = SHP_HEADER_BYTES;
  contents.forEach((c, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(c.length / 2, 4);
    records.push(rh, c);
    const e = Buffer.alloc(8);
    e.writeInt32BE(offset / 2, 0);
    e.writeInt32BE(c.length / 2, 4);
    index.push(e);
    offset += 8 + c.length;
  });
  return { shp: Buffer.concat([header(offset), ...records]), shx: Buffer.concat([header(SHP_HEADER_BYTES + 8 * contents.length), ...index]) };
}

interface CraftField {
  name: string;
  type: string;
  length: number;
  decimals?: number;
}
/** values: per record, per field, raw bytes (Buffer) or text encoded latin1/GBK and space padded. */
function buildDbf(fields: CraftField[], rows: { deleted?: boolean | number; values: (string | Buffer)[] }[], opts: { ldid?: number; count?: number; eof?: boolean } = {}): Buffer {
  const headerLength = dbfHeaderLength(fields.length);
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const h = Buffer.alloc(headerLength);
  h[0] = 3;
  h[1] = 116;
  h[2] = 9;
  h[3] = 14;
  h.writeUInt32LE(opts.count ?? rows.length, 4);
  h.writeUInt16LE(headerLength, 8);
  h.writeUInt16LE(recordLength, 10);
  h[29] = opts.ldid ?? LDID_GBK;
  fields.forEach((f, i) => {
    h.write(f.name, 32 + 32 * i, 'latin1');
    h.write(f.type, 32 + 32 * i + 11, 'latin1');
    h[32 + 32 * i + 16] = f.length;
    h[32 + 32 * i + 17] = f.decimals ?? 0;
  });
  h[headerLength - 1] = 0x0d;
  const body = rows.map((row) => {
    const r = Buffer.alloc(recordLength, 0x20);
    r[0] = typeof row.deleted === 'number' ? row.deleted : row.deleted ? DBF_RECORD_DELETED : DBF_RECORD_ACTIVE;
    let at = 1;
    fields.forEach((f, i) => {
      const v = row.values[i] ?? '';
      const bytes = Buffer.isBuffer(v) ? v : iconv.encode(v, 'gbk');
      bytes.copy(r, at, 0, Math.min(bytes.length, f.length));
      at += f.length;
    });
    return r;
  });
  return Buffer.concat([h, ...body, ...(opts.eof === false ? [] : [Buffer.of(DBF_EOF)])]);
}

function writeSet(dir: string, name: string, parts: { shp?: Buffer; shx?: Buffer; dbf?: Buffer; cpg?: string; prj?: string }): string {
  const base = join(dir, name);
  for (const [ext, data] of Object.entries(parts)) if (data !== undefined) writeFileSync(`${base}.${ext}`, data);
  return base;
}

async function readAll(base: string): Promise<{ info: ShapefileInfo; records: ShapeRecord[] }> {
  const handle = await openShapefile(base);
  const records: ShapeRecord[] = [];
  for await (const r of handle.records()) records.push(r);
  await handle.close();
  return { info: handle.info, records };
}

const codes = (info: ShapefileInfo) => info.issues.map((i) => i.code);
const text = (i: ReaderIssue) => issueMessage(shapefileIssueCodes[i.code as keyof typeof shapefileIssueCodes], i);
const square = (x: number, y: number, s: number): Pt[] => [
  [x, y],
  [x, y + s],
  [x + s, y + s],
  [x + s, y],
  [x, y],
];
const NAME: CraftField = { name: 'NAME', type: 'C', length: 10 };

describe('real ArcGIS templates', () => {
  for (const [layer, type, fields] of [
    ['DK', 'Polygon', 19],
    ['JZD', 'Point', 8],
    ['JZX', 'PolyLine', 12],
  ] as const) {
    it(`${layer} opens cleanly`, async () => {
      const { info, records } = await readAll(join(fixtures, 'shp', layer));
      expect(info).toMatchObject({ shapeType: type, hasZ: false, hasM: false, ldid: 0x4d, encoding: { name: 'gb18030', source: 'ldid' }, recordCount: { shx: 0, dbf: 0 } });
      expect(info.fields).toHaveLength(fields);
      expect(info.headerLength).toBe(32 * fields + 33);
      expect(info.issues).toEqual([]);
      expect(records).toEqual([]);
    });
  }
});

describe('field types and values', () => {
  it('reads C, N (wide, with * padding), F, D, L, I and deleted flags', async () => {
    const fields: CraftField[] = [
      { name: 'NAME', type: 'C', length: 12 },
      { name: 'AREA', type: 'N', length: 16, decimals: 2 },
      { name: 'RATE', type: 'F', length: 8, decimals: 3 },
      { name: 'RQ', type: 'D', length: 8 },
      { name: 'OK', type: 'L', length: 1 },
      { name: 'CNT', type: 'I', length: 4 },
    ];
    const int = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeInt32LE(n, 0);
      return b;
    };
    const dbf = buildDbf(fields, [
      { values: ['大田  ', '         1234.50', '   0.125', '20160914', 'T', int(-7)] },
      { deleted: true, values: ['删除', '****************', ' -1.5e2 ', '        ', '?', int(2147483647)] },
      { values: ['', '      12a.00', '', '2016091', 'n', int(0)] },
      { values: ['负零', '           -0.00', '   0.000', '20160914', 'T', int(1)] },
    ]);
    const { shp, shx } = buildShp(ShapeTypeCode.Point, [pointContent(1, 2), nullContent(), pointContent(3, 4), pointContent(5, 6)]);
    const base = writeSet(tmp(), 'T', { shp, shx, dbf });
    const { info, records } = await readAll(base);
    expect(info.fields.map((f) => `${f.name}:${f.type}${f.length}.${f.decimals}`)).toEqual(['NAME:C12.0', 'AREA:N16.2', 'RATE:F8.3', 'RQ:D8.0', 'OK:L1.0', 'CNT:I4.0']);
    expect(records[0]).toMatchObject({ deleted: false, attributes: { NAME: '大田', AREA: 1234.5, RATE: 0.125, RQ: '20160914', OK: 'T', CNT: -7 } });
    expect(records[0]!.rawAttributes!.NAME).toBe('大田        ');
    expect(records[0]!.issues).toBeUndefined();
    expect(records[1]).toMatchObject({ deleted: true, geometry: null, attributes: { NAME: '删除', AREA: null, RATE: -150, RQ: null, OK: null, CNT: 2147483647 } });
    expect(records[1]!.issues!.map((i) => [i.code, i.record, i.field])).toEqual([['dbf-numeric-overflow', 2, 'AREA']]);
    expect(records[2]).toMatchObject({ attributes: { NAME: null, AREA: null, RATE: null, RQ: '2016091', OK: 'F', CNT: 0 } });
    expect(records[2]!.issues!.map((i) => [i.code, i.field])).toEqual([
      ['dbf-bad-number', 'AREA'],
      ['dbf-bad-date', 'RQ'],
    ]);
    expect(text(records[2]!.issues![0]!).zh).toContain('第 3 条记录字段 AREA 的值“12a.00”不是数字');
    // "-0.00" (SCMJM = -0) is read as the number it is and said once; a plain 0 is not
    expect(records[3]).toMatchObject({ attributes: { AREA: -0, RATE: 0 } });
    expect(records[3]!.issues!.map((i) => [i.code, i.record, i.field])).toEqual([['dbf-negative-zero', 4, 'AREA']]);
    expect(text(records[3]!.issues![0]!).zh).toContain('第 4 条记录字段 AREA 的值为负零“-0.00”');
  });

  it('reports an invalid deletion flag byte', async () => {
    const dbf = buildDbf([NAME], [{ deleted: 0x41, values: ['x'] }]);
    const { shp, shx } = buildShp(ShapeTypeCode.Point, [pointContent(0, 0)]);
    const { records } = await readAll(writeSet(tmp(), 'F', { shp, shx, dbf }));
    expect(records[0]!.issues!.map((i) => i.code)).toEqual(['dbf-deleted-flag']);
  });
});

describe('geometry as stored', () => {
  it('keeps ring order and orientation, multi-part lines and null shapes', async () => {
    const rings = [square(0, 0, 10), square(2, 2, 2), square(20, 0, 5).reverse()];
    const { shp, shx } = buildShp(ShapeTypeCode.Polygon, [polyContent(ShapeTypeCode.Polygon, rings), nullContent()]);
    const dbf = buildDbf([NAME], [{ values: ['a'] }, { values: ['b'] }]);
    const { info, records } = await readAll(writeSet(tmp(), 'P', { shp, shx, dbf }));
    expect(info.issues).toEqual([]);
    expect(records[0]!.geometry!.parts.map((p) => Array.from(p))).toEqual(rings.map((r) => r.flat()));
    expect(records[0]!.geometry!.bbox).toEqual({ minx: 0, miny: 0, maxx: 25, maxy: 10 });
    expect(records[1]!.geometry).toBeNull();
  });

  it('detects Z shapes written by GDAL and keeps x/y (and z)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'z.csv'), 'WKT,NAME\n"POLYGON Z ((0 0 1,0 10 2,10 10 3,0 0 1))",中\n');
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', join(dir, 'Z.shp'), join(dir, 'z.csv')]);
    const { info, records } = await readAll(join(dir, 'Z'));
    expect(info).toMatchObject({ shapeType: 'PolygonZ', hasZ: true, hasM: true, encoding: { name: 'utf-8', source: 'cpg' } });
    expect(codes(info)).toContain('shp-zm');
    expect(records[0]!.geometry!.type).toBe('PolygonZ');
    expect(Array.from(records[0]!.geometry!.parts[0]!)).toEqual([0, 0, 0, 10, 10, 10, 0, 0]);
    expect(Array.from(records[0]!.geometry!.z![0]!)).toEqual([1, 2, 3, 1]);
    expect(records[0]!.attributes.NAME).toBe('中');
  });

  it('a record with a corrupt part table becomes an issue, the next records still read', async () => {
    const bad = polyContent(ShapeTypeCode.Polygon, [square(0, 0, 1)]);
    bad.writeInt32LE(99, 44); // first part starts at point 99 of 5
    const { shp, shx } = buildShp(ShapeTypeCode.Polygon, [bad, polyContent(ShapeTypeCode.Polygon, [square(5, 5, 1)])]);
    const dbf = buildDbf([NAME], [{ values: ['a'] }, { values: ['b'] }]);
    const { records } = await readAll(writeSet(tmp(), 'B', { shp, shx, dbf }));
    expect(records).toHaveLength(2);
    expect(records[0]!.geometry).toBeNull();
    expect(records[0]!.issues!.map((i) => `${i.code}:${i.record}`)).toEqual(['shp-bad-record:1']);
    expect(records[1]!.geometry).not.toBeNull();
  });

  it('a record whose own bounding box holds NaN or infinity is one located issue; its points still read', async () => {
    const nan = polyContent(ShapeTypeCode.Polygon, [square(0, 0, 1)]);
    nan.writeDoubleLE(Number.NaN, 4);
    const inf = polyContent(ShapeTypeCode.Polygon, [square(5, 5, 1)]);
    inf.writeDoubleLE(Number.POSITIVE_INFINITY, 28);
    const { shp, shx } = buildShp(ShapeTypeCode.Polygon, [nan, inf, polyContent(ShapeTypeCode.Polygon, [square(9, 9, 1)])]);
    const dbf = buildDbf([NAME], [{ values: ['a'] }, { values: ['b'] }, { values: ['c'] }]);
    const { records } = await readAll(writeSet(tmp(), 'N', { shp, shx, dbf }));
    expect(records.map((r) => (r.issues ?? []).map((i) => `${i.code}:${i.record}`))).toEqual([['shp-record-bbox:1'], ['shp-record-bbox:2'], []]);
    expect(text(records[1]!.issues![0]!).zh).toContain('第 2 条记录自身的外包矩形含非数值或无穷大');
    expect(records.every((r) => r.geometry !== null)).toBe(true);
  });

  it('reports a record whose type differs from the header', async () => {
    const { shp, shx } = buildShp(ShapeTypeCode.Polygon, [pointContent(1, 1)]);
    const { records } = await readAll(writeSet(tmp(), 'M', { shp, shx, dbf: buildDbf([NAME], [{ values: ['a'] }]) }));
    expect(records[0]!.issues!.map((i) => i.code)).toEqual(['shp-type-mismatch']);
  });

  it('a damaged header type is reported at the header, not once per record (issue 12 fuzz: 321 mismatches)', async () => {
    const contents = [0, 1, 2, 3].map((i) => pointContent(i, i));
    const dbf = buildDbf([NAME], contents.map(() => ({ values: ['a'] })));
    // a wrong but defined type: one mismatch, at the first record of each type the records have
    const wrong = buildShp(ShapeTypeCode.Polygon, contents);
    const a = await readAll(writeSet(tmp(), 'TypeWrong', { ...wrong, dbf }));
    expect(a.records.flatMap((r) => (r.issues ?? []).map((i) => `${i.code}:${i.record}`))).toEqual(['shp-type-mismatch:1']);
    expect(text(a.records[0]!.issues![0]!).zh).toContain('其后同类型的记录不再逐条报告');
    // an undefined type code: the header's shp-unknown-type only
    const unknown = buildShp(112, contents);
    const b = await readAll(writeSet(tmp(), 'TypeUnknown', { ...unknown, dbf }));
    expect(codes(b.info)).toEqual(['shp-unknown-type']);
    expect(b.records.flatMap((r) => r.issues ?? [])).toEqual([]);
  });
});

describe('structural problems', () => {
  const three = () => {
    const { shp, shx } = buildShp(ShapeTypeCode.Polygon, [0, 1, 2].map((i) => polyContent(ShapeTypeCode.Polygon, [square(i * 10, 0, 5)])));
    const dbf = buildDbf([NAME], [{ values: ['一'] }, { values: ['二'] }, { values: ['三'] }]);
    return { shp, shx, dbf };
  };

  it('missing .shx: reads the .shp sequentially and says so', async () => {
    const { shp, dbf } = three();
    const { info, records } = await readAll(writeSet(tmp(), 'NoShx', { shp, dbf }));
    expect(codes(info)).toEqual(['shx-missing']);
    expect(info.recordCount.shx).toBeNull();
    expect(records.map((r) => r.attributes.NAME)).toEqual(['一', '二', '三']);
    expect(records.map((r) => r.geometry!.parts[0]![0])).toEqual([0, 10, 20]);
  });

  it('.shx and .dbf record counts differ', async () => {
    const { shp, shx } = three();
    const dbf = buildDbf([NAME], [{ values: ['一'] }, { values: ['二'] }]);
    const { info, records } = await readAll(writeSet(tmp(), 'Cnt', { shp, shx, dbf }));
    expect(codes(info)).toEqual(['count-mismatch']);
    expect(text(info.issues[0]!).en).toMatch(/3 shapes but 2 attribute records/);
    expect(records).toHaveLength(2);
  });

  it('without .shx, a count mismatch is found at the end of the stream', async () => {
    const { shp } = three();
    const dbf = buildDbf([NAME], [{ values: ['一'] }, { values: ['二'] }]);
    const { info, records } = await readAll(writeSet(tmp(), 'Cnt2', { shp, dbf }));
    expect(records).toHaveLength(2);
    expect(codes(info)).toEqual(['shx-missing', 'count-mismatch']);
  });

  it('DBF header count larger than the records present = truncated', async () => {
    const { shp, shx } = three();
    const dbf = buildDbf([NAME], [{ values: ['一'] }, { values: ['二'] }, { values: ['三'] }], { count: 5 });
    const { info, records } = await readAll(writeSet(tmp(), 'Dt', { shp, shx, dbf }));
    expect(codes(info)).toEqual(['dbf-truncated']); // 3 complete records: agrees with the .shx
    expect(info.recordCount).toMatchObject({ dbf: 3, dbfDeclared: 5 });
    expect(records).toHaveLength(3);
  });

  it('DBF header count smaller than the records present', async () => {
    const { shp, shx } = three();
    const dbf = buildDbf([NAME], [{ values: ['一'] }, { values: ['二'] }, { values: ['三'] }], { count: 2 });
    const { info } = await readAll(writeSet(tmp(), 'Dc', { shp, shx, dbf }));
    expect(codes(info)).toEqual(['dbf-count-mismatch', 'count-mismatch']);
    expect(text(info.issues[0]!).zh).toContain('文件头记录数为 2，按文件大小应为 3');
  });

  it('truncated .dbf (cut mid-record)', async () => {
    const { shp, shx, dbf } = three();
    const base = writeSet(tmp(), 'Dcut', { shp, shx, dbf });
    truncateSync(`${base}.dbf`, dbf.length - 8);
    const { info, records } = await readAll(base);
    expect(codes(info)).toContain('dbf-truncated');
    expect(records).toHaveLength(2);
  });

  it('bytes lost inside a record: one misalignment issue where the records slip, nothing read after it (issue 12 fuzz cascade)', async () => {
    const { shp, shx } = three();
    const dbf = buildDbf([NAME], [{ values: ['abcdefghij'] }, { values: ['klmnopqrst'] }, { values: ['uvwxyzabcd'] }, { values: ['efghijklmn'] }]);
    const header = dbf.readUInt16LE(8);
    const recordLength = dbf.readUInt16LE(10);
    const lost = header + recordLength + 3; // inside record 2: record 3 then starts two bytes late, at "v"
    const { info, records } = await readAll(writeSet(tmp(), 'Slip', { shp, shx, dbf: Buffer.concat([dbf.subarray(0, lost), dbf.subarray(lost + 2)]) }));
    expect(codes(info)).toContain('dbf-truncated');
    expect(info.issues.find((i) => i.code === 'dbf-misaligned')).toMatchObject({ record: 3, params: { actual: '0x76' } });
    expect(records).toHaveLength(2);
    expect(records.flatMap((r) => r.issues ?? []).map((i) => i.code)).not.toContain('dbf-deleted-flag');
  });

  // the fuzz campaign's worst mutant (issue 12): one byte deleted from JZX….dbf gave 2,837 dbf-bad-text issues.
  // Its smallest form: a right-aligned number first (leading blanks, so a slipped record still starts with a
  // blank "deletion flag"), GBK text after it, and one byte lost before the 0x1A marker, so the file is exactly
  // the declared records without a marker.
  const slipRows = () => {
    const fields: CraftField[] = [
      { name: 'BH', type: 'N', length: 5 },
      { name: 'MC', type: 'C', length: 12 },
    ];
    const rows = [1, 2, 3, 4, 5, 6].map((i) => ({ values: [String(i).padStart(5), '承包地块名称'] }));
    const { shp, shx } = buildShp(ShapeTypeCode.Point, rows.map((_, i) => pointContent(i, i)));
    return { shp, shx, dbf: buildDbf(fields, rows) };
  };

  it('one byte lost in a record: one dbf-misaligned error at the first bad record, no per-value cascade (issue 12 fuzz)', async () => {
    const { shp, shx, dbf } = slipRows();
    const header = dbf.readUInt16LE(8);
    const recordLength = dbf.readUInt16LE(10);
    const lost = header + recordLength + 1 + 5; // record 2, first byte of its GBK text
    const damaged = Buffer.concat([dbf.subarray(0, lost), dbf.subarray(lost + 1)]);
    expect(damaged.length - header).toBe(6 * recordLength); // looks like "6 records, no marker"
    const { info, records } = await readAll(writeSet(tmp(), 'Slip1', { shp, shx, dbf: damaged }));
    const slip = info.issues.filter((i) => i.code === 'dbf-misaligned');
    expect(slip).toHaveLength(1);
    expect(slip[0]).toMatchObject({ record: 2, params: { bytes: 1, unread: 5 } });
    expect(text(slip[0]!).zh).toMatch(/自第 2 条记录起错位.*相差 1 字节.*5 条记录未读取/);
    // the reason is said in each language, not both in one string
    expect(text(slip[0]!).zh).toContain('该记录的值无法解读');
    expect(text(slip[0]!).zh).not.toContain('cannot be read');
    expect(text(slip[0]!).en).toContain('cannot be read');
    expect(records.map((r) => r.attributes.MC)).toEqual(['承包地块名称']);
    const perRecord = records.flatMap((r) => r.issues ?? []).map((i) => i.code);
    expect(perRecord).toEqual([]);
  });

  it('the same slip without the marker trick (3 bytes lost) is found the same way', async () => {
    const { shp, shx, dbf } = slipRows();
    const header = dbf.readUInt16LE(8);
    const recordLength = dbf.readUInt16LE(10);
    const lost = header + 3 * recordLength + 1 + 5 + 2; // record 4, inside its text
    const damaged = Buffer.concat([dbf.subarray(0, lost), dbf.subarray(lost + 3)]);
    const { info, records } = await readAll(writeSet(tmp(), 'Slip3', { shp, shx, dbf: damaged }));
    expect(info.issues.filter((i) => i.code === 'dbf-misaligned')).toMatchObject([{ record: 4, params: { bytes: 3 } }]);
    expect(records).toHaveLength(3);
    expect(records.flatMap((r) => r.issues ?? [])).toEqual([]);
  });

  it('a bad value in a file without the 0x1A marker, or with a stale count, stays a record issue (no slip)', async () => {
    const { shp, shx } = slipRows();
    const fields: CraftField[] = [
      { name: 'BH', type: 'N', length: 5 },
      { name: 'MC', type: 'C', length: 12 },
    ];
    const rows = [1, 2, 3, 4, 5, 6].map((i) => ({ values: [String(i).padStart(5), i === 3 ? Buffer.from([0x81, 0x20, 0x41]) : '承包地块名称'] as (string | Buffer)[] }));
    for (const [name, dbf] of [
      ['NoEof', buildDbf(fields, rows, { eof: false })],
      ['Stale', buildDbf(fields, rows, { count: 5 })],
    ] as const) {
      const { info, records } = await readAll(writeSet(tmp(), name, { shp, shx, dbf }));
      expect(codes(info)).not.toContain('dbf-misaligned');
      expect(records.length).toBeGreaterThanOrEqual(5);
      expect(records[2]!.issues!.map((i) => i.code)).toEqual(['dbf-bad-text']);
    }
  });

  it('bytes lost inside a .shp record: one shp-misaligned error where the record headers stop making sense (issue 12 fuzz)', async () => {
    const { shp, shx, dbf } = slipRows();
    const lost = SHP_HEADER_BYTES + 2 * 28 + 8 + 4; // record 3, inside its X
    const damaged = Buffer.concat([shp.subarray(0, lost), shp.subarray(lost + 4)]);
    for (const [name, parts] of [
      ['ShpSlip', { shp: damaged, shx, dbf }],
      ['ShpSlipNoShx', { shp: damaged, dbf }],
    ] as const) {
      const { info, records } = await readAll(writeSet(tmp(), name, parts));
      expect(info.issues.filter((i) => i.code === 'shp-misaligned')).toMatchObject([{ record: 4, params: { actual: 10, unread: 3 } }]);
      expect(records).toHaveLength(3);
      expect(records.flatMap((r) => r.issues ?? []).map((i) => i.code)).not.toContain('shp-record-number');
      expect(codes(info).filter((c) => c !== 'shx-missing')).toEqual(['shp-length-short', 'shp-misaligned']);
    }
  });

  it('a damaged field width: one dbf-fields-misaligned error where the same fields fail record after record (issue 12 fuzz)', async () => {
    const { shp, shx, dbf } = slipRows();
    const damaged = Buffer.from(dbf);
    damaged[32 + 16] = 4; // BH declared 4 wide instead of 5: MC is then read a byte early (half a GBK character), the record keeps its length
    const { info, records } = await readAll(writeSet(tmp(), 'Widths', { shp, shx, dbf: damaged }));
    expect(codes(info)).toEqual(['dbf-record-length', 'dbf-fields-misaligned']);
    expect(info.issues[1]).toMatchObject({ record: 1, params: { expected: 17, actual: 18, fields: 'MC', unread: 6 } });
    expect(records).toEqual([]);
    // widths that do not fill the record but values that read: nothing more than the header warning
    const padded = buildDbf([{ name: 'BH', type: 'N', length: 5 }], [1, 2, 3, 4, 5, 6].map((i) => ({ values: [String(i).padStart(5)] })));
    const wide = Buffer.concat([padded.subarray(0, 32 + 32 + 1), ...[0, 1, 2, 3, 4, 5].map((r) => Buffer.concat([padded.subarray(65 + r * 6, 65 + (r + 1) * 6), Buffer.from('  ')])), Buffer.of(0x1a)]);
    wide.writeUInt16LE(8, 10);
    const ok = await readAll(writeSet(tmp(), 'Wide', { shp, shx, dbf: wide }));
    expect(codes(ok.info)).toEqual(['dbf-record-length']);
    expect(ok.records.map((r) => r.attributes.BH)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a wrong deletion flag in a file of the right size stays a record warning', async () => {
    const { shp, shx } = three();
    const dbf = buildDbf([NAME], [{ values: ['一'] }, { deleted: 0x41, values: ['二'] }, { values: ['三'] }]);
    const { info, records } = await readAll(writeSet(tmp(), 'Flag', { shp, shx, dbf }));
    expect(codes(info)).toEqual([]);
    expect(records).toHaveLength(3);
    expect(records[1]!.issues!.map((i) => i.code)).toEqual(['dbf-deleted-flag']);
  });

  it('missing 0x1A end marker is noted', async () => {
    const { shp, shx } = three();
    const dbf = buildDbf([NAME], [{ values: ['一'] }, { values: ['二'] }, { values: ['三'] }], { eof: false });
    const { info } = await readAll(writeSet(tmp(), 'Eof', { shp, shx, dbf }));
    expect(codes(info)).toEqual(['dbf-no-eof']);
  });

  for (const withShx of [true, false]) {
    it(`truncated .shp ${withShx ? 'with' : 'without'} .shx: records up to the cut, then an issue`, async () => {
      const { shp, shx, dbf } = three();
      const base = writeSet(tmp(), 'Scut', { shp, ...(withShx ? { shx } : {}), dbf });
      truncateSync(`${base}.shp`, shp.length - 30);
      const { info, records } = await readAll(base);
      expect(records).toHaveLength(2);
      expect(codes(info)).toContain('shp-length-short');
      const cut = info.issues.find((i) => i.code === 'shp-truncated')!;
      expect(cut.record).toBe(3);
      expect(text(cut).en).toMatch(/Scut\.shp is truncated at record 3/);
    });
  }

  it('a record length pointing past the end does not loop', async () => {
    const { shp, dbf } = three();
    shp.writeInt32BE(0x7fffffff, SHP_HEADER_BYTES + 4); // first record claims 4 GB
    const { info, records } = await readAll(writeSet(tmp(), 'Huge', { shp, dbf }));
    expect(records).toHaveLength(0);
    expect(codes(info)).toContain('shp-truncated');
  });

  it('unreadable inputs give a located ReaderError, never a stack trace', async () => {
    const dir = tmp();
    const { shp, shx, dbf } = three();
    await expect(openShapefile(join(dir, 'Nothing'))).rejects.toMatchObject({ code: 'shp-missing', text: { zh: `找不到 .shp 文件：${join(dir, 'Nothing')}.shp` } });
    const noDbf = writeSet(dir, 'NoDbf', { shp, shx });
    await expect(openShapefile(noDbf)).rejects.toMatchObject({ code: 'dbf-missing' });
    const garbage = writeSet(dir, 'Garbage', { shp: Buffer.from('not a shapefile at all, just text'.repeat(5)), dbf });
    const err = await openShapefile(garbage).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderError);
    expect((err as ReaderError).text.zh).toMatch(/Garbage\.shp 不是有效的 shapefile：文件代码为 \d+，应为 9994/);
    const badDbf = writeSet(dir, 'BadDbf', { shp, shx, dbf: Buffer.from([3, 1, 2]) });
    await expect(openShapefile(badDbf)).rejects.toMatchObject({ code: 'dbf-bad-header' });
  });

  it('.shx offsets are followed (as GDAL does) and a disagreement with the .shp layout is reported', async () => {
    const { shp, shx, dbf } = three();
    // swap the .shx entries of records 1 and 2: record 1 now points at the second shape
    const e1 = Buffer.from(shx.subarray(100, 108));
    shx.subarray(108, 116).copy(shx, 100);
    e1.copy(shx, 108);
    const { records } = await readAll(writeSet(tmp(), 'Swap', { shp, shx, dbf }));
    expect(records.map((r) => r.geometry!.parts[0]![0])).toEqual([10, 0, 20]);
    expect(records[0]!.issues!.map((i) => i.code)).toEqual(['shx-offset-mismatch', 'shp-record-number']);
  });

  it('honours a padded DBF header length and reports it', async () => {
    const { shp, shx } = three();
    const dbf = buildDbf([NAME], [{ values: ['一'] }, { values: ['二'] }, { values: ['三'] }]);
    const headerLength = dbf.readUInt16LE(8);
    const padded = Buffer.concat([dbf.subarray(0, headerLength), Buffer.of(0), dbf.subarray(headerLength)]);
    padded.writeUInt16LE(headerLength + 1, 8); // what dbffile writes
    const { info, records } = await readAll(writeSet(tmp(), 'Pad', { shp, shx, dbf: padded }));
    expect(codes(info)).toEqual(['dbf-header-length']);
    expect(records.map((r) => r.attributes.NAME)).toEqual(['一', '二', '三']);
  });

  it('reads a record larger than the read window', async () => {
    const ring: Pt[] = Array.from({ length: 80000 }, (_, i) => [i, i % 7]);
    const { shp, shx } = buildShp(ShapeTypeCode.PolyLine, [pointContent(0, 0).fill(0, 0, 4), polyContent(ShapeTypeCode.PolyLine, [ring])]);
    const dbf = buildDbf([NAME], [{ values: ['a'] }, { values: ['b'] }]);
    const { records } = await readAll(writeSet(tmp(), 'Wide', { shp, shx, dbf }));
    expect(records[0]!.geometry).toBeNull(); // a Null shape with trailing bytes
    expect(records[1]!.geometry!.parts[0]!.length).toBe(160000);
    expect(records[1]!.geometry!.parts[0]![159998]).toBe(79999);
  });

  it('finds companions with upper-case extensions', async () => {
    const { shp, shx, dbf } = three();
    const dir = tmp();
    writeFileSync(join(dir, 'UP.SHP'), shp);
    writeFileSync(join(dir, 'UP.SHX'), shx);
    writeFileSync(join(dir, 'UP.DBF'), dbf);
    const { records } = await readAll(join(dir, 'UP.SHP'));
    expect(records).toHaveLength(3);
  });
});

describe('encoding detection', () => {
  const pt = () => buildShp(ShapeTypeCode.Point, [pointContent(0, 0)]);
  const gbkRow = [{ values: ['中文'] }];
  const utf8Row = [{ values: [Buffer.from('中文', 'utf8')] }];

  it('.cpg first', async () => {
    const { info, records } = await readAll(writeSet(tmp(), 'C', { ...pt(), dbf: buildDbf([NAME], utf8Row, { ldid: 0 }), cpg: 'UTF-8' }));
    expect(info.encoding).toEqual({ name: 'utf-8', source: 'cpg' });
    expect(records[0]!.attributes.NAME).toBe('中文');
  });
  it('.cpg that contradicts the LDID wins, with a warning', async () => {
    const { info } = await readAll(writeSet(tmp(), 'C2', { ...pt(), dbf: buildDbf([NAME], utf8Row, { ldid: LDID_GBK }), cpg: 'UTF-8' }));
    expect(info.encoding.source).toBe('cpg');
    expect(codes(info)).toEqual(['cpg-ldid-conflict']);
  });
  it('an unknown .cpg falls back to the LDID', async () => {
    const { info, records } = await readAll(writeSet(tmp(), 'C3', { ...pt(), dbf: buildDbf([NAME], gbkRow), cpg: 'GIBBERISH' }));
    expect(info.encoding).toEqual({ name: 'gb18030', source: 'ldid' });
    expect(codes(info)).toEqual(['cpg-unknown']);
    expect(records[0]!.attributes.NAME).toBe('中文');
  });
  it('no .cpg and LDID 0: UTF-8 content is recognised', async () => {
    const { info, records } = await readAll(writeSet(tmp(), 'S1', { ...pt(), dbf: buildDbf([NAME], utf8Row, { ldid: 0 }) }));
    expect(info.encoding).toEqual({ name: 'utf-8', source: 'utf8-sniff' });
    expect(codes(info)).toEqual(['encoding-guessed']);
    expect(records[0]!.attributes.NAME).toBe('中文');
  });
  it('no .cpg and LDID 0: GBK content falls back to GBK', async () => {
    const { info, records } = await readAll(writeSet(tmp(), 'S2', { ...pt(), dbf: buildDbf([NAME], gbkRow, { ldid: 0 }) }));
    expect(info.encoding).toEqual({ name: 'gb18030', source: 'default' });
    expect(records[0]!.attributes.NAME).toBe('中文');
  });
  it('bytes invalid in the declared encoding are flagged per record and field', async () => {
    const { records } = await readAll(writeSet(tmp(), 'W', { ...pt(), dbf: buildDbf([NAME], gbkRow, { ldid: 0 }), cpg: 'UTF-8' }));
    expect(records[0]!.issues!.map((i) => [i.code, i.record, i.field])).toEqual([['dbf-bad-text', 1, 'NAME']]);
    expect(records[0]!.attributes.NAME).toContain('\uFFFD');
  });
});

describe('openLayer', () => {
  it('streams split layer parts in order with provenance, and flags differing structure', async () => {
    const dir = tmp();
    const a = buildShp(ShapeTypeCode.Polygon, [polyContent(ShapeTypeCode.Polygon, [square(0, 0, 1)])]);
    const b = buildShp(ShapeTypeCode.Polygon, [0, 1].map((i) => polyContent(ShapeTypeCode.Polygon, [square(i, 0, 1)])));
    const p1 = writeSet(dir, 'DK3407112016-1', { ...a, dbf: buildDbf([NAME], [{ values: ['a1'] }]) });
    const p2 = writeSet(dir, 'DK3407112016-2', { ...b, dbf: buildDbf([NAME], [{ values: ['b1'] }, { values: ['b2'] }]) });
    const layer = await openLayer([`${p1}.shp`, `${p2}.shp`]);
    const got = [];
    for await (const r of layer.records()) got.push([r.part, r.file.endsWith('-1.shp') ? 1 : 2, r.recordNumber, r.attributes.NAME]);
    await layer.close();
    expect(got).toEqual([
      [0, 1, 1, 'a1'],
      [1, 2, 1, 'b1'],
      [1, 2, 2, 'b2'],
    ]);
    expect(layer.issues).toEqual([]);

    const p3 = writeSet(dir, 'DK3407112016-3', { ...a, dbf: buildDbf([{ name: 'NAME', type: 'C', length: 20 }], [{ values: ['c'] }]) });
    const mixed = await openLayer([p1, p3]);
    await mixed.close();
    expect(mixed.issues.map((i) => i.code)).toEqual(['layer-part-mismatch']);
  });
});

describe('streaming', () => {
  it('reads records across buffer windows (≈ 6 MB .shp)', async () => {
    const n = 20000;
    const contents = Array.from({ length: n }, (_, i) => polyContent(ShapeTypeCode.Polygon, [square(39500000 + i, 3400000, 1), square(39500000 + i, 3400002, 1)]));
    const { shp, shx } = buildShp(ShapeTypeCode.Polygon, contents);
    const dbf = buildDbf([{ name: 'BSM', type: 'N', length: 10 }], Array.from({ length: n }, (_, i) => ({ values: [String(i + 1).padStart(10, ' ')] })));
    const dir = tmp();
    const base = writeSet(dir, 'Big', { shp, shx, dbf });
    let k = 0;
    const handle = await openShapefile(base);
    for await (const r of handle.records({ raw: false })) {
      k++;
      if (r.recordNumber !== k || r.attributes.BSM !== k || r.geometry!.parts[1]![0] !== 39500000 + k - 1 || r.rawAttributes) throw new Error(`record ${k} differs`);
    }
    await handle.close();
    expect(k).toBe(n);
    expect(readFileSync(`${base}.shp`).length).toBeGreaterThan(4 << 20);
    rmSync(dir, { recursive: true });
  });
});
