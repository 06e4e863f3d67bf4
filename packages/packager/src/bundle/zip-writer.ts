import { atomicTarget } from '@nyt2539/schema';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipArchive } from 'archiver';
import iconv from 'iconv-lite';
import { EntryQueue } from './entry-queue.js';
import { BundleError } from './errors.js';
import { compareUtf8, listPackageEntries, MANIFEST_NAME, readSmallFile, sha256Hex, WHOLE_READ_BYTES, type FileProgress } from './files.js';
import { renderManifest, type ExtraEntry, type Manifest } from './manifest.js';

/**
 * Entry date when the manifest carries none. A DOS date has no zone; archiver writes the UTC fields (forceLocalTime
 * false), so the bytes do not depend on the packer's time zone.
 */
export const DEFAULT_ENTRY_DATE = new Date(Date.UTC(2016, 0, 1, 0, 0, 0));
/** Unix permissions of every entry: the packer's umask and file modes must not leak into the bytes. */
export const FILE_MODE = 0o644;
export const DIR_MODE = 0o755;
/** zlib level: 6 is zlib's default trade-off; county bundles are dominated by scans that do not shrink anyway */
const DEFLATE_LEVEL = 6;
/** Buffers queued ahead of archiver at most: bounds memory while sparing a round trip per small file. */
const MAX_QUEUED_BYTES = 32 * 1024 * 1024;
/** Already-compressed formats are stored: deflating a JPEG or a zip costs time and gains nothing. */
const STORED_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'gif', 'jp2', 'ecw', 'sid', 'zip', 'rar', '7z', 'gz', 'bz2', 'xz', 'mp4']);

export interface PackBundleOptions {
  /** the county folder's manifest (buildManifest); written as `<county>/manifest.json` */
  readonly manifest: Manifest;
  /** called after each file is written to the zip */
  readonly onProgress?: FileProgress;
  /** files packed from outside the county folder (as given to buildManifest) */
  readonly extra?: readonly ExtraEntry[];
  /** entry-name encoding (default utf8) */
  readonly zipNames?: ZipNameEncoding;
}

/**
 * How entry names are stored: `utf8` with the language-encoding flag 0x800 (the zip specification's way, read by
 * every current tool), or `gbk` without the flag, the code page Chinese Windows' built-in zip folder (Explorer,
 * before Windows 11 23H2) assumes for unflagged names and writes itself — there, flagged UTF-8 names are shown garbled.
 */
export type ZipNameEncoding = 'utf8' | 'gbk';
export const zipNameEncodings: readonly ZipNameEncoding[] = ['utf8', 'gbk'];

/** The zip stream inside archiver's ZipArchive (archiver 8 → zip-stream 7 → compress-commons 7). */
interface ZipEngineEntry {
  name: string | Buffer;
  getName(): string | Buffer;
  getGeneralPurposeBit(): { useUTF8ForNames(b: boolean): void };
}
interface ZipEngine {
  _writeLocalFileHeader(entry: ZipEngineEntry): void;
}

/** An entry name's GBK bytes, or a located error when the name has a character GBK lacks. */
export function gbkName(name: string): Buffer {
  const bytes = iconv.encode(name, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== name) {
    throw new BundleError({ zh: `文件名 ${name} 含有 GBK 无法表示的字符，不能以 --zip-names gbk 打包`, en: `the name ${name} has characters GBK cannot encode; it cannot be packed with --zip-names gbk` }, name);
  }
  return bytes;
}

/**
 * Store entry names in GBK. archiver has no option for a name code page: it flags any non-ASCII name as UTF-8 and
 * writes `Buffer.from(name)`, and an unflagged name is written as given. So just before each local header, the
 * entry's name becomes its GBK bytes and the flag is cleared; the central directory header repeats both. (The
 * entry's folder/file kind and modes are settled by then.)
 */
