import { openSqlite } from '../io/sqlite.js';
import { threadErrorText } from '../io/worker-pool.js';
import { RecordingContext } from './context.js';
import { loadLayer } from './load-layer.js';
import type { FromLoadWorker, LoadWorkerData } from './load-parallel.js';
import { initStore } from './schema.js';

/**
 * A load thread's work (load-parallel.ts), in a thread of its own (load-worker.ts) or in a rule thread before its
 * rules (threads/rule-worker.ts): takes layers off the shared counter until none is left, loads each into the
 * thread's SQLite file (or the job's own file, closed when loaded), and sends back what the loader recorded (issues,
 * src_tables, src_columns rows) per layer, then `done` — or `failed`, leaving its unfinished jobs to the main thread.
 */
export async function runLoadJobs(data: LoadWorkerData, send: (msg: FromLoadWorker) => void): Promise<void> {
  const { root, partPath, jobs, next } = data;
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
}
