import { parentPort, workerData } from 'node:worker_threads';
import type { CjkFont } from '../pdf/font.js';
import type { SketchJob } from './job.js';
import { renderSketch } from './render.js';

/**
 * Sketch worker: draws the jobs it is sent and hands each PDF back (its buffer transferred, not copied); the
 * calling thread writes it. The worker loads only the renderer: the checker's entry module would cost each
 * worker more CPU at start than ~100 sketch maps.
 */
const { font } = workerData as { font: CjkFont };

parentPort!.on('message', async (msg: { type: 'job'; id: number; job: SketchJob } | { type: 'stop' }) => {
  if (msg.type === 'stop') {
    parentPort!.close();
    return;
  }
  try {
    const bytes = await renderSketch(msg.job, { font });
    // a Buffer may sit in Node's shared pool: copy it out then, else hand over its own memory
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Uint8Array.prototype.slice.call(bytes);
    parentPort!.postMessage({ type: 'done', id: msg.id, pdf: own }, [own.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ type: 'error', id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort!.postMessage({ type: 'ready' });
