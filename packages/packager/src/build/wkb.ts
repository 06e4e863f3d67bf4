/**
 * GeoPackage geometry blobs (OGC 12-128r18 §2.1.3): a `GP` header (version, flags, srs_id, optional envelope)
 * followed by standard ISO WKB. Decoded here because it is small and exact; Z/M ordinates are read and dropped
 * (the standard's layers are 2D). Only what a 汇交 layer can hold: (Multi)Point, (Multi)LineString,
 * (Multi)Polygon, and GeometryCollections of those.
 */
import { LocalizedError } from '@nyt2539/schema';

type Xy = readonly [number, number];

export type WkbGeometry =
  | { readonly type: 'Point'; readonly point: Xy | null }
  | { readonly type: 'LineString'; readonly lines: readonly (readonly Xy[])[] }
  | { readonly type: 'Polygon'; readonly polygons: readonly (readonly (readonly Xy[])[])[] };

/** A geometry blob that cannot be decoded; `reason` names the byte-level fault. */
export class WkbError extends LocalizedError {
  constructor(readonly reason: string) {
    super({ zh: `几何数据无法解码（WKB/GeoPackage）：${reason}`, en: `geometry cannot be decoded (WKB/GeoPackage): ${reason}` }, { code: 'wkb-invalid' });
    this.name = 'WkbError';
  }
}

/** Envelope sizes by the flags' envelope indicator (bits 1–3). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

interface GpkgGeometry {
  readonly srsId: number;
  readonly empty: boolean;
  /** null for an empty geometry */
  readonly geometry: WkbGeometry | null;
}

export function decodeGpkgGeometry(blob: Uint8Array): GpkgGeometry {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new WkbError('no GP magic');
  const flags = blob[3]!;
  if ((flags & 0x20) !== 0) throw new WkbError('extended GeoPackage geometry');
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const little = (flags & 1) === 1;
  const srsId = view.getInt32(4, little);
  const indicator = (flags >> 1) & 7;
  const envelope = ENVELOPE_BYTES[indicator];
  if (envelope === undefined) throw new WkbError(`envelope indicator ${indicator}`);
  const empty = (flags & 0x10) !== 0;
  const start = 8 + envelope;
  if (start > blob.length) throw new WkbError('truncated header');
  if (empty) return { srsId, empty, geometry: null };
  return { srsId, empty, geometry: decodeWkb(blob.subarray(start)) };
}

/** ISO WKB (also the 1000/2000/3000 Z/M/ZM type offsets and the EWKB high-bit flags). */
export function decodeWkb(bytes: Uint8Array): WkbGeometry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const need = (n: number): void => {
    if (pos + n > bytes.length) throw new WkbError('truncated WKB');
  };
  const points: Xy[] = [];
  const lines: Xy[][] = [];
  const polygons: Xy[][][] = [];
  let kind: WkbGeometry['type'] | undefined;
  const setKind = (k: WkbGeometry['type']): void => {
    if (kind !== undefined && kind !== k) throw new WkbError(`mixed geometry types ${kind}/${k}`);
    kind = k;
  };

  const readGeometry = (): void => {
    need(5);
    const little = bytes[pos] === 1;
    pos += 1;
    const raw = view.getUint32(pos, little);
    pos += 4;
    let dims = 2;
    let base = raw & 0x0fffffff;
    if (raw & 0x80000000) dims++; // EWKB Z
    if (raw & 0x40000000) dims++; // EWKB M
    if (raw & 0x20000000) {
      need(4);
      pos += 4; // EWKB SRID
    }
    if (base >= 3000) (dims = 4), (base -= 3000);
    else if (base >= 2000) (dims = 3), (base -= 2000);
    else if (base >= 1000) (dims = 3), (base -= 1000);
    const u32 = (): number => {
      need(4);
      const v = view.getUint32(pos, little);
      pos += 4;
      return v;
    };
    const xy = (): Xy => {
      need(8 * dims);
      const x = view.getFloat64(pos, little);
      const y = view.getFloat64(pos + 8, little);
      pos += 8 * dims;
      return [x, y];
    };
    const seq = (): Xy[] => {
      const n = u32();
      if (n * 8 * dims > bytes.length - pos) throw new WkbError('truncated WKB');
      const out: Xy[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = xy();
      return out;
    };
    const rings = (): Xy[][] => {
      const n = u32();
      const out: Xy[][] = [];
      for (let i = 0; i < n; i++) out.push(seq());
      return out;
    };
    switch (base) {
      case 1: {
        setKind('Point');
        const p = xy();
        if (!Number.isNaN(p[0])) points.push(p); // NaN coordinates = empty point
        return;
      }
      case 2:
        setKind('LineString');
        lines.push(seq());
        return;
      case 3:
        setKind('Polygon');
        polygons.push(rings());
        return;
      case 4:
      case 5:
      case 6:
      case 7: {
        const n = u32();
        for (let i = 0; i < n; i++) readGeometry();
        return;
      }
      default:
        throw new WkbError(`unsupported WKB geometry type ${raw}`);
    }
  };
  readGeometry();
  if (kind === 'Point') {
    if (points.length > 1) throw new WkbError('multi-point with several points');
    return { type: 'Point', point: points[0] ?? null };
  }
  if (kind === 'LineString') return { type: 'LineString', lines };
  if (kind === 'Polygon') return { type: 'Polygon', polygons };
  return { type: 'Point', point: null }; // an empty collection
}
