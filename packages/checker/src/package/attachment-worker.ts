import { parentPort, workerData } from 'node:worker_threads';
import { type AttachmentChunk, type AttachmentWorkerData, checkChunk, type FromAttachmentWorker } from './attachment-checks.js';

/** The attachment thread of attachment-checks.ts: checks each chunk it is sent and answers with its problems; null ends it. */
const { root } = workerData as AttachmentWorkerData;
const port = parentPort!;
port.on('message', (chunk: AttachmentChunk | null) => {
  if (chunk === null) {
    port.close();
    return;
  }
  port.postMessage({ id: chunk.id, problems: checkChunk(root, chunk) } satisfies FromAttachmentWorker);
});
