// Worker-thread bootstrap (plain JS: Node 20 does not apply `--import tsx` hooks to a worker's entry module).
// Registers tsx for this thread, then runs worker.ts; if that cannot even load, report it so the caller,
// blocked on the shared counter, does not wait forever.
import { workerData } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./worker.ts');
} catch (err) {
  workerData.port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  workerData.port.close();
  Atomics.add(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
}
