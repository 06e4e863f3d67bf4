// Worker-thread bootstrap (plain JS: Node 20 does not apply `--import tsx` hooks to a worker's entry module):
// registers tsx for this thread, then runs the sketch worker module.
import { parentPort } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./worker.ts', import.meta.url).href);
} catch (err) {
  parentPort?.postMessage({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
}
