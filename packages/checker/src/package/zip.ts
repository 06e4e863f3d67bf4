import { closeSync, createWriteStream, fstatSync, mkdirSync, openSync, readSync, statfsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import { createHash, type Hash } from 'node:crypto';
import type * as yauzl from 'yauzl';
import { atomicTarget, formatMessage, type Localized, LocalizedError, printable } from '@nyt2539/schema';
import { errnoCode, openFailure, openFailureText } from '../readers/issues.js';
import { InputError } from './errors.js';
import { decodeEntryName, type NameEncoding, safeRelativePath } from './zip-names.js';
import { ATTACHMENT_READ_BYTES, attachmentBytesProblem } from './attachment-check.js';
import type { PackageTree, TreeEntry } from './walk.js';

export interface ZipLimits {
  /** total uncompressed bytes of all entries */
  readonly maxZipBytes: number;
  readonly maxZipEntries: number;
  /** uncompressed bytes of one entry */
  readonly maxEntryBytes: number;
  /** uncompressed ÷ compressed size above which a large entry is refused as a bomb */
  readonly maxRatio: number;
  /** entries smaller than this (uncompressed) are not held to maxRatio: small files of zeros compress well */
  readonly ratioMinBytes: number;
  /** '/'-separated folders of one entry */
  readonly maxDepth: number;
  /** UTF-8 bytes of one entry's relative path; the extraction folder's own path comes on top of it */
  readonly maxPathBytes: number;
}

/**
 * A county is a few GB at most (a Jet4 .mdb is capped at 2 GB; orthophotos are the bulk) and holds ~150k
 * attachments at most. Deflate reaches ~1000:1 only on runs of one byte; real .mdb/.dbf/.shp data stays well
 * under 100:1, so 200:1 on an entry of 64 MiB or more is a bomb, not a table. Names: 255 bytes per segment is
 * the file-system limit (ENAMETOOLONG); packages nest 5–6 folders deep.
 */
export const defaultZipLimits: ZipLimits = {
  maxZipBytes: 20 * 1024 ** 3,
  maxZipEntries: 200_000,
  maxEntryBytes: 8 * 1024 ** 3,
  maxRatio: 200,
  ratioMinBytes: 64 * 1024 ** 2,
  maxDepth: 32,
  maxPathBytes: 1024,
};

interface ExtractedZip {
  /** folder holding the extracted package root (its only top-level folder, or the zip's base name) */
  readonly root: string;
  readonly entries: number;
  readonly bytes: number;
  readonly nameEncodings: Readonly<Partial<Record<NameEncoding, number>>>;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UNIX_HOST = 3;
/** entries up to this size are read into memory and written in one call (most of a county's attachments) */
const SMALL_ENTRY = 1024 * 1024;
/** kept free on the target disk besides the extracted data (the working store is written there too) */
const DISK_MARGIN = 256 * 1024 ** 2;

interface PlannedEntry {
  readonly entry: yauzl.Entry;
  readonly path: string;
  readonly isDir: boolean;
}

function refuse(zipName: string, text: Localized, entry?: string): never {
  const where = entry === undefined ? printable(zipName) : `${printable(zipName)}: ${printable(entry)}`;
  throw new InputError({ zh: `${where}：${text.zh}`, en: `${where}: ${text.en}` }, zipName);
}

/** yauzl is loaded with the first zip read: checking a folder does not pay for it at start-up. */
async function openZip(path: string): Promise<yauzl.ZipFile> {
  const { open } = (await import('yauzl')).default;
  return new Promise((resolve, reject) => {
    open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    );
  });
}

function readAllEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** What a file-system error while writing an entry means to the user, without the scratch folder's path. */
function writeFailure(e: unknown): Localized {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOSPC':
      return { zh: '解压时磁盘空间不足', en: 'the disk filled up while extracting' };
    case 'ENAMETOOLONG':
      return { zh: '条目名称过长，无法在本机文件系统上创建', en: 'the entry name is too long for this file system' };
    case 'EISDIR':
    case 'EEXIST':
    case 'ENOTDIR':
      return { zh: '条目与同名的文件或目录冲突', en: 'the entry clashes with a file or folder of the same name' };
    case 'EACCES':
    case 'EPERM':
      return { zh: '没有写入解压目录的权限', en: 'no permission to write the extraction folder' };
    case 'EMFILE':
    case 'ENFILE':
      return { zh: '打开的文件过多', en: 'too many open files' };
    case 'EDQUOT':
      return { zh: '解压时磁盘配额已用完', en: 'the disk quota ran out while extracting' };
    case 'EFBIG':
      return { zh: '解压出的文件超过系统允许的文件大小（ulimit -f）', en: 'an extracted file exceeds the system file-size limit (ulimit -f)' };
    case 'EROFS':
      return { zh: '解压目录位于只读文件系统', en: 'the extraction folder is on a read-only file system' };
    case 'EIO':
      return { zh: '读写磁盘时发生 I/O 错误', en: 'a disk I/O error' };
    default: {
      const what = err.code ?? (e instanceof Error ? e.message : String(e));
      return { zh: `无法解压（${what}）`, en: `cannot extract (${what})` };
    }
  }
}

