import { FOLDER, splitFieldPaths, type sketchMapPath } from '@nyt2539/schema';
import type Database from 'better-sqlite3';
import { hasStoreTable } from '../../store/facts.js';
import { sqlText } from '../support/sql.js';

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

/**
 * SQL: the text `expr` names exactly one path, itself with '\' read as '/' (`slashed(expr)`) — what fieldPaths
 * returns for it is that one path: no empty segment, no dot before the file name (so no segment but the last can
 * end an item as a file name), no leading root folder, and only printable ASCII and CJK ideographs, so nothing
 * trim() removes (the one range class is several times cheaper in GLOB than a class of trim's 25 characters).
 * Such values, the ~450k common ones of a county, are matched against pkg_files in SQL; the rest go through
 * fieldPaths.
 */
export function singlePathSql(expr: string, rootName: string): string {
  const tests = [
    `${expr} <> ''`,
    `substr(${expr}, 1, 1) NOT IN ('/', '\\')`,
    `substr(${expr}, -1, 1) NOT IN ('/', '\\')`,
    ...['//', '\\\\', '/\\', '\\/'].map((pair) => `instr(${expr}, '${pair}') = 0`),
    `${expr} NOT GLOB '*.*[/\\]*'`,
    `${expr} NOT GLOB '*[^!-~\u4e00-\u9fff]*'`,
    ...(rootName ? [`${slashed(`substr(${expr}, 1, ${[...rootName].length + 1})`)} <> ${sqlText(`${rootName}/`)}`] : []),
  ];
  return `(${tests.join(' AND ')})`;
}

/** SQL: `expr` with each '\' read as '/'. */
export function slashed(expr: string): string {
  return `replace(${expr}, '\\', '/')`;
}
