import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { resolveRules, type Profile } from '../../engine/profile.js';
import { runRules } from '../../engine/runner.js';
import { readPackageInfo } from '../../store/facts.js';
import type { Rule } from '../../engine/types.js';
import type { Finding } from '../../engine/finding.js';
import type { ReaderIssue } from '../../readers/issues.js';
import { IssueLog } from '../../store/issues.js';
import { initStore, quoteIdent, writePkgInfo } from '../../store/schema.js';

/** A column of a test data table: name, SQLite affinity, and optional source declaration for `src_columns`. */
export interface TestColumn {
  readonly name: string;
  readonly affinity?: 'TEXT' | 'INTEGER' | 'REAL';
  readonly srcType?: string;
  readonly size?: number | null;
  readonly precision?: number | null;
  readonly scale?: number | null;
}

export interface TestTable {
  readonly name: string;
  readonly origin?: 'mdb' | 'shp' | 'xls';
  readonly file?: string;
  readonly columns: readonly TestColumn[];
  /** typed values by column name; `$raw` defaults to String(value); `_deleted: true` flags a deleted DBF record */
  readonly rows?: readonly Readonly<Record<string, unknown>>[];
  readonly encoding?: string;
  readonly layer?: boolean;
}

export interface TestFile {
  readonly path: string;
  readonly isDir?: boolean;
  readonly kind?: string;
  readonly layer?: string;
  readonly county?: string;
  readonly year?: string;
  readonly part?: number;
  readonly summaryTable?: string;
  readonly size?: number;
}

/** A reader issue as the loader stores it (readers/issues.ts). */
type TestIssue = ReaderIssue;

export interface TestStore {
  readonly info?: Readonly<Record<string, string>>;
  readonly files?: readonly TestFile[];
  readonly tables?: readonly TestTable[];
  readonly issues?: readonly TestIssue[];
}

const defaultInfo = { root: '/tmp/220581梅河口市', rootName: '220581梅河口市', county: '220581', countyName: '梅河口市', year: '2016', input: '/tmp/220581梅河口市', inputKind: 'folder' };

/**
 * Builds a real SQLite store following the loader contract (store/schema.ts), small enough to read in a test.
 * Returns the path; the caller deletes the directory with `dispose`.
 */
export function buildStore(spec: TestStore): { path: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'nyt2539-rule-'));
  const path = join(dir, 'store.sqlite');
  const db = new Database(path);
  try {
    initStore(db);
    writePkgInfo(db, { ...defaultInfo, ...spec.info });
    const addFile = db.prepare(`INSERT INTO pkg_files (path, size, kind, layer, county, year, part, summary_table, is_dir) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const f of spec.files ?? []) {
      addFile.run(f.path, f.size ?? 0, f.kind ?? null, f.layer ?? null, f.county ?? null, f.year ?? null, f.part ?? null, f.summaryTable ?? null, f.isDir ? 1 : 0);
    }
    for (const t of spec.tables ?? []) addTable(db, t);
    const log = new IssueLog(db);
    for (const i of spec.issues ?? []) log.add(i);
  } finally {
    db.close();
  }
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function addTable(db: Database.Database, t: TestTable): void {
  const origin = t.origin ?? (t.layer ? 'shp' : 'mdb');
  const file = t.file ?? (origin === 'mdb' ? '权属数据/2205812016.mdb' : `矢量数据/${t.name}2205812016.shp`);
  db.prepare(`INSERT INTO src_tables (name, origin, files, record_count, encoding) VALUES (?, ?, ?, ?, ?)`).run(t.name, origin, JSON.stringify([file]), t.rows?.length ?? 0, t.encoding ?? null);
  const addColumn = db.prepare(`INSERT INTO src_columns (tbl, ordinal, name, src_type, size, precision, scale, nullable) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`);
  t.columns.forEach((c, i) => addColumn.run(t.name, i + 1, c.name, c.srcType ?? (origin === 'mdb' ? 'text' : 'C'), c.size ?? null, c.precision ?? null, c.scale ?? null));
  const defs = ['_rid INTEGER PRIMARY KEY', '_file TEXT', '_rec INTEGER', '_deleted INTEGER'];
  for (const c of t.columns) defs.push(`${quoteIdent(c.name)} ${c.affinity ?? 'TEXT'}`, `${quoteIdent(`${c.name}$raw`)} TEXT`);
  if (t.layer) defs.push('_geom BLOB');
  db.exec(`CREATE TABLE ${quoteIdent(t.name)} (${defs.join(', ')})`);
  const names = ['_file', '_rec', '_deleted', ...t.columns.flatMap((c) => [c.name, `${c.name}$raw`])];
  const insert = db.prepare(`INSERT INTO ${quoteIdent(t.name)} (${names.map(quoteIdent).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
  (t.rows ?? []).forEach((row, i) => {
    const values: unknown[] = [file, i + 1, row._deleted ? 1 : 0];
    for (const c of t.columns) {
      const v = row[c.name] ?? null;
      const raw = Object.hasOwn(row, `${c.name}$raw`) ? row[`${c.name}$raw`] : v === null ? null : String(v);
      values.push(v, raw);
    }
    insert.run(values);
  });
}

/** Runs the given rules on a test store, read-only, the way runCheck does, and returns the findings. */
export function runOnStore(spec: TestStore, rules: readonly Rule[], profile?: Profile): Finding[] {
  return runOnBuiltStore(buildStore(spec), rules, profile);
}

/** Runs rules on a store built by a test helper, read-only, then disposes of the store. */
export function runOnBuiltStore(store: { path: string; dispose(): void }, rules: readonly Rule[], profile?: Profile): Finding[] {
  try {
    const db = new Database(store.path, { readonly: true, fileMustExist: true });
    try {
      return runRules(db, readPackageInfo(db), resolveRules(rules, profile)).findings;
    } finally {
      db.close();
    }
  } finally {
    store.dispose();
  }
}

/** The parts of findings a rule test asserts: what, where, which value. */
export function brief(findings: readonly Finding[]): { rule: string; id: string; severity: string; table?: string; record?: number; field?: string; file?: string; actual?: unknown }[] {
  return findings.map((f) => ({
    rule: f.ruleId,
    id: f.messageId,
    severity: f.severity,
    ...(f.location.file !== undefined ? { file: f.location.file } : {}),
    ...(f.location.table !== undefined ? { table: f.location.table } : {}),
    ...(f.location.record !== undefined ? { record: f.location.record } : {}),
    ...(f.location.field !== undefined ? { field: f.location.field } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
  }));
}
