/**
 * The checker's own validating shapefile reader. Unlike general-purpose readers it keeps what a validator needs:
 * deleted flags, rings in stored order and orientation, raw field text, the DBF field descriptors as declared,
 * and every structural problem as a located ReaderIssue. Streams with bounded buffers.
 */
import { type FileHandle } from 'node:fs/promises';
import { openRegularFile, readRegularFile } from '../../io/read-bounded.js';
import { endianness } from 'node:os';
import type { Localized } from '@nyt2539/schema';
import { decoderLabelFor, isAscii, isStrictUtf8, TextFieldDecoder, type TextEncodingName } from '../encoding.js';
import { parsePrj, type CrsInfo } from '../prj.js';
import { ChunkReader } from './chunkReader.js';
import { DbfRecordDecoder, parseDbfHeader, type AttributeValue, type DbfField, type DbfHeader, type RawMode } from './dbf.js';
import { findShapefileParts } from './files.js';
import {
  DBF_RECORD_ACTIVE,
  DBF_RECORD_DELETED,
  LDID_ENCODINGS,
  SHP_HEADER_BYTES,
  SHP_RECORD_HEADER_BYTES,
  SHX_ENTRY_BYTES,
  shapeTypeHasM,
  shapeTypeHasZ,
  type ShapeTypeName,
} from './format.js';
import { issue, readerError, type ReaderIssue } from './issues.js';
import { DoublesBlock, parseShapeContent, parseShpHeader, versionProblem, type Bbox, type DoublesAlloc, type ShapeGeometry, type ShpHeader } from './shp.js';

if (endianness() !== 'LE') throw new Error('The shapefile reader copies little-endian doubles directly and needs a little-endian host.');

export type EncodingSource = 'cpg' | 'ldid' | 'utf8-sniff' | 'default';

export interface ShapefileInfo {
  readonly files: { readonly shp: string; readonly shx?: string; readonly dbf: string; readonly cpg?: string; readonly prj?: string };
  /** the header's shape type name; 'unknown' for an undefined code (see shapeTypeCode) */
  readonly shapeType: ShapeTypeName | 'unknown';
  readonly shapeTypeCode: number;
  readonly hasZ: boolean;
  readonly hasM: boolean;
  /** extent the .shp header declares */
  readonly bbox: Bbox;
  /** records per .shx (null when the .shx is missing or invalid) and per .dbf (complete records) */
  readonly recordCount: { readonly shx: number | null; readonly dbf: number; readonly dbfDeclared: number };
  readonly fields: readonly DbfField[];
  readonly encoding: { readonly name: TextEncodingName; readonly source: EncodingSource };
  readonly ldid: number;
  readonly headerLength: number;
  readonly recordLength: number;
  /** DBF header date, YYYYMMDD */
  readonly dbfDate: string;
  /** .cpg content (trimmed), null when there is no .cpg */
  readonly cpg: string | null;
  /** .prj text, null when there is no .prj */
  readonly prj: string | null;
  readonly crs: CrsInfo | null;
  /**
   * Problems found so far: file-level ones at open, plus end-of-stream ones (truncation, count mismatch found while
   * reading without .shx) appended when `records()` meets them. Per-record problems are on each record's `issues`.
   */
  readonly issues: ReaderIssue[];
}

export interface ShapeRecord {
  /** 1-based position in the file (= .dbf record number) */
  readonly recordNumber: number;
  readonly deleted: boolean;
  readonly geometry: ShapeGeometry | null;
  /** typed values: C → trimmed text (null when blank), N/F/I/B/O → number, D → 'YYYYMMDD', L → 'T'|'F' */
  readonly attributes: Record<string, AttributeValue>;
  /** each field's text exactly as stored (decoded, untrimmed); present unless `records({ raw: false })` */
  readonly rawAttributes?: Record<string, string>;
  /** problems in this record (bad geometry, undecodable text, bad numbers, …) */
  readonly issues?: readonly ReaderIssue[];
}

/**
 * A record with its values by field index (`info.fields[i]`) instead of objects keyed by name, the store loader's
 * form. Its geometry's arrays are views of blocks shared with neighbouring records: let go of it soon.
 */
