import type Database from 'better-sqlite3';
import type { Bbox } from './geometry.js';
import { quoteIdent } from './schema.js';
import { hasStoreTable } from './facts.js';

/**
 * One data table per source table/layer, named as the standard's table (`CBF`, `DK`, …):
 *   _rid INTEGER PRIMARY KEY   load order (1-based)
 *   _file TEXT                 relative path of the file the row came from
 *   _rec INTEGER               1-based record number within that file / mdb table
 *   _deleted INTEGER           DBF deleted flag (0 for mdb)
 *   "<CODE>"                   typed value, for every column present in the SOURCE, in source order
 *   "<CODE>$raw"               the source text where the typed value does not already say it (see `rawIfDiffers`):
 *                              NULL when the value's text is the source text up to blank padding, or the value is
 *                              null and the source blank; else the text exactly as stored (e.g. '12.50', a bad
 *                              number, a date as written, padding with NULs)
 *   _geom BLOB                 layers only: geometry.ts format, NULL for a null shape
 *   _minx, _miny, _maxx, _maxy REAL   layers only: the shape's bounding box (exact doubles), NULL for a null shape
 *
 * No SQLite R*Tree: the spatial rules index decoded layers in memory (Flatbush), so an R*Tree over a county's
 * millions of boxes would be built during the load for nothing but layer extents, which min()/max() over the box
 * columns give.
 */
export type Affinity = 'TEXT' | 'INTEGER' | 'REAL' | 'BLOB';

export interface DataColumn {
  readonly name: string;
  readonly affinity: Affinity;
}

/** One row for `DataTableWriter.add`: bound before `add` returns, so a caller may reuse it for the next. */
export interface DataRow {
  readonly file: string;
  readonly rec: number;
  readonly deleted: boolean;
  /** typed values, one per column, in `columns` order */
  readonly values: readonly unknown[];
  /** raw texts, one per column */
  readonly raws: readonly (string | null)[];
  readonly geom?: Buffer | null;
  readonly bbox?: Bbox;
}

const BATCH_ROWS = 5000;

/** Column names reserved by the store; a source column with one of these names is kept under a suffixed name. */
export const reservedColumns = new Set(['_rid', '_file', '_rec', '_deleted', '_geom', '_minx', '_miny', '_maxx', '_maxy']);

/**
 * [minx, miny, maxx, maxy] over every shape of a layer table, or undefined when it has no box columns or no shape:
 * as the loader recorded it (src_tables extra_json `extent`), else min()/max() over the box columns.
 */
