import type Database from 'better-sqlite3';
import { openSqlite } from '../io/sqlite.js';

/** Facts about the package being checked (the store's `pkg_info`). */
export interface PackageInfo {
  readonly root: string;
  readonly rootName: string;
  readonly county: string;
  readonly countyName: string;
  readonly year: string;
  readonly input: string;
  readonly inputKind: 'folder' | 'zip' | '';
}

/** A source table or layer as the readers found it (`src_tables`). */
export interface SourceTable {
  readonly name: string;
  readonly origin: 'mdb' | 'shp' | 'xls' | string;
  readonly files: readonly string[];
  readonly recordCount: number;
  readonly encoding: string | null;
  readonly encodingSource: string | null;
}

/** A column as the source declares it (`src_columns`). */
export interface SourceColumn {
  readonly table: string;
  readonly ordinal: number;
  readonly name: string;
  readonly srcType: string;
  readonly size: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
  readonly nullable: number | null;
}

/**
 * Open a kept working store (`check --keep-store`, benchmarks): read-only by default, as rules see it; writable
 * only for the summary preparation, which replaces its own table.
 */
export function openStore(path: string, options: { readonly writable?: boolean } = {}): Database.Database {
  const db = openSqlite(path, { readonly: !options.writable, mustExist: true });
  try {
    attachStoreParts(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * Attaches the load threads' files the store reads layer tables from (`store_parts`): unqualified table names then
 * resolve to them, so rules see one store. An attached file opens read-only when the connection is.
 */
export function attachStoreParts(db: Database.Database): void {
  if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_parts'`).get() === undefined) return;
  const attached = new Set((db.prepare(`SELECT name FROM pragma_database_list`).all() as { name: string }[]).map((r) => r.name));
  for (const { alias, path } of db.prepare(`SELECT alias, path FROM store_parts ORDER BY alias`).all() as { alias: string; path: string }[]) {
    if (!attached.has(alias)) db.prepare(`ATTACH DATABASE ? AS ${ident(alias)}`).run(path);
  }
}

/** Quote an SQL identifier (table and column names come from the source files). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** What a read-only connection's store holds: it cannot change, and the rules ask again and again. */
interface ReadOnlyFacts {
  /** its tables, listed at the first question */
  tables?: ReadonlySet<string>;
  /** the data columns of each table asked about */
  readonly columns: Map<string, ReadonlySet<string>>;
}

const readOnlyFacts = new WeakMap<Database.Database, ReadOnlyFacts>();

/** The facts remembered for `db`, or undefined when it can write (its tables and columns may change). */
function factsOf(db: Database.Database): ReadOnlyFacts | undefined {
  if (!db.readonly) return undefined;
  let facts = readOnlyFacts.get(db);
  if (!facts) readOnlyFacts.set(db, (facts = { columns: new Map() }));
  return facts;
}

export function hasStoreTable(db: Database.Database, name: string): boolean {
  // every schema but temp: a layer table may live in an attached part (store_parts)
  const sql = `SELECT name FROM pragma_table_list WHERE type = 'table' AND schema <> 'temp'`;
  const facts = factsOf(db);
  if (!facts) return db.prepare(`${sql} AND name = ?`).get(name) !== undefined;
  facts.tables ??= new Set(db.prepare(sql).pluck().all() as string[]);
  return facts.tables.has(name);
}

/**
 * Tables of the .mdb the reader could not read to the end (load issue `mdb-table-unreadable`, reported once at
 * the file): rules that would only restate the damage as a missing table or as disagreeing totals skip them.
 */
export function unreadableMdbTables(db: Database.Database): Set<string> {
  if (!hasStoreTable(db, 'load_issues')) return new Set();
  const rows = db.prepare(`SELECT DISTINCT tbl FROM load_issues WHERE code IN ('mdb-table-unreadable', 'mdb-table-cut') AND tbl IS NOT NULL`).all() as { tbl: string }[];
  return new Set(rows.map((r) => r.tbl));
}

/** Whether the .mdb, or one of its tables, could not be read (either is reported once, at the file). */
export function mdbDamaged(db: Database.Database): boolean {
  if (!hasStoreTable(db, 'load_issues')) return false;
  return db.prepare(`SELECT 1 FROM load_issues WHERE code IN ('mdb-unreadable', 'mdb-table-unreadable', 'mdb-truncated') LIMIT 1`).get() !== undefined;
}

/**
 * Whether a layer was only partly read (its .shp or .dbf cut short or misaligned, reported once at the file): a
 * rule that needs all of its features would report every missing one.
 */
export function layerReadPartly(db: Database.Database, layer: string): boolean {
  if (!hasStoreTable(db, 'load_issues')) return false;
  const sql = `SELECT 1 FROM load_issues WHERE tbl = ? AND code IN ('dbf-truncated', 'dbf-misaligned', 'dbf-fields-misaligned', 'shp-truncated', 'shp-misaligned') LIMIT 1`;
  return db.prepare(sql).get(layer) !== undefined;
}

/**
 * Whether the parts of a split layer declare different fields or shape types (reported once at the part): the
 * layer's `src_columns` are its first part's, so only without this do they bound every part's values.
 */
export function layerPartsDiffer(db: Database.Database, layer: string): boolean {
  if (!hasStoreTable(db, 'load_issues')) return false;
  return db.prepare(`SELECT 1 FROM load_issues WHERE tbl = ? AND code = 'layer-part-mismatch' LIMIT 1`).get(layer) !== undefined;
}

/**
 * Whether a table or layer was read only in part or not at all (an .mdb table cut off or unreadable, fewer rows
 * than declared, a layer cut short): a rule that looks rows up in it would call every missing row an orphan.
 */
export function tableReadPartly(db: Database.Database, table: string): boolean {
  if (!hasStoreTable(db, 'load_issues')) return false;
  const sql = `SELECT 1 FROM load_issues WHERE tbl = ? COLLATE NOCASE AND code IN
    ('mdb-table-unreadable', 'mdb-table-cut', 'mdb-row-count-mismatch', 'dbf-truncated', 'dbf-misaligned', 'dbf-fields-misaligned', 'shp-truncated', 'shp-misaligned') LIMIT 1`;
  return db.prepare(sql).get(table) !== undefined;
}

export function readPackageInfo(db: Database.Database): PackageInfo {
  const values = new Map<string, string>();
  if (hasStoreTable(db, 'pkg_info')) {
    for (const row of db.prepare(`SELECT key, value FROM pkg_info`).all() as { key: string; value: string | null }[]) {
      values.set(row.key, row.value ?? '');
    }
  }
  const kind = values.get('inputKind') ?? '';
  return {
    root: values.get('root') ?? '',
    rootName: values.get('rootName') ?? '',
    county: values.get('county') ?? '',
    countyName: values.get('countyName') ?? '',
    year: values.get('year') ?? '',
    input: values.get('input') ?? '',
    inputKind: kind === 'folder' || kind === 'zip' ? kind : '',
  };
}

export function sourceTables(db: Database.Database): SourceTable[] {
  if (!hasStoreTable(db, 'src_tables')) return [];
  const rows = db
    .prepare(`SELECT name, origin, files, record_count, encoding, encoding_source FROM src_tables ORDER BY name`)
    .all() as { name: string; origin: string; files: string | null; record_count: number | null; encoding: string | null; encoding_source: string | null }[];
  return rows.map((r) => ({
    name: r.name,
    origin: r.origin,
    files: parseFiles(r.files),
    recordCount: r.record_count ?? 0,
    encoding: r.encoding,
    encodingSource: r.encoding_source,
  }));
}

function parseFiles(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export function sourceColumns(db: Database.Database, table: string): SourceColumn[] {
  if (!hasStoreTable(db, 'src_columns')) return [];
  const rows = db
    .prepare(`SELECT tbl, ordinal, name, src_type, size, precision, scale, nullable FROM src_columns WHERE tbl = ? ORDER BY ordinal`)
    .all(table) as { tbl: string; ordinal: number; name: string; src_type: string; size: number | null; precision: number | null; scale: number | null; nullable: number | null }[];
  return rows.map((r) => ({
    table: r.tbl,
    ordinal: r.ordinal,
    name: r.name,
    srcType: r.src_type,
    size: r.size,
    precision: r.precision,
    scale: r.scale,
    nullable: r.nullable,
  }));
}

/** Columns actually present in the store's data table (standard and extra fields, no `_` bookkeeping, no `$raw`). */
export function dataColumns(db: Database.Database, table: string): ReadonlySet<string> {
  const cache = factsOf(db)?.columns;
  const cached = cache?.get(table);
  if (cached) return cached;
  let present: ReadonlySet<string> = new Set();
  if (hasStoreTable(db, table)) {
    const cols = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
    present = new Set(cols.filter((n) => !n.startsWith('_') && !n.endsWith('$raw')));
  }
  cache?.set(table, present);
  return present;
}

/**
 * Rows per page of `ridPages`: reading the 1.15M JZD points of a county in pages of 20,000 took twice the CPU of
 * pages of 2,000 (a large page's rows outlive V8's young generation and are copied out of it).
 */
const PAGE = 2000;

/**
 * The rows of `sql` (selecting `_rid`, no ORDER BY) in `_rid` order, one page at a time, as arrays (`raw`, `_rid`
 * first) or objects: a page read with `all()` leaves the connection free for the caller's own queries between
 * rows (an open `iterate()` would not), and pages keep memory bounded. Each page runs `sql` again from the last
 * `_rid`: a plain scan resumes where it stopped, but a subquery in `sql` is worked out again per page.
 */
export function* ridPages(db: Database.Database, sql: string, raw: boolean): Generator<unknown[]> {
  const page = db.prepare(`SELECT * FROM (${sql}) WHERE _rid > ? ORDER BY _rid LIMIT ${PAGE}`).raw(raw);
  const ridOf = raw ? (row: unknown) => (row as unknown[])[0] : (row: unknown) => (row as Record<string, unknown>)._rid;
  for (let rows = page.all(-Infinity); rows.length > 0; rows = page.all(ridOf(rows[rows.length - 1]))) yield rows;
}
