import type { Affinity, DataColumn } from './data-table.js';
import type { Bbox, StoredGeometry } from './geometry.js';
import { onShared, SharedColumnBuilder, type SharedColumnData } from './shared-column.js';

/** The attribute every layer is named by, most specific first. */
export const KEY_OF: Readonly<Record<string, string>> = {
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

/**
 * Attributes the spatial rules read, kept with the geometry (one pass over a 1M-row layer instead of one per rule).
 * Others are read from the store on demand (spatial/layer.ts `layerColumn`).
 */
export const PRELOAD: Readonly<Record<string, readonly string[]>> = {
  DK: ['SCMJ', 'SFJBNT', 'KJZB'],
  JZD: ['DKBM', 'XZBZ', 'YZBZ'],
  JZX: ['QJZDH', 'ZJZDH', 'DKBM'],
};

/** A feature's name from its key column's value: the text trimmed (a number as its text), empty text null. */
export function keyText(v: unknown): string | null {
  const s = v === null || v === undefined ? '' : String(v).trim();
  return s === '' ? null : s;
}

/** An attribute value as the spatial rules read it: numbers as they are, text trimmed, empty text null. */
export function attributeCell(v: unknown): string | number | null {
  return v === null || v === undefined ? null : typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : String(v).trim() || null;
}

/** The key (KEY_OF) and preloaded (PRELOAD) columns of a layer's live rows, as spatial/layer.ts reads them. */
export interface LayerAttributes {
  /** `keyText` of each row; null when the layer has no key column */
  readonly key: SharedColumnData | null;
  /** by column name, for the PRELOAD columns the layer has: `attributeCell` of each row */
  readonly columns: Readonly<Record<string, SharedColumnData>>;
}

/**
 * The geometry of a layer's live features as the loader read it, column-wise on shared memory, in package
 * coordinates: what the spatial rules adopt instead of reading back and decoding the `_geom` blobs of the store a
 * second time (millions of features at county scale). Rows are in `_rid` order, deleted rows
 * left out, exactly as `loadLayer` reads them from the store.
 */
export interface LayerGeometry {
  readonly table: string;
  readonly count: number;
  readonly rid: Int32Array;
  readonly rec: Int32Array;
  readonly fileOf: Uint16Array;
  readonly files: readonly string[];
  /** the stored shape type code & 0xff; 0 for a null shape */
  readonly shapeType: Uint8Array;
  /** bit 0: has Z, bit 1: has M */
  readonly zm: Uint8Array;
  /** x, y of every point of every feature, package coordinates */
  readonly coords: Float64Array;
  /** point index where each part starts, plus the end (length parts + 1) */
  readonly partStart: Int32Array;
  /** part index where each feature starts, plus the end (length count + 1) */
  readonly featurePart: Int32Array;
  /** features with a geometry (not a null shape) */
  readonly geometries: number;
  /** the least x and y of the boxes stored in `_minx`/`_miny` (deleted rows too), null when none: the frame's input */
  readonly lowerLeft: readonly [number, number] | null;
  /** 0 until one connection adopts the geometry (its coordinates then become local in place), then 1 */
  readonly taken: Int32Array;
  /** rows written to the store table, deleted ones too: its last `_rid` */
  readonly rows: number;
  /**
   * The key and preloaded columns, from the values the loader wrote: undefined for a layer of more than
   * MAX_ATTRIBUTE_RECORDS records, or when a value was one the store might not give back the same (the rules then
   * read the columns from the store).
   */
  readonly attributes?: LayerAttributes;
}

/**
 * A value as the store gives it back from a column of `affinity`: text in a TEXT column and numbers in a numeric
 * one are kept as bound, except NaN (stored as NULL) and -0 (an integral REAL is stored as an integer). Undefined
 * for anything else (a number in a TEXT column reads back as '7.0', numeric text in a REAL column as a number).
 */
function readBack(v: unknown, affinity: Affinity): string | number | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return affinity === 'TEXT' ? v : undefined;
  if (typeof v === 'number') return affinity === 'REAL' || affinity === 'INTEGER' ? (Number.isNaN(v) ? null : v === 0 ? 0 : v) : undefined;
  return undefined;
}

