/**
 * Shapefile writer (.shp/.shx/.dbf/.cpg/.prj). Streams: records are written through bounded buffers and the headers'
 * file length, extent and record count are patched at the end. Atomic: each file goes to its own temp (`atomicTarget`)
 * and all are moved into place only when every one is complete. Deterministic: no clock — the DBF header date is fixed or passed in.
 * Geometry is stored EXACTLY as given (ring order and orientation), so test data can carry defects; use
 * `orientPolygon` first for valid output.
 */
import { open, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  DBF_EOF,
  DBF_FIELD_DESCRIPTOR_BYTES,
  DBF_FIELD_OFFSET,
  DBF_HEADER_BYTES,
  DBF_HEADER_TERMINATOR,
  DBF_OFFSET,
  DBF_RECORD_ACTIVE,
  DBF_RECORD_DELETED,
  DBF_VERSION_DBASE3,
  EMPTY_EXTENT,
  LDID_GBK,
  LDID_NONE,
  SHP_FILE_CODE,
  SHP_HEADER_BYTES,
  SHP_OFFSET,
  SHP_POINT_CONTENT_BYTES,
  SHP_POLY_FIXED_BYTES,
  SHP_RECORD_HEADER_BYTES,
  SHP_VERSION,
  SHX_ENTRY_BYTES,
  ShapeTypeCode,
  dbfHeaderLength,
  encodeText,
  type EncodeResult,
  type OutputEncoding,
} from '@nyt2539/checker';
import { atomicTarget, type Localized, LocalizedError, roundDecimal } from '@nyt2539/schema';
import type { DbfFieldSpec } from './fields.js';

export type ShapeGeometryInput =
  | { readonly type: 'Point'; readonly x: number; readonly y: number }
  | { readonly type: 'PolyLine'; readonly parts: readonly (readonly (readonly [number, number])[])[] }
  | { readonly type: 'Polygon'; readonly parts: readonly (readonly (readonly [number, number])[])[] };

export interface ShapeFeature {
  readonly geometry: ShapeGeometryInput | null;
  /** write the DBF record with the deletion flag '*' (test data: readers must notice deleted records) */
  readonly deleted?: boolean;
  /** values by field name; Date only for D fields (its UTC date is written, as mdb-reader returns Access dates) */
  readonly attributes: Readonly<Record<string, string | number | Date | null | undefined>>;
}

export interface WriteShapefileOptions {
  readonly shapeType: 'Point' | 'PolyLine' | 'Polygon';
  readonly fields: readonly DbfFieldSpec[];
  /** text encoding of the .dbf; default 'gbk' (LDID 0x4D, .cpg "GBK"); 'utf-8' gives LDID 0x00 and .cpg "UTF-8" */
  readonly encoding?: OutputEncoding;
  /** .prj text (see esriPrj); null or omitted = no .prj */
  readonly prj?: string | null;
  /** DBF header date; default DEFAULT_DBF_DATE (never today, so output is reproducible) */
  readonly date?: { readonly year: number; readonly month: number; readonly day: number };
  /** name used in error messages; default the file name */
  readonly layer?: string;
}

export interface WriteShapefileResult {
  readonly count: number;
  /** extent of all non-null geometries; null when there are none */
  readonly bbox: { readonly xmin: number; readonly ymin: number; readonly xmax: number; readonly ymax: number } | null;
}

/** The DBF header date used when none is given: the standard's year, so files are byte-reproducible. */
export const DEFAULT_DBF_DATE = { year: 2016, month: 1, day: 1 } as const;

/** A feature or option the writer cannot store; the message names the layer, record and field. */
export class ShapefileWriteError extends LocalizedError {
  constructor(text: Localized) {
    super(text, { code: 'shapefile-write' });
    this.name = 'ShapefileWriteError';
    // both languages for a library caller that logs `message`; the CLI prints the chosen one
    this.message = `${text.zh} / ${text.en}`;
  }
}

const CPG_TEXT: Record<OutputEncoding, string> = { gbk: 'GBK', 'utf-8': 'UTF-8' };
const LDID: Record<OutputEncoding, number> = { gbk: LDID_GBK, 'utf-8': LDID_NONE };
const BUFFER_BYTES = 1 << 20;

