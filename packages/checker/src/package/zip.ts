import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import type { Localized } from '@nyt2539/schema';
import { InputError } from './errors.js';
import { decodeEntryName, type NameEncoding, safeRelativePath } from './zip-names.js';

export interface ZipLimits {
  /** total uncompressed bytes of all entries */
  readonly maxZipBytes: number;
  readonly maxZipEntries: number;
  /** uncompressed bytes of one entry */
  readonly maxEntryBytes: number;
}

/** A county is a few GB at most (a Jet4 .mdb is capped at 2 GB; orthophotos are the bulk). */
export const defaultZipLimits: ZipLimits = {
  maxZipBytes: 20 * 1024 ** 3,
  maxZipEntries: 200_000,
  maxEntryBytes: 8 * 1024 ** 3,
};

export interface ExtractedZip {
  /** folder holding the extracted package root (its only top-level folder, or the zip's base name) */
  readonly root: string;
  readonly entries: number;
  readonly bytes: number;
  readonly nameEncodings: Readonly<Partial<Record<NameEncoding, number>>>;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const UNIX_HOST = 3;

interface PlannedEntry {
  readonly entry: yauzl.Entry;
  readonly path: string;
  readonly isDir: boolean;
}

function refuse(zipName: string, text: Localized, entry?: string): never {
  const where = entry === undefined ? zipName : `${zipName}: ${entry}`;
  throw new InputError({ zh: `${where}：${text.zh}`, en: `${where}: ${text.en}` }, zipName);
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) =>
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

/**
 * Extracts a zipped package into `targetDir` after checking EVERY entry first, so a hostile archive writes
 * nothing: refuses path traversal, absolute paths, drive letters, symlinks, encrypted entries, duplicate names,
 * and archives past the entry-count or size limits; while writing, an entry whose data is longer than its
 * declared size (a zip bomb lying in its header) aborts the extraction. Files are written as `x.tmp-<pid>` then
 * renamed, so a half-written file never looks complete.
 */
export async function extractZip(
  zipPath: string,
  targetDir: string,
  limits: ZipLimits = defaultZipLimits,
  onEntry: (done: number, total: number, path: string) => void = () => {},
): Promise<ExtractedZip> {
  const zipName = basename(zipPath);
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch (e) {
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
    const plan: PlannedEntry[] = [];
    const seen = new Set<string>();
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
      // macOS Finder adds resource forks under __MACOSX/: not part of the package
      if (safe.path.split('/')[0] === '__MACOSX') continue;
      const isDir = shown.endsWith('/') || shown.endsWith('\\');
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (entry.versionMadeBy >> 8 === UNIX_HOST && mode === S_IFLNK) {
        refuse(zipName, { zh: '条目是符号链接，拒绝解压', en: 'entry is a symbolic link; refused' }, shown);
      }
      if (entry.isEncrypted()) refuse(zipName, { zh: '条目已加密，无法读取', en: 'entry is encrypted and cannot be read' }, shown);
      const key = isDir ? `${safe.path}/` : safe.path;
      if (seen.has(key)) refuse(zipName, { zh: '条目名称重复', en: 'duplicate entry name' }, shown);
      seen.add(key);
      if (!isDir) {
        if (entry.uncompressedSize > limits.maxEntryBytes) {
          refuse(
            zipName,
            { zh: `解压后 ${entry.uncompressedSize} 字节，超过单个文件上限 ${limits.maxEntryBytes}`, en: `expands to ${entry.uncompressedSize} bytes, over the per-file limit of ${limits.maxEntryBytes}` },
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
    for (const p of plan) {
      for (const other of [dirname(p.path)]) {
        // a file and a folder with the same name cannot both be extracted
        if (other !== '.' && seen.has(other)) refuse(zipName, { zh: '条目名称与文件重名', en: 'entry name clashes with a file' }, p.path);
      }
    }

    // a zip of "<county>/…" extracts to that folder; a zip of the folder's contents gets the zip's base name
    const tops = new Set(plan.map((p) => p.path.split('/')[0]));
    const singleTop = tops.size === 1 && plan.some((p) => p.path.includes('/') || p.isDir);
    const base = singleTop ? targetDir : join(targetDir, zipName.replace(/\.zip$/i, ''));
    mkdirSync(base, { recursive: true });

    let written = 0;
    for (const [index, p] of plan.entries()) {
      onEntry(index, plan.length, p.path);
      const out = join(base, ...p.path.split('/'));
      if (p.isDir) {
        mkdirSync(out, { recursive: true });
        continue;
      }
      mkdirSync(dirname(out), { recursive: true });
      const tmp = `${out}.tmp-${process.pid}`;
      let entryBytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          entryBytes += chunk.length;
          written += chunk.length;
          if (entryBytes > limits.maxEntryBytes || written > limits.maxZipBytes) {
            done(new Error('size limit exceeded while extracting'));
            return;
          }
          done(null, chunk);
        },
      });
      try {
        const stream = await zip.openReadStreamPromise(p.entry);
        await pipeline(stream, counter, createWriteStream(tmp, { mode: 0o644 }));
      } catch (e) {
        rmSync(tmp, { force: true });
        const msg = (e as Error).message;
        if (/too many bytes|size limit/.test(msg)) {
          refuse(
            zipName,
            { zh: `实际解压数据超出声明大小或上限（疑似 zip 炸弹）：${msg}`, en: `data expands past its declared size or the limit (zip bomb?): ${msg}` },
            p.path,
          );
        }
        refuse(zipName, { zh: `无法解压：${msg}`, en: `cannot extract: ${msg}` }, p.path);
      }
      renameSync(tmp, out);
    }
    return { root: singleTop ? join(targetDir, [...tops][0]) : base, entries: plan.length, bytes: written, nameEncodings };
  } finally {
    zip.close();
  }
}