/** Bytes free for an unprivileged user on the file system holding `dir` (Infinity when it cannot be asked). */
function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Checks every entry before anything is written: names (traversal, absolute, drive letters, NUL, too long or too
 * deep, a file and a folder of the same name, duplicates), symlinks, encryption, sizes, compression ratio.
 */
function planEntries(zipName: string, entries: readonly yauzl.Entry[], limits: ZipLimits) {
  const plan: PlannedEntry[] = [];
  const files = new Set<string>();
  const folders = new Set<string>();
  const explicitFolders = new Set<string>();
  const nameEncodings: Partial<Record<NameEncoding, number>> = {};
  let declaredTotal = 0;
  for (const entry of entries) {
    const decoded = decodeEntryName(entry.fileNameRaw, entry.generalPurposeBitFlag, entry.extraFields);
    nameEncodings[decoded.encoding] = (nameEncodings[decoded.encoding] ?? 0) + 1;
    const shown = decoded.name;
    const safe = safeRelativePath(shown);
    if ('refused' in safe) {
      const why: Record<typeof safe.refused, Localized> = {
        absolute: { zh: '条目使用绝对路径，拒绝解压', en: 'entry has an absolute path; refused' },
        drive: { zh: '条目带盘符（如 C:），拒绝解压', en: 'entry has a drive letter (like C:); refused' },
        traversal: { zh: '条目路径含“..”，会写到目标目录之外，拒绝解压', en: 'entry path contains "..", which would write outside the target folder; refused' },
        empty: { zh: '条目名称为空，拒绝解压', en: 'entry has an empty name; refused' },
        nul: { zh: '条目名称含 NUL 字符，拒绝解压', en: 'entry name contains a NUL character; refused' },
      };
      refuse(zipName, why[safe.refused], shown);
    }
    const segments = safe.path.split('/');
    // macOS Finder adds resource forks under __MACOSX/: not part of the package
    if (segments[0] === '__MACOSX') continue;
    if (segments.length > limits.maxDepth) {
      refuse(zipName, { zh: `条目嵌套 ${segments.length} 层目录，超过上限 ${limits.maxDepth}`, en: `entry is nested ${segments.length} folders deep, over the limit of ${limits.maxDepth}` }, shown);
    }
    if (segments.some((s) => Buffer.byteLength(s) > 255) || Buffer.byteLength(safe.path) > limits.maxPathBytes) {
      refuse(zipName, { zh: '条目名称过长（单级超过 255 字节或路径过长），无法解压', en: 'entry name is too long (a segment over 255 bytes, or the path too long); cannot extract' }, shown);
    }
    const isDir = shown.endsWith('/') || shown.endsWith('\\');
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (entry.versionMadeBy >> 8 === UNIX_HOST && mode === S_IFLNK) {
      refuse(zipName, { zh: '条目是符号链接，拒绝解压', en: 'entry is a symbolic link; refused' }, shown);
    }
    if (entry.isEncrypted()) refuse(zipName, { zh: '条目已加密，无法读取', en: 'entry is encrypted and cannot be read' }, shown);
    if ((isDir ? explicitFolders : files).has(safe.path)) {
      refuse(zipName, { zh: '条目名称重复', en: 'duplicate entry name' }, shown);
    }
    for (let i = 1; i < segments.length; i++) folders.add(segments.slice(0, i).join('/'));
    if (isDir) {
      folders.add(safe.path);
      explicitFolders.add(safe.path);
    } else {
      files.add(safe.path);
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        refuse(
          zipName,
          { zh: `解压后 ${entry.uncompressedSize} 字节，超过单个文件上限 ${limits.maxEntryBytes}`, en: `expands to ${entry.uncompressedSize} bytes, over the per-file limit of ${limits.maxEntryBytes}` },
          shown,
        );
      }
      if (entry.uncompressedSize >= limits.ratioMinBytes && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
        const ratio = Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1));
        refuse(
          zipName,
          {
            zh: `压缩比 ${ratio}:1（${entry.compressedSize} 字节解压为 ${entry.uncompressedSize} 字节）超过上限 ${limits.maxRatio}:1，疑似 zip 炸弹，拒绝解压`,
            en: `compression ratio ${ratio}:1 (${entry.compressedSize} bytes expand to ${entry.uncompressedSize}) is over the limit of ${limits.maxRatio}:1 (zip bomb?); refused`,
          },
          shown,
        );
      }
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxZipBytes) {
        refuse(zipName, {
          zh: `解压后总大小超过上限 ${limits.maxZipBytes} 字节`,
          en: `expands past the total limit of ${limits.maxZipBytes} bytes`,
        });
      }
    }
    plan.push({ entry, path: safe.path, isDir });
  }
  // a file and a folder with the same name cannot both be extracted
  for (const p of plan) {
    if (!p.isDir && folders.has(p.path)) refuse(zipName, { zh: '条目与同名目录冲突（同一名称既是文件又是目录）', en: 'entry clashes with a folder of the same name' }, p.path);
  }
  return { plan, nameEncodings };
}

