import { parentPort, workerData } from 'node:worker_threads';
import { threadErrorText } from '../io/worker-pool.js';
import { type FromListWorker, listPackageInto, type ListWorkerData } from './list-parallel.js';

/** The listing thread of list-parallel.ts: lists the package into its own SQLite file and checks the attachments. */
const { root, partPath } = workerData as ListWorkerData;
const send = (msg: FromListWorker): void => parentPort!.postMessage(msg);
try {
  send({ type: 'done', issues: listPackageInto(root, partPath) });
} catch (err) {
  send({ type: 'failed', error: threadErrorText(err) });
}
