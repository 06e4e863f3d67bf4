import { createReadStream, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { BUNDLE_MANIFEST_FILE, isJunkPath } from '@nyt2539/schema';
import { BundleError } from './errors.js';

/** The manifest's own name, inside the county folder (naming rule in the schema); it lists every file but itself. */
export const MANIFEST_NAME = BUNDLE_MANIFEST_FILE;

/** Progress of a pass over the package's files: `done` of `total` files, `path` the one just finished. */
export type FileProgress = (p: { readonly done: number; readonly total: number; readonly path: string }) => void;

export interface PackageEntry {
  /** relative to the county folder, '/'-separated */
  readonly path: string;
  readonly isDir: boolean;
  /** bytes; 0 for folders */
  readonly size: number;
}

/** Byte order of the UTF-8 paths: the same order on every platform and locale (JS `<` compares UTF-16 units). */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Every folder and file under the county folder, sorted by UTF-8 path, without the root `manifest.json` (a bundle
 * unpacked and packed again gets a fresh one) and without Office/OS junk (`isJunkPath`; `onJunk` hears each). Symbolic links are refused: a link in a submission points at
 * something the receiver does not have.
 */
export function listPackageEntries(root: string, onJunk: (path: string) => void = () => {}): PackageEntry[] {
  const out: PackageEntry[] = [];
  const walk = (dir: string, rel: string): void => {
    let names;
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new BundleError({ zh: `无法读取目录 ${dir}（${code}）`, en: `cannot read folder ${dir} (${code})` }, dir);
    }
    for (const d of names) {
      const path = rel === '' ? d.name : `${rel}/${d.name}`;
      const full = join(dir, d.name);
      // lock files, thumbnail caches, Finder data: never part of a submission (the checker warns about them)
      if (isJunkPath(path)) {
        onJunk(path);
        continue;
      }
      if (d.isSymbolicLink()) {
        throw new BundleError(
          { zh: `${path} 是符号链接，汇交成果中不能包含符号链接`, en: `${path} is a symbolic link; a submission cannot contain links` },
          full,
        );
      }
      if (d.isDirectory()) {
        out.push({ path, isDir: true, size: 0 });
        walk(full, path);
      } else if (d.isFile()) {
        if (rel === '' && d.name === MANIFEST_NAME) continue;
        out.push({ path, isDir: false, size: lstatSync(full).size });
      } else {
        throw new BundleError({ zh: `${path} 不是普通文件`, en: `${path} is not a regular file` }, full);
      }
    }
  };
  walk(root, '');
  return out.sort((a, b) => compareUtf8(a.path, b.path));
}

/**
 * Files up to this size are read whole: a stream's set-up costs more than the read itself for the thousands of
 * small attachments a county has. Larger ones (scans, the .mdb) are streamed, so memory stays bounded.
 */
export const WHOLE_READ_BYTES = 8 * 1024 * 1024;

function readFailed(path: string, e: unknown): BundleError {
  const code = (e as NodeJS.ErrnoException).code ?? String(e);
  return new BundleError({ zh: `无法读取文件 ${path}（${code}）`, en: `cannot read file ${path} (${code})` }, path);
}

/** The whole file, for files up to WHOLE_READ_BYTES (the caller knows the size from the listing). */
export function readSmallFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw readFailed(path, e);
  }
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 (hex) and byte count of a file: read whole when small, streamed otherwise (scans run to gigabytes). */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw readFailed(path, e);
  }
  if (size <= WHOLE_READ_BYTES) {
    const data = readSmallFile(path);
    return { sha256: sha256Hex(data), size: data.length };
  }
  const hash = createHash('sha256');
  size = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (e) {
    throw readFailed(path, e);
  }
  return { sha256: hash.digest('hex'), size };
}
