import { registerScratch } from './io/atomic.js';
import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseRootFolderName } from '@nyt2539/schema';
import Database from 'better-sqlite3';
import { discoverPackage, type DiscoveredFile } from './package/discover.js';
import { InputError } from './package/errors.js';
import { defaultZipLimits, extractZip, type ZipLimits } from './package/zip.js';
import { LoadContext, type ProgressListener } from './store/context.js';
import { loadLayer } from './store/load-layer.js';
import { loadMdb } from './store/load-mdb.js';
import { loadSources } from './store/load-sources.js';
import { initStore, writePkgInfo } from './store/schema.js';
import { prepareSummaryCheck } from './store/summary-expected.js';

export interface LoadOptions {
  /** scratch folder for the store (`store.sqlite`) and, for a zip, the extracted files */
  readonly workDir: string;
  /** keep `store.sqlite` after `close()` (the CLI's --keep-store) */
  readonly keepStore?: boolean;
  readonly onProgress?: ProgressListener;
  readonly limits?: Partial<ZipLimits>;
}

export interface PackageInfo {
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

export interface LoadedPackage {
  readonly db: Database.Database;
  readonly storePath: string;
  readonly info: PackageInfo;
  /** closes the store; deletes it unless keepStore, and deletes extracted zip contents */
  close(): void;
}

const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

function looksLikeZip(path: string): boolean {
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
    throw new InputError({ zh: `找不到输入：${inputPath}`, en: `input not found: ${inputPath}` }, inputPath);
  }
  const workDir = resolve(opts.workDir);
  mkdirSync(workDir, { recursive: true });
  let root: string;
  let inputKind: 'folder' | 'zip';
  let extracted: string | undefined;
  let releaseExtracted = (): void => undefined;
  if (st.isDirectory()) {
    try {
      readdirSync(inputPath);
    } catch (e) {
      throw new InputError(
        { zh: `无法读取文件夹 ${inputPath}：${(e as NodeJS.ErrnoException).code ?? String(e)}`, en: `cannot read folder ${inputPath}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` },
        inputPath,
      );
    }
    root = inputPath;
    inputKind = 'folder';
  } else if (st.isFile() && looksLikeZip(inputPath)) {
    extracted = join(workDir, 'unzipped');
    rmSync(extracted, { recursive: true, force: true });
    releaseExtracted = registerScratch(extracted);
    try {
      const onEntry = (done: number, total: number, file: string): void => {
        if (done % 500 === 0) opts.onProgress?.({ phase: 'unzip', done, total, file });
      };
      root = (await extractZip(inputPath, extracted, { ...defaultZipLimits, ...opts.limits }, onEntry)).root;
    } catch (e) {
      rmSync(extracted, { recursive: true, force: true });
      releaseExtracted();
      throw e;
    }
    inputKind = 'zip';
  } else {
    throw new InputError(
      { zh: `输入既不是文件夹也不是 .zip 文件：${inputPath}`, en: `input is neither a folder nor a .zip file: ${inputPath}` },
      inputPath,
    );
  }

  root = findPackageRoot(root);
  const storePath = join(workDir, 'store.sqlite');
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${storePath}${suffix}`, { force: true });
  const db = new Database(storePath);
  // an interrupt removes the store (unless it is to be kept) and the extracted files
  const releaseStore = opts.keepStore ? [] : ['', '-journal', '-wal', '-shm'].map((suffix) => registerScratch(`${storePath}${suffix}`));
  const cleanup = (keep: boolean): void => {
    if (db.open) db.close();
    if (!keep) for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${storePath}${suffix}`, { force: true });
    if (extracted) rmSync(extracted, { recursive: true, force: true });
    for (const release of releaseStore) release();
    releaseExtracted();
  };
  try {
    initStore(db);
    const ctx = new LoadContext(db, opts.onProgress);
    const found = discoverPackage(ctx, root);
    const info: PackageInfo = {
      root,
      rootName: basename(root),
      county: found.county,
      countyName: found.countyName,
      year: found.year,
      inputKind,
    };
    writePkgInfo(db, { ...info, input: inputPath });
    await loadFiles(ctx, root, found.files);
    // derivations last, from what was loaded: the summary tables as the data says they should read (the
    // summary/* rules compare with them; the computation is async, rules are not)
    opts.onProgress?.({ phase: 'summary', done: 0 });
    await prepareSummaryCheck(db);
    db.pragma('optimize');
    return { db, storePath, info, close: () => cleanup(opts.keepStore ?? false) };
  } catch (e) {
    cleanup(false);
    throw e;
  }
}

/**
 * The county folder itself when the given folder (or the zip's top folder) only wraps it, e.g.
 * `汇交成果/220581梅河口市/…`: descends through folders holding exactly one sub-folder and nothing else, as long
 * as that sub-folder is named like a county root (`<6 digits><name>`).
 */
function findPackageRoot(dir: string): string {
  for (let depth = 0; depth < 4 && parseRootFolderName(basename(dir)) === null; depth++) {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return dir;
    }
    if (entries.length !== 1 || !entries[0].isDirectory() || parseRootFolderName(entries[0].name) === null) return dir;
    dir = join(dir, entries[0].name);
  }
  return dir;
}

async function loadFiles(ctx: LoadContext, root: string, files: readonly DiscoveredFile[]): Promise<void> {
  const mdbs = files.filter((f) => f.source === 'mdb');
  const layers = new Map<string, DiscoveredFile[]>();
  for (const f of files) {
    if (f.source !== 'shp' || !f.layer) continue;
    const list = layers.get(f.layer) ?? [];
    list.push(f);
    layers.set(f.layer, list);
  }
  const total = mdbs.length + layers.size;
  let done = 0;
  for (const [layer, parts] of [...layers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    parts.sort((a, b) => (a.part ?? 0) - (b.part ?? 0) || (a.path < b.path ? -1 : 1));
    ctx.onProgress({ phase: 'files', done: done++, total, file: parts[0].path });
    await loadLayer(ctx, root, layer, parts.map((p) => join(root, p.path)));
  }
  // after the layers, so a stray table named like a layer (e.g. DK inside the .mdb) cannot take the layer's place
  for (const f of mdbs) {
    ctx.onProgress({ phase: 'files', done: done++, total, file: f.path });
    loadMdb(ctx, join(root, f.path), f.path);
  }
  await loadSources(ctx, root, files);
  ctx.onProgress({ phase: 'files', done: total, total });
}
