import type { FromLoadWorker, LoadRun, LoadThreads, LoadWorkerData } from '../store/load-parallel.js';
import { workerEntry } from '../io/worker-entry.js';
import { WorkerPool, type PoolHandlers, type PoolThread } from '../io/worker-pool.js';
import type { RuleWorkerData, ToMain, ToWorker } from './protocol.js';

const entry = workerEntry('rule-worker', new URL('./rule-worker.ts', import.meta.url));

/**
 * Rule threads (rule-worker.ts), startable before the store exists: a check starts one before or while the package
 * loads, so the thread's start-up (its code, GEOS) is done by the time the rules run, and the thread loads layers
 * meanwhile (`asLoadThreads`). A run (run-parallel.ts `runRulesParallel`) takes them over, tells them which store
 * to open, and closes them when it is done; `close` stops threads no run took. This module stays small: the CLI
 * starts a check's thread before it loads the checker (prestart.ts).
 */
export class RuleThreads {
  readonly pool: WorkerPool<ToWorker, ToMain>;
  #handlers: PoolHandlers<ToMain> | undefined;
  readonly #early: ((handlers: PoolHandlers<ToMain>) => void)[] = [];
  /** where the messages of their load go (`asLoadThreads`) */
  #load: PoolHandlers<FromLoadWorker> | undefined;
  #closed = false;

  /**
   * `loadFirst`: the threads are to load layers before their rules (`asLoadThreads`), so each instantiates GEOS after
   * its load, not during it: the load is what the main thread waits for, GEOS only what its first spatial rule needs.
   */
  constructor(count: number, options: { readonly loadFirst?: boolean } = {}) {
    const data: RuleWorkerData = { loadFirst: options.loadFirst === true };
    this.pool = new WorkerPool<ToWorker, ToMain>(entry, count, () => data, {
      message: (thread, msg) => (msg.type === 'loaded' ? this.#load?.message(thread, msg.msg) : this.#deliver((h) => h.message(thread, msg))),
      lost: (thread, reason) => {
        this.#load?.lost?.(thread, reason);
        this.#deliver((h) => h.lost?.(thread, reason));
      },
    });
  }

  /**
   * These threads as load threads (store/load-parallel.ts): each loads layers before it opens the store for its
   * rules, so a check starts one thread, not a load thread and then a rule thread.
   */
  asLoadThreads(): LoadThreads {
    return { count: this.pool.threads.length, startLoad: (data, handlers) => this.#startLoad(data, handlers) };
  }

  #startLoad(data: (index: number) => LoadWorkerData, handlers: PoolHandlers<FromLoadWorker>): LoadRun {
    const loading = new Set(this.pool.threads.filter((t) => t.alive));
    let finish = (): void => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const end = (thread: PoolThread): void => {
      if (loading.delete(thread) && loading.size === 0) finish();
    };
    this.#load = {
      message: (thread, msg) => {
        handlers.message(thread, msg);
        if (msg.type === 'done' || msg.type === 'failed') end(thread);
      },
      lost: (thread, reason) => {
        if (loading.has(thread)) handlers.lost?.(thread, reason);
        end(thread);
      },
    };
    for (const thread of loading) this.pool.post(thread, { type: 'load', data: data(thread.index) });
    if (loading.size === 0) finish();
    return { loading: () => loading.size > 0, finished, stop: () => this.close() };
  }

  #deliver(call: (handlers: PoolHandlers<ToMain>) => void): void {
    if (this.#handlers) call(this.#handlers);
    else this.#early.push(call);
  }

  /** Messages and deaths go to `handlers` from now on, those that came before first. */
  attach(handlers: PoolHandlers<ToMain>): void {
    this.#handlers = handlers;
    for (const call of this.#early.splice(0)) call(handlers);
  }

  /** Let every thread finish what it was sent and exit. */
  finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.pool.close({ type: 'exit' });
  }

  /** Stop the threads now, unless a run already let them finish. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.pool.terminate();
  }
}