export interface ShapeRow {
  readonly recordNumber: number;
  readonly deleted: boolean;
  readonly geometry: ShapeGeometry | null;
  readonly values: AttributeValue[];
  /** by field index, as the RawMode asked (see dbf.ts); undefined for 'none' */
  readonly raws: (string | null)[] | undefined;
  readonly issues: readonly ReaderIssue[] | undefined;
}

export interface ShapefileHandle {
  readonly info: ShapefileInfo;
  records(options?: { raw?: boolean }): AsyncIterable<ShapeRecord>;
  /** the same records as `records`, in batches of rows: no promise and no named objects per record */
  rows(options: { raw: RawMode }): AsyncIterable<ShapeRow[]>;
  close(): Promise<void>;
}

/**
 * A .cpg names a code page and a .prj holds one WKT definition (a few hundred bytes): only their head is read, so
 * a huge file in their place costs nothing (a 2 GiB .cpg was read whole).
 */
const SMALL_TEXT_BYTES = 16 * 1024;

/** Records sampled for the UTF-8 test when neither .cpg nor LDID says what the text is. */
const SNIFF_RECORDS = 2000;

export async function openShapefile(path: string): Promise<ShapefileHandle> {
  const parts = await findShapefileParts(path);
  if (!parts.shp) throw readerError('shp-missing', `${parts.base}.shp`);
  if (!parts.dbf) throw readerError('dbf-missing', `${parts.base}.dbf`);
  const issues: ReaderIssue[] = [];
  const handles: FileHandle[] = [];
  try {
    const shp = await openFile(parts.shp, handles);
    const shpHeader = await readShpHeader(shp, parts.shp, issues);
    const shx = parts.shx ? await openShx(parts.shx, handles, issues, shpHeader) : null;
    if (!parts.shx) issues.push(issue('shx-missing', `${parts.base}.shx`));
    const dbf = await openFile(parts.dbf, handles);
    const head = await readAt(dbf.handle, 0, Math.min(dbf.size, 65535 + 1));
    const lastByte = dbf.size > 0 ? (await readAt(dbf.handle, dbf.size - 1, 1))[0] : undefined;
    const dbfHeader = parseDbfHeader(parts.dbf, head, dbf.size, lastByte, issues);
    if (shx && shx.count !== dbfHeader.recordCount) {
      issues.push(issue('count-mismatch', parts.shp, { shp: shx.count, dbf: dbfHeader.recordCount }));
    }
    const cpg = parts.cpg ? readRegularFile(parts.cpg, SMALL_TEXT_BYTES, true).toString('latin1').replace(/^\uFEFF/, '').trim() : null;
    const encoding = await detectEncoding(parts.dbf, parts.cpg, cpg, dbfHeader, dbf.handle, issues);
    const prj = parts.prj ? decodeSmallText(readRegularFile(parts.prj, SMALL_TEXT_BYTES, true)) : null;
    const crs = prj === null ? null : parsePrj(prj);
    for (const c of crs?.contradictions ?? []) issues.push(issue('prj-contradiction', parts.prj!, { named: c.named, param: c.param, expected: c.expected, actual: c.actual }));
    const typeName = shpHeader.shapeType ?? 'unknown';
    const shpSizeOff = shpHeader.fileLength !== shp.size;
    const info: ShapefileInfo = {
      files: {
        shp: parts.shp,
        dbf: parts.dbf,
        ...(parts.shx ? { shx: parts.shx } : {}),
        ...(parts.cpg ? { cpg: parts.cpg } : {}),
        ...(parts.prj ? { prj: parts.prj } : {}),
      },
      shapeType: typeName,
      shapeTypeCode: shpHeader.shapeTypeCode,
      hasZ: shpHeader.shapeType ? shapeTypeHasZ(shpHeader.shapeType) : false,
      hasM: shpHeader.shapeType ? shapeTypeHasM(shpHeader.shapeType) : false,
      bbox: shpHeader.bbox,
      recordCount: { shx: shx?.count ?? null, dbf: dbfHeader.recordCount, dbfDeclared: dbfHeader.declaredRecordCount },
      fields: dbfHeader.fields,
      encoding,
      ldid: dbfHeader.ldid,
      headerLength: dbfHeader.headerLength,
      recordLength: dbfHeader.recordLength,
      dbfDate: dbfHeader.date,
      cpg,
      prj,
      crs,
      issues,
    };
    return {
      info,
      records: (options) => shapeRecords(info.fields, readRows({ info, shp, shx, dbf, dbfHeader, shpSizeOff, rawMode: options?.raw === false ? 'none' : 'exact', alloc: undefined })),
      rows: (options) => readRows({ info, shp, shx, dbf, dbfHeader, shpSizeOff, rawMode: options.raw, alloc: new DoublesBlock().take }),
      close: async () => {
        await Promise.all(handles.splice(0).map((h) => h.close()));
      },
    };
  } catch (error) {
    await Promise.all(handles.map((h) => h.close().catch(() => undefined)));
    throw error;
  }
}