/** Up-front sizes stop here (a damaged header's count or a huge file is not trusted with memory); growth goes on. */
const MAX_EXPECTED = 1 << 25;

/**
 * Layers of at most this many records keep their attributes while loading. A bigger layer's are read back from
 * the store when the rules start: kept during the load, a county's (~2M 界址点 and 界址线, ~300 MB of codes) added
 * to the load's own peak and took a dense county's check from 1.84 to 1.98 GB, where reading them back costs ~1 s of
 * CPU among ~100.
 */
export const MAX_ATTRIBUTE_RECORDS = 200_000;

/** A typed array that doubles when full. */
class Grow<T extends Float64Array | Int32Array | Uint16Array | Uint8Array> {
  length = 0;
  constructor(public data: T) {}

  ensure(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const Ctor = this.data.constructor as new (n: number) => T;
    const next = new Ctor(Math.max(2 * this.data.length, this.length + extra));
    (next as unknown as { set(a: T): void }).set(this.data.subarray(0, this.length) as T);
    this.data = next;
  }

  push(v: number): void {
    if (this.length === this.data.length) this.ensure(1);
    this.data[this.length++] = v;
  }

  /** exact-size copy on shared memory */
  shared(): T {
    return onShared(this.data.subarray(0, this.length) as T);
  }
}

/**
 * Collects a layer's geometry row by row while the loader writes the same rows to the store (`add` with the row's
 * `_rid` right after the store insert). Coordinates are copied as the reader decoded them, the same doubles
 * `encodeGeometry` writes into `_geom`, so the rules see the same values either way.
 */
export class LayerGeometryBuilder {
  private readonly rid: Grow<Int32Array>;
  private readonly rec: Grow<Int32Array>;
  private readonly fileOf: Grow<Uint16Array>;
  private readonly shapeType: Grow<Uint8Array>;
  private readonly zm: Grow<Uint8Array>;
  private readonly coords: Grow<Float64Array>;
  private readonly partStart: Grow<Int32Array>;
  private readonly featurePart: Grow<Int32Array>;
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  private lastFile: string | undefined;
  private lastFileIndex = 0;
  private points = 0;
  private geometries = 0;
  private minx = Infinity;
  private miny = Infinity;
  private rows = 0;
  /** store column position of the key, or -1 */
  private readonly keyAt: number;
  private readonly keyAffinity: Affinity;
  /** the PRELOAD columns the layer has, with their store column positions */
  private readonly preloaded: readonly { readonly name: string; readonly at: number; readonly affinity: Affinity }[];
  /** undefined for a big layer, or once a value could read back differently */
  private attributes: { readonly key: SharedColumnBuilder | null; readonly columns: SharedColumnBuilder[] } | undefined;

  /**
   * `expect` sizes the arrays up front (they still grow past it): a county layer grew its coordinates by doubling
   * from a few thousand, copying them about twice over. `columns`: the store table's columns, in the order of the
   * values `add` is given, with the affinity the store converts them by.
   */
  constructor(
    readonly table: string,
    expect: { readonly features?: number; readonly points?: number } = {},
    columns: readonly DataColumn[] = [],
  ) {
    const features = Math.max(1024, Math.min(expect.features ?? 0, MAX_EXPECTED));
    const points = Math.max(4096, Math.min(expect.points ?? 0, MAX_EXPECTED));
    this.rid = new Grow(new Int32Array(features));
    this.rec = new Grow(new Int32Array(features));
    this.fileOf = new Grow(new Uint16Array(features));
    this.shapeType = new Grow(new Uint8Array(features));
    this.zm = new Grow(new Uint8Array(features));
    this.featurePart = new Grow(new Int32Array(features + 1));
    this.partStart = new Grow(new Int32Array(features + 1));
    this.coords = new Grow(new Float64Array(2 * points));
    const names = columns.map((c) => c.name);
    this.keyAt = KEY_OF[table] === undefined ? -1 : names.indexOf(KEY_OF[table]);
    this.keyAffinity = this.keyAt < 0 ? 'TEXT' : columns[this.keyAt].affinity;
    this.preloaded = (PRELOAD[table] ?? []).filter((c) => names.includes(c)).map((name) => ({ name, at: names.indexOf(name), affinity: columns[names.indexOf(name)].affinity }));
    this.attributes =
      (expect.features ?? 0) > MAX_ATTRIBUTE_RECORDS
        ? undefined
        : { key: this.keyAt < 0 ? null : new SharedColumnBuilder(features, true), columns: this.preloaded.map(() => new SharedColumnBuilder(features, true)) };
  }

