import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/facts.js';
import { initGeos } from '../spatial/geos.js';
import type { RuleWorkerData, ToMain, ToWorker } from './protocol.js';
import { threadErrorText } from '../io/worker-pool.js';
import { runJob, type JobHost } from './rule-jobs.js';
import { runLoadJobs } from '../store/load-jobs.js';

/**
 * One rule thread of run-parallel.ts. It may start before the store exists (while the package still loads, so its
 * start-up hides behind the load), and may load layers itself first (`load`, as a load thread does): it says
 * `ready` once its code and GEOS are ready, opens the store read-only when told (`open`), then runs whatever the
 * main thread sends, one job at a time, in the order sent. A thread that loads first instantiates GEOS after its
 * load (or at `open`, when it was sent none): during the load, GEOS's ~50 ms held back the layers the main thread
 * waited for.
 */
const port = parentPort!;
let host: JobHost | undefined;

function send(msg: ToMain): void {
  port.postMessage(msg);
}

let geos: Promise<void> | undefined;

/** Instantiates GEOS (once): rules call it synchronously, so the thread says it is ready once GEOS is. */
function startGeos(): void {
  geos ??= initGeos().then(
    () => send({ type: 'ready' }),
    (err: unknown) => send({ type: 'failed', error: threadErrorText(err) }),
  );
}

function handle(msg: ToWorker): Promise<void> | undefined {
  switch (msg.type) {
    case 'load':
      return runLoadJobs(msg.data, (loaded) => send({ type: 'loaded', msg: loaded })).finally(startGeos);
    case 'open':
      startGeos();
      try {
        host = { db: openStore(msg.storePath), info: msg.info, maxFindingsPerRule: msg.maxFindingsPerRule };
      } catch (err) {
        send({ type: 'failed', error: threadErrorText(err) });
      }
      return;
    case 'exit':
      host?.db.close();
      port.close();
      return;
    default:
      if (!host) {
        send({ type: 'failed', error: 'the store is not open' });
        return;
      }
      try {
        runJob(host, msg, send);
      } catch (err) {
        // only an adoption throws here: the thread lacks layers it was promised and cannot go on
        send({ type: 'failed', error: threadErrorText(err) });
      }
  }
}

// a load reads its files asynchronously: what is sent meanwhile waits for it, in order
let queue: Promise<void> | undefined;
port.on('message', (msg: ToWorker) => {
  if (queue) {
    queue = queue.then(() => handle(msg));
    return;
  }
  const pending = handle(msg);
  if (!pending) return;
  const settled: Promise<void> = pending.then(() => {
    if (queue === settled) queue = undefined;
  });
  queue = settled;
});
if (!(workerData as RuleWorkerData).loadFirst) startGeos();
