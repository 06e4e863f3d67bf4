import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../io/sqlite.js';
import { threadErrorText } from '../io/worker-pool.js';
import { RecordingContext } from './context.js';
import { loadLayer } from './load-layer.js';
import type { FromLoadWorker, LoadWorkerData } from './load-parallel.js';
import { initStore } from './schema.js';

/**
 * One load thread of load-parallel.ts: takes layers off the shared counter until none is left, loads each into its
 * own SQLite file (or the job's own file, closed when loaded), and sends back what the loader recorded (issues,
 * src_tables, src_columns rows) per layer.
 */
const { root, partPath, jobs, next } = workerData as LoadWorkerData;
const port = parentPort!;
const send = (msg: FromLoadWorker): void => port.postMessage(msg);

try {
  const db = openSqlite(partPath);
  try {
    initStore(db, 'part');
    const counter = new Int32Array(next);
    for (let j = Atomics.add(counter, 0, 1); j < jobs.length; j = Atomics.add(counter, 0, 1)) {
      const { layer, absPaths, ownFile } = jobs[j];
      const own = ownFile === undefined ? undefined : openSqlite(ownFile);
      let ctx: RecordingContext;
      try {
        if (own) initStore(own, 'part');
        ctx = new RecordingContext(own ?? db, (progress) => send({ type: 'progress', progress }), root);
        await loadLayer(ctx, root, layer, absPaths);
      } finally {
        // closed before it is handed over: the loading thread attaches it at once
        own?.close();
      }
      send({ type: 'job', index: j, records: ctx.records, layers: ctx.layers, table: ctx.records.some((r) => r.kind === 'table'), ...(ownFile ? { file: ownFile } : {}) });
    }
  } finally {
    db.close();
  }
  send({ type: 'done' });
} catch (err) {
  send({ type: 'failed', error: threadErrorText(err) });
}
