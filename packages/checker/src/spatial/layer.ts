import type Database from 'better-sqlite3';
import Flatbush from 'flatbush';
import { dataColumns, hasStoreTable, ident, ridPages } from '../store/facts.js';
import type { ReportDescriptor } from '../engine/types.js';
import { geometryLayout, partStartOf, readPlanes } from '../store/geometry.js';
import { localFrame, type LocalFrame } from './frame.js';
import { attributeCell, KEY_OF, keyText, PRELOAD, type LayerAttributes, type LayerGeometry } from '../store/layer-geometry.js';
import { onShared, SharedColumn, SharedColumnBuilder, type SharedColumnData } from '../store/shared-column.js';

/** Shapefile shape types without Z/M (the +10 / +20 variants fold onto these). */
export const SHAPE = { null: 0, point: 1, polyline: 3, polygon: 5, multipoint: 8 } as const;

/** One feature of a layer in local coordinates (frame origin subtracted); a transient view of `LayerData`. */
export interface Feature {
  /** position in the layer (load order = `_rid` order); also its id in `LayerData.index` */
  readonly index: number;
  readonly rid: number;
  readonly file: string;
  readonly rec: number;
  /** the shapefile's type code as stored (0 for a null shape) */
  readonly shapeType: number;
  readonly hasZ: boolean;
  readonly hasM: boolean;
  /** rings / lines / point groups; x, y interleaved, local; views into the layer's coordinate array */
  readonly parts: readonly Float64Array[];
  /** local [minx, miny, maxx, maxy]; undefined when there is no point */
  readonly bbox?: readonly [number, number, number, number];
  /** the value that names the feature for people (DKBM, JZDH, …) */
  readonly key?: string;
}

/**
 * A whole layer held column-wise (typed arrays, one coordinate array), so 3M 界址点 cost tens of MB, not an
 * object each. Attributes other than the key are read on demand with `layerColumn`.
 */
export interface LayerData {
  readonly table: string;
  readonly frame: LocalFrame;
  readonly count: number;
  readonly rid: Int32Array;
  readonly rec: Int32Array;
  readonly fileOf: Uint16Array;
  readonly files: readonly string[];
  readonly shapeType: Uint8Array;
  /** bit 0: has Z, bit 1: has M */
  readonly zm: Uint8Array;
  /** local x, y of every point of every feature */
  readonly coords: Float64Array;
  /** point index where each part starts, plus the end (length parts + 1) */
  readonly partStart: Int32Array;
  /** part index where each feature starts, plus the end (length count + 1) */
  readonly featurePart: Int32Array;
  /** [minx, miny, maxx, maxy] per feature, NaN when the feature has no point */
  readonly bbox: Float64Array;
  /** the name of feature i (see `KEY_OF`), trimmed; undefined when empty */
  key(i: number): string | undefined;
  /** bbox index over all features (features without points get a box far outside any data) */
  readonly index: Flatbush | null;
  feature(i: number): Feature;
  /** parts of feature i without building the whole Feature */
  partsOf(i: number): Float64Array[];
}

const cache = new WeakMap<Database.Database, Map<string, LayerData | null>>();
const columns = new WeakMap<LayerData, Map<string, SharedColumn>>();

