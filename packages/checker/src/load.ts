import { countyOfRootFolder, printable, registerScratch, removeScratch, summarySourceUnitField } from '@nyt2539/schema';
import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type Database from 'better-sqlite3';
import { discoverPackage, fileUse, findPackageFiles, listPackage, type Found, type DiscoveredFile, type DiscoverySource } from './package/discover.js';
import { InputError } from './package/errors.js';
import { defaultZipLimits, type EntryUse, ZipPackage, type ZipLimits } from './package/zip.js';
import type { PackageTree } from './package/walk.js';
import { LoadContext, type ProgressListener } from './store/context.js';
import type { LayerGeometry } from './store/layer-geometry.js';
import { loadLayer } from './store/load-layer.js';
import { loadMdb } from './store/load-mdb.js';
import { type LayerJob, loadFilesParallel, type LoadThreads, type MdbJob, type ParallelLoadHooks } from './store/load-parallel.js';
import { loadSources } from './store/load-sources.js';
import { adoptListing, listOnThread, startListing, type ListingThread } from './store/list-parallel.js';
import type { ReaderIssue } from './readers/issues.js';
import { initStore, writePkgInfo } from './store/schema.js';
import { prepareSummaryCheck } from './store/summary-expected.js';
import { isStoreWriteFailure, storeWriteError } from './store/write-errors.js';
import { openSqlite } from './io/sqlite.js';

interface LoadOptions {
  /** scratch folder for the store (`store.sqlite`) and, for a zip, the extracted files */
  readonly workDir: string;
  /** keep `store.sqlite` after `close()` (the CLI's --keep-store) */
  readonly keepStore?: boolean;
  readonly onProgress?: ProgressListener;
  readonly limits?: Partial<ZipLimits>;
  readonly zipVisitor?: ZipVisitor;
  /**
   * called once, before the files are read, when the package is big enough for the load to use threads: with the
   * bytes of its layers and .mdb files; threads it returns load layers too (ParallelLoadHooks.onThreaded)
   */
  readonly onThreaded?: (bytes: number) => LoadThreads | undefined;
}

/**
 * Sees a zipped package's files as they stream by (`verify` hashes them against the manifest in the same pass
 * instead of extracting the zip).
 */
export interface ZipVisitor {
  /** county-root-relative paths to write out besides what the readers open, so `visit` can read them */
  readonly write?: readonly string[];
  /** each file entry under the county root, once verified; `file` is its written copy (it exists during the call) when it was written */
  visit(entry: { readonly path: string; readonly size: number; readonly sha256: string; readonly file?: string }): void;
}

interface PackageInfo {
  /** absolute path of the county folder (inside workDir for a zip) */
  readonly root: string;
  readonly rootName: string;
  /** 6-digit county code from the root folder name, or '' */
  readonly county: string;
  readonly countyName: string;
  /** year from the file names, or '' */
  readonly year: string;
  readonly inputKind: 'folder' | 'zip';
}

interface LoadedPackage {
  readonly db: Database.Database;
  readonly storePath: string;
  readonly info: PackageInfo;
  /** the layers' geometry as the loader decoded it, for the spatial rules to adopt instead of decoding `_geom` again */
  readonly layers: readonly LayerGeometry[];
  /** closes the store; deletes it unless keepStore, and deletes extracted zip contents */
  close(): void;
}

const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

/** A .zip by name, or by its first bytes (a zip renamed by a mail system or a download). */
export function looksLikeZip(path: string): boolean {
  if (/\.zip$/i.test(path)) return true;
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return ZIP_MAGIC.some((m) => m.equals(head));
}

/**
 * Reads a county package (a folder, or a .zip of one) into a fresh SQLite working store: every file listed and
 * classified, the .mdb tables, the shapefile layers, the summary .xls tables and the vector metadata. Inputs are
 * only read. Only input that cannot be read at all is an InputError; anything else a package gets wrong is
 * loaded as found (plus load_issues) for the rules to report.
 */
