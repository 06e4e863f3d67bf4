import Database from 'better-sqlite3';

/** An SQLite connection (better-sqlite3), for packages that read SQLite files (GeoPackage) or stage data in one. */
export type SqliteDatabase = Database.Database;

/**
 * Open an SQLite file through the checker's better-sqlite3, so the packager reads GeoPackages and stages build
 * data with the same native module the working store uses. `readonly` opens an existing file only.
 */
export function openSqlite(path: string, options: { readonly readonly?: boolean } = {}): SqliteDatabase {
  return options.readonly ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path);
}
