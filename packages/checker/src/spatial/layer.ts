import type Database from 'better-sqlite3';
import Flatbush from 'flatbush';
import { dataColumns, hasStoreTable, ident } from '../engine/store-facts.js';
import type { ReportDescriptor } from '../engine/types.js';
import { decodeGeometry } from '../store/geometry.js';
import { localFrame, type LocalFrame } from './frame.js';

/** Shapefile shape types without Z/M (the +10 / +20 variants fold onto these). */
export const SHAPE = { null: 0, point: 1, polyline: 3, polygon: 5, multipoint: 8 } as const;

/** One feature of a layer in local coordinates (frame origin subtracted), with the attributes rules ask for. */
export interface Feature {
  /** index in `LayerData.features` (load order = `_rid` order) */
  readonly index: number;
  readonly rid: number;
  readonly file: string;
  readonly rec: number;
  /** the shapefile's type code as stored (0 for a null shape) */
  readonly shapeType: number;
  readonly hasZ: boolean;
  readonly hasM: boolean;
  /** rings / lines / point groups; x, y interleaved, local; empty for a null shape */
  readonly parts: readonly Float64Array[];
  /** local [minx, miny, maxx, maxy]; undefined when there is no point */
  readonly bbox?: readonly [number, number, number, number];
  /** requested attribute values (trimmed text or number), undefined when the column is absent */
  readonly attrs: Readonly<Record<string, string | number | null>>;
  /** the value that names the feature for people (DKBM, JZDH, …) */
  readonly key?: string;
}

export interface LayerData {
  readonly table: string;
  readonly frame: LocalFrame;
  readonly features: readonly Feature[];
  /** features with a bbox, indexed by position in `indexed` */
  readonly indexed: readonly Feature[];
  readonly index: Flatbush | null;
  /** which of the requested attribute columns the layer has */
  readonly columns: ReadonlySet<string>;
}

/** The attribute every layer is named by, most specific first. */
const KEY_OF: Readonly<Record<string, string>> = {
  DK: 'DKBM',
  JZD: 'JZDH',
  JZX: 'JZXH',
  XJXZQ: 'XZQDM',
  XJQY: 'XJQYDM',
  CJQY: 'CJQYDM',
  ZJQY: 'ZJQYDM',
  KZD: 'KZDDH',
  JBNTBHQ: 'BHQBH',
};

/** Attributes the spatial rules read, per layer (standard field codes). */
const ATTRS_OF: Readonly<Record<string, readonly string[]>> = {
  DK: ['DKBM', 'SCMJ', 'SCMJM', 'SFJBNT', 'KJZB'],
  JZD: ['JZDH', 'DKBM', 'XZBZ', 'YZBZ'],
  JZX: ['JZXH', 'QJZDH', 'ZJZDH', 'DKBM'],
  XJXZQ: ['XZQDM'],
  XJQY: ['XJQYDM'],
  CJQY: ['CJQYDM'],
  ZJQY: ['ZJQYDM'],
  KZD: ['KZDDH'],
  MZDW: ['MJ', 'MJM', 'BSM'],
  JBNTBHQ: ['BHQBH', 'JBNTMJ', 'JBNTMJM'],
};

const cache = new WeakMap<Database.Database, Map<string, LayerData | null>>();

