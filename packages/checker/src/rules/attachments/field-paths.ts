import { FOLDER, splitFieldPaths, type sketchMapPath } from '@nyt2539/schema';
import type Database from 'better-sqlite3';
import { hasStoreTable } from '../../store/facts.js';

type Extension = NonNullable<NonNullable<Parameters<typeof sketchMapPath>[2]>['extension']>;

/** Fields that hold package-relative file paths, and the extensions the standard allows for them. */
export const PATH_FIELDS: readonly { table: string; field: string; extensions: readonly Extension[]; folder: string }[] = [
  { table: 'CBJYQZDJB', field: 'DKSYT', extensions: ['pdf', 'jpg'], folder: FOLDER.maps }, // B.8 note b
  { table: 'QSLYZLFJ', field: 'FJ', extensions: ['pdf', 'jpg'], folder: FOLDER.attachments }, // B.7 note a
  { table: 'KZD', field: 'DZJ', extensions: ['pdf', 'jpg'], folder: FOLDER.controlPointSketches }, // A.1 note b
];

/** Package files by lower-cased path (Windows, where packages are made, ignores case). */
export function packageFileIndex(db: Database.Database): Map<string, string> {
  const files = new Map<string, string>();
  if (!hasStoreTable(db, 'pkg_files')) return files;
  // pluck().all(): one array of strings, several times faster than stepping 460k rows with iterate()
  for (const path of db.prepare(`SELECT path FROM pkg_files WHERE is_dir = 0`).pluck().all() as string[]) files.set(path.toLowerCase(), path);
  return files;
}

/** The package-relative paths a field value names: '\' or '/' separated, '/'-joined lists, a leading root folder dropped. */
export function fieldPaths(value: string, rootName: string): string[] {
  return splitFieldPaths(value).map((p) => (rootName && p.startsWith(`${rootName}/`) ? p.slice(rootName.length + 1) : p));
}