function writeNamesInGbk(archive: ZipArchive): void {
  const engine = (archive as unknown as { _module: { engine: ZipEngine } })._module.engine;
  const writeLocalFileHeader = engine._writeLocalFileHeader.bind(engine);
  engine._writeLocalFileHeader = (entry) => {
    const name = entry.getName();
    if (typeof name === 'string') {
      entry.name = gbkName(name);
      entry.getGeneralPurposeBit().useUTF8ForNames(false);
    }
    writeLocalFileHeader(entry);
  };
}

export interface PackedBundle {
  readonly zipPath: string;
  /** zip entries, folders included */
  readonly entries: number;
  /** size of the zip */
  readonly bytes: number;
  /** SHA-256 of the zip itself (hex), for the transmittal letter */
  readonly sha256: string;
}

interface PlannedEntry {
  /** entry name inside the zip: `<county>/…`, folders ending in '/' */
  readonly name: string;
  readonly kind: 'dir' | 'file' | 'manifest';
  /** the file's path relative to the county folder */
  readonly path: string;
  /** where an extra entry's bytes are read from */
  readonly source?: string;
}

function entryDate(manifest: Manifest): Date {
  if (manifest.date === undefined) return DEFAULT_ENTRY_DATE;
  const [y, m, d] = manifest.date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function changedWhilePacking(path: string): BundleError {
  return new BundleError({ zh: `${path} 在打包过程中被修改（与清单不符）`, en: `${path} changed while packing (no longer matches the manifest)` }, path);
}

/** Passes bytes through and checks, at the end, that they hash to what the manifest says. */
function verifyingTap(path: string, expected: { sha256: string; size: number }): Transform {
  const hash = createHash('sha256');
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const sha256 = hash.digest('hex');
      if (sha256 !== expected.sha256 || size !== expected.size) {
        done(changedWhilePacking(path));
        return;
      }
      done();
    },
  });
}

/**
 * Zips a county folder as `<county>/…` with `<county>/manifest.json`: entries sorted by UTF-8 name (folders as
 * their own entries, so empty required folders survive), one fixed date, fixed modes, UTF-8 names (archiver
 * sets flag 0x800 for any non-ASCII name; GBK without the flag with `zipNames: 'gbk'`). Same folder and manifest ⇒ byte-identical zip. Streams every file
 * (one open at a time) and checks it against the manifest on the way; writes a temp beside the zip (`atomicTarget`) and moves it into place when complete.
 */
