import { endianness } from 'node:os';
import type { Bbox } from '../io/bbox.js';
/**
 * Compact binary geometry stored in a layer table's `_geom` BLOB. Coordinates are kept exactly as the shapefile
 * stores them (Float64, no re-orientation, no ring regrouping) so rules see the source geometry.
 *
 * Layout (all little-endian):
 *   offset 0   u8   format version (GEOM_VERSION = 1)
 *   offset 1   u8   flags: bit 0 = has Z values, bit 1 = has M values
 *   offset 2   u16  reserved (0)
 *   offset 4   u32  shapefile shape type (1 Point, 3 PolyLine, 5 Polygon, 8 MultiPoint, +10 Z, +20 M)
 *   offset 8   u32  part count P
 *   offset 12  u32  point count N
 *   offset 16  u32[P] index of the first point of each part
 *   then zero padding to a multiple of 8 bytes
 *   f64[2N] x, y interleaved; then f64[N] z if flag bit 0; then f64[N] m if flag bit 1
 *
 * A null shape is stored as SQL NULL, not as a blob. The row's `_minx … _maxy` columns hold its bounding box
 * (exact doubles; see data-table.ts).
 */
export const GEOM_VERSION = 1;
const HEADER_BYTES = 16;

export interface StoredGeometry {
  readonly shapeType: number;
  /** one Float64Array per part (ring / line / point group), x and y interleaved */
  readonly parts: readonly Float64Array[];
  /** per-part Z values, when the shape type has them */
  readonly z?: readonly Float64Array[];
  /** per-part M values, when the shape type has them */
  readonly m?: readonly Float64Array[];
}

export type { Bbox } from '../io/bbox.js';

function coordsOffset(partCount: number): number {
  return Math.ceil((HEADER_BYTES + 4 * partCount) / 8) * 8;
}

/** Where an encoded blob goes: a fresh buffer of `bytes` bytes, or a view of a larger block. Its content is overwritten whole. */
export type BlobAlloc = (bytes: number) => Buffer;

const freshBlob: BlobAlloc = (bytes) => Buffer.allocUnsafeSlow(bytes);

/**
 * Hands out views of large blocks, one after another and never reused: a layer's million blobs then cost one
 * ArrayBuffer per block instead of one each. A view keeps its whole block alive: for blobs written to the store
 * and dropped, as the loader does.
 */
export class BlobBlock {
  private block = Buffer.alloc(0);
  private used = 0;

  constructor(private readonly blockBytes = 1 << 20) {}

  readonly take: BlobAlloc = (bytes) => {
    if (this.used + bytes > this.block.length) {
      if (bytes > this.blockBytes >> 2) return freshBlob(bytes);
      this.block = Buffer.allocUnsafeSlow(this.blockBytes);
      this.used = 0;
    }
    const view = this.block.subarray(this.used, this.used + bytes);
    this.used += (bytes + 7) & ~7; // keep the next blob's doubles 8-byte aligned
    return view;
  };
}

export function encodeGeometry(g: StoredGeometry, alloc: BlobAlloc = freshBlob): Buffer {
  const partCount = g.parts.length;
  let pointCount = 0;
  for (const p of g.parts) pointCount += p.length >> 1;
  const hasZ = g.z !== undefined && g.z.length === partCount;
  const hasM = g.m !== undefined && g.m.length === partCount;
  const start = coordsOffset(partCount);
  const buf = alloc(start + 8 * pointCount * (2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0)));
  if (!hasZ && !hasM && LITTLE_ENDIAN && (buf.byteOffset & 7) === 0 && Number.isInteger(g.shapeType) && g.shapeType >= 0 && g.shapeType <= 0xffffffff) {
    return encodeXY(g, buf, partCount, pointCount, start);
  }
  buf.writeUInt8(GEOM_VERSION, 0);
  buf.writeUInt8((hasZ ? 1 : 0) | (hasM ? 2 : 0), 1);
  buf.writeUInt16LE(0, 2);
  buf.writeUInt32LE(g.shapeType, 4);
  buf.writeUInt32LE(partCount, 8);
  buf.writeUInt32LE(pointCount, 12);
  // the padding before the coordinates
  buf.fill(0, HEADER_BYTES + 4 * partCount, start);
  let at = 0;
  for (let i = 0; i < partCount; i++) {
    buf.writeUInt32LE(at, HEADER_BYTES + 4 * i);
    const part = g.parts[i];
    Buffer.from(part.buffer, part.byteOffset, part.byteLength - (part.length & 1) * 8).copy(buf, start + 16 * at);
    at += part.length >> 1;
  }
  let extra = start + 16 * pointCount;
  for (const measures of [hasZ ? g.z : undefined, hasM ? g.m : undefined]) {
    if (!measures) continue;
    let k = 0;
    for (let i = 0; i < partCount; i++) {
      const n = g.parts[i].length >> 1;
      const values = measures[i];
      for (let j = 0; j < n; j++) buf.writeDoubleLE(values[j] ?? Number.NaN, extra + 8 * (k + j));
      k += n;
    }
    extra += 8 * pointCount;
  }
  return buf;
}

const LITTLE_ENDIAN = endianness() === 'LE';
let viewsOf: ArrayBufferLike | undefined;
let u32: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
let f64: Float64Array<ArrayBufferLike> = new Float64Array(0);

/**
 * `encodeGeometry` for x/y only into an 8-aligned buffer: the same bytes written through word views of the buffer's
 * memory (kept while blobs come from the same block), with no Buffer view or bounds-checked write per value.
 */
