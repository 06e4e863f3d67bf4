import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';

/**
 * The one atomic-write helper. Every output goes to a sibling temp file that is renamed over the target only
 * when complete, so a reader never sees half a file; temp paths still pending are removed by
 * `removePendingTemps()` (called by the CLI's signal handlers), so an interrupt leaves nothing behind.
 */
const pending = new Set<string>();

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

export interface AtomicTarget {
  /** where to write meanwhile */
  readonly tmp: string;
  /** rename the temp over the target */
  commit(): void;
  /** remove the temp; the target is untouched */
  abort(): void;
}

/** Reserve a temp path beside `path` (file or folder); nothing is created yet. */
export function atomicTarget(path: string): AtomicTarget {
  const tmp = `${path}.tmp-${process.pid}-${pending.size}`;
  pending.add(tmp);
  return {
    tmp,
    commit() {
      renameSync(tmp, path);
      pending.delete(tmp);
    },
    abort() {
      rmSync(tmp, { recursive: true, force: true });
      pending.delete(tmp);
    },
  };
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
 * its UTF-8 size when it holds Chinese) plus its copy as bytes is what set the peak memory of writing them.
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
