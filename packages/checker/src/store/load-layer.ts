import { stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { openLayer, ReaderError, ShapeTypeCode, type DbfField, type LayerHandle, type ReaderIssue, type ShapeRow } from '../readers/shapefile/index.js';
import type { LoadContext } from './context.js';
import { type Affinity, type DataColumn, DataTableWriter, reservedColumns } from './data-table.js';
import { BlobBlock, encodeGeometry, geometryBBox, type StoredGeometry } from './geometry.js';
import { LayerGeometryBuilder } from './layer-geometry.js';
import { errorText } from '../readers/issues.js';
import { isStoreWriteFailure } from './write-errors.js';
import { dbfDate } from './values.js';

/** Store affinity of a DBF field type letter. */
function dbfAffinity(f: Pick<DbfField, 'type' | 'decimals'>): Affinity {
  switch (f.type) {
    case 'N':
      return f.decimals > 0 ? 'REAL' : 'INTEGER';
    case 'F':
    case 'B':
    case 'O':
      return 'REAL';
    case 'I':
    case '+':
      return 'INTEGER';
    default:
      return 'TEXT'; // C, D (as YYYY-MM-DD), L ('T'/'F'), M, …
  }
}

/**
 * Loads one layer (all parts of a split layer, in part order) into a data table named `layer`, with geometry in
 * `_geom` and its box in `_minx … _maxy`; encoding, CRS and file facts into src_tables, field definitions into src_columns,
 * reader issues into load_issues. Records stream through: memory does not grow with the layer.
 */
export async function loadLayer(ctx: LoadContext, root: string, layer: string, absPaths: readonly string[]): Promise<void> {
  const relCache = new Map<string, string>();
  const rel = (p: string): string => {
    let r = relCache.get(p);
    if (r === undefined) relCache.set(p, (r = relative(root, p).split(sep).join('/')));
    return r;
  };
  const relPaths = absPaths.map(rel);
  let handle: LayerHandle;
  try {
    handle = await openLayer(absPaths);
  } catch (e) {
    if (e instanceof ReaderError) ctx.issue({ code: e.code, file: rel(e.file), table: layer, params: e.params });
    else ctx.issue({ code: 'shp-unreadable', file: relPaths[0], table: layer, params: { reason: errorText(e) } });
    return;
  }
  let writer: DataTableWriter | undefined;
  let geometry: LayerGeometryBuilder | undefined;
  // records loaded so far: where an error leaves the layer
  const count = { loaded: 0 };
  const extent = new Extent();
  const addIssue = (i: ReaderIssue): void =>
    ctx.issue({ ...i, ...(i.file !== undefined ? { file: rel(i.file) } : {}), table: layer });
  try {
    if (!ctx.claimTable(layer, relPaths[0])) return;
    const first = handle.parts[0].info;
    ctx.recordColumns(
      layer,
      first.fields.map((f) => ({ name: f.name, srcType: f.type, size: f.length, precision: null, scale: f.decimals, nullable: null })),
    );
    const fieldOf = new Map<string, DbfField>();
    const columns: DataColumn[] = [];
    const addField = (f: DbfField): boolean => {
      const key = f.name.toLowerCase();
      if (fieldOf.has(key) || reservedColumns.has(key) || key.endsWith('$raw')) return false;
      fieldOf.set(key, f);
      columns.push({ name: f.name, affinity: dbfAffinity(f) });
      return true;
    };
    for (const f of first.fields) addField(f);
    writer = new DataTableWriter(ctx.db, layer, columns, { layer: true });
    // a .shp record holds each point in 16 bytes (more with Z/M and headers): its size bounds the points
    const shpBytes = await Promise.all(handle.parts.map((p) => stat(p.info.files.shp).then((s) => s.size, () => 0)));
    const features = handle.parts.reduce((n, p) => n + p.info.recordCount.dbf, 0);
    // a later part may declare fields the first lacks (the reader reports the mismatch): keep their data too
    for (const part of handle.parts.slice(1)) {
      for (const f of part.info.fields) if (addField(f)) writer.addColumn(columns[columns.length - 1]);
    }
    geometry = new LayerGeometryBuilder(layer, { features, points: Math.floor(shpBytes.reduce((a, b) => a + b, 0) / 16) }, writer.columns);
    const total = handle.parts.reduce((n, p) => n + p.info.recordCount.dbf, 0);
    ctx.onProgress({ phase: 'shp', done: 0, total, file: relPaths[0] });
    // each column's field in each part: the last field of that exact name, as a record keyed by name holds it
    const cols = writer.columns;
    const isDate = cols.map((c) => fieldOf.get(c.name.toLowerCase())?.type === 'D');
    const anyDate = isDate.includes(true);
    const fieldIndex = handle.parts.map((p) => cols.map((c) => p.info.fields.map((f) => f.name).lastIndexOf(c.name)));
    const identity = fieldIndex.map((idx, i) => idx.length === handle.parts[i].info.fields.length && idx.every((j, c) => j === c));
    const files = handle.parts.map((p) => rel(p.info.files.shp));
    const blobs = new BlobBlock();
    // raws come only where the value does not already say the text (the rest would be dropped by the writer)
    for await (const { part, rows } of handle.rows({ raw: 'differs' })) {
      const file = files[part];
      const fields = { index: fieldIndex[part], identity: identity[part] && !anyDate, isDate };
      addRows(rows, file, fields, writer, geometry, extent, blobs, addIssue, count, (done) => ctx.onProgress({ phase: 'shp', done, total, file }));
    }
    ctx.onProgress({ phase: 'shp', done: count.loaded, total, file: relPaths[relPaths.length - 1] });
  } catch (e) {
    if (isStoreWriteFailure(e)) throw e;
    if (e instanceof ReaderError) ctx.issue({ code: e.code, file: rel(e.file), table: layer, record: count.loaded + 1, params: e.params });
    else ctx.issue({ code: 'shp-unreadable', file: relPaths[0], table: layer, record: count.loaded + 1, params: { reason: errorText(e) } });
  } finally {
    try {
      for (const i of handle.issues) addIssue(i);
    } finally {
      await handle.close();
    }
  }
  if (writer) {
    writer.flush();
    if (geometry) ctx.layers.push(geometry.finish());
    const first = handle.parts[0].info;
    ctx.recordTable({
      name: layer,
      origin: 'shp',
      files: relPaths,
      recordCount: count.loaded,
      encoding: first.encoding.name,
      encodingSource: first.encoding.source,
      shapeType: first.shapeTypeCode,
      hasZ: first.hasZ,
      hasM: first.hasM,
      crs: first.crs,
      prjText: first.prj,
      extra: {
        parts: handle.parts.map((p) => ({
          file: rel(p.info.files.shp),
          shapeTypeCode: p.info.shapeTypeCode,
          recordCount: p.info.recordCount,
          bbox: p.info.bbox,
          encoding: p.info.encoding,
          ldid: p.info.ldid,
          cpg: p.info.cpg,
          hasPrj: p.info.prj !== null,
          hasShx: p.info.files.shx !== undefined,
          dbfDate: p.info.dbfDate,
          headerLength: p.info.headerLength,
          recordLength: p.info.recordLength,
        })),
        // what min()/max() over the box columns give (layerExtent), without scanning millions of rows for it
        extent: extent.value(),
      },
    });
  }
}

/** How a part's fields map onto the table's columns. */
interface PartFields {
  /** per column, the part's field index (-1: the part lacks it) */
  readonly index: readonly number[];
  /** the part's fields are the columns, in order, and none is a date: its values go in as read */
  readonly identity: boolean;
  /** per column, whether it is a DBF date (YYYYMMDD → YYYY-MM-DD) */
  readonly isDate: readonly boolean[];
}

/**
 * One batch of a part's records into the table and the layer's geometry, counted in `count`. Its own
 * function, not the loop body of the async loadLayer: V8 optimizes this loop once, where it optimized loadLayer on
 * stack (OSR) and again after each branch the first layer had not taken (~0.1 s of compiling in a township's check).
 */
function addRows(
  rows: readonly ShapeRow[],
  file: string,
  fields: PartFields,
  writer: DataTableWriter,
  geometry: LayerGeometryBuilder,
  extent: Extent,
  blobs: BlobBlock,
  addIssue: (i: ReaderIssue) => void,
  count: { loaded: number },
  progress: (done: number) => void,
): void {
  const { index, identity, isDate } = fields;
  const width = index.length;
  for (const r of rows) {
    let values: unknown[];
    let raws: readonly (string | null)[];
    if (identity) {
      values = r.values;
      raws = r.raws!;
    } else {
      values = new Array(width);
      const columnRaws: (string | null)[] = new Array(width);
      for (let i = 0; i < width; i++) {
        const j = index[i];
        const v = j < 0 ? null : r.values[j];
        columnRaws[i] = j < 0 ? null : r.raws![j];
        values[i] = isDate[i] && typeof v === 'string' ? dbfDate(v) : v;
      }
      raws = columnRaws;
    }
    const g = r.geometry;
    const stored: StoredGeometry | null = g ? { shapeType: ShapeTypeCode[g.type], parts: g.parts, z: g.z, m: g.m } : null;
    const found = g ? (g.bbox ?? geometryBBox(g)) : undefined;
    const box = found && validBox(found) ? found : undefined;
    if (box) extent.add(box);
    writer.add({ file, rec: r.recordNumber, deleted: r.deleted, values, raws, geom: stored ? encodeGeometry(stored, blobs.take) : null, bbox: box });
    geometry.add(writer.rowCount, file, r.recordNumber, r.deleted, stored, box, values);
    if (r.issues) for (const i of r.issues) addIssue(i);
    if (++count.loaded % 20_000 === 0) progress(count.loaded);
  }
}

function validBox(b: { minx: number; miny: number; maxx: number; maxy: number }): boolean {
  return Number.isFinite(b.minx) && Number.isFinite(b.miny) && Number.isFinite(b.maxx) && Number.isFinite(b.maxy) && b.minx <= b.maxx && b.miny <= b.maxy;
}

/** The running [minx, miny, maxx, maxy] of a layer's boxes; null when it has none. */
class Extent {
  #minx = Infinity;
  #miny = Infinity;
  #maxx = -Infinity;
  #maxy = -Infinity;

  add(b: { minx: number; miny: number; maxx: number; maxy: number }): void {
    if (b.minx < this.#minx) this.#minx = b.minx;
    if (b.miny < this.#miny) this.#miny = b.miny;
    if (b.maxx > this.#maxx) this.#maxx = b.maxx;
    if (b.maxy > this.#maxy) this.#maxy = b.maxy;
  }

  value(): [number, number, number, number] | null {
    return this.#minx === Infinity ? null : [this.#minx, this.#miny, this.#maxx, this.#maxy];
  }
}