/** Whether the store holds `table` as a layer with geometry. */
export function isLayer(db: Database.Database, table: string): boolean {
  return hasStoreTable(db, table) && db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = '_geom'`).get(table) !== undefined;
}

/**
 * Every live (not deleted) feature of a layer, decoded once per store connection and shared by the rules
 * (rules run one after another on one connection; the cache dies with the connection).
 */
export function loadLayer(db: Database.Database, table: string): LayerData | null {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  if (perDb.has(table)) return perDb.get(table) ?? null;
  const loaded = provided.get(db)?.get(table);
  const data = isLayer(db, table) ? ((loaded && fromLoaded(db, table, loaded)) ?? readLayer(db, table)) : null;
  perDb.set(table, data);
  return data;
}

const provided = new WeakMap<Database.Database, Map<string, LayerGeometry>>();

/**
 * Geometry the loader decoded (layer-geometry.ts), for `loadLayer` on this connection to adopt instead of
 * decoding the `_geom` blobs again. Each `LayerGeometry` is taken once (its coordinates become local in place);
 * a second taker, or rows that do not match the store's, fall back to the blobs.
 */
export function provideGeometry(db: Database.Database, layers: readonly LayerGeometry[]): void {
  let perDb = provided.get(db);
  if (!perDb) provided.set(db, (perDb = new Map()));
  for (const l of layers) perDb.set(l.table, l);
}

const LIVE = `coalesce(_deleted, 0) = 0`;
const FAR = -1e15;

function readLayer(db: Database.Database, table: string): LayerData {
  const frame = localFrame(db);
  const keyColumn = KEY_OF[table];
  const present = dataColumns(db, table);
  const hasKey = keyColumn !== undefined && present.has(keyColumn);
  const extra = (PRELOAD[table] ?? []).filter((c) => present.has(c));
  const sizes = db.prepare(`SELECT count(*) AS n, coalesce(sum(length(_geom)), 0) AS bytes, coalesce(sum(CASE WHEN _geom IS NULL THEN 0 ELSE 1 END), 0) AS g FROM ${ident(table)} WHERE ${LIVE}`).get() as { n: number; bytes: number; g: number };
  const count = sizes.n;
  // every stored point takes ≥ 16 bytes of blob: an upper bound for the coordinate array; parts likewise ≥ 4 bytes
  const coords = new Float64Array(Math.ceil(sizes.bytes / 16) * 2);
  const partStartList = new Int32Array(Math.ceil(sizes.bytes / 4) + 1);
  const featurePart = new Int32Array(count + 1);
  const rid = new Int32Array(count);
  const rec = new Int32Array(count);
  const fileOf = new Uint16Array(count);
  const shapeType = new Uint8Array(count);
  const zm = new Uint8Array(count);
  const bbox = new Float64Array(4 * count).fill(Number.NaN);
  const keys = new SharedColumnBuilder(count);
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const extraValues = extra.map(() => new SharedColumnBuilder(count));
  const keySelect = hasKey ? ident(keyColumn) : 'NULL';
  const extraSelect = extra.map((c) => `, ${ident(c)}`).join('');
  const stmt = db.prepare(`SELECT _rid, _file, _rec, _geom, ${keySelect}${extraSelect} FROM ${ident(table)} WHERE ${LIVE} ORDER BY _rid`).raw(true);
  let i = 0;
  let points = 0;
  let parts = 0;
  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    rid[i] = Number(row[0]);
    const file = String(row[1] ?? '');
    let fi = fileIndex.get(file);
    if (fi === undefined) {
      fi = files.length;
      files.push(file);
      fileIndex.set(file, fi);
    }
    fileOf[i] = fi;
    rec[i] = Number(row[2]);
    if (hasKey) keys.push(keyText(row[4]));
    for (let c = 0; c < extra.length; c++) extraValues[c].push(attributeCell(row[5 + c]));
    featurePart[i] = parts;
    const blob = row[3] as Uint8Array | null;
    const layout = blob ? geometryLayout(blob) : undefined;
    if (blob && layout) {
      const { partCount, pointCount } = layout;
      shapeType[i] = layout.shapeType & 0xff;
      zm[i] = layout.flags & 3;
      let minx = Infinity;
      let miny = Infinity;
      let maxx = -Infinity;
      let maxy = -Infinity;
      for (let p = 0; p < partCount; p++) partStartList[parts + p] = points + partStartOf(blob, p);
      const xy = readPlanes(blob, layout);
      const ox = frame.ox;
      const oy = frame.oy;
      for (let k = 0, at = 2 * points; k < 2 * pointCount; k += 2, at += 2) {
        const x = xy[k] - ox;
        const y = xy[k + 1] - oy;
        coords[at] = x;
        coords[at + 1] = y;
        if (x < minx) minx = x;
        if (x > maxx) maxx = x;
        if (y < miny) miny = y;
        if (y > maxy) maxy = y;
      }
      parts += partCount;
      points += pointCount;
      if (minx <= maxx) {
        bbox[4 * i] = minx;
        bbox[4 * i + 1] = miny;
        bbox[4 * i + 2] = maxx;
        bbox[4 * i + 3] = maxy;
      }
    }
    partStartList[parts] = points;
    i++;
  }
  featurePart[count] = parts;
  return assemble({
    table,
    frame,
    count,
    rid: onShared(rid),
    rec: onShared(rec),
    fileOf: onShared(fileOf),
    files,
    shapeType: onShared(shapeType),
    zm: onShared(zm),
    coords: onShared(coords.subarray(0, 2 * points)),
    partStart: onShared(partStartList.subarray(0, parts + 1)),
    featurePart: onShared(featurePart),
    bbox: onShared(bbox),
    keys: keys.finish().data,
    index: boxIndex(count, sizes.g, bbox),
    columns: Object.fromEntries(extra.map((c, k) => [c, extraValues[k].finish().data])),
  });
}

/** The Flatbush index over the feature boxes, on shared memory (threads adopt it), or null for no geometry. */
function boxIndex(count: number, geometries: number, bbox: Float64Array): SharedArrayBuffer | null {
  if (count === 0 || geometries === 0) return null;
  const index = new Flatbush(count, 16, Float64Array, SharedArrayBuffer);
  for (let k = 0; k < count; k++) {
    if (Number.isNaN(bbox[4 * k])) index.add(FAR, FAR, FAR, FAR);
    else index.add(bbox[4 * k], bbox[4 * k + 1], bbox[4 * k + 2], bbox[4 * k + 3]);
  }
  index.finish();
  return index.data as SharedArrayBuffer;
}

/**
 * The layer from the geometry the loader decoded: coordinates are shifted to the local frame in place, and the name
 * and preloaded attribute columns are the loader's (LayerGeometry `attributes`) or, without them, read from the
 * store (no blob). Undefined (the caller decodes the blobs) when another connection took this geometry first or its
 * rows are not the store's live rows.
 */
function fromLoaded(db: Database.Database, table: string, g: LayerGeometry): LayerData | undefined {
  if (Atomics.compareExchange(g.taken, 0, 0, 1) !== 0) return undefined;
  const attributes = g.attributes ? loadedAttributes(db, table, g) : storedAttributes(db, table, g);
  if (attributes === undefined) return undefined;
  const count = g.count;
  const frame = localFrame(db);
  const { coords, partStart, featurePart } = g;
  const ox = frame.ox;
  const oy = frame.oy;
  const bbox = new Float64Array(new SharedArrayBuffer(32 * count)).fill(Number.NaN);
  for (let f = 0; f < count; f++) {
    let minx = Infinity;
    let miny = Infinity;
    let maxx = -Infinity;
    let maxy = -Infinity;
    for (let at = 2 * partStart[featurePart[f]], end = 2 * partStart[featurePart[f + 1]]; at < end; at += 2) {
      const x = coords[at] - ox;
      const y = coords[at + 1] - oy;
      coords[at] = x;
      coords[at + 1] = y;
      if (x < minx) minx = x;
      if (x > maxx) maxx = x;
      if (y < miny) miny = y;
      if (y > maxy) maxy = y;
    }
    if (minx <= maxx) {
      bbox[4 * f] = minx;
      bbox[4 * f + 1] = miny;
      bbox[4 * f + 2] = maxx;
      bbox[4 * f + 3] = maxy;
    }
  }
  return assemble({
    table,
    frame,
    count,
    rid: g.rid,
    rec: g.rec,
    fileOf: g.fileOf,
    files: g.files,
    shapeType: g.shapeType,
    zm: g.zm,
    coords,
    partStart,
    featurePart,
    bbox,
    // a layer without its key column: every feature unnamed
    keys: attributes.key ?? new SharedColumnBuilder(count).finish().data,
    index: boxIndex(count, g.geometries, bbox),
    columns: attributes.columns,
  });
}

/**
 * The loader's key and preloaded columns, when the store table still holds the rows it wrote: as many rows, and
 * the same first and last live `_rid` (a few index lookups, where reading the columns back scanned the table).
 */
function loadedAttributes(db: Database.Database, table: string, g: LayerGeometry): LayerAttributes | undefined {
  const ends = db
    .prepare(`SELECT (SELECT max(_rid) FROM ${ident(table)}) AS rows, (SELECT _rid FROM ${ident(table)} WHERE ${LIVE} ORDER BY _rid LIMIT 1) AS first, (SELECT _rid FROM ${ident(table)} WHERE ${LIVE} ORDER BY _rid DESC LIMIT 1) AS last`)
    .get() as { rows: number | null; first: number | null; last: number | null };
  const matches = (ends.rows ?? 0) === g.rows && (g.count === 0 ? ends.first === null : ends.first === g.rid[0] && ends.last === g.rid[g.count - 1]);
  return matches ? g.attributes : undefined;
}

/** The key and preloaded columns read back from the store, when its live rows are the geometry's. */
function storedAttributes(db: Database.Database, table: string, g: LayerGeometry): LayerAttributes | undefined {
  const keyColumn = KEY_OF[table];
  const present = dataColumns(db, table);
  const hasKey = keyColumn !== undefined && present.has(keyColumn);
  const extra = (PRELOAD[table] ?? []).filter((c) => present.has(c));
  const count = g.count;
  const keys = hasKey ? new SharedColumnBuilder(count) : undefined;
  const extraValues = extra.map(() => new SharedColumnBuilder(count));
  const sql = `SELECT _rid, ${hasKey ? ident(keyColumn) : 'NULL'}${extra.map((c) => `, ${ident(c)}`).join('')} FROM ${ident(table)} WHERE ${LIVE}`;
  let i = 0;
  for (const rows of ridPages(db, sql, true)) {
    for (const row of rows as unknown[][]) {
      if (i >= count || Number(row[0]) !== g.rid[i]) return undefined;
      keys?.push(keyText(row[1]));
      for (let c = 0; c < extra.length; c++) extraValues[c].push(attributeCell(row[2 + c]));
      i++;
    }
  }
  if (i !== count) return undefined;
  return { key: keys?.finish().data ?? null, columns: Object.fromEntries(extra.map((c, k) => [c, extraValues[k].finish().data])) };
}

/**
 * A decoded layer as it crosses threads: typed arrays on shared memory (not copied), names and preloaded
 * attribute columns too (shared-column.ts). `adoptLayers` turns it back into the `LayerData` every rule reads.
 */
export type SharedLayer = Omit<LayerData, 'index' | 'key' | 'feature' | 'partsOf'> & {
  readonly keys: SharedColumnData;
  /** the Flatbush index's buffer */
  readonly index: SharedArrayBuffer | null;
  readonly columns: Readonly<Record<string, SharedColumnData>>;
};

const sharedForm = new WeakMap<LayerData, SharedLayer>();

/**
 * A feature read straight from the layer's arrays. Rules walk millions of features and most look at one or two
 * fields: an object literal with every field (and the parts array) built up front cost more than the checks.
 */
class FeatureView implements Feature {
  private partsCache: Float64Array[] | undefined;

  constructor(
    private readonly layer: LayerData,
    readonly index: number,
  ) {}

  get rid(): number {
    return this.layer.rid[this.index];
  }

  get file(): string {
    return this.layer.files[this.layer.fileOf[this.index]];
  }

  get rec(): number {
    return this.layer.rec[this.index];
  }

  get shapeType(): number {
    return this.layer.shapeType[this.index];
  }

  get hasZ(): boolean {
    return (this.layer.zm[this.index] & 1) !== 0;
  }

  get hasM(): boolean {
    return (this.layer.zm[this.index] & 2) !== 0;
  }

  get parts(): readonly Float64Array[] {
    return (this.partsCache ??= this.layer.partsOf(this.index));
  }

  get bbox(): readonly [number, number, number, number] | undefined {
    const b = this.layer.bbox;
    const k = 4 * this.index;
    return Number.isNaN(b[k]) ? undefined : [b[k], b[k + 1], b[k + 2], b[k + 3]];
  }

  get key(): string | undefined {
    return this.layer.key(this.index);
  }
}

function assemble(src: SharedLayer): LayerData {
  const { featurePart, partStart, bbox, rid, rec, files, fileOf, shapeType, zm } = src;
  const keys = new SharedColumn(src.keys);
  const data: LayerData = {
    table: src.table,
    frame: src.frame,
    count: src.count,
    rid,
    rec,
    fileOf,
    files,
    shapeType,
    zm,
    coords: src.coords,
    partStart,
    featurePart,
    bbox,
    key: (k: number) => keys.text(k),
    index: src.index ? Flatbush.from(src.index) : null,
    partsOf(k: number): Float64Array[] {
      const out: Float64Array[] = [];
      for (let p = featurePart[k]; p < featurePart[k + 1]; p++) out.push(data.coords.subarray(2 * partStart[p], 2 * partStart[p + 1]));
      return out;
    },
    feature(k: number): Feature {
      return new FeatureView(data, k);
    },
  };
  columns.set(data, new Map(Object.entries(src.columns).map(([c, d]) => [c, new SharedColumn(d)])));
  sharedForm.set(data, src);
  return data;
}

/** Layer `table` in its cross-thread form, decoding it on this connection first if needed; null without geometry. */
export function sharedLayer(db: Database.Database, table: string): SharedLayer | null {
  const layer = loadLayer(db, table);
  return layer ? sharedForm.get(layer)! : null;
}

/** Take layers decoded by another thread as this connection's own (no decode, no copy of coordinates). */
export function adoptLayers(db: Database.Database, layers: readonly SharedLayer[]): void {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  for (const l of layers) if (!perDb.has(l.table)) perDb.set(l.table, assemble(l));
}

/**
 * One attribute column of a layer aligned with feature positions (same rows, same order as `loadLayer`), or
 * undefined when the layer lacks the column. Text is trimmed; empty text is null. Read once per thread.
 */
export function layerColumn(db: Database.Database, layer: LayerData, column: string): SharedColumn | undefined {
  let perLayer = columns.get(layer);
  if (!perLayer) columns.set(layer, (perLayer = new Map()));
  const ready = perLayer.get(column);
  if (ready) return ready;
  if (!dataColumns(db, layer.table).has(column)) return undefined;
  const out = new SharedColumnBuilder(layer.count);
  for (const v of db.prepare(`SELECT ${ident(column)} FROM ${ident(layer.table)} WHERE ${LIVE} ORDER BY _rid`).pluck().iterate() as IterableIterator<unknown>) {
    out.push(attributeCell(v));
  }
  const built = out.finish();
  perLayer.set(column, built);
  return built;
}

/** Base shape type (Z and M variants folded: 15 → 5, 25 → 5, 11 → 1, …). */
export function baseShapeType(code: number): number {
  return code === 0 ? 0 : code % 10;
}

/** Back to package coordinates, for finding locations. */
export function toPackage(frame: LocalFrame, x: number, y: number): [number, number] {
  return [round4(x + frame.ox), round4(y + frame.oy)];
}

export function bboxToPackage(frame: LocalFrame, b: ArrayLike<number>): [number, number, number, number] {
  return [round4(b[0] + frame.ox), round4(b[1] + frame.oy), round4(b[2] + frame.ox), round4(b[3] + frame.oy)];
}

/** Coordinates are stored to 0.0001 m (official precision); rounding hides float noise in reports. */
function round4(v: number): number {
  return Math.round(v * 10000) / 10000;
}

/** Location of feature i for `ctx.report`: file, record, key and bbox in package coordinates. */
export function featureRef(layer: LayerData, i: number | Feature): Pick<ReportDescriptor, 'file' | 'table' | 'record' | 'keys' | 'bbox' | 'fbfbm'> {
  const k = typeof i === 'number' ? i : i.index;
  const keyColumn = KEY_OF[layer.table];
  const key = layer.key(k);
  const fbfbm = layer.table === 'DK' && key && /^\d{14}/.test(key) ? key.slice(0, 14) : undefined;
  const hasBox = !Number.isNaN(layer.bbox[4 * k]);
  return {
    file: layer.files[layer.fileOf[k]],
    table: layer.table,
    record: layer.rec[k],
    ...(key && keyColumn ? { keys: { [keyColumn]: key } } : {}),
    ...(hasBox ? { bbox: bboxToPackage(layer.frame, layer.bbox.subarray(4 * k, 4 * k + 4)) } : {}),
    ...(fbfbm ? { fbfbm } : {}),
  };
}

/** Feature positions whose bbox meets the given local box grown by `pad`. */
export function search(layer: LayerData, minx: number, miny: number, maxx: number, maxy: number, pad = 0): number[] {
  return layer.index ? layer.index.search(minx - pad, miny - pad, maxx + pad, maxy + pad) : [];
}

/** Name of feature i for messages: its key, else `#<record>`. */
export function nameOf(layer: LayerData, i: number): string {
  return layer.key(i) ?? `#${layer.rec[i]}`;
}

/** Every feature of the layer in load order (each a transient view). */
export function* eachFeature(layer: LayerData): Generator<Feature> {
  for (let i = 0; i < layer.count; i++) yield layer.feature(i);
}
