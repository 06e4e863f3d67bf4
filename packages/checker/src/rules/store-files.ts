import type Database from 'better-sqlite3';
import { hasStoreTable, sourceTables } from '../engine/store-facts.js';

/** A file or folder the package scan found (`pkg_files`). */
export interface PackageFile {
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

/**
 * Files and folders the scan found, by path; `kinds` narrows to the scanner's classification (classifyPath's kind,
 * or 'symlink'), which matters at county scale where 图件 and 权属来源附件 hold hundreds of thousands of files.
 */
export function packageFiles(db: Database.Database, kinds?: readonly string[]): PackageFile[] {
  if (!hasStoreTable(db, 'pkg_files')) return [];
  const where = kinds ? `WHERE kind IN (${kinds.map(() => '?').join(', ')})` : '';
  const rows = db
    .prepare(`SELECT path, size, kind, layer, county, year, part, summary_table, is_dir FROM pkg_files ${where} ORDER BY path`)
    .all(...(kinds ?? [])) as { path: string; size: number | null; kind: string | null; layer: string | null; county: string | null; year: string | null; part: number | null; summary_table: string | null; is_dir: number }[];
  return rows.map((r) => ({
    path: r.path,
    size: r.size ?? 0,
    kind: r.kind,
    layer: r.layer,
    county: r.county,
    year: r.year,
    part: r.part,
    summaryTable: r.summary_table,
    isDir: r.is_dir === 1,
  }));
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
