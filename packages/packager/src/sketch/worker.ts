import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { writeFileAtomic } from '@nyt2539/checker';
import type { CjkFont } from '../pdf/font.js';
import type { SketchJob } from './job.js';
import { renderSketch } from './render.js';

/** Sketch worker: draws the jobs it is sent and writes each PDF atomically under the package folder. */
const { font, packageDir } = workerData as { font: CjkFont; packageDir: string };

parentPort!.on('message', async (msg: { type: 'job'; id: number; job: SketchJob } | { type: 'stop' }) => {
  if (msg.type === 'stop') {
    parentPort!.close();
    return;
  }
  try {
    const bytes = await renderSketch(msg.job, { font });
    const target = join(packageDir, ...msg.job.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, bytes);
    parentPort!.postMessage({ type: 'done', id: msg.id, bytes: bytes.length });
  } catch (err) {
    parentPort!.postMessage({ type: 'error', id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
parentPort!.postMessage({ type: 'ready' });
