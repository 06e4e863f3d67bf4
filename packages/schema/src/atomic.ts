import type { Writable } from 'node:stream';
import { closeSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';

/**
 * The one atomic-write helper. Every output goes to a sibling temp file that is renamed over the target only
 * when complete, so a reader never sees half a file; temp paths still pending are removed by
 * `removePendingTemps()` (called by the CLI's signal handlers), so an interrupt leaves nothing behind.
 */
const pending = new Set<string>();
/** tells apart two temps of the same target reserved at once, and the folders moved aside */
let serial = 0;

export function pendingTempPaths(): readonly string[] {
  return [...pending];
}

/**
 * Register scratch (a working store, an extracted zip, a scratch folder) that an interrupt must remove too;
 * returns the function that unregisters it once the owner has removed or kept it.
 */
export function registerScratch(path: string): () => void {
  pending.add(path);
  return () => {
    pending.delete(path);
  };
}

/**
 * Remove scratch (a temp file or folder) on a cleanup path, best effort: a failure to clean up must not replace
 * the error being reported (or the result being returned) with a raw EISDIR/EBUSY/EACCES and the scratch path.
 */
export function removeScratch(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // what is left is scratch under the working folder; the failure that got us here is what the user needs
  }
}

/** Remove every temp file or folder of an atomic write that has not been committed (interrupt cleanup). */
export function removePendingTemps(): void {
  for (const p of pending) removeScratch(p);
  pending.clear();
}

interface AtomicTarget {
  /** where to write meanwhile */
  readonly tmp: string;
  /** move the finished temp onto the target (`replacePath`: a folder replaces a folder whole) */
  commit(): void;
  /** remove the temp, best effort; the target is untouched */
  abort(): void;
  /**
   * abort once `out`, a stream writing the temp, has closed: a failed pipeline settles on its first error, before the
   * stream's asynchronous open may have created the temp, which an earlier abort would leave behind
   */
  abortWhenClosed(out: Writable): Promise<void>;
}

/** Reserve a temp path beside `path` (file or folder); nothing is created yet. */
export function atomicTarget(path: string): AtomicTarget {
  let tmp = `${path}.tmp-${process.pid}`;
  if (pending.has(tmp)) tmp += `-${serial++}`;
  pending.add(tmp);
  const abort = (): void => {
    removeScratch(tmp);
    pending.delete(tmp);
  };
  return {
    tmp,
    commit() {
      replacePath(tmp, path);
      pending.delete(tmp);
    },
    abort,
    async abortWhenClosed(out) {
      if (!out.closed) {
        out.destroy();
        await new Promise((resolve) => out.once('close', resolve));
      }
      abort();
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Move the finished file or folder `from` onto `path` (same file system). A file replaces a file in one rename.
 * A folder replaces an existing folder whole: the old one is moved aside, the new one renamed in, the old one
 * removed, so `path` never holds a mix of both; if the second rename fails the old folder goes back. Anything else
 * (a folder over a file, a file over a folder) fails as rename does: nothing is deleted that was not ours.
 */
export function replacePath(from: string, path: string): void {
  if (!isDirectory(from) || !isDirectory(path)) {
    renameSync(from, path);
    return;
  }
  const aside = `${path}.old-${process.pid}-${serial++}`;
  pending.add(aside);
  renameSync(path, aside);
  try {
    renameSync(from, path);
  } catch (e) {
    renameSync(aside, path);
    pending.delete(aside);
    throw e;
  }
  removeScratch(aside);
  pending.delete(aside);
}

/** Write `bytes` (or text, as UTF-8) to `path` atomically. */
export function writeFileAtomic(path: string, bytes: Uint8Array | string, options: { fsync?: boolean } = {}): void {
  const t = atomicTarget(path);
  try {
    if (options.fsync) {
      const fd = openSync(t.tmp, 'w');
      try {
        writeFileSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } else {
      writeFileSync(t.tmp, bytes);
    }
    t.commit();
  } catch (e) {
    t.abort();
    throw e;
  }
}

/**
 * Write text produced piece by piece (lines of a report, columns of a page) to `path` atomically, as UTF-8,
 * without joining it into one string first: a county's reports run to tens of MB, and the joined string (twice
 * its UTF-8 size when it holds Chinese) plus its copy as bytes would set the peak memory of writing them.
 * Pieces are gathered to about 1 MB per write.
 */
export function writeChunksAtomic(path: string, chunks: Iterable<string>): void {
  const t = atomicTarget(path);
  try {
    const fd = openSync(t.tmp, 'w');
    try {
      let batch: string[] = [];
      let size = 0;
      for (const chunk of chunks) {
        batch.push(chunk);
        size += chunk.length;
        if (size >= 1 << 20) {
          writeSync(fd, batch.join(''));
          batch = [];
          size = 0;
        }
      }
      if (batch.length > 0) writeSync(fd, batch.join(''));
    } finally {
      closeSync(fd);
    }
    t.commit();
  } catch (e) {
    t.abort();
    throw e;
  }
}