/** What happens to one entry when a zip is read: written for a reader that opens files by path, checked in place, or only verified. */
export type EntryUse = 'write' | 'attachment' | 'verify';

/** A zip's central directory as a folder tree (absolute paths under `base`), for listing and locating the root. */
class ZipTree implements PackageTree {
  readonly #children = new Map<string, Map<string, TreeEntry>>();

  constructor(readonly base: string, plan: readonly PlannedEntry[]) {
    this.#children.set(base, new Map());
    for (const p of plan) {
      const segments = p.path.split('/');
      let dir = base;
      for (const [i, name] of segments.entries()) {
        const last = i === segments.length - 1;
        const isDir = !last || p.isDir;
        const kids = this.#children.get(dir)!;
        if (!kids.has(name)) kids.set(name, { name, isDir, size: isDir ? 0 : p.entry.uncompressedSize, isSymlink: false });
        dir = join(dir, name);
        if (isDir && !this.#children.has(dir)) this.#children.set(dir, new Map());
      }
    }
  }

  list(dir: string): TreeEntry[] {
    const kids = this.#children.get(dir);
    if (!kids) throw Object.assign(new Error(`not a folder in the zip: ${dir}`), { code: 'ENOTDIR' });
    return [...kids.values()];
  }

  isDir(path: string): boolean {
    return this.#children.has(path);
  }
}

/** Why an attachment read in place does not open, by its absolute path under the zip's base. */
type AttachmentProblems = ReadonlyMap<string, Localized>;

/**
 * A zipped package read in place: `open` checks EVERY entry before anything is written (unsafe or clashing
 * names, symlinks, encryption, duplicates, the entry-count and size limits, the bomb ratio) and lists them as a
 * tree; `read` then streams each entry once, in archive order: the files a reader opens by path (the .mdb,
 * shapefiles, .xls, metadata) are written under `base`; attachments get their bounded "does it open" check from
 * the stream; everything else (scans, rasters, documents: the bulk of a county) is only verified. Every entry's
 * size and CRC-32 are verified, and only what is written has to fit on the scratch disk. Every failure is one
 * located InputError naming the zip and the entry, never the scratch folder.
 */
export class ZipPackage {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly zipPath: string,
    private readonly zipName: string,
    private readonly plan: readonly PlannedEntry[],
    private readonly limits: ZipLimits,
    readonly base: string,
    readonly tree: ZipTree,
    /** the single top-level folder's path when the zip holds one (a zip of "<county>/…"), else `base` */
    readonly root: string,
    readonly nameEncodings: Readonly<Partial<Record<NameEncoding, number>>>,
  ) {}

