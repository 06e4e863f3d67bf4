import { join } from 'node:path';
import { envNumber, machineThreads, threadsFromEnv } from '../io/thread-settings.js';
import { workerEntry } from '../io/worker-entry.js';
import { WorkerPool } from '../io/worker-pool.js';
import { errorText } from '../readers/issues.js';
import { attachmentProblem } from './attachment-check.js';

/**
 * The "does it open" checks of a package's attachments (a county has ~450k scans, sketches and 点之记 photos, each
 * opened and read): discovery hands each one over as it lists it, and they are checked on a thread of their own
 * while the data loads, so the listing and the load do not wait for ~450k opens and reads. A package with fewer
 * than a chunk of them, or a one-thread run, checks them here as they come. Either way the problems come back in
 * listing order, so the store says the same whoever checked.
 */

export type AttachmentProblem = { readonly zh: string; readonly en: string };

/** Attachments handed to the thread at a time (a thread costs a few tenths of a second to start; one check tens of µs). */
function chunkSize(): number {
  return Math.max(1, envNumber('NYT2539_ATTACHMENT_CHUNK', 5000));
}

/** Why an attachment does not open (what attachmentProblem says, or what stopped it being read), or undefined. */
export function checkAttachment(absPath: string, extension: string, size: number): AttachmentProblem | undefined {
  try {
    return attachmentProblem(absPath, extension, size);
  } catch (e) {
    const t = errorText(e);
    return typeof t === 'string' ? { zh: t, en: t } : t;
  }
}

/** One chunk of attachments: parallel arrays, so a chunk is three small clones, not thousands of objects. */
export interface AttachmentChunk {
  readonly id: number;
  readonly paths: readonly string[];
  readonly extensions: readonly string[];
  readonly sizes: readonly number[];
}

/** What the attachment thread sends back: the problems of one chunk, by position in the chunk. */
export interface FromAttachmentWorker {
  readonly id: number;
  readonly problems: readonly (readonly [number, AttachmentProblem])[];
}

export interface AttachmentWorkerData {
  readonly root: string;
}

const entry = workerEntry('attachment-worker', new URL('./attachment-worker.ts', import.meta.url));

/** Checks every attachment of `chunk` under `root`: the problems, by position. */
export function checkChunk(root: string, chunk: AttachmentChunk): [number, AttachmentProblem][] {
  const problems: [number, AttachmentProblem][] = [];
  for (let i = 0; i < chunk.paths.length; i++) {
    const p = checkAttachment(join(root, chunk.paths[i]), chunk.extensions[i], chunk.sizes[i]);
    if (p) problems.push([i, p]);
  }
  return problems;
}

type Located = { readonly path: string; readonly problem: AttachmentProblem };

function located(chunk: AttachmentChunk, problems: readonly (readonly [number, AttachmentProblem])[]): Located[] {
  return problems.map(([i, problem]) => ({ path: chunk.paths[i], problem }));
}

export class AttachmentChecks {
  readonly #root: string;
  readonly #threaded: boolean;
  readonly #chunkSize = chunkSize();
  #paths: string[] = [];
  #extensions: string[] = [];
  #sizes: number[] = [];
  #nextId = 0;
  /** chunks on the thread until it answers (what a lost thread had is checked here) */
  readonly #pending = new Map<number, AttachmentChunk>();
  /** problems by chunk id */
  readonly #found = new Map<number, Located[]>();
  #pool: WorkerPool<AttachmentChunk | null, FromAttachmentWorker> | undefined;
  #poolFailed = false;
  #settle: (() => void) | undefined;

  /** `threaded`: whether a thread may take the checks (default: when the machine or NYT2539_THREADS gives two or more). */
  constructor(root: string, threaded = (threadsFromEnv() ?? machineThreads()) >= 2) {
    this.#root = root;
    this.#threaded = threaded;
  }

  /** Whether a thread has taken any of the checks. */
  get onThread(): boolean {
    return this.#pool !== undefined;
  }

  /** Hands over one attachment (path relative to the root, '/' separators). */
  add(path: string, extension: string, size: number): void {
    this.#paths.push(path);
    this.#extensions.push(extension);
    this.#sizes.push(size);
    if (this.#paths.length >= this.#chunkSize) this.#ship();
  }

  #take(): AttachmentChunk {
    const chunk: AttachmentChunk = { id: this.#nextId++, paths: this.#paths, extensions: this.#extensions, sizes: this.#sizes };
    this.#paths = [];
    this.#extensions = [];
    this.#sizes = [];
    return chunk;
  }

  #ship(): void {
    const chunk = this.#take();
    const pool = this.#threaded ? this.#startPool() : undefined;
    if (pool?.alive) {
      this.#pending.set(chunk.id, chunk);
      pool.post(pool.threads[0], chunk);
    } else this.#found.set(chunk.id, located(chunk, checkChunk(this.#root, chunk)));
  }

  #startPool(): WorkerPool<AttachmentChunk | null, FromAttachmentWorker> | undefined {
    if (this.#pool || this.#poolFailed) return this.#pool;
    try {
      this.#pool = new WorkerPool<AttachmentChunk | null, FromAttachmentWorker>(entry, 1, () => ({ root: this.#root }) satisfies AttachmentWorkerData, {
        message: (_thread, msg) => {
          const chunk = this.#pending.get(msg.id);
          if (!chunk) return;
          this.#pending.delete(msg.id);
          this.#found.set(msg.id, located(chunk, msg.problems));
          if (this.#pending.size === 0) this.#settle?.();
        },
        lost: () => this.#settle?.(),
      });
    } catch {
      this.#poolFailed = true;
    }
    return this.#pool;
  }

  /**
   * Every problem in listing order, once all are checked: the last, partial chunk here while the thread finishes
   * the others, then the thread's answers (what a lost thread left is checked here). The thread is closed.
   */
  async problems(): Promise<Located[]> {
    const tail = this.#take();
    this.#found.set(tail.id, located(tail, checkChunk(this.#root, tail)));
    if (this.#pool?.alive && this.#pending.size > 0) await new Promise<void>((resolve) => (this.#settle = resolve));
    this.#pool?.close(null);
    for (const [id, chunk] of this.#pending) this.#found.set(id, located(chunk, checkChunk(this.#root, chunk)));
    this.#pending.clear();
    return [...this.#found.keys()].sort((a, b) => a - b).flatMap((id) => this.#found.get(id)!);
  }

  /** Stops the thread (a load that failed). */
  close(): void {
    this.#pool?.terminate();
  }
}