export async function packBundle(packageDir: string, outZip: string, options: PackBundleOptions): Promise<PackedBundle> {
  const root = resolve(packageDir);
  const zipPath = resolve(outZip);
  const { manifest } = options;
  const rel = relative(root, zipPath);
  if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel))) {
    throw new BundleError(
      { zh: `输出文件 ${zipPath} 不能位于被打包的文件夹 ${root} 之内`, en: `the output ${zipPath} cannot be inside the folder being packed, ${root}` },
      zipPath,
    );
  }
  const top = manifest.package.rootName;
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  const extra = new Map((options.extra ?? []).map((e) => [e.path, e.file]));
  const own = listPackageEntries(root).filter((e) => !extra.has(e.path));
  const dirs = new Set(own.filter((e) => e.isDir).map((e) => e.path));
  const added = [...extra.keys()].flatMap((path) => {
    const parents = path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    const newDirs = parents.filter((d) => !dirs.has(d)).map((d) => (dirs.add(d), { path: d, isDir: true, size: 0 }));
    return [...newDirs, { path, isDir: false, size: 0 }];
  });
  const listed = [...own, ...added];
  const plan: PlannedEntry[] = [{ name: `${top}/`, kind: 'dir', path: '' }, { name: `${top}/${MANIFEST_NAME}`, kind: 'manifest', path: MANIFEST_NAME }];
  for (const e of listed) {
    if (!e.isDir && !expected.has(e.path)) {
      throw new BundleError({ zh: `${e.path} 不在清单中（清单生成后新增的文件？）`, en: `${e.path} is not in the manifest (added after it was built?)` }, join(root, e.path));
    }
    const source = extra.get(e.path);
    plan.push({ name: e.isDir ? `${top}/${e.path}/` : `${top}/${e.path}`, kind: e.isDir ? 'dir' : 'file', path: e.path, ...(source !== undefined ? { source } : {}) });
  }
  const present = new Set(listed.map((e) => e.path));
  const gone = manifest.files.find((f) => !present.has(f.path));
  if (gone) throw new BundleError({ zh: `清单中的 ${gone.path} 已不存在`, en: `${gone.path} is in the manifest but no longer exists` }, join(root, gone.path));
  plan.sort((a, b) => compareUtf8(a.name, b.name));

  mkdirSync(dirname(zipPath), { recursive: true });
  const date = entryDate(manifest);
  const archive = new ZipArchive({ zlib: { level: DEFLATE_LEVEL }, forceLocalTime: false });
  if (options.zipNames === 'gbk') {
    // fail before writing anything when a name cannot be stored
    for (const e of plan) gbkName(e.name);
    writeNamesInGbk(archive);
  }
  const zipHash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      zipHash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  // an interrupt removes the half-written zip
  const target = atomicTarget(zipPath);
  const out = createWriteStream(target.tmp);
  const written = pipeline(archive, tap, out);
  // keep the rejection observed while entries are still being appended
  written.catch(() => undefined);
  const queue = new EntryQueue(archive, MAX_QUEUED_BYTES);
  let filesDone = 0;
  // settled in plan order: progress counts files archiver has written
  const fileWritten = (path: string) => (): void => options.onProgress?.({ done: ++filesDone, total: manifest.files.length, path });
  try {
    for (const e of plan) {
      if (e.kind === 'dir') {
        await queue.appendBuffer(Buffer.alloc(0), { name: e.name, type: 'directory', date, mode: DIR_MODE });
      } else if (e.kind === 'manifest') {
        await queue.appendBuffer(Buffer.from(renderManifest(manifest), 'utf8'), { name: e.name, date, mode: FILE_MODE });
      } else {
        const file = e.source ?? join(root, ...e.path.split('/'));
        const want = expected.get(e.path)!;
        const store = STORED_EXTENSIONS.has(extensionOf(e.path));
        if (want.size <= WHOLE_READ_BYTES) {
          const data = readSmallFile(file);
          if (data.length !== want.size || sha256Hex(data) !== want.sha256) throw changedWhilePacking(e.path);
          await queue.appendBuffer(data, { name: e.name, date, mode: FILE_MODE, store }, fileWritten(e.path));
          continue;
        }
        const source = verifyingTap(e.path, want);
        // pipe() does not forward a read error; the tap carries it to the queue, which fails the pack
        createReadStream(file, { highWaterMark: 1 << 20 })
          .on('error', (err) => source.destroy(new BundleError({ zh: `无法读取文件 ${file}（${(err as NodeJS.ErrnoException).code ?? err.message}）`, en: `cannot read file ${file} (${(err as NodeJS.ErrnoException).code ?? err.message})` }, file)))
          .pipe(source);
        await queue.appendStream(source, { name: e.name, date, mode: FILE_MODE, store }, fileWritten(e.path));
      }
    }
    await queue.flush();
    await archive.finalize();
    await written;
    target.commit();
  } catch (err) {
    archive.abort();
    archive.destroy();
    await written.catch(() => undefined);
    await target.abortWhenClosed(out);
    if (err instanceof BundleError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new BundleError({ zh: `无法写入 ${zipPath}（${e.code ?? e.message}）`, en: `cannot write ${zipPath} (${e.code ?? e.message})` }, zipPath);
  }
  return { zipPath, entries: plan.length, bytes, sha256: zipHash.digest('hex') };
}