export function layerExtent(db: Database.Database, table: string): [number, number, number, number] | undefined {
  const recorded = hasStoreTable(db, 'src_tables') ? (db.prepare(`SELECT extra_json FROM src_tables WHERE name = ? AND origin = 'shp'`).pluck().get(table) as string | null | undefined) : undefined;
  if (recorded) {
    const extra = JSON.parse(recorded) as { extent?: [number, number, number, number] | null };
    if (extra.extent !== undefined) return extra.extent ?? undefined;
  }
  if (db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = '_minx'`).get(table) === undefined) return undefined;
  const b = db.prepare(`SELECT min(_minx) AS a, min(_miny) AS b, max(_maxx) AS c, max(_maxy) AS d FROM ${quoteIdent(table)}`).get() as Record<'a' | 'b' | 'c' | 'd', number | null>;
  return b.a === null || b.b === null || b.c === null || b.d === null ? undefined : [b.a, b.b, b.c, b.d];
}

const SPACE = 0x20;

/**
 * The raw text a `$raw` column keeps for `value`: null when the text adds nothing to the typed value — it is the
 * value's own text (`String(value)`) up to space padding (DBF fields are padded to their width, numbers on the
 * left, text on the right), or the value is null and the text blank. Most cells of a county are like that, and
 * writing each twice cost a large share of the load.
 */
export function rawIfDiffers(value: unknown, raw: string | null): string | null {
  if (raw === null) return null;
  let end = raw.length;
  while (end > 0 && raw.charCodeAt(end - 1) === SPACE) end--;
  if (value === null) return end === 0 ? null : raw;
  if (typeof value === 'string') return end === value.length && raw.startsWith(value) ? null : raw;
  if (typeof value !== 'number' && typeof value !== 'bigint') return raw;
  const text = String(value);
  let start = 0;
  while (start < end && raw.charCodeAt(start) === SPACE) start++;
  return end - start === text.length && raw.startsWith(text, start) ? null : raw;
}

/** Column positions (< 31) of non-null `$raw` values that pick a statement variant; a row with a non-null raw past
 * them is written by the statement that binds every column. */
const VARIANT_COLUMNS = 31;
/** Statement variants kept per table: a table whose rows differ more than that uses the full statement for the rest. */
const MAX_VARIANTS = 64;
/** Rows one INSERT writes: SQLite's per-statement work (a VDBE run, the bindings' reset) is shared by them. */
const ROWS_PER_INSERT = 32;
/** Parameters of one INSERT at most: they are passed as call arguments (on the stack), well below SQLite's 32766. */
const MAX_PARAMETERS = 4096;

interface InsertVariant {
  /** parameters of one row */
  readonly width: number;
  /** binds every `$raw` column */
  readonly all: boolean;
  /** inserts `rows` rows */
  readonly many: Database.Statement;
  readonly rows: number;
  /** parameters of the rows waiting for `many`, one row after the other (`rows` × `width` long) */
  readonly params: unknown[];
  pending: number;
  /** the columns the statement names */
  readonly names: readonly string[];
  /** inserts one row: what is left pending at a flush (prepared at the first) */
  one: Database.Statement | undefined;
}

/**
 * Streams rows into one data table with batched transactions (BATCH_ROWS per commit) and reused prepared
 * statements, so memory does not grow with the table.
 *
 * Most `$raw` values are NULL (see `rawIfDiffers`), and binding a parameter (its type checks, a text's UTF-8
 * copy) costs more than SQLite's write of it: a row is written by a statement that names only the `$raw`
 * columns it has a value for, one prepared variant per such set; the others default to NULL, the same as
 * binding NULL. Each variant holds its rows until it has ROWS_PER_INSERT of them and writes them with one
 * statement: `_rid` is explicit, so the table reads back in load order whichever variant writes first. Call
 * `flush()` when done.
 */
export class DataTableWriter {
  readonly #db: Database.Database;
  readonly #layer: boolean;
  #columns: DataColumn[];
  #nextRid = 1;
  /**
   * `$raw` values of the row being added (reused). Made with its length, as every writer's is, so `add`'s optimized
   * code sees one kind of array in every table, not an empty literal that changes kind at its first row.
   */
  #raws: (string | null)[];
  /** statement variants by the bit set of non-null `$raw` columns; -1: every column */
  #variants = new Map<number, InsertVariant>();
  #inBatch = 0;

  constructor(
    db: Database.Database,
    readonly table: string,
    columns: readonly DataColumn[],
    opts: { layer: boolean },
  ) {
    this.#db = db;
    this.#layer = opts.layer;
    this.#columns = [...columns];
    this.#raws = new Array<string | null>(columns.length).fill(null);
    const defs = ['_rid INTEGER PRIMARY KEY', '_file TEXT', '_rec INTEGER', '_deleted INTEGER'];
    for (const c of columns) defs.push(`${quoteIdent(c.name)} ${c.affinity}`, `${quoteIdent(`${c.name}$raw`)} TEXT`);
    if (opts.layer) defs.push('_geom BLOB', '_minx REAL', '_miny REAL', '_maxx REAL', '_maxy REAL');
    db.exec(`CREATE TABLE ${quoteIdent(table)} (${defs.join(', ')})`);
  }

  get columns(): readonly DataColumn[] {
    return this.#columns;
  }

  get rowCount(): number {
    return this.#nextRid - 1;
  }

  /** The insert binding the values of every column and the `$raw` of the columns in `mask` (-1: all). */
  #variant(mask: number): InsertVariant {
    let v = this.#variants.get(mask);
    if (v) return v;
    if (mask !== -1 && this.#variants.size >= MAX_VARIANTS) return this.#variant(-1);
    const names = ['_rid', '_file', '_rec', '_deleted'];
    this.#columns.forEach((c, i) => {
      names.push(c.name);
      if (mask === -1 || (i < VARIANT_COLUMNS && (mask & (1 << i)) !== 0)) names.push(`${c.name}$raw`);
    });
    if (this.#layer) names.push('_geom', '_minx', '_miny', '_maxx', '_maxy');
    const width = names.length;
    const rows = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / width)));
    v = {
      width,
      all: mask === -1,
      many: this.#insert(names, rows),
      rows,
      params: new Array<unknown>(rows * width).fill(null),
      pending: 0,
      names,
      one: undefined,
    };
    this.#variants.set(mask, v);
    return v;
  }

  #insert(names: readonly string[], rows: number): Database.Statement {
    const row = `(${names.map(() => '?').join(', ')})`;
    return this.#db.prepare(`INSERT INTO ${quoteIdent(this.table)} (${names.map(quoteIdent).join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`);
  }

  /** Adds a column after creation (a later part of a split layer with an extra field). */
  addColumn(column: DataColumn): void {
    this.flush();
    this.#db.exec(`ALTER TABLE ${quoteIdent(this.table)} ADD COLUMN ${quoteIdent(column.name)} ${column.affinity}`);
    this.#db.exec(`ALTER TABLE ${quoteIdent(this.table)} ADD COLUMN ${quoteIdent(`${column.name}$raw`)} TEXT`);
    this.#columns.push(column);
    this.#variants = new Map();
  }

  /**
   * Adds the row to its variant's pending rows, written when they fill an insert, inside an open transaction that
   * commits every BATCH_ROWS rows: rows are not kept long, so they die young (cheap for the GC) and memory stays
   * flat.
   */
  add(row: DataRow): void {
    if (!this.#db.inTransaction) this.#db.exec('BEGIN');
    const width = this.#columns.length;
    const { values, raws } = row;
    const kept = this.#raws;
    let mask = 0;
    for (let i = 0; i < width; i++) {
      const raw = rawIfDiffers(values[i] ?? null, raws[i] ?? null);
      kept[i] = raw;
      if (raw !== null) mask = i < VARIANT_COLUMNS && mask !== -1 ? mask | (1 << i) : -1;
    }
    const v = this.#variant(mask);
    const { params, all } = v;
    let k = v.pending * v.width;
    params[k++] = this.#nextRid++;
    params[k++] = row.file;
    params[k++] = row.rec;
    params[k++] = row.deleted ? 1 : 0;
    for (let i = 0; i < width; i++) {
      params[k++] = values[i] ?? null;
      // (a shift count is taken mod 32: columns past VARIANT_COLUMNS are named only by the full statement)
      if (all || (i < VARIANT_COLUMNS && (mask & (1 << i)) !== 0)) params[k++] = kept[i];
    }
    if (this.#layer) {
      const b = row.bbox;
      params[k++] = row.geom ?? null;
      params[k++] = b?.minx ?? null;
      params[k++] = b?.miny ?? null;
      params[k++] = b?.maxx ?? null;
      params[k++] = b?.maxy ?? null;
    }
    if (++v.pending === v.rows) {
      // as arguments, not one array: better-sqlite3 reads an array's elements through a generic property get each
      v.many.run(...params);
      v.pending = 0;
    }
    if (++this.#inBatch >= BATCH_ROWS) this.flush();
  }

  /** Writes the rows that wait for a full insert, one at a time (a few per variant). */
  #writePending(): void {
    for (const v of this.#variants.values()) {
      if (v.pending === 0) continue;
      const one = (v.one ??= v.rows === 1 ? v.many : this.#insert(v.names, 1));
      for (let r = 0; r < v.pending; r++) one.run(...v.params.slice(r * v.width, (r + 1) * v.width));
      v.params.fill(null);
      v.pending = 0;
    }
  }

  /** Commits the rows added so far. */
  flush(): void {
    this.#writePending();
    this.#inBatch = 0;
    if (this.#db.inTransaction) this.#db.exec('COMMIT');
  }
}
