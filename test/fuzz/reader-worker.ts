/**
 * The in-process fuzz worker (a worker thread): builds each mutant itself from (file, operator, seed), loads ONLY
 * the mutated file with the loader `check` uses for it (the layer's shapefiles, the .mdb, the .xls/.xml sources;
 * a mutated zip through the zip reader) into a fresh in-memory store, and answers how it ended.
 * No rules run: that is what makes ~10–100 mutants a second possible, where a whole check of the tiny package
 * costs ~0.7 s CPU. Anything thrown past the loader that is not a LocalizedError is a crash.
 */
import { linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { defaultZipLimits, openSqlite, type SqliteDatabase } from '@nyt2539/checker';
import { classifyPath, LocalizedError } from '@nyt2539/schema';
import { readZipInPlace } from '../../packages/checker/src/load.js';
import { LoadContext } from '../../packages/checker/src/store/context.js';
import { initStore } from '../../packages/checker/src/store/schema.js';
import { loadLayer } from '../../packages/checker/src/store/load-layer.js';
import { loadMdb } from '../../packages/checker/src/store/load-mdb.js';
import { loadSources } from '../../packages/checker/src/store/load-sources.js';
import type { DiscoveredFile, SourceKind } from '../../packages/checker/src/package/discover.js';
import { mutate, type Operator } from './mutate.js';

export interface ReaderJob {
  readonly id: number;
  /** package-relative path of the mutated file, or 'package.zip' */
  readonly file: string;
  readonly op: Operator;
  readonly seed: number;
  /** load the unmutated file (the base digest the mutants are compared with) */
  readonly base?: boolean;
}

export interface ReaderAnswer {
  readonly id: number;
  readonly outcome: 'loaded' | 'input-error' | 'crash';
  /** load issues the readers recorded */
  readonly issues: number;
  /** what was loaded (tables, row counts, CRS, encodings, issue codes): equal to the base's = nothing noticed */
  readonly digest: string;
  /** issue codes + messages' parameters, or the exit-2 line, or the crash's stack */
  readonly lines: readonly string[];
  /** raw JavaScript errors (TypeError, RangeError, …) a loader turned into an "unreadable" issue */
  readonly internal: number;
  readonly ms: number;
}

export interface ReaderWorkerData {
  /** the unmutated package (never written) */
  readonly baseRoot: string;
  readonly baseZip: string;
  /** this thread's scratch folder */
  readonly scratch: string;
}

const RAW_JS_ERROR = /Cannot read propert|is not a function|is not iterable|out of range|Invalid array length|Invalid typed array length|Maximum call stack|undefined is not|null is not|Cannot convert|Unexpected end of JSON/;

const data = workerData as ReaderWorkerData & { module: string };
const rootName = data.baseRoot.split(/[\\/]/).pop()!;
const work = join(data.scratch, rootName);
const baseBytes = new Map<string, Buffer>();

/** The package as hard links (nothing is copied); a mutant replaces only its own file and puts the link back. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dst = join(to, name);
    if (statSync(src).isDirectory()) linkTree(src, dst);
    else linkSync(src, dst);
  }
}
rmSync(data.scratch, { recursive: true, force: true });
linkTree(data.baseRoot, work);

function sourceOf(kind: string): SourceKind | undefined {
  return kind === 'unitCodeTable' || kind === 'summaryTable' || kind === 'vectorMetadata' || kind === 'mdb' ? kind : undefined;
}

/** The .shp files of the layer a shapefile part belongs to, in part order (split layers load together). */
function layerFiles(layer: string): string[] {
  const dir = join(work, '矢量数据');
  return readdirSync(dir)
    .filter((n) => n.toLowerCase().endsWith('.shp') && classifyPath(`矢量数据/${n}`).layer === layer)
    .sort()
    .map((n) => join(dir, n));
}

function digestOf(db: SqliteDatabase): { digest: string; issues: number; lines: string[]; internal: number } {
  const tables = db.prepare('SELECT name, record_count, encoding, encoding_source, shape_type, crs_json, prj_text FROM src_tables ORDER BY name').all();
  const issues = db.prepare('SELECT code, file, tbl, record, field, params_json FROM load_issues ORDER BY id').all() as {
    code: string;
    file: string | null;
    tbl: string | null;
    record: number | null;
    field: string | null;
    params_json: string | null;
  }[];
  const counts = (tables as { name: string }[]).map((t) => {
    try {
      return (db.prepare(`SELECT count(*) AS n FROM "${t.name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    } catch {
      return -1;
    }
  });
  const xls = (db.prepare('SELECT count(*) AS n, total(length(values_json)) AS b FROM xls_rows').get() as { n: number; b: number });
  const meta = (db.prepare('SELECT count(*) AS n, total(length(value)) AS b FROM meta_xml').get() as { n: number; b: number });
  const lines = issues.map((i) => `${i.code} ${i.file ?? ''}${i.tbl ? `#${i.tbl}` : ''}${i.record !== null ? ` r${i.record}` : ''}${i.field ? ` ${i.field}` : ''} ${i.params_json ?? ''}`);
  return {
    digest: JSON.stringify({ tables, counts, xls, meta, codes: issues.map((i) => i.code) }),
    issues: issues.length,
    lines,
    internal: issues.filter((i) => i.params_json !== null && RAW_JS_ERROR.test(i.params_json)).length,
  };
}

async function loadOne(job: ReaderJob): Promise<Omit<ReaderAnswer, 'id' | 'ms'>> {
  if (job.file === 'package.zip') {
    const zipDir = join(data.scratch, 'zip');
    rmSync(zipDir, { recursive: true, force: true });
    mkdirSync(zipDir, { recursive: true });
    const input = join(zipDir, `${rootName}.zip`);
    let zipBytes = baseBytes.get('package.zip');
    if (!zipBytes) baseBytes.set('package.zip', (zipBytes = readFileSync(data.baseZip)));
    writeFileSync(input, job.base ? zipBytes : mutate(zipBytes, job.op, job.seed));
    try {
      // the zip reader as `check` uses it: listed, checked, the reader files written, the rest verified in place
      const read = await readZipInPlace(input, join(zipDir, 'unzipped'), defaultZipLimits, undefined);
      const problems = [...read.source.attachmentProblems].map(([path, p]) => `attachment-damaged ${path.slice(zipDir.length)} ${p.en}`);
      return { outcome: 'loaded', issues: problems.length, digest: JSON.stringify({ root: read.root.slice(zipDir.length), problems }), lines: problems, internal: 0 };
    } finally {
      rmSync(zipDir, { recursive: true, force: true });
    }
  }
  const target = join(work, job.file);
  let bytes = baseBytes.get(job.file);
  if (!bytes) baseBytes.set(job.file, (bytes = readFileSync(join(data.baseRoot, job.file))));
  rmSync(target, { force: true });
  writeFileSync(target, job.base ? bytes : mutate(bytes, job.op, job.seed));
  const db = openSqlite(':memory:');
  try {
    initStore(db);
    const ctx = new LoadContext(db, undefined, work);
    const c = classifyPath(job.file);
    if (c.kind === 'layerFile' && c.layer) {
      await loadLayer(ctx, work, c.layer, layerFiles(c.layer));
    } else if (c.kind === 'mdb') {
      loadMdb(ctx, target, job.file);
    } else {
      const source = sourceOf(c.kind);
      if (!source) throw new Error(`no reader for ${job.file} (${c.kind})`);
      const f: DiscoveredFile = {
        path: job.file,
        kind: c.kind,
        source,
        ...(c.summaryTable !== undefined ? { summaryTable: c.summaryTable } : {}),
      };
      await loadSources(ctx, work, [f]);
    }
    return { outcome: 'loaded', ...digestOf(db) };
  } finally {
    db.close();
    rmSync(target, { force: true });
    mkdirSync(dirname(target), { recursive: true });
    linkSync(join(data.baseRoot, job.file), target);
  }
}

async function handle(job: ReaderJob): Promise<ReaderAnswer> {
  const t = performance.now();
  try {
    const r = await loadOne(job);
    return { id: job.id, ...r, ms: performance.now() - t };
  } catch (e) {
    const ms = performance.now() - t;
    if (e instanceof LocalizedError) return { id: job.id, outcome: 'input-error', issues: 0, digest: 'input-error', lines: [e.localized('en')], internal: 0, ms };
    return { id: job.id, outcome: 'crash', issues: 0, digest: 'crash', lines: [String((e as Error)?.stack ?? e)], internal: 0, ms };
  }
}

// one job at a time: the parent's timer measures this job alone
let queue = Promise.resolve();
parentPort!.on('message', (job: ReaderJob) => {
  queue = queue.then(async () => parentPort!.postMessage(await handle(job)));
});
// the parent judges a hang by this thread's own CPU time (/proc/self/task/<tid>): on a shared machine a niced
// campaign can wait minutes for a core, which is not a hang
let tid = 0;
try {
  tid = Number(readFileSync('/proc/thread-self/stat', 'latin1').split(' ')[0]);
} catch {
  // not Linux: the parent falls back to wall time
}
parentPort!.postMessage({ ready: true, tid });