export async function writeShapefile(
  basePath: string,
  options: WriteShapefileOptions,
  features: Iterable<ShapeFeature> | AsyncIterable<ShapeFeature>,
): Promise<WriteShapefileResult> {
  const encoding = options.encoding ?? 'gbk';
  const layer = options.layer ?? basename(basePath);
  const fields = validateFields(options.fields, layer);
  const finals = { shp: `${basePath}.shp`, shx: `${basePath}.shx`, dbf: `${basePath}.dbf`, cpg: `${basePath}.cpg`, prj: `${basePath}.prj` };
  const targets = { shp: atomicTarget(finals.shp), shx: atomicTarget(finals.shx), dbf: atomicTarget(finals.dbf), cpg: atomicTarget(finals.cpg), ...(options.prj ? { prj: atomicTarget(finals.prj) } : {}) };
  const opened: FileHandle[] = [];
  try {
    const shp = await OutputFile.create(targets.shp.tmp, opened);
    const shx = await OutputFile.create(targets.shx.tmp, opened);
    const dbf = await OutputFile.create(targets.dbf.tmp, opened);
    const shapeCode = ShapeTypeCode[options.shapeType];
    shp.append(Buffer.alloc(SHP_HEADER_BYTES)); // patched at the end
    shx.append(Buffer.alloc(SHP_HEADER_BYTES));
    const dbfHeader = dbfHeaderBytes(fields, encoding, options.date ?? DEFAULT_DBF_DATE);
    dbf.append(dbfHeader.bytes);

    const extent = { xmin: Infinity, ymin: Infinity, xmax: -Infinity, ymax: -Infinity };
    const record = Buffer.alloc(dbfHeader.recordLength);
    let scratch = Buffer.alloc(4096);
    const entry = Buffer.alloc(SHX_ENTRY_BYTES);
    const encodeCache = new Map<string, EncodeResult>();
    let count = 0;
    let offsetWords = SHP_HEADER_BYTES / 2;
    for await (const feature of features as AsyncIterable<ShapeFeature>) {
      count++;
      // --- geometry
      const content = contentLength(feature.geometry, options.shapeType, layer, count);
      if (scratch.length < SHP_RECORD_HEADER_BYTES + content) scratch = Buffer.alloc(2 * (SHP_RECORD_HEADER_BYTES + content));
      const shape = scratch.subarray(0, SHP_RECORD_HEADER_BYTES + content);
      shape.writeInt32BE(count, 0);
      shape.writeInt32BE(content / 2, 4);
      encodeGeometry(feature.geometry, shapeCode, shape, SHP_RECORD_HEADER_BYTES, extent, layer, count);
      shp.append(shape);
      entry.writeInt32BE(offsetWords, 0);
      entry.writeInt32BE(content / 2, 4);
      shx.append(entry);
      offsetWords += shape.length / 2;
      // --- attributes
      encodeRecord(feature.attributes, fields, encoding, encodeCache, record, layer, count);
      if (feature.deleted) record[0] = DBF_RECORD_DELETED;
      dbf.append(record);
      // backpressure: at most one buffer per file in flight, so memory stays bounded
      if (shp.inFlight > 1 || dbf.inFlight > 1 || shx.inFlight > 1) await Promise.all([shp.drain(), shx.drain(), dbf.drain()]);
    }
    dbf.append(Buffer.of(DBF_EOF));

    const box = count > 0 && extent.xmin <= extent.xmax ? extent : EMPTY_EXTENT;
    await shp.finish(mainHeader(shapeCode, shp.length, box));
    await shx.finish(mainHeader(shapeCode, shx.length, box));
    const countBytes = Buffer.alloc(4);
    countBytes.writeUInt32LE(count, 0);
    await dbf.finish(countBytes, DBF_OFFSET.recordCount);
    await writeFile(targets.cpg.tmp, CPG_TEXT[encoding]);
    if (targets.prj) await writeFile(targets.prj.tmp, options.prj!);
    for (const target of Object.values(targets)) target.commit();
    // a stale .prj from an earlier run would describe the wrong CRS
    if (!targets.prj) await rm(finals.prj, { force: true });
    return { count, bbox: box === EMPTY_EXTENT ? null : { ...box } };
  } catch (error) {
    await Promise.all(opened.map((h) => h.close().catch(() => undefined)));
    for (const target of Object.values(targets)) target.abort();
    throw error;
  }
}