export async function loadPackage(input: string, opts: LoadOptions): Promise<LoadedPackage> {
  const inputPath = resolve(input);
  let st;
  try {
    st = statSync(inputPath);
  } catch {
    throw new InputError({ zh: `找不到输入：${printable(inputPath)}`, en: `input not found: ${printable(inputPath)}` }, inputPath);
  }
  const workDir = resolve(opts.workDir);
  mkdirSync(workDir, { recursive: true });
  let root: string;
  let inputKind: 'folder' | 'zip';
  let extracted: string | undefined;
  let releaseExtracted = (): void => undefined;
  let source: DiscoverySource | undefined;
  if (st.isDirectory()) {
    try {
      readdirSync(inputPath);
    } catch (e) {
      throw new InputError(
        { zh: `无法读取文件夹 ${printable(inputPath)}：${(e as NodeJS.ErrnoException).code ?? String(e)}`, en: `cannot read folder ${printable(inputPath)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` },
        inputPath,
      );
    }
    root = inputPath;
    inputKind = 'folder';
  } else if (st.isFile() && looksLikeZip(inputPath)) {
    extracted = join(workDir, 'unzipped');
    removeScratch(extracted);
    releaseExtracted = registerScratch(extracted);
    try {
      ({ root, source } = await readZipInPlace(inputPath, extracted, { ...defaultZipLimits, ...opts.limits }, opts.onProgress, opts.zipVisitor));
    } catch (e) {
      removeScratch(extracted);
      releaseExtracted();
      throw e;
    }
    inputKind = 'zip';
  } else {
    throw new InputError(
      { zh: `输入既不是文件夹也不是 .zip 文件：${printable(inputPath)}`, en: `input is neither a folder nor a .zip file: ${printable(inputPath)}` },
      inputPath,
    );
  }

  let outside: readonly string[];
  try {
    ({ root, outside } = locatePackageRoot(root, basename(inputPath), source?.tree));
  } catch (e) {
    if (extracted) removeScratch(extracted);
    throw e;
  }
  const storePath = join(workDir, 'store.sqlite');
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${storePath}${suffix}`, { force: true });
  const db = openSqlite(storePath);
  // an interrupt removes the store (unless it is to be kept) and the extracted files
  const releaseStore = opts.keepStore ? [] : ['', '-journal', '-wal', '-shm'].map((suffix) => registerScratch(`${storePath}${suffix}`));
  // the load threads' files the store reads layers from in place (a kept store has them copied in instead)
  const parts: string[] = [];
  const keepPart = opts.keepStore
    ? undefined
    : (path: string): void => {
        parts.push(path);
        releaseStore.push(registerScratch(path));
      };
  const cleanup = (keep: boolean): void => {
    if (db.open) db.close();
    if (!keep) for (const suffix of ['', '-journal', '-wal', '-shm']) removeScratch(`${storePath}${suffix}`);
    for (const part of parts) removeScratch(part);
    if (extracted) removeScratch(extracted);
    for (const release of releaseStore) release();
    releaseExtracted();
  };
  // the file being read, for the one line a full disk ends the load with
  let reading: string | undefined;
  const onProgress: ProgressListener = (p) => {
    if (p.file) reading = p.file;
    opts.onProgress?.(p);
  };
  try {
    initStore(db);
    const ctx = new LoadContext(db, onProgress, root);
    // a big package from disk is listed on a thread while the data loads: only the folder listings are read here
    let listing: ListingThread | undefined;
    let laterIssues: () => Promise<readonly ReaderIssue[]>;
    let listHere: (() => void) | undefined;
    let found: Found;
    if (!source && listOnThread(root)) {
      const listPath = join(workDir, 'store.files.sqlite');
      removeScratch(listPath);
      releaseStore.push(registerScratch(listPath));
      parts.push(listPath);
      const thread = (listing = startListing(root, listPath));
      found = findPackageFiles(root);
      laterIssues = async () => {
        const issues = await thread.issues;
        adoptListing(db, listPath, 'files', !opts.keepStore);
        return issues;
      };
    } else if (!source) {
      // a smaller package from disk is listed here, once the load's threads are starting (their start-up costs
      // a few tenths of a second of the other core, which the listing would otherwise leave idle)
      found = findPackageFiles(root);
      let listed: readonly ReaderIssue[] | undefined;
      const list = (): readonly ReaderIssue[] => (listed ??= listPackage(db, root));
      listHere = () => void list();
      laterIssues = async () => list();
    } else {
      const discovered = discoverPackage(ctx, root, source);
      found = discovered;
      laterIssues = async () => discovered.attachmentIssues;
    }
    const info: PackageInfo = {
      root,
      rootName: basename(root),
      county: found.county,
      countyName: found.countyName,
      year: found.year,
      inputKind,
    };
    writePkgInfo(db, { ...info, input: inputPath, ...(outside.length > 0 ? { outsideRoot: JSON.stringify(outside) } : {}) });
    try {
      // the listing's issues go after discovery's and before any file's, however long the listing takes
      await loadFiles(
        ctx,
        root,
        workDir,
        found.files,
        async () => {
          for (const issue of await laterIssues()) ctx.issue(issue);
        },
        { keepPart, onThreaded: opts.onThreaded, whileThreadsStart: listHere },
      );
    } catch (e) {
      listing?.stop();
      throw e;
    }
    db.pragma('optimize');
    return { db, storePath, info, layers: ctx.layers, close: () => cleanup(opts.keepStore ?? false) };
  } catch (e) {
    cleanup(false);
    if (isStoreWriteFailure(e)) throw storeWriteError(e, reading === undefined ? undefined : printable(reading));
    throw e;
  }
}

/** Top-level folders of the layout (package-layout.md §1): a folder holding two of them is a county root. */
const LAYOUT_FOLDERS = ['矢量数据', '权属数据', '汇总表格', '图件', '栅格数据', '文字报告', '其他资料'];

/** A zip's tree when the package is read in place, else the disk. */
interface Lister {
  isDir(path: string): boolean;
  entries(dir: string): { name: string; isDirectory(): boolean; isFile(): boolean }[];
}

const disk: Lister = {
  isDir(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  entries: (dir) => readdirSync(dir, { withFileTypes: true }),
};

function listerOf(tree: (PackageTree) | undefined): Lister {
  if (!tree) return disk;
  return {
    isDir: (path) => tree.isDir(path),
    entries: (dir) => tree.list(dir).map((e) => ({ name: e.name, isDirectory: () => e.isDir, isFile: () => !e.isDir && !e.isSymlink })),
  };
}

function hasLayoutFolders(fs: Lister, dir: string): boolean {
  return LAYOUT_FOLDERS.filter((f) => fs.isDir(join(dir, f))).length >= 2;
}

interface PackageRoot {
  readonly root: string;
  /** what lay beside the county folder (relative to the input, '/' separators): listed, never checked */
  readonly outside: readonly string[];
}

/**
 * The county folder inside what was given: the folder itself when it holds the layout's folders, else the one
 * sub-folder that is a county (named `<6 digits><name>` or holding the layout), descending through wrappers such
 * as `汇交成果/220581梅河口市/` or a zip's top folder. Anything beside the county folder is listed as outside the
 * package (a stray `说明.txt` is one finding, not a bogus package). Two or more counties (folders or zips) are
 * refused with a pointer to `batch`: each is a package of its own.
 */
function locatePackageRoot(dir: string, inputName: string = basename(dir), tree?: PackageTree): PackageRoot {
  const fs = listerOf(tree);
  const outside: string[] = [];
  let rel = '';
  for (let depth = 0; depth < 4 && !hasLayoutFolders(fs, dir); depth++) {
    let entries;
    try {
      entries = fs.entries(dir);
    } catch {
      break;
    }
    const counties = entries.filter((e) => e.isDirectory() && (countyOfRootFolder(e.name) !== null || hasLayoutFolders(fs, join(dir, e.name))));
    // a county folder with a single layout folder (an incomplete package) is still the root
    if (counties.length === 0 && countyOfRootFolder(basename(dir)) !== null) break;
    const zips = entries.filter((e) => e.isFile() && /\.zip$/i.test(e.name) && countyOfRootFolder(e.name.replace(/\.zip$/i, '')) !== null);
    if (counties.length + zips.length > 1) {
      const names = [...counties, ...zips].map((e) => printable(e.name)).sort();
      const shown = names.length > 5 ? `${names.slice(0, 5).join('、')} …` : names.join('、');
      throw new InputError(
        {
          zh: `${printable(inputName)} 包含 ${names.length} 个县级数据包（${shown}）：一次只检查一个县，多个县请用 batch 命令（nyt2539 batch ${printable(inputName)}），或指定其中一个`,
          en: `${printable(inputName)} holds ${names.length} county packages (${shown}): check one county at a time, use the batch command for several (nyt2539 batch ${printable(inputName)}), or give one of them`,
        },
        inputName,
      );
    }
    if (zips.length === 1 && counties.length === 0) {
      throw new InputError(
        {
          zh: `${printable(inputName)} 中的县级数据包是压缩文件 ${printable(zips[0].name)}：请直接检查该 zip`,
          en: `the county package in ${printable(inputName)} is the zip ${printable(zips[0].name)}: check that zip itself`,
        },
        inputName,
      );
    }
    const next = counties[0] ?? (entries.length === 1 && entries[0].isDirectory() && !LAYOUT_FOLDERS.includes(entries[0].name) ? entries[0] : undefined);
    if (!next) break;
    for (const e of entries) if (e !== next) outside.push(rel === '' ? e.name : `${rel}/${e.name}`);
    rel = rel === '' ? next.name : `${rel}/${next.name}`;
    dir = join(dir, next.name);
  }
  return { root: dir, outside: outside.sort() };
}

/** The layers the summary tables are computed from (the DK layer): loaded before the summary is. */
const summaryLayers: ReadonlySet<string> = new Set(Object.keys(summarySourceUnitField));

/**
 * The files' data into the store, then what is derived from it: the summary tables as the data says they should
 * read (the summary/* rules compare with them; the computation is async, rules are not). `beforeIssues` writes
 * what must come before the first issue a file's reader records (it may wait for threads); `hooks` as
 * loadFilesParallel takes them (the one-thread path needs none of them).
 */
async function loadFiles(
  ctx: LoadContext,
  root: string,
  workDir: string,
  files: readonly DiscoveredFile[],
  beforeIssues: () => Promise<void>,
  hooks: ParallelLoadHooks,
): Promise<void> {
  const mdbs = files.filter((f) => f.source === 'mdb');
  const layers = new Map<string, DiscoveredFile[]>();
  for (const f of files) {
    if (f.source !== 'shp' || !f.layer) continue;
    const list = layers.get(f.layer) ?? [];
    list.push(f);
    layers.set(f.layer, list);
  }
  const total = mdbs.length + layers.size;
  const layerJobs: LayerJob[] = [...layers.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([layer, parts]) => {
      parts.sort((a, b) => (a.part ?? 0) - (b.part ?? 0) || (a.path < b.path ? -1 : 1));
      return { layer, absPaths: parts.map((p) => join(root, p.path)) };
    });
  const mdbJobs: MdbJob[] = mdbs.map((f) => ({ absPath: join(root, f.path), relPath: f.path }));
  // the summary's inputs (the .mdb, the DK layer, the code table) and the summary itself: on a load thread's core
  // while the other layers still load, else after everything
  const derive = async (into: LoadContext): Promise<void> => {
    await loadSources(into, root, files);
    into.onProgress({ phase: 'summary', done: 0 });
    await prepareSummaryCheck(into.db);
  };
  if (!(await loadFilesParallel(ctx, root, workDir, layerJobs, mdbJobs, beforeIssues, { layers: summaryLayers, run: derive }, hooks))) {
    await beforeIssues();
    let done = 0;
    for (const job of layerJobs) {
      ctx.onProgress({ phase: 'files', done: done++, total, file: relative(root, job.absPaths[0]).split(sep).join('/') });
      await loadLayer(ctx, root, job.layer, job.absPaths);
    }
    // after the layers, so a stray table named like a layer (e.g. DK inside the .mdb) cannot take the layer's place
    for (const m of mdbJobs) {
      ctx.onProgress({ phase: 'files', done: done++, total, file: m.relPath });
      loadMdb(ctx, m.absPath, m.relPath);
    }
    await derive(ctx);
  }
  ctx.onProgress({ phase: 'files', done: total, total });
}

/**
 * A zipped package read in place (issue 12 item 9): the entries are listed from the central directory and checked
 * before anything is written (zip.ts), the county root is found in that listing, and then only the files a reader
 * opens by path are written to `target`; attachments are checked and everything else verified as the zip streams.
 */
export async function readZipInPlace(
  zipPath: string,
  target: string,
  limits: ZipLimits,
  onProgress: LoadOptions['onProgress'],
  visitor?: ZipVisitor,
): Promise<{ root: string; source: DiscoverySource }> {
  const zip = await ZipPackage.open(zipPath, target, limits);
  try {
    const { root } = locatePackageRoot(zip.root, basename(zipPath), zip.tree);
    const inRoot = `${root}${sep}`;
    const rel = (abs: string): string => relative(root, abs).split(sep).join('/');
    const alsoWrite = new Set(visitor?.write ?? []);
    const uses = new Map<string, EntryUse>();
    const { attachmentProblems } = await zip.read(
      (abs) => {
        const use = !abs.startsWith(inRoot) ? 'verify' : alsoWrite.has(rel(abs)) ? 'write' : fileUse(rel(abs));
        if (visitor) uses.set(abs, use);
        return use;
      },
      (done, total, file) => onProgress?.({ phase: 'unzip', done, total, file }),
      visitor
        ? (abs, size, sha256) => {
            if (abs.startsWith(inRoot)) visitor.visit({ path: rel(abs), size, sha256, ...(uses.get(abs) === 'write' ? { file: abs } : {}) });
          }
        : undefined,
    );
    return { root: zip.root, source: { tree: zip.tree, attachmentProblems } };
  } finally {
    zip.close();
  }
}
