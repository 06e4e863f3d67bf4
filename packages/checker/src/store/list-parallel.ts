import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { removeScratch } from '@nyt2539/schema';
import type Database from 'better-sqlite3';
import { envNumber, machineThreads, threadsFromEnv } from '../io/thread-settings.js';
import { workerEntry } from '../io/worker-entry.js';
import { WorkerPool } from '../io/worker-pool.js';
import { listPackage } from '../package/discover.js';
import type { ReaderIssue } from '../readers/issues.js';
import { attachStorePart, initStore } from './schema.js';
import { openSqlite } from '../io/sqlite.js';

/**
 * The package listing on a thread of its own while the data loads: a county has ~450k files, each listed (lstat),
 * classified into `pkg_files` and, for its ~450k scans and sketches, opened and read by the attachment check —
 * seconds of one core before the first table could be read, and much more when the files are not in the page
 * cache. Discovery only needs the folder listings to know what to read (discover.ts findPackageFiles); the thread
 * writes `pkg_files` into a file of its own, which the store then reads in place (attached, `store_parts`), or
 * copies in when the store is kept. Its issues come back in the order a one-thread discovery writes them.
 */

export interface ListWorkerData {
  readonly root: string;
  readonly partPath: string;
}

export type FromListWorker = { readonly type: 'done'; readonly issues: readonly ReaderIssue[] } | { readonly type: 'failed'; readonly error: string };

const entry = workerEntry('list-worker', new URL('./list-worker.ts', import.meta.url));

/**
 * Entries within two levels of the root from which the listing gets a thread: `NYT2539_LIST_THREAD_ENTRIES`, else
 * 2 000 (a county's 图件 and 其他资料 hold a folder per 发包方, thousands of them; a township's a few dozen).
 */
function listThreadEntries(): number {
  return envNumber('NYT2539_LIST_THREAD_ENTRIES', 2_000);
}

/**
 * Whether the package at `root` is listed on a thread: decided before the listing starts, from a count of what the
 * first two levels of folders hold (a few readdir calls), so the thread lists while this thread finds the files.
 */
export function listOnThread(root: string): boolean {
  if ((threadsFromEnv() ?? machineThreads()) < 2) return false;
  const wanted = listThreadEntries();
  let seen = 0;
  const count = (dir: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    seen += entries.length;
    if (depth < 2) for (const e of entries) if (seen < wanted && e.isDirectory()) count(join(dir, e.name), depth + 1);
  };
  count(root, 1);
  return seen >= wanted;
}

export interface ListingThread {
  /** discovery's issues, then the attachments that do not open; settles when the listing is done */
  readonly issues: Promise<readonly ReaderIssue[]>;
  /** stops the thread (a load that failed) */
  stop(): void;
}

/** Lists `root` into a fresh SQLite file at `partPath` (pkg_files only): the listing thread's work, or this thread's. */
export function listPackageInto(root: string, partPath: string): ReaderIssue[] {
  removeScratch(partPath);
  const db = openSqlite(partPath);
  try {
    initStore(db, 'listing');
    return listPackage(db, root);
  } finally {
    db.close();
  }
}

/**
 * Starts listing `root` into `partPath` on a thread. A thread that cannot start or dies leaves the listing to this
 * thread (into the same file, started afresh) when `issues` is awaited.
 */
export function startListing(root: string, partPath: string): ListingThread {
  const listHere = (): readonly ReaderIssue[] => listPackageInto(root, partPath);
  let pool: WorkerPool<never, FromListWorker> | undefined;
  const issues = new Promise<readonly ReaderIssue[]>((resolve) => {
    let settled = false;
    const fallBack = (): void => {
      if (settled) return;
      settled = true;
      pool?.terminate();
      resolve(pool ? pool.exited().then(listHere) : listHere());
    };
    try {
      pool = new WorkerPool<never, FromListWorker>(entry, 1, () => ({ root, partPath }) satisfies ListWorkerData, {
        message: (_thread, msg) => {
          if (msg.type === 'failed') return fallBack();
          if (settled) return;
          settled = true;
          resolve(msg.issues);
        },
        lost: () => fallBack(),
      });
    } catch {
      fallBack();
    }
  });
  return { issues, stop: () => pool?.terminate() };
}

/**
 * Puts a listing thread's `pkg_files` where the store's connections see it: `main.pkg_files` is dropped and the
 * thread's file attached as `alias` (listed in store_parts) — or, for a kept store, its rows copied in.
 */
export function adoptListing(db: Database.Database, partPath: string, alias: string, inPlace: boolean): void {
  if (inPlace) {
    db.exec(`DROP TABLE main.pkg_files`);
    attachStorePart(db, alias, partPath);
    return;
  }
  db.prepare(`ATTACH DATABASE ? AS listing`).run(partPath);
  try {
    db.exec(`INSERT INTO main.pkg_files SELECT * FROM listing.pkg_files ORDER BY id`);
  } finally {
    db.exec(`DETACH DATABASE listing`);
  }
}

