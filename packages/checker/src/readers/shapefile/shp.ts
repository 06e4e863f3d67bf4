/** .shp/.shx byte parsing: the main header and one record's geometry, exactly as stored. */
import {
  SHP_FILE_CODE,
  SHP_HEADER_BYTES,
  SHP_OFFSET,
  SHP_POINT_CONTENT_BYTES,
  SHP_POLY_FIXED_BYTES,
  SHP_VERSION,
  baseShapeType,
  shapeTypeName,
  type ShapeTypeName,
} from './format.js';

import type { Bbox } from '../../io/bbox.js';

export type { Bbox };

export interface ShpHeader {
  readonly fileCode: number;
  /** file length the header declares, in bytes */
  readonly fileLength: number;
  readonly version: number;
  readonly shapeTypeCode: number;
  readonly shapeType: ShapeTypeName | undefined;
  readonly bbox: Bbox;
  readonly zRange: readonly [number, number];
  readonly mRange: readonly [number, number];
}

/** Parses a 100-byte main file header (the same layout in .shp and .shx). Returns a reason string when invalid. */
export function parseShpHeader(head: Buffer): ShpHeader | string {
  if (head.length < SHP_HEADER_BYTES) return `文件头不足 ${SHP_HEADER_BYTES} 字节 / header shorter than ${SHP_HEADER_BYTES} bytes`;
  const fileCode = head.readInt32BE(SHP_OFFSET.fileCode);
  if (fileCode !== SHP_FILE_CODE) return `文件代码为 ${fileCode}，应为 ${SHP_FILE_CODE} / file code ${fileCode}, expected ${SHP_FILE_CODE}`;
  const version = head.readInt32LE(SHP_OFFSET.version);
  const shapeTypeCode = head.readInt32LE(SHP_OFFSET.shapeType);
  return {
    fileCode,
    fileLength: head.readInt32BE(SHP_OFFSET.fileLengthWords) * 2,
    version,
    shapeTypeCode,
    shapeType: shapeTypeName(shapeTypeCode),
    bbox: {
      minx: head.readDoubleLE(SHP_OFFSET.xmin),
      miny: head.readDoubleLE(SHP_OFFSET.ymin),
      maxx: head.readDoubleLE(SHP_OFFSET.xmax),
      maxy: head.readDoubleLE(SHP_OFFSET.ymax),
    },
    zRange: [head.readDoubleLE(SHP_OFFSET.zmin), head.readDoubleLE(SHP_OFFSET.zmax)],
    mRange: [head.readDoubleLE(SHP_OFFSET.mmin), head.readDoubleLE(SHP_OFFSET.mmax)],
  };
}

export function versionProblem(header: ShpHeader): string | undefined {
  return header.version === SHP_VERSION ? undefined : `版本为 ${header.version}，应为 ${SHP_VERSION} / version ${header.version}, expected ${SHP_VERSION}`;
}

/** Geometry as stored: parts (rings or lines, or one part per point) in stored order, x/y interleaved. */
export interface ShapeGeometry {
  /** the record's own shape type name ('Polygon', 'PolygonZ', 'Point', …) */
  readonly type: ShapeTypeName;
  readonly parts: Float64Array[];
  /** Z values per part, parallel to `parts` (Z types only) */
  readonly z?: Float64Array[];
  /** M values per part, parallel to `parts` (M types, and Z types that carry the optional M block) */
  readonly m?: Float64Array[];
  /** the record's own bounding box (PolyLine/Polygon/MultiPoint records store one) */
  readonly bbox?: Bbox;
}

/** Where a record's coordinates go: a fresh array of `count` doubles, or a view of a larger shared block. */
export type DoublesAlloc = (count: number) => Float64Array;

const fresh: DoublesAlloc = (count) => new Float64Array(count);

/**
 * Hands out views of large blocks, one after another: millions of small records then cost one ArrayBuffer per
 * block instead of one each (their allocation and collection were a large share of a county load). A view keeps
 * its whole block alive, so this is for readers that let go of each record soon, as the store loader does.
 */
export class DoublesBlock {
  private block = new Float64Array(0);
  private used = 0;

  constructor(private readonly blockDoubles = 1 << 16) {}

  readonly take: DoublesAlloc = (count) => {
    if (this.used + count > this.block.length) {
      if (count > this.blockDoubles >> 2) return new Float64Array(count);
      this.block = new Float64Array(this.blockDoubles);
      this.used = 0;
    }
    const view = this.block.subarray(this.used, this.used + count);
    this.used += count;
    return view;
  };
}

/**
 * Parses one record's content (after the 8-byte record header). null = Null shape; string = why it is invalid.
 * Coordinates are copied into arrays from `alloc` (the content buffer is reused).
 */
