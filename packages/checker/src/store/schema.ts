import type Database from 'better-sqlite3';

/** `xls_rows.table_id` of the 权属单位代码表 (summary tables use their SummaryTableId). */
export const UNIT_CODE_TABLE_ID = 'unitCodeTable';

/** The package listing (discover.ts): in the store, or in a listing thread's file of its own (list-parallel.ts). */
const pkgFilesSql = `
CREATE TABLE pkg_files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,          -- relative to the package root, '/' separators, as on disk
  size INTEGER,
  kind TEXT,                   -- classifyPath() kind
  layer TEXT,
  county TEXT,
  year TEXT,
  part INTEGER,
  summary_table TEXT,
  is_dir INTEGER NOT NULL
);
`;

/**
 * The working store: one SQLite file per check, written by the loader, read by the rules.
 * This file is the contract between them (issue "checker I/O"); change it only additively.
 *
 * Data tables (one per source table/layer, named as the standard's table, e.g. `CBF`, `DK`) are created by
 * `createDataTable` in data-table.ts; their shape is documented there.
 */
const storeSchemaSql = `
-- SQLite files of the load threads whose layer tables the store reads in place (ATTACHed under alias): the
-- store is this file plus them, and every connection to it attaches them (facts.ts openStore); one row per file
CREATE TABLE store_parts (
  alias TEXT NOT NULL,
  path TEXT NOT NULL
);
CREATE TABLE pkg_info (key TEXT PRIMARY KEY, value TEXT);
${pkgFilesSql}CREATE TABLE src_tables (
  name TEXT PRIMARY KEY,       -- standard table name, e.g. 'CBF', 'DK'
  origin TEXT NOT NULL,        -- 'mdb' | 'shp' | 'xls'
  files TEXT NOT NULL,         -- JSON array of relative paths
  record_count INTEGER,
  encoding TEXT,
  encoding_source TEXT,
  shape_type INTEGER,
  has_z INTEGER,
  has_m INTEGER,
  crs_json TEXT,               -- parsePrj() result
  prj_text TEXT,
  extra_json TEXT
);
CREATE TABLE src_columns (
  tbl TEXT NOT NULL,
  ordinal INTEGER NOT NULL,    -- 1-based, source order
  name TEXT NOT NULL,
  src_type TEXT NOT NULL,      -- mdb: text|integer|long|numeric|datetime|memo|boolean|...; dbf: C|N|F|D|L|I...
  size INTEGER,                -- characters for mdb text, width for dbf
  precision INTEGER,
  scale INTEGER,
  nullable INTEGER,            -- 1, 0, or NULL when the source does not say
  PRIMARY KEY (tbl, ordinal)
);
CREATE TABLE xls_rows (file TEXT, table_id TEXT, sheet_row INTEGER, unit_code TEXT, unit_name TEXT, values_json TEXT);
CREATE TABLE meta_xml (key TEXT, value TEXT);
CREATE TABLE meta_xml_layers (name TEXT);
-- every reader's issues (readers/issues.ts): what and where, never how bad (the owning rule's meta decides)
CREATE TABLE load_issues (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  file TEXT,
  tbl TEXT,
  record INTEGER,
  field TEXT,
  params_json TEXT
);
`;

/** The store's own tables: no source table or layer may take their names, in the store or a thread's file. */
export const storeTableNames: readonly string[] = [...storeSchemaSql.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]);

/**
 * Creates an empty store with bulk-load pragmas: the file is scratch, so durability is traded for speed. A load
 * thread's file (`part`) starts with no table and a listing thread's (`listing`) with pkg_files only: an attached
 * file holds nothing but what the store reads from it, so no name resolves to an empty copy there.
 */
export function initStore(db: Database.Database, kind: 'store' | 'part' | 'listing' = 'store'): void {
  // 64 KiB pages: fewer page splits and headers per appended row than 4 KiB; must be set before any table exists
  db.pragma('page_size = 65536');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -65536'); // 64 MiB
  db.pragma('temp_store = MEMORY');
  if (kind === 'store') db.exec(storeSchemaSql);
  else if (kind === 'listing') db.exec(pkgFilesSql);
}

/**
 * Makes a thread's SQLite file part of the store: listed in `store_parts` (so every later connection attaches it,
 * facts.ts openStore) and attached to `db` as `alias`.
 */
export function attachStorePart(db: Database.Database, alias: string, path: string): void {
  db.prepare(`INSERT INTO store_parts (alias, path) VALUES (?, ?)`).run(alias, path);
  db.prepare(`ATTACH DATABASE ? AS ${quoteIdent(alias)}`).run(path);
}

/** Sets the bookkeeping rows the rules read first. */
export function writePkgInfo(db: Database.Database, info: Readonly<Record<string, string>>): void {
  const put = db.prepare('INSERT OR REPLACE INTO pkg_info (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (const [k, v] of Object.entries(info)) put.run(k, v);
  })();
}

/** SQL identifier quoting (source column names are data, not code). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
