import { workerData, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { tasks } from './tasks.js';

/** Worker-thread entry of `runPartitioned`: run one partition of a registered task and post the result. */
const { storePath, name, part, parts, options, signal, port } = workerData as {
  storePath: string;
  name: keyof typeof tasks;
  part: number;
  parts: number;
  options: never;
  signal: Int32Array;
  port: MessagePort;
};

try {
  const db = new Database(storePath, { readonly: true, fileMustExist: true });
  try {
    const task = tasks[name] as (db: Database.Database, part: number, parts: number, options: unknown) => unknown;
    port.postMessage({ ok: true, result: task(db, part, parts, options) });
  } finally {
    db.close();
  }
} catch (err) {
  port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
} finally {
  port.close();
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
