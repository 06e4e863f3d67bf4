import { parentPort, workerData } from 'node:worker_threads';
import { runLoadJobs } from './load-jobs.js';
import type { LoadWorkerData } from './load-parallel.js';

/** One load thread of load-parallel.ts: its jobs (load-jobs.ts), then it exits. */
const port = parentPort!;
await runLoadJobs(workerData as LoadWorkerData, (msg) => port.postMessage(msg));