  static async open(zipPath: string, targetDir: string, limits: ZipLimits = defaultZipLimits): Promise<ZipPackage> {
    const zipName = basename(zipPath);
    let zip: yauzl.ZipFile;
    try {
      zip = await openZip(zipPath);
    } catch (e) {
      // a system error opening the file (its text names the absolute path) is said in words, per case
      if ((e as NodeJS.ErrnoException).code !== undefined) {
        const t = openFailureText[openFailure(e)];
        const errno = errnoCode(e);
        refuse(zipName, { zh: `无法打开：${formatMessage(t.zh, { errno })}`, en: `cannot open it: ${formatMessage(t.en, { errno })}` });
      }
      refuse(zipName, {
        zh: `不是可读的 zip 文件或已损坏（${(e as Error).message}）`,
        en: `not a readable zip file, or damaged (${(e as Error).message})`,
      });
    }
    try {
      if (zip.entryCount > limits.maxZipEntries) {
        refuse(zipName, {
          zh: `条目数 ${zip.entryCount} 超过上限 ${limits.maxZipEntries}`,
          en: `${zip.entryCount} entries exceed the limit of ${limits.maxZipEntries}`,
        });
      }
      let entries: yauzl.Entry[];
      try {
        entries = await readAllEntries(zip);
      } catch (e) {
        refuse(zipName, { zh: `zip 目录区损坏（${(e as Error).message}）`, en: `damaged zip directory (${(e as Error).message})` });
      }
      const { plan, nameEncodings } = planEntries(zipName, entries, limits);
      // a zip of "<county>/…" reads as that folder; a zip of the folder's contents gets the zip's base name
      const tops = new Set(plan.map((p) => p.path.split('/')[0]));
      const singleTop = tops.size === 1 && plan.some((p) => p.path.includes('/') || p.isDir);
      const base = singleTop ? targetDir : join(targetDir, zipName.replace(/\.zip$/i, ''));
      return new ZipPackage(zip, zipPath, zipName, plan, limits, base, new ZipTree(base, plan), singleTop ? join(targetDir, [...tops][0]) : base, nameEncodings);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  /**
   * Streams every entry once: `use(absolutePath)` says what to do with it. Refuses, before writing, when what is
   * to be written (plus a margin for the working store) does not fit on the scratch disk. `visit`, when given, gets
   * every file entry's size and SHA-256 once it is verified (and written, for 'write'), so a manifest can be
   * checked from the same pass without extracting the zip.
   */
  async read(
    use: (absPath: string) => EntryUse,
    onEntry: (done: number, total: number, path: string) => void = () => {},
    visit?: (absPath: string, size: number, sha256: string) => void,
  ): Promise<{ entries: number; written: number; inPlace: number; attachmentProblems: AttachmentProblems }> {
    const { zipName, plan, limits, base } = this;
    const uses = plan.map((p) => (p.isDir ? 'verify' : use(join(base, ...p.path.split('/')))));
    const writeFolders = uses.every((u, i) => plan[i].isDir || u === 'write');
    const toWrite = plan.reduce((n, p, i) => n + (uses[i] === 'write' ? p.entry.uncompressedSize : 0), 0);
    try {
      mkdirSync(base, { recursive: true });
    } catch (e) {
      refuse(zipName, writeFailure(e));
    }
    const free = freeBytes(base);
    if (toWrite + DISK_MARGIN > free) {
      refuse(zipName, {
        zh: `磁盘空间不足：读取需写出 ${gib(toWrite)}（数据库、图层与表格文件）另加工作库，临时目录所在磁盘只剩 ${gib(free)}（可用 TMPDIR 或 --work-dir 指向更大的磁盘）`,
        en: `not enough disk space: reading needs ${gib(toWrite)} written out (database, layer and table files) plus the working store, the scratch disk has ${gib(free)} free (point TMPDIR or --work-dir at a larger disk)`,
      });
    }
    const made = new Set<string>([base]);
    const ensureDir = (dir: string): void => {
      if (made.has(dir)) return;
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    };
    const problems = new Map<string, Localized>();
    let written = 0;
    let inPlace = 0;
    let total = 0;
    const small = new SmallEntries(this.zipPath);
    try {
      for (const [index, p] of plan.entries()) {
        if (index % 500 === 0) onEntry(index, plan.length, p.path);
        const out = join(base, ...p.path.split('/'));
        if (p.isDir) {
          // an empty folder matters only to a full extraction (in place, the tree lists it)
          if (writeFolders) ensureDir(out);
          continue;
        }
        try {
          const data = small.read(p.entry);
          const hash = visit ? createHash('sha256') : undefined;
          if (data) {
            hash?.update(data);
            // the common case (a county's ~150k scans and sketch maps): no stream per entry
            total += data.length;
            if (total > limits.maxZipBytes) throw new Error('size limit exceeded while extracting');
            if (uses[index] === 'write') {
              ensureDir(dirname(out));
              writeFileSync(out, data, { mode: 0o644 });
              written += data.length;
            } else {
              inPlace += data.length;
              if (uses[index] === 'attachment') {
                const problem = attachmentBytesProblem(data, data, extensionOf(p.path), data.length);
                if (problem) problems.set(out, problem);
              }
            }
          } else if (uses[index] === 'write') {
            ensureDir(dirname(out));
            const n = await writeEntry(this.zip, p.entry, out, limits, total, hash);
            written += n;
            total += n;
          } else {
            const seen = await scanEntry(this.zip, p.entry, limits, total, uses[index] === 'attachment', hash);
            inPlace += seen.bytes;
            total += seen.bytes;
            if (seen.head) {
              const problem = attachmentBytesProblem(seen.head, seen.tail ?? seen.head, extensionOf(p.path), seen.bytes);
              if (problem) problems.set(out, problem);
            }
          }
          if (visit && hash) visit(out, p.entry.uncompressedSize, hash.digest('hex'));
        } catch (e) {
          if (e instanceof InputError) throw e;
          if (e instanceof EntryDataError) refuse(zipName, e.text, p.path);
          if (e instanceof Error && /size limit/.test(e.message)) refuse(zipName, (dataFailure(e) as EntryDataError).text, p.path);
          refuse(zipName, writeFailure(e), p.path);
        }
      }
    } finally {
      small.close();
    }
    return { entries: plan.length, written, inPlace, attachmentProblems: problems };
  }

  close(): void {
    this.zip.close();
  }
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * Extracts a zipped package into `targetDir` whole (for `verify` and `batch`, which hash or hand on every file):
 * the same checks as ZipPackage, with every entry and folder written. Large files are written to a temp beside
 * them (`atomicTarget`) and moved into place, so a half-written file never looks complete.
 */
export async function extractZip(
  zipPath: string,
  targetDir: string,
  limits: ZipLimits = defaultZipLimits,
  onEntry: (done: number, total: number, path: string) => void = () => {},
): Promise<ExtractedZip> {
  const pkg = await ZipPackage.open(zipPath, targetDir, limits);
  try {
    const r = await pkg.read(() => 'write', onEntry);
    return { root: pkg.root, entries: r.entries, bytes: r.written, nameEncodings: pkg.nameEncodings };
  } finally {
    pkg.close();
  }
}

/** The entry's data is not what its header says (too long, CRC mismatch, damaged deflate stream). */
class EntryDataError extends LocalizedError {
  constructor(text: Localized) {
    super(text, { code: 'zip-entry-data' });
    this.name = 'EntryDataError';
  }
}

function dataFailure(e: unknown): Error {
  const msg = (e as Error).message ?? String(e);
  if (/too many bytes|size limit/.test(msg)) {
    return new EntryDataError({ zh: `实际解压数据超出声明大小或上限（疑似 zip 炸弹）：${msg}`, en: `data expands past its declared size or the limit (zip bomb?): ${msg}` });
  }
  // file-system errors (ENOSPC, …) are the writer's; zlib's codes start with Z_
  const code = (e as NodeJS.ErrnoException).code;
  if (code && !code.startsWith('Z_')) return e as Error;
  return new EntryDataError({ zh: `条目数据已损坏，无法解压（${msg}）`, en: `entry data is damaged and cannot be extracted (${msg})` });
}

function crcMismatch(expected: number, actual: number): EntryDataError {
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  return new EntryDataError({
    zh: `CRC-32 校验失败（应为 ${hex(expected)}，实为 ${hex(actual)}）：文件内容已损坏或被改动`,
    en: `CRC-32 mismatch (expected ${hex(expected)}, got ${hex(actual)}): the file's content is damaged or was changed`,
  });
}

/** Writes one file entry, verifying its size and CRC-32; returns the bytes written. */
async function writeEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, out: string, limits: ZipLimits, writtenBefore: number, hash?: Hash): Promise<number> {
  let stream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (e) {
    throw dataFailure(e);
  }
  if (entry.uncompressedSize <= SMALL_ENTRY) {
    const chunks: Buffer[] = [];
    let n = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        n += chunk.length;
        if (n > SMALL_ENTRY) throw new Error('size limit exceeded while extracting');
        chunks.push(chunk);
      }
    } catch (e) {
      throw dataFailure(e);
    }
    const data = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, n);
    hash?.update(data);
    const crc = crc32(data);
    if (crc !== entry.crc32 >>> 0) throw crcMismatch(entry.crc32, crc);
    writeFileSync(out, data, { mode: 0o644 });
    return n;
  }
  const target = atomicTarget(out);
  let entryBytes = 0;
  let crc = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      entryBytes += chunk.length;
      crc = crc32(chunk, crc);
      hash?.update(chunk);
      if (entryBytes > limits.maxEntryBytes || writtenBefore + entryBytes > limits.maxZipBytes) {
        done(new Error('size limit exceeded while extracting'));
        return;
      }
      done(null, chunk);
    },
  });
  const file = createWriteStream(target.tmp, { mode: 0o644 });
  try {
    await pipeline(stream, counter, file);
    if (crc >>> 0 !== entry.crc32 >>> 0) throw crcMismatch(entry.crc32, crc);
    target.commit();
  } catch (e) {
    await target.abortWhenClosed(file);
    throw e instanceof EntryDataError ? e : dataFailure(e);
  }
  return entryBytes;
}

