import type Database from 'better-sqlite3';
import { hasStoreTable, sourceTables } from '../store/facts.js';

/** A file or folder the package scan found (`pkg_files`). */
interface PackageFile {
  readonly path: string;
  readonly size: number;
  readonly kind: string | null;
  readonly layer: string | null;
  readonly county: string | null;
  readonly year: string | null;
  readonly part: number | null;
  readonly summaryTable: string | null;
  readonly isDir: boolean;
}

type FileRow = { path: string; size: number | null; kind: string | null; layer: string | null; county: string | null; year: string | null; part: number | null; summary_table: string | null; is_dir: number };

function toPackageFile(r: FileRow): PackageFile {
  return {
    path: r.path,
    size: r.size ?? 0,
    kind: r.kind,
    layer: r.layer,
    county: r.county,
    year: r.year,
    part: r.part,
    summaryTable: r.summary_table,
    isDir: r.is_dir === 1,
  };
}

/**
 * Streams the scan's files (a county holds hundreds of thousands of sketch maps and attachments): those of
 * `kinds`, and those `filter` keeps (SQL over pkg_files' columns and its one parameter) when given.
 */
export function* iteratePackageFiles(db: Database.Database, kinds?: readonly string[], filter?: readonly [sql: string, param: unknown]): Generator<PackageFile> {
  if (!hasStoreTable(db, 'pkg_files')) return;
  const tests = [...(kinds ? [`kind IN (${kinds.map(() => '?').join(', ')})`] : []), ...(filter ? [`(${filter[0]})`] : [])];
  const where = tests.length > 0 ? `WHERE ${tests.join(' AND ')}` : '';
  const params = [...(kinds ?? []), ...(filter ? [filter[1]] : [])];
  const rows = db.prepare(`SELECT path, size, kind, layer, county, year, part, summary_table, is_dir FROM pkg_files ${where} ORDER BY path`).iterate(...params) as IterableIterator<FileRow>;
  for (const r of rows) yield toPackageFile(r);
}

/** The distinct values of one pkg_files column among files (not folders), e.g. which kinds are present. */
export function distinctFileValues(db: Database.Database, column: 'kind' | 'summary_table'): Set<string> {
  if (!hasStoreTable(db, 'pkg_files')) return new Set();
  const rows = db.prepare(`SELECT DISTINCT ${column} AS v FROM pkg_files WHERE is_dir = 0 AND ${column} IS NOT NULL`).all() as { v: string }[];
  return new Set(rows.map((r) => r.v));
}

/** Folder paths the scan found. */
export function folderPaths(db: Database.Database): Set<string> {
  if (!hasStoreTable(db, 'pkg_files')) return new Set();
  return new Set((db.prepare(`SELECT path FROM pkg_files WHERE is_dir = 1`).all() as { path: string }[]).map((r) => r.path));
}

/**
 * Files and folders the scan found, by path; `kinds` narrows to the scanner's classification (classifyPath's kind,
 * or 'symlink'), which matters at county scale where 图件 and 权属来源附件 hold hundreds of thousands of files.
 */
export function packageFiles(db: Database.Database, kinds?: readonly string[]): PackageFile[] {
  return [...iteratePackageFiles(db, kinds)];
}

/**
 * The ownership database's path, when one was read. A missing, misnamed or unreadable .mdb is reported once by the
 * layout rules, not again as twelve missing tables.
 */
export function ownershipDatabasePath(db: Database.Database): string | undefined {
  return sourceTables(db).find((t) => t.origin === 'mdb')?.files[0];
}

export function extension(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}