/** An output file written through one buffer; the header is patched in place at the end. */
class OutputFile {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private pending: Promise<unknown> = Promise.resolve();
  length = 0;
  /** buffers handed to the OS but not yet written */
  inFlight = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string, opened: FileHandle[]): Promise<OutputFile> {
    const handle = await open(path, 'w');
    opened.push(handle);
    return new OutputFile(handle);
  }

  append(bytes: Uint8Array): void {
    this.length += bytes.length;
    if (bytes.length > this.buffer.length - this.used) this.flush();
    if (bytes.length > this.buffer.length) {
      this.enqueue(Buffer.from(bytes));
      return;
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  private flush(): void {
    if (this.used === 0) return;
    const chunk = Buffer.from(this.buffer.subarray(0, this.used));
    this.used = 0;
    this.enqueue(chunk);
  }

  private enqueue(chunk: Buffer): void {
    this.inFlight++;
    this.pending = this.pending.then(async () => {
      await this.handle.write(chunk);
      this.inFlight--;
    });
    this.pending.catch(() => undefined); // surfaced by drain()/finish(); never an unhandled rejection
  }

  /** Writes what is buffered, patches `header` at `position`, closes. */
  async finish(header: Buffer, position = 0): Promise<void> {
    this.flush();
    await this.pending;
    await this.handle.write(header, 0, header.length, position);
    await this.handle.close();
  }

  /** Awaits pending writes. */
  async drain(): Promise<void> {
    await this.pending;
  }
}

function mainHeader(shapeCode: number, fileLength: number, box: { xmin: number; ymin: number; xmax: number; ymax: number }): Buffer {
  const h = Buffer.alloc(SHP_HEADER_BYTES);
  h.writeInt32BE(SHP_FILE_CODE, SHP_OFFSET.fileCode);
  h.writeInt32BE(fileLength / 2, SHP_OFFSET.fileLengthWords);
  h.writeInt32LE(SHP_VERSION, SHP_OFFSET.version);
  h.writeInt32LE(shapeCode, SHP_OFFSET.shapeType);
  h.writeDoubleLE(box.xmin, SHP_OFFSET.xmin);
  h.writeDoubleLE(box.ymin, SHP_OFFSET.ymin);
  h.writeDoubleLE(box.xmax, SHP_OFFSET.xmax);
  h.writeDoubleLE(box.ymax, SHP_OFFSET.ymax);
  return h; // Z and M ranges stay 0: 2D types only
}

function contentLength(geometry: ShapeGeometryInput | null, shapeType: WriteShapefileOptions['shapeType'], layer: string, record: number): number {
  if (geometry === null) return 4;
  if (geometry.type !== shapeType) {
    throw writeError(record, layer, undefined, { zh: `几何类型为 ${geometry.type}，图层为 ${shapeType}`, en: `geometry type ${geometry.type}, the layer is ${shapeType}` });
  }
  if (geometry.type === 'Point') return SHP_POINT_CONTENT_BYTES;
  let points = 0;
  for (const part of geometry.parts) points += part.length;
  return SHP_POLY_FIXED_BYTES + 4 * geometry.parts.length + 16 * points;
}

function encodeGeometry(
  geometry: ShapeGeometryInput | null,
  shapeCode: number,
  out: Buffer,
  at: number,
  extent: { xmin: number; ymin: number; xmax: number; ymax: number },
  layer: string,
  record: number,
): void {
  if (geometry === null) {
    out.writeInt32LE(ShapeTypeCode.Null, at);
    return;
  }
  out.writeInt32LE(shapeCode, at);
  const check = (x: number, y: number) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw writeError(record, layer, undefined, { zh: `坐标 (${x}, ${y}) 不是有限数`, en: `coordinate (${x}, ${y}) is not finite` });
    }
  };
  if (geometry.type === 'Point') {
    check(geometry.x, geometry.y);
    out.writeDoubleLE(geometry.x, at + 4);
    out.writeDoubleLE(geometry.y, at + 12);
    grow(extent, geometry.x, geometry.y, geometry.x, geometry.y);
    return;
  }
  let xmin = Infinity;
  let ymin = Infinity;
  let xmax = -Infinity;
  let ymax = -Infinity;
  let points = 0;
  let p = at + SHP_POLY_FIXED_BYTES + 4 * geometry.parts.length;
  geometry.parts.forEach((part, i) => {
    out.writeInt32LE(points, at + SHP_POLY_FIXED_BYTES + 4 * i);
    for (const [x, y] of part) {
      check(x, y);
      out.writeDoubleLE(x, p);
      out.writeDoubleLE(y, p + 8);
      p += 16;
      if (x < xmin) xmin = x;
      if (x > xmax) xmax = x;
      if (y < ymin) ymin = y;
      if (y > ymax) ymax = y;
    }
    points += part.length;
  });
  if (points === 0) xmin = ymin = xmax = ymax = 0;
  else grow(extent, xmin, ymin, xmax, ymax);
  out.writeDoubleLE(xmin, at + 4);
  out.writeDoubleLE(ymin, at + 12);
  out.writeDoubleLE(xmax, at + 20);
  out.writeDoubleLE(ymax, at + 28);
  out.writeInt32LE(geometry.parts.length, at + 36);
  out.writeInt32LE(points, at + 40);
}