interface OpenFile {
  readonly path: string;
  readonly handle: FileHandle;
  readonly size: number;
}

async function openFile(path: string, handles: FileHandle[]): Promise<OpenFile> {
  let handle: FileHandle;
  try {
    handle = await openRegularFile(path);
  } catch (error) {
    throw readerError('shp-unreadable', path, { reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  handles.push(handle);
  const { size } = await handle.stat();
  return { path, handle, size };
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buffer, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buffer.subarray(0, got);
}

async function readShpHeader(shp: OpenFile, file: string, issues: ReaderIssue[]): Promise<ShpHeader> {
  const header = parseShpHeader(await readAt(shp.handle, 0, SHP_HEADER_BYTES));
  if (typeof header === 'string') throw readerError('shp-bad-header', file, { reason: header });
  const version = versionProblem(header);
  if (version) issues.push(issue('shp-bad-version', file, { reason: version }));
  if (header.fileLength !== shp.size) {
    const truncated = header.fileLength > shp.size;
    issues.push(issue(truncated ? 'shp-length-short' : 'shp-length-mismatch', file, { declared: header.fileLength, actual: shp.size }));
  }
  if (!header.shapeType) issues.push(issue('shp-unknown-type', file, { actual: header.shapeTypeCode }));
  else if (shapeTypeHasZ(header.shapeType) || shapeTypeHasM(header.shapeType)) issues.push(issue('shp-zm', file, { actual: header.shapeType }));
  return header;
}

interface OpenShx extends OpenFile {
  readonly count: number;
}

/**
 * The index is trusted only when its header agrees with itself and with the .shp: a .shx cut short but still
 * 100 + 8n bytes long would otherwise be read as a shorter index (25 of 277 plots loaded, thousands of cascading
 * errors). An index that disagrees is an error — GIS software reads the layer through it — and the .shp is read
 * sequentially instead.
 */
async function openShx(path: string, handles: FileHandle[], issues: ReaderIssue[], shp: ShpHeader): Promise<OpenShx | null> {
  const file = await openFile(path, handles);
  const header = parseShpHeader(await readAt(file.handle, 0, SHP_HEADER_BYTES));
  const bad = (reason: string): null => {
    issues.push(issue('shx-bad', path, { reason }));
    return null;
  };
  if (typeof header === 'string') return bad(header);
  const body = file.size - SHP_HEADER_BYTES;
  if (body < 0 || body % SHX_ENTRY_BYTES !== 0) return bad(`文件大小 ${file.size} 不是 100 + 8n / size ${file.size} is not 100 + 8n`);
  if (header.fileLength !== file.size) {
    return bad(`文件头记录的长度为 ${header.fileLength} 字节，实际为 ${file.size} 字节 / the header says ${header.fileLength} bytes, the file has ${file.size}`);
  }
  if (header.shapeTypeCode !== shp.shapeTypeCode) {
    return bad(`几何类型代码 ${header.shapeTypeCode} 与 .shp 的 ${shp.shapeTypeCode} 不同 / shape type ${header.shapeTypeCode} differs from the .shp's ${shp.shapeTypeCode}`);
  }
  const a = header.bbox;
  const b = shp.bbox;
  const same = (x: number, y: number): boolean => Object.is(x, y) || Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  if (!(same(a.minx, b.minx) && same(a.miny, b.miny) && same(a.maxx, b.maxx) && same(a.maxy, b.maxy))) {
    return bad(`外包框与 .shp 文件头不同 / the bounding box differs from the .shp header`);
  }
  return { ...file, count: body / SHX_ENTRY_BYTES };
}

async function detectEncoding(
  dbfPath: string,
  cpgPath: string | undefined,
  cpg: string | null,
  header: DbfHeader,
  dbf: FileHandle,
  issues: ReaderIssue[],
): Promise<ShapefileInfo['encoding']> {
  const ldidName = LDID_ENCODINGS[header.ldid];
  const ldidLabel = ldidName && ldidName !== 'ansi' ? decoderLabelFor(ldidName) : null;
  if (cpg !== null && cpgPath) {
    const label = decoderLabelFor(cpg);
    if (label) {
      if (ldidLabel && ldidLabel !== label) {
        issues.push(issue('cpg-ldid-conflict', cpgPath, { cpg, ldid: hex2(header.ldid), ldidEncoding: ldidLabel }));
      }
      return { name: label, source: 'cpg' };
    }
    // a code page name is a few characters: a damaged or foreign file is shown by its start only
    issues.push(issue('cpg-unknown', cpgPath, { actual: cpg.length > 64 ? `${cpg.slice(0, 64)}…（${cpg.length} 字符/chars）` : cpg }));
  }
  if (ldidLabel) return { name: ldidLabel, source: 'ldid' };
  const textFields = header.fields.filter((f) => f.type === 'C' || f.type === 'M');
  const sample = Math.min(header.recordCount, SNIFF_RECORDS);
  let sawHighBytes = false;
  if (textFields.length > 0 && sample > 0) {
    const bytes = await readAt(dbf, header.headerLength, sample * header.recordLength);
    for (let r = 0; r < sample; r++) {
      for (const f of textFields) {
        const at = r * header.recordLength + f.offset;
        const slice = bytes.subarray(at, at + f.length);
        if (isAscii(slice)) continue;
        sawHighBytes = true;
        if (!isStrictUtf8(slice)) {
          issues.push(issue('encoding-guessed', dbfPath, { ldid: hex2(header.ldid), encoding: 'GBK' }));
          return { name: 'gb18030', source: 'default' };
        }
      }
    }
  }
  if (sawHighBytes) {
    issues.push(issue('encoding-guessed', dbfPath, { ldid: hex2(header.ldid), encoding: 'UTF-8' }));
    return { name: 'utf-8', source: 'utf8-sniff' };
  }
  return { name: 'gb18030', source: 'default' };
}

/** Records as named objects, from the rows. */
async function* shapeRecords(fields: readonly DbfField[], rows: AsyncIterable<ShapeRow[]>): AsyncGenerator<ShapeRecord> {
  for await (const batch of rows) {
    for (const row of batch) {
      const attributes: Record<string, AttributeValue> = {};
      const raw: Record<string, string> | undefined = row.raws ? {} : undefined;
      for (let i = 0; i < fields.length; i++) {
        const name = fields[i]!.name;
        attributes[name] = row.values[i]!;
        if (raw) raw[name] = row.raws![i]!;
      }
      yield {
        recordNumber: row.recordNumber,
        deleted: row.deleted,
        geometry: row.geometry,
        attributes,
        ...(raw ? { rawAttributes: raw } : {}),
        ...(row.issues ? { issues: row.issues } : {}),
      };
    }
  }
}

/** Rows per batch: enough to amortise the await between batches, few enough to let go of them soon. */
const BATCH_ROWS = 256;

/**
 * The records in batches. A batch is handed over when full, at the end, and before an error leaves the loop, so a
 * consumer sees every record read before the error, as one record at a time would show it.
 */
/** What one pass over a shapefile's records reads, and how it hands raws and coordinates over. */
interface RowSource {
  readonly info: ShapefileInfo;
  readonly shp: OpenFile;
  readonly shx: OpenShx | null;
  readonly dbf: OpenFile;
  readonly dbfHeader: DbfHeader;
  readonly shpSizeOff: boolean;
  readonly rawMode: RawMode;
  readonly alloc: DoublesAlloc | undefined;
}

async function* readRows(source: RowSource): AsyncGenerator<ShapeRow[]> {
  const batch: ShapeRow[] = [];
  try {
    yield* readRowsInto(batch, source);
  } catch (error) {
    if (batch.length > 0) yield batch.splice(0);
    throw error;
  }
  if (batch.length > 0) yield batch.splice(0);
}

/** The reading loop of `readRows`: fills `batch` and yields it (emptied after) whenever it is full. */
async function* readRowsInto(batch: ShapeRow[], source: RowSource): AsyncGenerator<ShapeRow[]> {
  const { info, shp, shx, dbf, dbfHeader, shpSizeOff, rawMode, alloc } = source;
  const file = shp.path;
  const shpReader = new ChunkReader(shp.handle, shp.size);
  const shxReader = shx ? new ChunkReader(shx.handle, shx.size, 1 << 16) : null;
  const dbfReader = new ChunkReader(dbf.handle, dbf.size);
  const decoder = new DbfRecordDecoder(dbf.path, dbfHeader.fields, new TextFieldDecoder(info.encoding.name));
  const headerType = info.shapeType;
  const shapeLimit = shx ? shx.count : Infinity;
  let position = SHP_HEADER_BYTES;
  let n = 0;
  let shpDone = false;
  let offsetMismatchReported = false;
  let previousBad = false;
  const typesReported = new Set<string>();
  // field widths that do not fill the record: a damaged descriptor puts every later field at the wrong offset
  const fieldsEnd = dbfHeader.fields.reduce((end, f) => Math.max(end, f.offset + f.length), 1);
  const fieldsOff = fieldsEnd !== dbfHeader.recordLength;
  // the number of shapes after a slip is unknown: no count comparison then
  let shpSlipped = false;
  const dbfSlip = dbfSlipOf(dbf.size, dbfHeader);
  while (n < dbfHeader.recordCount && n < shapeLimit) {
    n++;
    const recordIssues: ReaderIssue[] = [];
    // --- geometry: .shx offsets are authoritative (as in GDAL/ArcGIS); without .shx, walk the .shp
    let at = position;
    let declaredWords: number | undefined;
    if (shxReader) {
      const entryAt = SHP_HEADER_BYTES + (n - 1) * SHX_ENTRY_BYTES;
      // read in place when the window holds it: no view per record
      const inWindow = shxReader.offsetOf(entryAt, SHX_ENTRY_BYTES);
      const entry = inWindow >= 0 ? shxReader.window : await shxReader.read(entryAt, SHX_ENTRY_BYTES);
      const e = inWindow >= 0 ? inWindow : 0;
      at = entry.readInt32BE(e) * 2;
      declaredWords = entry.readInt32BE(e + 4);
      if (at !== position && !offsetMismatchReported) {
        offsetMismatchReported = true;
        recordIssues.push(issue('shx-offset-mismatch', file, { expected: at, actual: position }, { record: n }));
      }
    }
    const headerInWindow = at >= SHP_HEADER_BYTES ? shpReader.offsetOf(at, SHP_RECORD_HEADER_BYTES) : -1;
    const recordHeader =
      headerInWindow >= 0 ? shpReader.window : at >= SHP_HEADER_BYTES ? await shpReader.read(at, SHP_RECORD_HEADER_BYTES) : Buffer.alloc(0);
    const h = headerInWindow >= 0 ? headerInWindow : 0;
    if (recordHeader.length - h < SHP_RECORD_HEADER_BYTES) {
      info.issues.push(issue('shp-truncated', file, { offset: at }, { record: n }));
      shpDone = true;
      break;
    }
    const number = recordHeader.readInt32BE(h);
    const contentBytes = recordHeader.readInt32BE(h + 4) * 2;
    // a .shp whose size disagrees with its header lost or gained bytes: a record header that then carries the wrong
    // number and (through the index) the wrong length is where the records slipped. Every record after it would be
    // read from the wrong bytes, so the layer is read up to there and the slip is one error, not thousands.
    if (shpSizeOff && number !== n && (declaredWords === undefined || declaredWords * 2 !== contentBytes)) {
      const first = previousBad ? n - 1 : n;
      info.issues.push(
        issue('shp-misaligned', file, { actual: number, unread: (shx ? shx.count : dbfHeader.recordCount) - n + 1, offset: at }, { record: first }),
      );
      shpSlipped = true;
      break;
    }
    if (contentBytes < 0 || at + SHP_RECORD_HEADER_BYTES + contentBytes > shp.size) {
      info.issues.push(issue('shp-truncated', file, { offset: at }, { record: n }));
      shpDone = true;
      break;
    }
    if (number !== n) recordIssues.push(issue('shp-record-number', file, { actual: number }, { record: n }));
    if (declaredWords !== undefined && declaredWords * 2 !== contentBytes) {
      const reason =
        `.shx 记录长度 ${declaredWords * 2} 与 .shp 的 ${contentBytes} 不一致 / ` +
        `.shx content length ${declaredWords * 2} differs from ${contentBytes} in the .shp`;
      recordIssues.push(issue('shx-length-mismatch', file, { reason }, { record: n }));
    }
    position = at + SHP_RECORD_HEADER_BYTES + contentBytes;
    const contentAt = at + SHP_RECORD_HEADER_BYTES;
    const parsed = parseShapeContent(shpReader.peek(contentAt, contentBytes) ?? (await shpReader.read(contentAt, contentBytes)), alloc);
    let geometry: ShapeGeometry | null = null;
    previousBad = typeof parsed === 'string';
    if (typeof parsed === 'string') recordIssues.push(issue('shp-bad-record', file, { reason: parsed }, { record: n }));
    else {
      geometry = parsed;
      const box = geometry?.bbox;
      // GIS software selects and indexes by the record's own bounding box: NaN or ±Inf there hides the feature
      if (box && !(Number.isFinite(box.minx) && Number.isFinite(box.miny) && Number.isFinite(box.maxx) && Number.isFinite(box.maxy))) {
        recordIssues.push(issue('shp-record-bbox', file, { actual: `${box.minx}, ${box.miny}, ${box.maxx}, ${box.maxy}` }, { record: n }));
      }
      // an undefined header type is reported at the header; a wrong one (or a file of mixed types) once per type
      if (geometry && headerType !== 'unknown' && geometry.type !== headerType && !typesReported.has(geometry.type)) {
        typesReported.add(geometry.type);
        recordIssues.push(issue('shp-type-mismatch', file, { actual: geometry.type, expected: headerType }, { record: n }));
      }
    }
    // --- attributes
    const dbfAt = dbfHeader.headerLength + (n - 1) * dbfHeader.recordLength;
    const recordInWindow = dbfReader.offsetOf(dbfAt, dbfHeader.recordLength);
    const dbfBytes = recordInWindow >= 0 ? dbfReader.window : await dbfReader.read(dbfAt, dbfHeader.recordLength);
    const r = recordInWindow >= 0 ? recordInWindow : 0;
    const recordSize = recordInWindow >= 0 ? dbfHeader.recordLength : dbfBytes.length;
    const flagValid = recordSize > 0 && (dbfBytes[r] === DBF_RECORD_ACTIVE || dbfBytes[r] === DBF_RECORD_DELETED);
    if (dbfSlip !== 0 && !flagValid) {
      const actual = `0x${hex2((recordSize > 0 ? dbfBytes[r] : undefined) ?? 0)}`;
      info.issues.push(misaligned(dbf.path, n, dbfSlip, dbfHeader.recordCount, { actual, reason: { zh: `该记录的删除标记为无效字节 ${actual}`, en: `it starts with ${actual}, not a deletion flag` } }));
      break;
    }
    const decoded = decoder.decodeRow(dbfBytes, n, rawMode, r, recordSize);
    if (fieldsOff) {
      const bad = new Set(decoded.issues.filter((i) => VALUE_CODES.has(i.code)).map((i) => i.field));
      if (bad.size > 0 && n < dbfHeader.recordCount) {
        // the same fields unreadable in the next record too: the descriptors, not the values, are wrong
        const nextAt = dbfAt + dbfHeader.recordLength;
        const nextBytes = dbfReader.peek(nextAt, dbfHeader.recordLength) ?? (await dbfReader.read(nextAt, dbfHeader.recordLength));
        const next = decoder.decodeRow(nextBytes, n + 1, 'none');
        if (next.issues.some((i) => VALUE_CODES.has(i.code) && bad.has(i.field))) {
          const fields = [...bad].join('、');
          info.issues.push(
            issue('dbf-fields-misaligned', dbf.path, { expected: fieldsEnd, actual: dbfHeader.recordLength, fields, unread: dbfHeader.recordCount - n + 1 }, { record: n }),
          );
          break;
        }
      }
    }
    if (dbfSlip !== 0 && decoded.issues.some((i) => i.code !== 'dbf-negative-zero') && (await readsCleanShifted(dbfReader, dbf.size, dbfHeader, decoder, n + 1, dbfSlip))) {
      const reason = { zh: '该记录的值无法解读，而下一条记录按错开后的位置读取完好', en: 'its values cannot be read while the next record reads cleanly where the slip puts it' };
      info.issues.push(misaligned(dbf.path, n, dbfSlip, dbfHeader.recordCount, { reason }));
      break;
    }
    for (const i of decoded.issues) recordIssues.push(i);
    batch.push({
      recordNumber: n,
      deleted: decoded.deleted,
      geometry,
      values: decoded.values,
      raws: decoded.raws,
      issues: recordIssues.length > 0 ? recordIssues : undefined,
    });
    if (batch.length >= BATCH_ROWS) yield batch.splice(0);
  }
  // without a .shx the number of shapes is only known now
  if (shpSlipped) return;
  if (!shx && !shpDone) {
    let shapes = n;
    const end = shp.size;
    while (position + SHP_RECORD_HEADER_BYTES <= end) {
      const h = await shpReader.read(position, SHP_RECORD_HEADER_BYTES);
      const len = h.readInt32BE(4) * 2;
      if (len < 0 || position + SHP_RECORD_HEADER_BYTES + len > end) break;
      position += SHP_RECORD_HEADER_BYTES + len;
      shapes++;
    }
    if (shapes !== dbfHeader.recordCount) info.issues.push(issue('count-mismatch', file, { shp: shapes, dbf: dbfHeader.recordCount }));
  } else if (shpDone && n - 1 < dbfHeader.recordCount && !shx) {
    info.issues.push(issue('count-mismatch', file, { shp: n - 1, dbf: dbfHeader.recordCount }));
  }
}

/** Per-record value problems a misplaced field produces (not negative zero: that is a value's own story). */
const VALUE_CODES: ReadonlySet<string> = new Set(['dbf-bad-text', 'dbf-bad-number', 'dbf-bad-date', 'dbf-numeric-overflow']);

/**
 * Bytes the .dbf's records gained (> 0) or lost (< 0) against its header: its size should be the declared records
 * plus the optional 0x1A marker. 0 when it agrees, or when the difference is whole records (a header count left
 * stale by its writer: the records themselves are aligned). One deleted byte before a 0x1A marker makes the file
 * exactly "the records without a marker", so the marker inside the last record's place is the tell.
 */
function dbfSlipOf(size: number, h: DbfHeader): number {
  const slip = size - h.headerLength - h.declaredRecordCount * h.recordLength - (h.endsWithEof ? 1 : 0);
  return slip % h.recordLength === 0 ? 0 : slip;
}

/**
 * Whether record `next` decodes without a problem when read `slip` bytes away from where the header puts it: the
 * proof that the records slipped there (a lost or duplicated run of bytes), not that one value is bad.
 */
async function readsCleanShifted(reader: ChunkReader, size: number, h: DbfHeader, decoder: DbfRecordDecoder, next: number, slip: number): Promise<boolean> {
  const at = h.headerLength + (next - 1) * h.recordLength + slip;
  if (next > h.declaredRecordCount || at < h.headerLength || at + h.recordLength > size) return false;
  const bytes = reader.peek(at, h.recordLength) ?? (await reader.read(at, h.recordLength));
  if (bytes[0] !== DBF_RECORD_ACTIVE && bytes[0] !== DBF_RECORD_DELETED) return false;
  return decoder.decodeRow(bytes, next, 'none').issues.length === 0;
}

/** One error at the first record that slipped; the values after it are not read, so none of them is reported. */
function misaligned(file: string, record: number, slip: number, records: number, params: { actual?: string; reason: Localized }): ReaderIssue {
  return issue('dbf-misaligned', file, { ...params, bytes: Math.abs(slip), unread: records - record + 1 }, { record });
}

/** .prj/.cpg are tiny: UTF-8 when valid, else GBK. */
function decodeSmallText(bytes: Buffer): string {
  const text = isStrictUtf8(bytes) ? bytes.toString('utf8') : new TextDecoder('gb18030').decode(bytes);
  return text.replace(/^\uFEFF/, '');
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