/**
 * Streams one entry without writing it: verifies its size and CRC-32 and, for an attachment, keeps its first and
 * last ATTACHMENT_READ_BYTES (what the "does it open" check looks at), so memory stays bounded.
 */
async function scanEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  limits: ZipLimits,
  totalBefore: number,
  keep: boolean,
  hash?: Hash,
): Promise<{ bytes: number; head?: Buffer; tail?: Buffer }> {
  let stream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (e) {
    throw dataFailure(e);
  }
  let bytes = 0;
  let crc = 0;
  const head: Buffer[] = [];
  let headBytes = 0;
  let tail: Buffer[] = [];
  let tailBytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      crc = crc32(chunk, crc);
      hash?.update(chunk);
      if (bytes > limits.maxEntryBytes || totalBefore + bytes > limits.maxZipBytes) throw new Error('size limit exceeded while extracting');
      if (!keep) continue;
      if (headBytes < ATTACHMENT_READ_BYTES) {
        head.push(chunk);
        headBytes += chunk.length;
      }
      tail.push(chunk);
      tailBytes += chunk.length;
      while (tail.length > 1 && tailBytes - tail[0].length >= ATTACHMENT_READ_BYTES) tailBytes -= tail.shift()!.length;
    }
  } catch (e) {
    throw dataFailure(e);
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) throw crcMismatch(entry.crc32, crc);
  if (!keep) return { bytes };
  const h = Buffer.concat(head, headBytes);
  const t = Buffer.concat(tail, tailBytes);
  return { bytes, head: h.subarray(0, Math.min(h.length, ATTACHMENT_READ_BYTES)), tail: t.subarray(Math.max(0, t.length - ATTACHMENT_READ_BYTES)) };
}

