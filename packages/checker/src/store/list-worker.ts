import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { listPackage } from '../package/discover.js';
import type { FromListWorker, ListWorkerData } from './list-parallel.js';
import { initStore } from './schema.js';

/** The listing thread of list-parallel.ts: lists the package into its own SQLite file and checks the attachments. */
const { root, partPath } = workerData as ListWorkerData;
const send = (msg: FromListWorker): void => parentPort!.postMessage(msg);
try {
  const db = new Database(partPath);
  try {
    initStore(db, 'listing');
    send({ type: 'done', issues: listPackage(db, root).issues });
  } finally {
    db.close();
  }
} catch (err) {
  send({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
}