/** Whether the store holds `table` as a layer with geometry. */
export function isLayer(db: Database.Database, table: string): boolean {
  return hasStoreTable(db, table) && db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = '_geom'`).get(table) !== undefined;
}

/**
 * Every live (not deleted) feature of a layer, decoded once per store and shared by the rules that run on it
 * (rules run one after another on one connection; the cache dies with the connection).
 */
export function loadLayer(db: Database.Database, table: string): LayerData | null {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  if (perDb.has(table)) return perDb.get(table) ?? null;
  const data = isLayer(db, table) ? readLayer(db, table) : null;
  perDb.set(table, data);
  return data;
}

function readLayer(db: Database.Database, table: string): LayerData {
  const frame = localFrame(db);
  const present = dataColumns(db, table);
  const attrs = (ATTRS_OF[table] ?? []).filter((c) => present.has(c));
  const select = ['_rid', '_file', '_rec', '_geom', ...attrs.map((a) => `${ident(a)} AS ${ident(`a_${a}`)}`)].join(', ');
  const stmt = db.prepare(`SELECT ${select} FROM ${ident(table)} WHERE coalesce(_deleted, 0) = 0 ORDER BY _rid`);
  const features: Feature[] = [];
  const keyColumn = KEY_OF[table];
  for (const row of stmt.iterate() as IterableIterator<Record<string, unknown>>) {
    const values: Record<string, string | number | null> = {};
    for (const a of attrs) {
      const v = row[`a_${a}`];
      values[a] = v === null || v === undefined ? null : typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : String(v).trim();
    }
    const blob = row._geom as Uint8Array | null;
    let shapeType = 0;
    let hasZ = false;
    let hasM = false;
    let parts: Float64Array[] = [];
    let bbox: [number, number, number, number] | undefined;
    if (blob) {
      const g = decodeGeometry(blob);
      shapeType = g.shapeType;
      hasZ = g.z !== undefined;
      hasM = g.m !== undefined;
      let minx = Infinity;
      let miny = Infinity;
      let maxx = -Infinity;
      let maxy = -Infinity;
      parts = g.parts.map((p) => {
        const local = new Float64Array(p.length & ~1);
        for (let i = 0; i + 1 < p.length; i += 2) {
          const x = p[i] - frame.ox;
          const y = p[i + 1] - frame.oy;
          local[i] = x;
          local[i + 1] = y;
          if (x < minx) minx = x;
          if (x > maxx) maxx = x;
          if (y < miny) miny = y;
          if (y > maxy) maxy = y;
        }
        return local;
      });
      if (minx <= maxx && miny <= maxy) bbox = [minx, miny, maxx, maxy];
    }
    const keyValue = keyColumn ? values[keyColumn] : undefined;
    features.push({
      index: features.length,
      rid: Number(row._rid),
      file: String(row._file ?? ''),
      rec: Number(row._rec),
      shapeType,
      hasZ,
      hasM,
      parts,
      ...(bbox ? { bbox } : {}),
      attrs: values,
      ...(keyValue !== null && keyValue !== undefined && keyValue !== '' ? { key: String(keyValue) } : {}),
    });
  }
  const indexed = features.filter((f) => f.bbox !== undefined);
  let index: Flatbush | null = null;
  if (indexed.length > 0) {
    index = new Flatbush(indexed.length);
    for (const f of indexed) index.add(f.bbox![0], f.bbox![1], f.bbox![2], f.bbox![3]);
    index.finish();
  }
  return { table, frame, features, indexed, index, columns: new Set(attrs) };
}

/** Base shape type (Z and M variants folded: 15 → 5, 25 → 5, 11 → 1, …). */
export function baseShapeType(code: number): number {
  return code === 0 ? 0 : code % 10;
}

/** Back to package coordinates, for finding locations. */
export function toPackage(frame: LocalFrame, x: number, y: number): [number, number] {
  return [round4(x + frame.ox), round4(y + frame.oy)];
}

export function bboxToPackage(frame: LocalFrame, b: readonly [number, number, number, number]): [number, number, number, number] {
  return [round4(b[0] + frame.ox), round4(b[1] + frame.oy), round4(b[2] + frame.ox), round4(b[3] + frame.oy)];
}

/** Coordinates are stored to 0.0001 m (official precision); rounding hides float noise in reports. */
function round4(v: number): number {
  return Math.round(v * 10000) / 10000;
}

/** Location of a feature for `ctx.report`: file, record, key and bbox in package coordinates. */
export function featureRef(layer: LayerData, f: Feature): Pick<ReportDescriptor, 'file' | 'table' | 'record' | 'keys' | 'bbox' | 'fbfbm'> {
  const keyColumn = KEY_OF[layer.table];
  const fbfbm = layer.table === 'DK' && f.key && /^\d{14}/.test(f.key) ? f.key.slice(0, 14) : undefined;
  return {
    file: f.file,
    table: layer.table,
    record: f.rec,
    ...(f.key && keyColumn ? { keys: { [keyColumn]: f.key } } : {}),
    ...(f.bbox ? { bbox: bboxToPackage(layer.frame, f.bbox) } : {}),
    ...(fbfbm ? { fbfbm } : {}),
  };
}

/** Indices (into `layer.indexed`) of features whose bbox meets the given local box grown by `pad`. */
export function search(layer: LayerData, minx: number, miny: number, maxx: number, maxy: number, pad = 0): number[] {
  return layer.index ? layer.index.search(minx - pad, miny - pad, maxx + pad, maxy + pad) : [];
}