export function parseShapeContent(content: Buffer, alloc: DoublesAlloc = fresh): ShapeGeometry | null | string {
  if (content.length < 4) return `记录内容只有 ${content.length} 字节 / content is only ${content.length} bytes`;
  const code = content.readInt32LE(0);
  const type = shapeTypeName(code);
  if (type === undefined) return `未定义的几何类型代码 ${code} / undefined shape type code ${code}`;
  const base = baseShapeType(type);
  if (base === 'Null') return null;
  if (base === 'Point') {
    if (content.length < SHP_POINT_CONTENT_BYTES) return tooShort(content.length, SHP_POINT_CONTENT_BYTES);
    const xy = doubles(content, 4, 2, alloc);
    const z = type === 'PointZ' && content.length >= 28 ? [doubles(content, 20, 1, alloc)] : undefined;
    const m =
      type === 'PointZ' && content.length >= 36 ? [doubles(content, 28, 1, alloc)] : type === 'PointM' && content.length >= 28 ? [doubles(content, 20, 1, alloc)] : undefined;
    return shape(type, [xy], undefined, z, m);
  }
  if (base === 'MultiPoint') {
    if (content.length < 40) return tooShort(content.length, 40);
    const numPoints = content.readInt32LE(36);
    const need = 40 + 16 * numPoints;
    if (numPoints < 0 || content.length < need) return tooShort(content.length, need);
    const all = doubles(content, 40, 2 * numPoints, alloc);
    const parts: Float64Array[] = [];
    for (let i = 0; i < numPoints; i++) parts.push(all.subarray(2 * i, 2 * i + 2));
    return shape(type, parts, readBbox(content, 4), undefined, undefined);
  }
  // PolyLine, Polygon, MultiPatch
  if (content.length < SHP_POLY_FIXED_BYTES) return tooShort(content.length, SHP_POLY_FIXED_BYTES);
  const numParts = content.readInt32LE(36);
  const numPoints = content.readInt32LE(40);
  if (numParts < 0 || numPoints < 0) return `部件数 ${numParts}、点数 ${numPoints} 无效 / invalid part count ${numParts} or point count ${numPoints}`;
  const partTypesBytes = type === 'MultiPatch' ? 4 * numParts : 0;
  const pointsAt = SHP_POLY_FIXED_BYTES + 4 * numParts + partTypesBytes;
  const need = pointsAt + 16 * numPoints;
  if (content.length < need) return tooShort(content.length, need);
  const starts: number[] = [];
  for (let i = 0; i < numParts; i++) {
    const start = content.readInt32LE(SHP_POLY_FIXED_BYTES + 4 * i);
    if (start < 0 || start > numPoints || (i > 0 && start < starts[i - 1]!)) {
      return `第 ${i + 1} 个部件的起点索引 ${start} 无效 / part ${i + 1} has invalid start index ${start}`;
    }
    starts.push(start);
  }
  if (numParts > 0 && starts[0] !== 0) return `第一个部件的起点索引为 ${starts[0]}，应为 0 / first part starts at ${starts[0]}, expected 0`;
  const all = doubles(content, pointsAt, 2 * numPoints, alloc);
  const parts = splitParts(all, starts, numPoints, 2);
  let at = need;
  let z: Float64Array[] | undefined;
  let m: Float64Array[] | undefined;
  if (type.endsWith('Z') || type === 'MultiPatch') {
    if (content.length >= at + 16 + 8 * numPoints) {
      z = splitParts(doubles(content, at + 16, numPoints, alloc), starts, numPoints, 1);
      at += 16 + 8 * numPoints;
    }
  }
  if ((type.endsWith('M') || type.endsWith('Z') || type === 'MultiPatch') && content.length >= at + 16 + 8 * numPoints) {
    m = splitParts(doubles(content, at + 16, numPoints, alloc), starts, numPoints, 1);
  }
  return shape(type, parts, readBbox(content, 4), z, m);
}

/**
 * Every record's geometry made here, with the same fields in the same order whatever its type: the code reading
 * millions of them (the store loader) then sees one object layout and V8 does not recompile it for each new type
 * it meets (a layer of points after one of polygons).
 */
function shape(type: ShapeTypeName, parts: Float64Array[], bbox: Bbox | undefined, z: Float64Array[] | undefined, m: Float64Array[] | undefined): ShapeGeometry {
  return { type, parts, bbox, z, m };
}

function readBbox(content: Buffer, at: number): Bbox {
  return { minx: content.readDoubleLE(at), miny: content.readDoubleLE(at + 8), maxx: content.readDoubleLE(at + 16), maxy: content.readDoubleLE(at + 24) };
}

/** Copies `count` little-endian doubles starting at byte `at` into an array from `alloc` (the source buffer is reused). */
function doubles(content: Buffer, at: number, count: number, alloc: DoublesAlloc): Float64Array {
  const out = alloc(count);
  new Uint8Array(out.buffer, out.byteOffset, 8 * count).set(content.subarray(at, at + 8 * count));
  return out;
}

function splitParts(all: Float64Array, starts: readonly number[], numPoints: number, stride: number): Float64Array[] {
  const parts: Float64Array[] = [];
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]! * stride;
    const to = (i + 1 < starts.length ? starts[i + 1]! : numPoints) * stride;
    parts.push(all.subarray(from, to));
  }
  return parts;
}

function tooShort(actual: number, need: number): string {
  return `记录内容 ${actual} 字节，至少需要 ${need} 字节 / content has ${actual} bytes, needs ${need}`;
}
