import { statSync } from 'node:fs';
import { join } from 'node:path';
import { registerScratch, removeScratch } from '@nyt2539/schema';
import type { MdbFile } from '../readers/mdb.js';
import { machineThreads, parallelLoadBytes, threadsFromEnv } from '../io/thread-settings.js';
import { workerEntry } from '../io/worker-entry.js';
import { type PoolHandlers, WorkerPool } from '../io/worker-pool.js';
import { type LoadContext, type LoadProgress, type LoadRecord, RecordingContext, replay } from './context.js';
import { loadLayer } from './load-layer.js';
import { loadMdb, openMdb } from './load-mdb.js';
import type { LayerGeometry } from './layer-geometry.js';
import { attachStorePart, quoteIdent } from './schema.js';

/**
 * The layers and the .mdb of a package loaded on every core: worker threads (load-worker.ts, started as an
 * io/worker-pool.ts pool like the rule threads, and a check's rule thread, which loads before its rules: see
 * `ParallelLoadHooks.onThreaded`) take layers off a shared counter, biggest first, each into a SQLite
 * file of its own; meanwhile this thread loads the .mdb into the store, then takes layers too. The threads' files
 * are then attached to the store and read in place (a kept store gets each layer's table copied in instead, so it
 * is one self-contained file), and every job's issues, src_tables
 * and src_columns rows, and its decoded geometry, are handed over in the order a one-thread load makes them (layers
 * by name, then the .mdb), so the store says the same whoever loaded what.
 */

export interface LayerJob {
  readonly layer: string;
  readonly absPaths: readonly string[];
  /** a load thread loads it into this file of its own and closes it, so this thread can read it while the threads load on */
  readonly ownFile?: string;
}

export interface MdbJob {
  readonly absPath: string;
  readonly relPath: string;
}

/**
 * Work this thread does as soon as the .mdb files and `layers` are in the store, while the other threads still
 * load (the summary tables computed from the data): left to the end of the load, it ran alone on one core.
 */
export interface EarlyWork {
  /** layers the threads load first, each into a file of its own that this thread attaches before `run` */
  readonly layers: ReadonlySet<string>;
  /** its issues and table records are replayed after the .mdb files' */
  run(ctx: LoadContext): Promise<void>;
}

export interface ParallelLoadHooks {
  /** with it, the threads' files are kept and attached to the store (see loadFilesParallel) */
  readonly keepPart?: ((path: string) => void) | undefined;
  /**
   * called with the files' bytes once the threads are decided on, before they start: threads it returns load
   * first (check.ts's rule thread: loading before its rules, it spares a thread's start-up), the loader starts its
   * own load threads for the rest
   */
  readonly onThreaded?: ((bytes: number) => LoadThreads | undefined) | undefined;
  /** runs on this thread right after the threads are started, before it loads anything: it overlaps their start-up */
  readonly whileThreadsStart?: (() => void) | undefined;
}

/** Threads that take load jobs: the loader's own load threads, or threads with other work after (check.ts). */
export interface LoadThreads {
  readonly count: number;
  /** thread i (0 ≤ i < count) loads with `data(i)`, its messages and its death going to `handlers` */
  startLoad(data: (index: number) => LoadWorkerData, handlers: PoolHandlers<FromLoadWorker>): LoadRun;
}

/** The load of one set of LoadThreads. */
export interface LoadRun {
  /** whether any of its threads is still loading */
  loading(): boolean;
  /** settles once each thread has sent `done` or `failed`, or died */
  readonly finished: Promise<void>;
  /** stops its threads (this thread failed while they loaded) */
  stop(): void;
}

/** What a load thread sends back. */
export type FromLoadWorker =
  | {
      readonly type: 'job';
      readonly index: number;
      readonly records: readonly LoadRecord[];
      readonly layers: readonly LayerGeometry[];
      readonly table: boolean;
      /** the job's own file (LayerJob.ownFile), else the thread's */
      readonly file?: string;
    }
  | { readonly type: 'progress'; readonly progress: LoadProgress }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly error: string };

/** What a load thread is given. */
export interface LoadWorkerData {
  readonly root: string;
  readonly partPath: string;
  /** in the order they are taken (biggest first) */
  readonly jobs: readonly LayerJob[];
  /** Int32Array[0]: index of the next job to take */
  readonly next: SharedArrayBuffer;
}

const entry = workerEntry('load-worker', new URL('./load-worker.ts', import.meta.url));

/** `count` load threads of the loader's own (load-worker.ts): each exits when it has no job left. */
function loadThreadPool(count: number): LoadThreads {
  return {
    count,
    startLoad(data, handlers) {
      const pool = new WorkerPool<never, FromLoadWorker>(entry, count, data, handlers);
      return { loading: () => pool.alive, finished: pool.exited(), stop: () => pool.terminate() };
    },
  };
}

