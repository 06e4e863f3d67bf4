import type { Bbox, StoredGeometry } from './geometry.js';
import { onShared } from './shared-column.js';

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
}

/** Up-front sizes stop here (a damaged header's count or a huge file is not trusted with memory); growth goes on. */
const MAX_EXPECTED = 1 << 25;

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

  /**
   * `expect` sizes the arrays up front (they still grow past it): a county layer grew its coordinates by doubling
   * from a few thousand, copying them about twice over.
   */
  constructor(
    readonly table: string,
    expect: { readonly features?: number; readonly points?: number } = {},
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
  }

  /**
   * One stored row: its `_rid`, file, record number, deleted flag, geometry (null for a null shape) and the box
   * stored in `_minx … _maxy` (undefined when none is).
   */
  add(rid: number, file: string, rec: number, deleted: boolean, g: StoredGeometry | null, box: Bbox | undefined): void {
    if (box) {
      if (box.minx < this.minx) this.minx = box.minx;
      if (box.miny < this.miny) this.miny = box.miny;
    }
    if (deleted) return;
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
    };
  }
}
