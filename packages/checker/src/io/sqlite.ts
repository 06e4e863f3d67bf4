import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3, through require: imported as an ES module, Node first scans its CommonJS source for export names
 * with a lexer each thread initialises for that (~16 ms of CPU in a fresh thread, against ~6 ms through require).
 */
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

/** An SQLite connection (better-sqlite3), for packages that read SQLite files (GeoPackage) or stage data in one. */
export type SqliteDatabase = BetterSqlite3.Database;

/**
 * Opens an SQLite file (created when missing) through the checker's better-sqlite3: the one place it is loaded, so
 * the store, the load threads and the packager (GeoPackages, build staging) share one native module. `readonly`
 * and `mustExist` open an existing file only.
 */
export function openSqlite(path: string, options: { readonly readonly?: boolean; readonly mustExist?: boolean } = {}): SqliteDatabase {
  return new Database(path, { readonly: options.readonly === true, fileMustExist: options.readonly === true || options.mustExist === true });
}
