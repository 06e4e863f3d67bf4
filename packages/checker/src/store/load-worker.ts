import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { RecordingContext } from './context.js';
import { loadLayer } from './load-layer.js';
import type { FromLoadWorker, LoadWorkerData } from './load-parallel.js';
import { initStore } from './schema.js';

/**
 * One load thread of load-parallel.ts: takes layers off the shared counter until none is left, loads each into its
 * own SQLite file, and sends back what the loader recorded (issues, src_tables, src_columns rows) per layer.
 */
const { root, partPath, jobs, next } = workerData as LoadWorkerData;
const port = parentPort!;
const send = (msg: FromLoadWorker): void => port.postMessage(msg);

try {
  const db = new Database(partPath);
  try {
    initStore(db, 'part');
    const counter = new Int32Array(next);
    for (let j = Atomics.add(counter, 0, 1); j < jobs.length; j = Atomics.add(counter, 0, 1)) {
      const ctx = new RecordingContext(db, (progress) => send({ type: 'progress', progress }), root);
      await loadLayer(ctx, root, jobs[j].layer, jobs[j].absPaths);
      send({ type: 'job', index: j, records: ctx.records, layers: ctx.layers, table: ctx.records.some((r) => r.kind === 'table') });
    }
  } finally {
    db.close();
  }
  send({ type: 'done' });
} catch (err) {
  send({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
}