  /**
   * One stored row: its `_rid`, file, record number, deleted flag, geometry (null for a null shape) and the box
   * stored in `_minx … _maxy` (undefined when none is).
   */
  add(rid: number, file: string, rec: number, deleted: boolean, g: StoredGeometry | null, box: Bbox | undefined, values: readonly unknown[] = []): void {
    this.rows = rid;
    if (box) {
      if (box.minx < this.minx) this.minx = box.minx;
      if (box.miny < this.miny) this.miny = box.miny;
    }
    if (deleted) return;
    if (this.attributes) this.addAttributes(values);
    this.rid.push(rid);
    this.rec.push(rec);
    if (file !== this.lastFile) {
      let fi = this.fileIndex.get(file);
      if (fi === undefined) {
        fi = this.files.length;
        this.files.push(file);
        this.fileIndex.set(file, fi);
      }
      this.lastFile = file;
      this.lastFileIndex = fi;
    }
    this.fileOf.push(this.lastFileIndex);
    this.featurePart.push(this.partStart.length);
    if (!g) {
      this.shapeType.push(0);
      this.zm.push(0);
      return;
    }
    const partCount = g.parts.length;
    this.geometries++;
    this.shapeType.push(g.shapeType & 0xff);
    // as encodeGeometry decides the flags
    this.zm.push((g.z !== undefined && g.z.length === partCount ? 1 : 0) | (g.m !== undefined && g.m.length === partCount ? 2 : 0));
    if (this.partStart.length + partCount > this.partStart.data.length) this.partStart.ensure(partCount);
    for (const part of g.parts) {
      const n = part.length >> 1;
      this.partStart.data[this.partStart.length++] = this.points;
      if (this.coords.length + 2 * n > this.coords.data.length) this.coords.ensure(2 * n);
      this.coords.data.set(part.length === 2 * n ? part : part.subarray(0, 2 * n), this.coords.length);
      this.coords.length += 2 * n;
      this.points += n;
    }
  }

  private addAttributes(values: readonly unknown[]): void {
    const { key, columns } = this.attributes!;
    if (key) {
      const v = readBack(values[this.keyAt], this.keyAffinity);
      if (v === undefined) return void (this.attributes = undefined);
      key.push(keyText(v));
    }
    for (let c = 0; c < columns.length; c++) {
      const v = readBack(values[this.preloaded[c].at], this.preloaded[c].affinity);
      if (v === undefined) return void (this.attributes = undefined);
      columns[c].push(attributeCell(v));
    }
  }

  finish(): LayerGeometry {
    const featurePart = this.featurePart;
    featurePart.push(this.partStart.length);
    this.partStart.push(this.points);
    return {
      table: this.table,
      count: this.rid.length,
      rid: this.rid.shared(),
      rec: this.rec.shared(),
      fileOf: this.fileOf.shared(),
      files: [...this.files],
      shapeType: this.shapeType.shared(),
      zm: this.zm.shared(),
      coords: this.coords.shared(),
      partStart: this.partStart.shared(),
      featurePart: featurePart.shared(),
      geometries: this.geometries,
      lowerLeft: Number.isFinite(this.minx) ? [this.minx, this.miny] : null,
      taken: new Int32Array(new SharedArrayBuffer(4)),
      rows: this.rows,
      ...(this.attributes
        ? {
            attributes: {
              key: this.attributes.key?.finish().data ?? null,
              columns: Object.fromEntries(this.preloaded.map((p, c) => [p.name, this.attributes!.columns[c].finish().data])),
            },
          }
        : {}),
    };
  }
}