function grow(e: { xmin: number; ymin: number; xmax: number; ymax: number }, xmin: number, ymin: number, xmax: number, ymax: number): void {
  if (xmin < e.xmin) e.xmin = xmin;
  if (ymin < e.ymin) e.ymin = ymin;
  if (xmax > e.xmax) e.xmax = xmax;
  if (ymax > e.ymax) e.ymax = ymax;
}

interface PlacedField extends DbfFieldSpec {
  readonly offset: number;
}

function validateFields(fields: readonly DbfFieldSpec[], layer: string): PlacedField[] {
  const seen = new Set<string>();
  let offset = 1;
  const placed = fields.map((f) => {
    const bad = (zh: string, en: string) => new ShapefileWriteError({ zh: `图层 ${layer} 字段 ${f.name}：${zh}`, en: `layer ${layer} field ${f.name}: ${en}` });
    if (!/^[A-Za-z][A-Za-z0-9_]{0,9}$/.test(f.name)) throw bad('字段名须为 1–10 个 ASCII 字母、数字或下划线', 'the name must be 1–10 ASCII letters, digits or underscores');
    if (seen.has(f.name.toUpperCase())) throw bad('字段名重复', 'duplicate name');
    seen.add(f.name.toUpperCase());
    if (!Number.isInteger(f.length) || f.length < 1 || f.length > 254) throw bad(`宽度 ${f.length} 不在 1–254 之间`, `width ${f.length} is not within 1–254`);
    if (f.type === 'D' && f.length !== 8) throw bad('日期字段宽度须为 8', 'a date field must be 8 wide');
    if (f.type === 'L' && f.length !== 1) throw bad('逻辑字段宽度须为 1', 'a logical field must be 1 wide');
    if (!Number.isInteger(f.decimals) || f.decimals < 0 || (f.decimals > 0 && f.decimals > f.length - 2)) {
      throw bad(`小数位数 ${f.decimals} 与宽度 ${f.length} 不符`, `${f.decimals} decimals do not fit width ${f.length}`);
    }
    const p = { ...f, offset };
    offset += f.length;
    return p;
  });
  if (placed.length === 0) throw new ShapefileWriteError({ zh: `图层 ${layer} 没有字段`, en: `layer ${layer} has no fields` });
  if (offset > 0xffff) throw new ShapefileWriteError({ zh: `图层 ${layer} 的记录长度 ${offset} 超过 65535`, en: `layer ${layer}: record length ${offset} exceeds 65535` });
  return placed;
}

function dbfHeaderBytes(
  fields: readonly PlacedField[],
  encoding: OutputEncoding,
  date: { year: number; month: number; day: number },
): { bytes: Buffer; recordLength: number } {
  const headerLength = dbfHeaderLength(fields.length);
  const recordLength = fields.reduce((sum, f) => sum + f.length, 1);
  const h = Buffer.alloc(headerLength);
  h[DBF_OFFSET.version] = DBF_VERSION_DBASE3;
  h[DBF_OFFSET.year] = date.year - 1900;
  h[DBF_OFFSET.month] = date.month;
  h[DBF_OFFSET.day] = date.day;
  h.writeUInt32LE(0, DBF_OFFSET.recordCount); // patched at the end
  h.writeUInt16LE(headerLength, DBF_OFFSET.headerLength);
  h.writeUInt16LE(recordLength, DBF_OFFSET.recordLength);
  h[DBF_OFFSET.ldid] = LDID[encoding];
  fields.forEach((f, i) => {
    const at = DBF_HEADER_BYTES + DBF_FIELD_DESCRIPTOR_BYTES * i;
    h.write(f.name, at + DBF_FIELD_OFFSET.name, 'latin1');
    h[at + DBF_FIELD_OFFSET.type] = f.type.charCodeAt(0);
    h[at + DBF_FIELD_OFFSET.length] = f.length;
    h[at + DBF_FIELD_OFFSET.decimals] = f.decimals;
  });
  h[headerLength - 1] = DBF_HEADER_TERMINATOR;
  return { bytes: h, recordLength };
}

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Attribute text repeats a lot (names, codes); encoded bytes are reused. One cache per write (per encoding). */
const ENCODE_CACHE_ENTRIES = 20_000;

