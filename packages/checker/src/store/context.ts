import { sep } from 'node:path';
import type Database from 'better-sqlite3';
import type { ReaderIssue } from '../readers/issues.js';
import { IssueLog } from './issues.js';
import { storeTableNames } from './schema.js';
import type { LayerGeometry } from './layer-geometry.js';

export interface LoadProgress {
  readonly phase: string;
  readonly done: number;
  readonly total?: number;
  readonly file?: string;
}

export type ProgressListener = (p: LoadProgress) => void;

/** A src_tables row as a loader records it. */
interface SourceTableRecord {
  name: string;
  origin: 'mdb' | 'shp' | 'xls';
  files: readonly string[];
  recordCount: number;
  encoding?: string | null;
  encodingSource?: string | null;
  shapeType?: number | null;
  hasZ?: boolean | null;
  hasM?: boolean | null;
  crs?: unknown;
  prjText?: string | null;
  extra?: unknown;
}

/** A src_columns row as a loader records it. */
interface SourceColumnRecord {
  name: string;
  srcType: string;
  size?: number | null;
  precision?: number | null;
  scale?: number | null;
  nullable?: 0 | 1 | null;
}

/** What every per-format loader shares: the store, the issue log, progress, and the names already taken. */
export class LoadContext {
  readonly issues: IssueLog;
  /** every loaded layer's geometry as decoded, for the spatial rules to adopt (store/layer-geometry.ts) */
  readonly layers: LayerGeometry[] = [];
  readonly #taken = new Set<string>();
  #insertTable: Database.Statement | undefined;
  #insertColumn: Database.Statement | undefined;

  constructor(
    readonly db: Database.Database,
    readonly onProgress: ProgressListener = () => {},
    /** the package root on disk (for a zip, inside the scratch folder): never shown, paths are package-relative */
    readonly root?: string,
  ) {
    this.issues = new IssueLog(db);
    // the store's own names are taken in a load thread's file too, which holds none of those tables
    for (const name of storeTableNames) this.#taken.add(name.toLowerCase());
    for (const row of db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").all() as { name: string }[]) {
      this.#taken.add(row.name.toLowerCase());
    }
  }

  /**
   * Reserves a data-table name. SQLite names are case-insensitive, so `cbf` and `CBF` collide; a second source
   * table with a taken name is not loaded and the clash is recorded as a load issue.
   */
  claimTable(name: string, file: string): boolean {
    const key = name.toLowerCase();
    if (this.#taken.has(key)) {
      this.issue({ code: 'duplicate-table', file, table: name });
      return false;
    }
    this.#taken.add(key);
    return true;
  }

  issue(i: ReaderIssue): void {
    if (this.root === undefined) {
      this.addIssue(i);
      return;
    }
    // a reader names the file it was given (absolute): the user knows the package, not the scratch folder
    const prefix = `${this.root}${sep}`;
    const relative = (s: string): string => s.split(prefix).join('');
    const params = i.params === undefined ? undefined : Object.fromEntries(Object.entries(i.params).map(([k, v]) => [k, typeof v === 'string' ? relative(v) : v]));
    this.addIssue({ ...i, ...(i.file ? { file: relative(i.file) } : {}), ...(params ? { params } : {}) });
  }

  /** Stores an issue whose paths are already package-relative. */
  addIssue(i: ReaderIssue): void {
    this.issues.add(i);
  }

  recordTable(t: SourceTableRecord): void {
    const bool = (b: boolean | null | undefined): number | null => (b === undefined || b === null ? null : b ? 1 : 0);
    // prepared when first used: a RecordingContext (a load thread's) never writes these rows
    this.#insertTable ??= this.db.prepare(
      `INSERT INTO src_tables (name, origin, files, record_count, encoding, encoding_source, shape_type, has_z, has_m,
         crs_json, prj_text, extra_json)
       VALUES (@name, @origin, @files, @record_count, @encoding, @encoding_source, @shape_type, @has_z, @has_m,
         @crs_json, @prj_text, @extra_json)`,
    );
    this.#insertTable.run({
      name: t.name,
      origin: t.origin,
      files: JSON.stringify(t.files),
      record_count: t.recordCount,
      encoding: t.encoding ?? null,
      encoding_source: t.encodingSource ?? null,
      shape_type: t.shapeType ?? null,
      has_z: bool(t.hasZ),
      has_m: bool(t.hasM),
      crs_json: t.crs === undefined || t.crs === null ? null : JSON.stringify(t.crs),
      prj_text: t.prjText ?? null,
      extra_json: t.extra === undefined ? null : JSON.stringify(t.extra),
    });
  }

  recordColumns(table: string, columns: readonly SourceColumnRecord[], firstOrdinal = 1): void {
    const insert = (this.#insertColumn ??= this.db.prepare(
      `INSERT INTO src_columns (tbl, ordinal, name, src_type, size, precision, scale, nullable)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ));
    this.db.transaction(() => {
      columns.forEach((c, i) =>
        insert.run(table, firstOrdinal + i, c.name, c.srcType, c.size ?? null, c.precision ?? null, c.scale ?? null, c.nullable ?? null),
      );
    })();
  }
}

/** What one loader call wrote besides its data table, in the order it wrote it. */
export type LoadRecord =
  | { readonly kind: 'issue'; readonly issue: ReaderIssue }
  | { readonly kind: 'table'; readonly table: SourceTableRecord }
  | { readonly kind: 'columns'; readonly table: string; readonly columns: readonly SourceColumnRecord[]; readonly firstOrdinal: number };

/**
 * A LoadContext that keeps issues, src_tables and src_columns rows in memory instead of writing them: loaders
 * running concurrently (store/load-parallel.ts) each record theirs, and the store gets them in the one order a
 * sequential load writes them (`replay`), whichever thread finished first. Data tables are still written to `db`.
 */
export class RecordingContext extends LoadContext {
  readonly records: LoadRecord[] = [];

  override addIssue(i: ReaderIssue): void {
    this.records.push({ kind: 'issue', issue: i });
  }

  override recordTable(t: SourceTableRecord): void {
    this.records.push({ kind: 'table', table: t });
  }

  override recordColumns(table: string, columns: readonly SourceColumnRecord[], firstOrdinal = 1): void {
    this.records.push({ kind: 'columns', table, columns, firstOrdinal });
  }
}

/** Writes what a RecordingContext recorded into `ctx`'s store, in recorded order. */
export function replay(ctx: LoadContext, records: readonly LoadRecord[]): void {
  for (const r of records) {
    if (r.kind === 'issue') ctx.addIssue(r.issue);
    else if (r.kind === 'table') ctx.recordTable(r.table);
    else ctx.recordColumns(r.table, r.columns, r.firstOrdinal);
  }
}
