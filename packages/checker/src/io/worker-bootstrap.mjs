// Worker-thread bootstrap (plain JS: Node 20 does not apply `--import tsx` hooks to a worker's entry module).
// Registers tsx for this thread, then runs the TypeScript module named by `workerData.module` (a file URL). If
// that cannot even load, say so on the channel the caller listens to, so it never waits forever.
import { parentPort, workerData } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  await import(workerData.module);
} catch (err) {
  const error = err instanceof Error ? err.message : String(err);
  if (workerData.port) {
    workerData.port.postMessage({ ok: false, error });
    workerData.port.close();
    Atomics.add(workerData.signal, 0, 1);
    Atomics.notify(workerData.signal, 0);
  } else {
    parentPort?.postMessage({ type: 'failed', error });
  }
}