function encodeXY(g: StoredGeometry, buf: Buffer, partCount: number, pointCount: number, start: number): Buffer {
  if (buf.buffer !== viewsOf) {
    viewsOf = buf.buffer;
    u32 = new Uint32Array(viewsOf, 0, viewsOf.byteLength >>> 2);
    f64 = new Float64Array(viewsOf, 0, viewsOf.byteLength >>> 3);
  }
  const w = buf.byteOffset / 4;
  u32[w] = GEOM_VERSION; // then the flags byte (0) and the reserved u16 (0)
  u32[w + 1] = g.shapeType;
  u32[w + 2] = partCount;
  u32[w + 3] = pointCount;
  if (partCount & 1) u32[w + 4 + partCount] = 0; // the padding before the coordinates
  const d = (buf.byteOffset + start) / 8;
  let at = 0;
  for (let i = 0; i < partCount; i++) {
    u32[w + 4 + i] = at;
    const part = g.parts[i];
    const n = part.length >> 1;
    f64.set(part.length === 2 * n ? part : part.subarray(0, 2 * n), d + 2 * at);
    at += n;
  }
  return buf;
}

/** Where the parts of a stored geometry blob are: its header, read and checked against the blob's length. */
interface GeometryLayout {
  readonly shapeType: number;
  /** bit 0 = has Z values, bit 1 = has M values */
  readonly flags: number;
  readonly partCount: number;
  readonly pointCount: number;
  /** byte offset of the x/y plane */
  readonly coordsAt: number;
}

/**
 * The header of a stored geometry, or undefined when the blob is not one (wrong version, or a length that does not
 * match the header). Every reader of `_geom` goes through this and `readXY`: one decoder of the format.
 */
export function geometryLayout(blob: Uint8Array): GeometryLayout | undefined {
  if (blob.byteLength < HEADER_BYTES || blob[0] !== GEOM_VERSION) return undefined;
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const flags = blob[1];
  const partCount = dv.getUint32(8, true);
  const pointCount = dv.getUint32(12, true);
  const coordsAt = coordsOffset(partCount);
  const planes = 2 + (flags & 1) + ((flags >> 1) & 1);
  if (blob.byteLength !== coordsAt + 8 * pointCount * planes) return undefined;
  return { shapeType: dv.getUint32(4, true), flags, partCount, pointCount, coordsAt };
}

/** Index of the first point of part `p` (0-based within the geometry). */
export function partStartOf(blob: Uint8Array, p: number): number {
  const o = HEADER_BYTES + 4 * p;
  return (blob[o] | (blob[o + 1] << 8) | (blob[o + 2] << 16)) + blob[o + 3] * 0x1000000;
}

let scratch = new Float64Array(1024);

/**
 * The `planes` × pointCount doubles that follow the header (x/y interleaved, then z, then m), as a Float64Array. A
 * view into the blob when it is 8-byte aligned, else a copy in a scratch array reused by the next call: read it
 * before decoding another geometry.
 */
export function readPlanes(blob: Uint8Array, layout: GeometryLayout, planes = 2): Float64Array {
  const n = layout.pointCount * planes;
  const at = blob.byteOffset + layout.coordsAt;
  if (at % 8 === 0) return new Float64Array(blob.buffer, at, n);
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  new Uint8Array(scratch.buffer, 0, 8 * n).set(blob.subarray(layout.coordsAt, layout.coordsAt + 8 * n));
  return scratch.subarray(0, n);
}

export function decodeGeometry(blob: Uint8Array): StoredGeometry {
  if (blob.byteLength < HEADER_BYTES || blob[0] !== GEOM_VERSION) throw new Error('not a stored geometry (bad header)');
  const layout = geometryLayout(blob);
  if (!layout) throw new Error('not a stored geometry (bad length)');
  const { flags, partCount, pointCount } = layout;
  const planes = 2 + (flags & 1) + ((flags >> 1) & 1);
  // copy once into an own array so parts can be zero-copy views that outlive the blob
  const all = Float64Array.from(readPlanes(blob, layout, planes));
  const starts: number[] = [];
  for (let i = 0; i < partCount; i++) starts.push(partStartOf(blob, i));
  starts.push(pointCount);
  const parts: Float64Array[] = [];
  for (let i = 0; i < partCount; i++) parts.push(all.subarray(2 * starts[i], 2 * starts[i + 1]));
  const plane = (k: number): Float64Array[] => {
    const out: Float64Array[] = [];
    for (let i = 0; i < partCount; i++) out.push(all.subarray(k * pointCount + starts[i], k * pointCount + starts[i + 1]));
    return out;
  };
  let next = 2;
  const z = flags & 1 ? plane(next++) : undefined;
  const m = flags & 2 ? plane(next) : undefined;
  return { shapeType: layout.shapeType, parts, ...(z ? { z } : {}), ...(m ? { m } : {}) };
}

/** Bounding box of all x/y pairs, or undefined for a geometry without points. */
export function geometryBBox(g: Pick<StoredGeometry, 'parts'>): Bbox | undefined {
  let minx = Infinity;
  let miny = Infinity;
  let maxx = -Infinity;
  let maxy = -Infinity;
  for (const p of g.parts) {
    for (let i = 0; i + 1 < p.length; i += 2) {
      const x = p[i];
      const y = p[i + 1];
      if (x < minx) minx = x;
      if (x > maxx) maxx = x;
      if (y < miny) miny = y;
      if (y > maxy) maxy = y;
    }
  }
  return minx <= maxx && miny <= maxy ? { minx, miny, maxx, maxy } : undefined;
}