/**
 * Small entries read straight from the archive: the local header and data through one 4 MiB window over the
 * file (entries are stored one after another), inflated in one call, size and CRC-32 verified: a stream per entry
 * has a fixed set-up cost that, over a county's ~150k attachments, would outweigh the reading. `read` returns
 * undefined for anything it does not handle (large, another method, a header it cannot find): the caller streams
 * that entry through yauzl, which reports what is wrong with it.
 */
class SmallEntries {
  readonly #fd: number;
  readonly #size: number;
  readonly #window = Buffer.allocUnsafe(4 * 1024 * 1024);
  #start = 0;
  #end = 0;

  constructor(path: string) {
    this.#fd = openSync(path, 'r');
    this.#size = fstatSync(this.#fd).size;
  }

  #bytes(at: number, length: number): Buffer | undefined {
    if (length > this.#window.length || at + length > this.#size) return undefined;
    if (at < this.#start || at + length > this.#end) {
      const n = readSync(this.#fd, this.#window, 0, Math.min(this.#window.length, this.#size - at), at);
      this.#start = at;
      this.#end = at + n;
      if (at + length > this.#end) return undefined;
    }
    return this.#window.subarray(at - this.#start, at - this.#start + length);
  }

  read(entry: yauzl.Entry): Buffer | undefined {
    const method = entry.compressionMethod;
    if ((method !== 0 && method !== 8) || entry.uncompressedSize > SMALL_ENTRY || entry.compressedSize > SMALL_ENTRY) return undefined;
    const at = entry.relativeOffsetOfLocalHeader;
    const header = this.#bytes(at, 30);
    if (!header || header.readUInt32LE(0) !== 0x04034b50) return undefined;
    const dataAt = at + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const raw = this.#bytes(dataAt, entry.compressedSize);
    if (!raw) return undefined;
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
      } catch (e) {
        // the data inflates past its declared size
        throw dataFailure((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? new Error('too many bytes in the stream') : e);
      }
    }
    if (data.length !== entry.uncompressedSize) {
      throw new EntryDataError({
        zh: `条目数据长度 ${data.length} 与声明的 ${entry.uncompressedSize} 字节不符`,
        en: `the entry's data is ${data.length} bytes, not the declared ${entry.uncompressedSize}`,
      });
    }
    const crc = crc32(data);
    if (crc !== entry.crc32 >>> 0) throw crcMismatch(entry.crc32, crc);
    return data;
  }

  close(): void {
    closeSync(this.#fd);
  }
}
