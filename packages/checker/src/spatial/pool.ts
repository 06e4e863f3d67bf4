import { availableParallelism } from 'node:os';
import { envNumber, machineThreads, threadsFromEnv } from '../threads/settings.js';
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { workerEntry } from '../threads/worker-entry.js';

/**
 * Split a CPU-bound spatial task across worker threads while the rule stays synchronous (rules run one after
 * another on one connection): each worker opens the store read-only, computes its partition and posts the
 * result on its own port; the calling thread blocks on an Atomics counter, then reads every port with
 * `receiveMessageOnPort`. Results come back in partition order, so the output never depends on scheduling.
 * Workers run the compiled worker in the CLI bundle, or TypeScript through tsx in the repository (threads/worker-entry.ts).
 */

/** A task both threads can run: partition `part` of `parts` over the store at `storePath`. */
export type SpatialTask<O, R> = (db: Database.Database, part: number, parts: number, options: O) => R;

export interface ParallelOptions {
  /** below this many features the task runs inline (worker start-up costs ~1 s) */
  readonly minFeatures: number;
  readonly features: number;
}

/**
 * Threads to use: `NYT2539_THREADS`, else the machine's parallelism (at most 8) from 3 cores up. Each worker decodes
 * the plot layer again, so two workers cost more than one thread saves: on the 2-core county run plot-overlap took
 * 32.6 s CPU / 32 s wall / 1.9 GB peak in two workers against 21 s CPU / 1.4 GB inline.
 */
export function threadCount(): number {
  // inside a rule worker (run-parallel.ts) the other cores already run other rules
  if (!isMainThread) return 1;
  return threadsFromEnv() ?? (availableParallelism() >= 3 ? machineThreads() : 1);
}

/** Feature count from which tasks go parallel: `NYT2539_PARALLEL_MIN` (tests set 0) or the given default. */
export function parallelMinimum(fallback: number): number {
  return envNumber('NYT2539_PARALLEL_MIN', fallback);
}

/** worker.ts: compiled as spatial-worker.js in the CLI bundle, else through the tsx bootstrap */
const entry = workerEntry('spatial-worker', new URL('./worker.ts', import.meta.url));

/**
 * Run `task` (exported as `name` from the task registry `tasks.ts`) over `parts` partitions: in worker threads
 * when the store is a file and the data is big enough, else inline on `db`. Returns one result per partition.
 */
export function runPartitioned<O, R>(db: Database.Database, name: string, task: SpatialTask<O, R>, options: O, parallel: ParallelOptions): R[] {
  const parts = threadCount();
  const inline = parts <= 1 || db.memory || parallel.features < parallel.minFeatures;
  if (inline) return [task(db, 0, 1, options)];
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const channels = Array.from({ length: parts }, () => new MessageChannel());
  const workers = channels.map(
    (ch, part) =>
      new Worker(entry.url, {
        workerData: { module: entry.module, storePath: db.name, name, part, parts, options, signal, port: ch.port2 },
        transferList: [ch.port2],
      }),
  );
  try {
    const deadline = Date.now() + 30 * 60 * 1000;
    while (Atomics.load(signal, 0) < parts) {
      if (Date.now() > deadline) throw new Error(`spatial task ${name}: workers did not finish`);
      Atomics.wait(signal, 0, Atomics.load(signal, 0), 1000);
    }
    return channels.map((ch, part) => {
      // the counter is bumped after postMessage; the message is queued by then, but allow a moment
      let received = receiveMessageOnPort(ch.port1);
      for (let tries = 0; !received && tries < 100; tries++) {
        Atomics.wait(signal, 0, Atomics.load(signal, 0), 10);
        received = receiveMessageOnPort(ch.port1);
      }
      const msg = received?.message as { ok: true; result: R } | { ok: false; error: string } | undefined;
      if (!msg) throw new Error(`spatial task ${name}: partition ${part} sent nothing`);
      if (!msg.ok) throw new Error(`spatial task ${name}: partition ${part} failed: ${msg.error}`);
      return msg.result;
    });
  } finally {
    for (const w of workers) void w.terminate();
    for (const ch of channels) ch.port1.close();
  }
}
