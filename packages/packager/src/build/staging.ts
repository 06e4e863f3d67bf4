import { deserialize, serialize } from 'node:v8';
import { openSqlite, type SqliteDatabase } from '@nyt2539/checker';
import { getTable } from '@nyt2539/schema';
import type { Feature, Geometry, Row } from '../package/types.js';

/** Where a staged row came from: the source file and its 1-based row/record number (the user's locator). */
export interface RowOrigin {
  readonly file: string;
  readonly row: number;
}

/**
 * The build's staging store: every table row and layer feature of the source, converted to cells, in one SQLite
 * file, so a county streams through bounded memory and is read back in a canonical order — tables by their
 * values in the standard's field order, layers by BSM then values — whatever order the source had.
 */
export class Staging {
  readonly db: SqliteDatabase;
  readonly #insert: { run(...params: unknown[]): unknown };
  readonly #tx: { count: number };

  constructor(path: string) {
    this.db = openSqlite(path);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`CREATE TABLE rows (tbl TEXT NOT NULL, bsm REAL, sortkey TEXT NOT NULL, file TEXT NOT NULL, rowno INTEGER NOT NULL,
      data BLOB NOT NULL, minx REAL, miny REAL, maxx REAL, maxy REAL, ref TEXT)`);
    this.#insert = this.db.prepare(`INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#tx = { count: 0 };
    this.db.exec('BEGIN');
  }

  add(table: string, attributes: Row, origin: RowOrigin, geometry?: Geometry): void {
    const def = getTable(table);
    const key = JSON.stringify((def?.fields ?? []).map((f) => keyOf(attributes[f.code] ?? null)));
    const bsm = typeof attributes.BSM === 'number' ? attributes.BSM : null;
    const box = geometry === undefined ? null : bboxOf(geometry);
    this.#insert.run(
      table,
      bsm,
      key,
      origin.file,
      origin.row,
      serialize(geometry === undefined ? { a: attributes } : { a: attributes, g: geometry }),
      box?.[0] ?? null,
      box?.[1] ?? null,
      box?.[2] ?? null,
      box?.[3] ?? null,
      REF_FIELD[table] !== undefined ? (attributes[REF_FIELD[table]!] ?? null) : null,
    );
    if (++this.#tx.count % 50_000 === 0) {
      this.db.exec('COMMIT');
      this.db.exec('BEGIN');
    }
  }

  /** Done adding: commit and index for the ordered reads. */
  seal(): void {
    this.db.exec('COMMIT');
    this.db.exec('CREATE INDEX rows_order ON rows (tbl, bsm, sortkey)');
    this.db.exec('CREATE INDEX rows_ref ON rows (tbl, ref) WHERE ref IS NOT NULL');
  }

  count(table: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM rows WHERE tbl = ?').get(table) as { n: number }).n;
  }

  tables(): string[] {
    return (this.db.prepare('SELECT DISTINCT tbl FROM rows ORDER BY tbl').all() as { tbl: string }[]).map((r) => r.tbl);
  }

  *rows(table: string): Generator<Row> {
    for (const r of this.db.prepare('SELECT data FROM rows WHERE tbl = ? ORDER BY bsm, sortkey').pluck().iterate(table)) {
      yield (deserialize(r as Buffer) as { a: Row }).a;
    }
  }

  *features(table: string): Generator<Feature> {
    for (const r of this.db.prepare('SELECT data FROM rows WHERE tbl = ? ORDER BY bsm, sortkey').pluck().iterate(table)) {
      const d = deserialize(r as Buffer) as { a: Row; g?: Geometry };
      yield { attributes: d.a, geometry: d.g ?? null };
    }
  }

  close(): void {
    this.db.close();
  }
}

/** The code a table's rows are looked up by (sketch maps: plots by DKBM, a contractor's rows by CBFBM). */
const REF_FIELD: Readonly<Record<string, string>> = { DK: 'DKBM', CBDKXX: 'CBFBM', CBF: 'CBFBM', FBF: 'FBFBM', CBJYQZDJB: 'CBFBM' };

function keyOf(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

function bboxOf(g: Geometry): [number, number, number, number] | null {
  if (!g) return null;
  if (g.type === 'Point') return [g.x, g.y, g.x, g.y];
  let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
  for (const part of g.parts) for (const [x, y] of part) {
    if (x < minx) minx = x;
    if (x > maxx) maxx = x;
    if (y < miny) miny = y;
    if (y > maxy) maxy = y;
  }
  return minx === Infinity ? null : [minx, miny, maxx, maxy];
}
