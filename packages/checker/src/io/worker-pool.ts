import { Worker } from 'node:worker_threads';
import type { WorkerEntry } from './worker-entry.js';

/**
 * The one worker-pool primitive of the checker, under both the loader (store/load-parallel.ts) and the rule runner
 * (threads/run-parallel.ts): threads of one entry started with their `workerData`, each thread's death (an uncaught
 * error, or an exit before the pool closed it) reported once, so the caller can give its work to another thread or
 * do it itself, and a promise that settles when every thread has exited. What a job is, and who takes which, stays
 * with the caller.
 */

/** A thread's error as the one line its `failed` message or death report carries. */
export function threadErrorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One thread of a pool. */
export interface PoolThread {
  readonly index: number;
  /** false once the thread died or the pool was closed */
  readonly alive: boolean;
}

export interface PoolHandlers<Out> {
  /** a message from `thread` (also one it sent before it died) */
  readonly message: (thread: PoolThread, msg: Out) => void;
  /** `thread` died before the pool closed it (called once per thread, after it is marked not alive) */
  readonly lost?: (thread: PoolThread, reason: string) => void;
}

interface Slot extends PoolThread {
  alive: boolean;
  readonly worker: Worker;
}

export class WorkerPool<In, Out> {
  readonly #slots: Slot[] = [];
  readonly #exits: Promise<void>[] = [];
  readonly #handlers: PoolHandlers<Out>;
  #closed = false;

  /** Start `count` threads of `entry`; `data(i)` is thread i's workerData (the entry's module is added to it). */
  constructor(entry: WorkerEntry, count: number, data: (index: number) => object, handlers: PoolHandlers<Out>) {
    this.#handlers = handlers;
    const lose = (slot: Slot, reason: string): void => this.#lose(slot, reason);
    try {
      for (let index = 0; index < count; index++) {
        const worker = new Worker(entry.url, { workerData: { ...data(index), module: entry.module } });
        const slot: Slot = { index, alive: true, worker };
        this.#slots.push(slot);
        // a message sent before the thread died still counts (a load thread's finished layer)
        worker.on('message', (msg: Out) => handlers.message(slot, msg));
        worker.on('error', (err) => lose(slot, threadErrorText(err)));
        this.#exits.push(
          new Promise<void>((resolve) =>
            worker.on('exit', (code) => {
              lose(slot, `worker thread exited (${code})`);
              resolve();
            }),
          ),
        );
      }
    } catch (err) {
      this.terminate();
      throw err;
    }
  }

  #lose(slot: Slot, reason: string): void {
    if (!slot.alive) return;
    slot.alive = false;
    if (!this.#closed) this.#handlers.lost?.(slot, reason);
  }

  get threads(): readonly PoolThread[] {
    return this.#slots;
  }

  /** Whether any thread is still alive. */
  get alive(): boolean {
    return this.#slots.some((s) => s.alive);
  }

  /** Send `msg` to `thread` (ignored when it is dead). */
  post(thread: PoolThread, msg: In): void {
    const slot = this.#slots[thread.index];
    if (slot.alive) slot.worker.postMessage(msg);
  }

  /** Take `thread` out of the pool for good (it cannot even start): it is stopped, and reported lost. */
  discard(thread: PoolThread, reason: string): void {
    const slot = this.#slots[thread.index];
    if (!slot.alive) return;
    this.#lose(slot, reason);
    void slot.worker.terminate();
  }

  /**
   * Close the pool: every live thread is sent `farewell` (a thread exits once it has nothing left to do) or, without
   * it, terminated. No thread is reported lost after this.
   */
  close(farewell?: In): void {
    this.#closed = true;
    for (const slot of this.#slots) {
      if (!slot.alive) continue;
      slot.alive = false;
      if (farewell !== undefined) slot.worker.postMessage(farewell);
      else void slot.worker.terminate();
    }
  }

  /** Stop every thread now. */
  terminate(): void {
    this.#closed = true;
    for (const slot of this.#slots) {
      slot.alive = false;
      void slot.worker.terminate();
    }
  }

  /** Settles when every thread has exited. */
  exited(): Promise<void> {
    return Promise.all(this.#exits).then(() => undefined);
  }
}
