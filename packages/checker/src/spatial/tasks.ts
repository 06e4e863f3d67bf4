import { overlapTask } from './overlap.js';

/** Tasks a worker thread can run by name (see pool.ts). */
export const tasks = {
  overlap: overlapTask,
} as const;
