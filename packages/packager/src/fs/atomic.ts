import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Write `data` to `path` through a sibling temp file and a rename, so a reader (or a crash) never leaves half a
 * file under the real name.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