function encodeRecord(
  attributes: ShapeFeature['attributes'],
  fields: readonly PlacedField[],
  encoding: OutputEncoding,
  cache: Map<string, EncodeResult>,
  out: Buffer,
  layer: string,
  record: number,
): void {
  out.fill(0x20);
  out[0] = DBF_RECORD_ACTIVE;
  for (const f of fields) {
    const value = attributes[f.name];
    if (value === null || value === undefined || value === '') continue; // blank = null in a DBF
    let bytes: Buffer;
    if (value instanceof Date) {
      if (f.type !== 'D' || Number.isNaN(value.getTime())) {
        throw writeError(record, layer, f.name, { zh: `日期值只能写入 D 类型字段`, en: `a date value fits only a D field` });
      }
      const ymd = `${value.getUTCFullYear()}`.padStart(4, '0') + `${value.getUTCMonth() + 1}`.padStart(2, '0') + `${value.getUTCDate()}`.padStart(2, '0');
      out.write(ymd, f.offset, 'latin1');
      continue;
    }
    if (f.type === 'C') {
      const text = String(value);
      const cached = cache.get(text);
      const encoded = cached ?? encodeText(text, encoding);
      if (!cached && encoded.ok) {
        if (cache.size >= ENCODE_CACHE_ENTRIES) cache.clear();
        cache.set(text, encoded);
      }
      if (!encoded.ok) {
        throw writeError(record, layer, f.name, {
          zh: `字符“${encoded.char}”（第 ${encoded.index + 1} 个字符）无法用 ${CPG_TEXT[encoding]} 编码`,
          en: `character "${encoded.char}" (position ${encoded.index + 1}) cannot be encoded in ${CPG_TEXT[encoding]}`,
        });
      }
      bytes = encoded.bytes;
      if (bytes.length > f.length) {
        throw writeError(record, layer, f.name, {
          zh: `值“${value}”编码后 ${bytes.length} 字节，超过字段宽度 ${f.length}`,
          en: `value "${value}" takes ${bytes.length} bytes, more than the field width ${f.length}`,
        });
      }
      out.set(bytes, f.offset); // left-aligned, space padded
      continue;
    }
    let text: string;
    if (f.type === 'N' || f.type === 'F') {
      text = dbfNumberText(value, f, record, layer);
    } else if (f.type === 'D') {
      text = String(value).replace(/-/g, '');
      if (!/^\d{8}$/.test(text)) throw writeError(record, layer, f.name, { zh: `值“${value}”不是 YYYYMMDD 日期`, en: `value "${value}" is not a YYYYMMDD date` });
    } else {
      text = String(value).toUpperCase();
      if (!/^[TFYN?]$/.test(text)) throw writeError(record, layer, f.name, { zh: `值“${value}”不是逻辑值 T/F`, en: `value "${value}" is not a logical T/F` });
    }
    out.write(text, f.offset, 'latin1');
  }
}

/**
 * The bytes (latin1 text) of a numeric cell: the decimal value rounded half away from zero to the field's
 * decimals, right-aligned in its width. Shared by the writer and `updateDbfNumbers`, so a patched cell has the
 * bytes a fresh write would give.
 */
export function dbfNumberText(value: string | number, f: { readonly name: string; readonly length: number; readonly decimals: number }, record: number, layer: string): string {
  const n = typeof value === 'number' ? value : NUMERIC_TEXT.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isFinite(n)) throw writeError(record, layer, f.name, { zh: `值“${value}”不是数字`, en: `value "${value}" is not a number` });
  if (f.decimals === 0 && !Number.isInteger(n)) {
    throw writeError(record, layer, f.name, { zh: `值 ${value} 不是整数，字段没有小数位`, en: `value ${value} is not an integer and the field has no decimals` });
  }
  let text = n.toFixed(f.decimals);
  // toFixed rounds the binary value (100.005 → "100.00"); round the decimal value half away from zero instead
  if (Number(text) !== n) text = roundDecimal(n, f.decimals).toFixed(f.decimals);
  if (text.length > f.length) {
    throw writeError(record, layer, f.name, {
      zh: `值 ${value} 写作“${text}”共 ${text.length} 位，超过字段宽度 N(${f.length},${f.decimals})`,
      en: `value ${value} needs ${text.length} characters ("${text}"), more than the field width N(${f.length},${f.decimals})`,
    });
  }
  return text.padStart(f.length, ' '); // numbers are right-aligned
}

function writeError(record: number, layer: string, field: string | undefined, what: Localized): ShapefileWriteError {
  const where = field
    ? { zh: `图层 ${layer} 第 ${record} 条记录字段 ${field}：`, en: `layer ${layer} record ${record} field ${field}: ` }
    : { zh: `图层 ${layer} 第 ${record} 条记录：`, en: `layer ${layer} record ${record}: ` };
  return new ShapefileWriteError({ zh: where.zh + what.zh, en: where.en + what.en });
}