function bytesOf(absPath: string): number {
  try {
    return statSync(absPath).size;
  } catch {
    return 0;
  }
}

function layerBytes(job: LayerJob): number {
  return job.absPaths.reduce((n, p) => n + bytesOf(p) + bytesOf(p.replace(/\.shp$/i, '.dbf')), 0);
}

/**
 * Loads `layers` (in name order) then `mdbs` like the one-thread loader, on several threads when the package is
 * big enough and no two of its tables could claim the same name (then which claim wins depends on order, so the
 * one-thread loader runs); `beforeIssues` is awaited before the first load issue is written. With `keepPart`, the
 * threads' files stay where they are, attached to the store (`store_parts`), and each is handed to `keepPart`, which
 * then owns it; without, their tables are copied into the store file. `early` runs on this thread once its inputs
 * are loaded. Returns false, having loaded and run nothing, when it leaves the load to the one-thread path.
 */
export async function loadFilesParallel(
  ctx: LoadContext,
  root: string,
  workDir: string,
  layers: readonly LayerJob[],
  mdbs: readonly MdbJob[],
  beforeIssues: () => Promise<void>,
  early: EarlyWork,
  hooks: ParallelLoadHooks = {},
): Promise<boolean> {
  const { keepPart, onThreaded, whileThreadsStart } = hooks;
  const threads = threadsFromEnv() ?? machineThreads();
  if (threads < 2 || layers.length === 0) return false;
  const sizes = layers.map(layerBytes);
  const bytes = sizes.reduce((a, b) => a + b, 0) + mdbs.reduce((n, m) => n + bytesOf(m.absPath), 0);
  if (bytes < parallelLoadBytes()) return false;

  // the .mdb files are read here once: their table names decide whether any name could be claimed twice
  const opened: (MdbFile | undefined)[] = mdbs.map((m) => {
    try {
      return openMdb(m.absPath);
    } catch {
      return undefined; // loadMdb reads it again and reports why it cannot
    }
  });
  const names = [...layers.map((l) => l.layer), ...opened.flatMap((m) => safeTableNames(m))].map((n) => n.toLowerCase());
  if (new Set(names).size !== names.length) return false;
  const given = onThreaded?.(bytes);

  // the threads take the jobs off `next`: the early work's layers first, each into a file of its own, then the
  // others biggest first
  const order = layers.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const isEarly = (i: number): boolean => early.layers.has(layers[i].layer);
  const earlyFiles = order.filter(isEarly).map((_, k) => join(workDir, `store.early${k + 1}.sqlite`));
  const jobs: LayerJob[] = [...order.filter(isEarly).map((i, k) => ({ ...layers[i], ownFile: earlyFiles[k] })), ...order.filter((i) => !isEarly(i)).map((i) => layers[i])];
  const next = new SharedArrayBuffer(4);
  const counter = new Int32Array(next);
  const results = new Map<number, { records: readonly LoadRecord[]; layers: readonly LayerGeometry[]; file?: string; table: boolean }>();
  let done = 0;
  const total = layers.length + mdbs.length;
  const fileDone = (): void => ctx.onProgress({ phase: 'files', done: ++done, total });

  const givenCount = given?.count ?? 0;
  const ownCount = Math.max(0, Math.min(threads - 1, jobs.length) - givenCount);
  const workerCount = givenCount + ownCount;
  ctx.onProgress({ phase: 'threads', done: workerCount + 1 });
  const parts: string[] = [];
  for (let w = 0; w < workerCount; w++) parts.push(join(workDir, `store.part${w + 1}.sqlite`));
  // every file a thread may write: the threads' own, then the early layers'
  const files = [...parts, ...earlyFiles];
  const releases = files.map((file) => {
    removeScratch(file);
    return registerScratch(file);
  });
  const kept = new Set<string>();
  const earlyAliases: string[] = [];
  const runs: LoadRun[] = [];
  let loaded = false;
  try {
    // a thread that dies leaves its unfinished jobs to this thread (below); its file is not used for them
    const start = (threadSet: LoadThreads, first: number): void => {
      runs.push(
        threadSet.startLoad((w) => ({ root, partPath: parts[first + w], jobs, next }), {
          message: (thread, msg) => {
            if (msg.type === 'job') {
              results.set(msg.index, { records: msg.records, layers: msg.layers, file: msg.file ?? parts[first + thread.index], table: msg.table });
              fileDone();
            } else if (msg.type === 'progress') ctx.onProgress(msg.progress);
          },
        }),
      );
    };
    if (given) start(given, 0);
    if (ownCount > 0) start(loadThreadPool(ownCount), givenCount);
    whileThreadsStart?.();
    const until = async (ready: () => boolean): Promise<void> => {
      while (!ready() && runs.some((r) => r.loading())) await new Promise((resolve) => setTimeout(resolve, 2));
    };
    // this thread: the .mdb files first (their tables go straight into the store), then the early work on the
    // early layers, then layers like the threads
    const mdbRecords: (readonly LoadRecord[])[] = [];
    mdbs.forEach((m, i) => {
      const rec = new RecordingContext(ctx.db, ctx.onProgress, ctx.root);
      loadMdb(rec, m.absPath, m.relPath, () => opened[i] ?? openMdb(m.absPath));
      opened[i] = undefined;
      mdbRecords.push(rec.records);
      fileDone();
    });
    const loadHere = async (j: number): Promise<void> => {
      const rec = new RecordingContext(ctx.db, ctx.onProgress, ctx.root);
      await loadLayer(rec, root, jobs[j].layer, jobs[j].absPaths);
      results.set(j, { records: rec.records, layers: rec.layers, table: false });
      fileDone();
    };
    await until(() => earlyFiles.every((_, j) => results.has(j)));
    for (let j = 0; j < earlyFiles.length; j++) {
      const r = results.get(j);
      // a dead thread's early layer is loaded here, straight into the store
      if (!r) await loadHere(j);
      else if (r.table) {
        earlyAliases.push(`early${j + 1}`);
        ctx.db.prepare(`ATTACH DATABASE ? AS ${quoteIdent(`early${j + 1}`)}`).run(earlyFiles[j]);
      }
    }
    const earlyContext = new RecordingContext(ctx.db, ctx.onProgress, ctx.root);
    await early.run(earlyContext);
    for (const alias of earlyAliases.splice(0)) ctx.db.exec(`DETACH DATABASE ${quoteIdent(alias)}`);
    // the threads take their first layers before this thread takes any: at county scale they started long before
    // the .mdb is read, and a small package still has its layers loaded by threads rather than all here
    await until(() => Atomics.load(counter, 0) >= Math.min(workerCount + earlyFiles.length, jobs.length));
    // (an early layer a dead thread left is loaded above already, though still on the counter)
    for (let j = Atomics.add(counter, 0, 1); j < jobs.length; j = Atomics.add(counter, 0, 1)) if (!results.has(j)) await loadHere(j);
    await Promise.all(runs.map((r) => r.finished));
    loaded = true;
    // jobs a dead thread had taken but not finished
    for (let j = 0; j < jobs.length; j++) if (!results.has(j)) await loadHere(j);

    // layer tables: read in place from the threads' files (attached, handed to `keepPart`), or copied into the store
    for (const [f, file] of files.entries()) {
      const mine = [...results.entries()].filter(([, r]) => r.file === file && r.table).map(([j]) => jobs[j].layer);
      if (mine.length === 0) continue;
      if (keepPart) {
        keepPart(file);
        kept.add(file);
        attachStorePart(ctx.db, `part${f + 1}`, file);
        continue;
      }
      ctx.db.prepare(`ATTACH DATABASE ? AS part`).run(file);
      try {
        for (const table of mine) {
          const ddl = ctx.db.prepare(`SELECT sql FROM part.sqlite_master WHERE type = 'table' AND name = ?`).get(table) as { sql: string };
          ctx.db.exec(ddl.sql);
          ctx.db.exec(`INSERT INTO main.${quoteIdent(table)} SELECT * FROM part.${quoteIdent(table)}`);
        }
      } finally {
        ctx.db.exec(`DETACH DATABASE part`);
      }
    }
    await beforeIssues();
    const byLayer = new Map(jobs.map((job, j) => [job.layer, results.get(j)!]));
    for (const l of layers) {
      const r = byLayer.get(l.layer)!;
      replay(ctx, r.records);
      // the decoded geometry is on shared memory: a thread's layers reach the rules without a copy
      ctx.layers.push(...r.layers);
    }
    for (const records of mdbRecords) replay(ctx, records);
    replay(ctx, earlyContext.records);
  } finally {
    // threads still loading when this thread failed write nothing more into the files removed here
    if (!loaded) for (const r of runs) r.stop();
    for (const alias of earlyAliases) ctx.db.exec(`DETACH DATABASE ${quoteIdent(alias)}`);
    files.forEach((file, f) => {
      if (!kept.has(file)) removeScratch(file);
      releases[f]();
    });
  }
  return true;
}

function safeTableNames(mdb: MdbFile | undefined): string[] {
  try {
    return mdb ? mdb.tableNames() : [];
  } catch {
    return [];
  }
}

