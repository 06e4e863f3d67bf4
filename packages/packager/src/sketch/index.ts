import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerEntry, type SqliteDatabase } from '@nyt2539/checker';
import { LocalizedError, writeFileAtomic } from '@nyt2539/schema';
import { locateCjkFont } from '../pdf/font.js';
import { packedBuffers, type SketchJob } from './job.js';
import { sketchJobs, type JobOptions } from './jobs.js';
import { renderSketch } from './render.js';

/** worker.ts: compiled as sketch-worker.js in the CLI bundle, else through the tsx bootstrap */
const sketchWorker = workerEntry('sketch-worker', new URL('./worker.ts', import.meta.url));

export type { SketchJob, SketchPlot } from './job.js';
export { renderSketch, mapFrame, PAGE, MAP_BOX } from './render.js';
export { sketchJobs, type JobOptions } from './jobs.js';

interface SketchOptions extends JobOptions {
  /** worker threads; default NYT2539_THREADS or the core count (max 8); 0 = draw on this thread */
  readonly threads?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SketchResult {
  readonly written: number;
  readonly bytes: number;
  /** package-relative paths written, in job order */
  readonly paths: readonly string[];
}

/** Fewer sketch maps than this are drawn on the calling thread (starting workers costs more). */
const INLINE_BELOW = 200;
/** Jobs queued per worker: enough to keep it busy, few enough to bound memory. */
const QUEUE_PER_WORKER = 4;

/** Write one sketch map atomically at its package-relative path. */
function writeSketch(packageDir: string, path: string, pdf: Uint8Array): void {
  const target = join(packageDir, ...path.split('/'));
  mkdirSync(dirname(target), { recursive: true });
  writeFileAtomic(target, pdf);
}

function sketchCount(db: SqliteDatabase): number {
  return (db.prepare(`SELECT count(*) AS n FROM rows WHERE tbl = 'CBJYQZDJB'`).get() as { n: number }).n;
}

/**
 * Draw the sketch maps (one PDF per certificate, per contractor where none) into `<packageDir>/图件/<FBFBM>/`:
 * jobs are read lazily from the staging store and drawn by worker threads with a bounded queue.
 */
export async function renderSketches(db: SqliteDatabase, packageDir: string, options: SketchOptions): Promise<SketchResult> {
  const font = locateCjkFont();
  const total = options.only ? options.only.length : sketchCount(db);
  const envThreads = Number(process.env.NYT2539_THREADS);
  const threads = options.threads ?? (total < INLINE_BELOW ? 0 : Number.isInteger(envThreads) && envThreads > 0 ? envThreads : Math.min(8, availableParallelism()));
  const jobs = sketchJobs(db, options);
  const paths: string[] = [];
  let bytes = 0;
  if (threads === 0) {
    for (const job of jobs) {
      const pdf = await renderSketch(job, { font });
      writeSketch(packageDir, job.path, pdf);
      paths.push(job.path);
      bytes += pdf.length;
      options.onProgress?.(paths.length, total);
    }
    return { written: paths.length, bytes, paths };
  }
  return new Promise<SketchResult>((resolve, reject) => {
    const workers: Worker[] = [];
    const inFlight = new Map<Worker, number>();
    let next = 0;
    let exhausted = false;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(error instanceof Error ? error : new LocalizedError({ zh: `示意图绘制失败：${String(error)}`, en: `sketch drawing failed: ${String(error)}` }, { code: 'sketch-failed' }));
    };
    const feed = (w: Worker): void => {
      while (!exhausted && (inFlight.get(w) ?? 0) < QUEUE_PER_WORKER) {
        let r: IteratorResult<SketchJob>;
        try {
          r = jobs.next();
        } catch (e) {
          fail(e);
          return;
        }
        if (r.done) {
          exhausted = true;
          break;
        }
        const id = next++;
        paths[id] = r.value.path;
        inFlight.set(w, (inFlight.get(w) ?? 0) + 1);
        w.postMessage({ type: 'job', id, job: r.value }, packedBuffers(r.value.neighbours));
      }
      if (exhausted && [...inFlight.values()].every((n) => n === 0)) {
        for (const x of workers) x.postMessage({ type: 'stop' });
        resolve({ written: paths.length, bytes, paths });
      }
    };
    let done = 0;
    for (let i = 0; i < threads; i++) {
      const w = new Worker(sketchWorker.url, { workerData: { module: sketchWorker.module, font } });
      workers.push(w);
      inFlight.set(w, 0);
      w.on('message', (msg: { type: string; id?: number; pdf?: Uint8Array; error?: string }) => {
        if (failed) return;
        if (msg.type === 'ready') feed(w);
        else if (msg.type === 'done') {
          inFlight.set(w, inFlight.get(w)! - 1);
          try {
            writeSketch(packageDir, paths[msg.id!]!, msg.pdf!);
          } catch (e) {
            fail(e);
            return;
          }
          bytes += msg.pdf!.length;
          options.onProgress?.(++done, total);
          feed(w);
        } else if (msg.type === 'error' || msg.type === 'failed') {
          const where = msg.id !== undefined ? paths[msg.id] : '';
          fail(new LocalizedError({ zh: `示意图 ${where} 绘制失败：${msg.error}`, en: `sketch map ${where} failed: ${msg.error}` }, { code: 'sketch-failed', ...(where ? { file: where } : {}) }));
        }
      });
      w.on('error', fail);
    }
  });
}
