import type BetterSqlite3 from 'better-sqlite3';
import { requireCommonJs } from './require.js';

/** better-sqlite3 (CommonJS: io/require.ts), for every thread that opens the store. */
const Database = requireCommonJs<typeof BetterSqlite3>('better-sqlite3');

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
