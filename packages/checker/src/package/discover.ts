import { lstatSync } from 'node:fs';
import { basename, join } from 'node:path';
import { classifyPath, countyOfRootFolder, FOLDER, mayBeReaderFile, type PathKind, type SummaryTableId } from '@nyt2539/schema';
import type Database from 'better-sqlite3';
import { errorText, type ReaderIssue } from '../readers/issues.js';
import { walkFolder, type PackageTree } from './walk.js';
import { type AttachmentProblem, checkAttachment, checkedAttachmentExtensions, checkListedAttachment } from './attachment-check.js';

/** Which reader a file goes to. */
export type SourceKind = 'mdb' | 'shp' | 'unitCodeTable' | 'summaryTable' | 'vectorMetadata';

/** A file one of the readers will open (everything else is only listed in pkg_files). */
export interface DiscoveredFile {
  /** relative to the root, '/' separators, as on disk */
  readonly path: string;
  readonly kind: PathKind;
  readonly source: SourceKind;
  readonly layer?: string;
  readonly part?: number;
  readonly year?: string;
  readonly summaryTable?: SummaryTableId;
}

export interface Discovery {
  /** the files to read, in listing order */
  readonly files: readonly DiscoveredFile[];
  readonly county: string;
  readonly countyName: string;
  readonly year: string;
  /**
   * The attachments that do not open, as load issues in listing order: the loader writes them after discovery's
   * other issues and before any file's (where a listing thread's issues go too).
   */
  readonly attachmentIssues: readonly ReaderIssue[];
}

/** Files opened by people, not by a reader: each gets a bounded "does it open" check (attachment-check.ts). */
const ATTACHMENT_KINDS: ReadonlySet<PathKind> = new Set(['attachment', 'sketchMap', 'controlPointSketch', 'document', 'report']);
const ACCESS_FILE = /\.(mdb|accdb)$/i;
const BATCH = 5000;
const ROWS_PER_INSERT = 64;
/** The columns of a `pkg_files` row, in the order `row` pushes its values. */
const PKG_FILES_COLUMNS = ['path', 'size', 'kind', 'layer', 'county', 'year', 'part', 'summary_table', 'is_dir'] as const;

function sourceOf(kind: PathKind, extension: string): SourceKind | undefined {
  switch (kind) {
    case 'layerFile':
      return extension === 'shp' ? 'shp' : undefined;
    case 'mdb':
    case 'unitCodeTable':
    case 'summaryTable':
    case 'vectorMetadata':
      return kind;
    default:
      return undefined;
  }
}

/**
 * Lists and classifies every file and folder of the package into `pkg_files` as the walk goes (a county has
 * hundreds of thousands of attachment files: only the files a reader will open are kept), and derives county and
 * year. Symlinks are listed but never followed or read. A package that is not laid out as the standard says is
 * still listed in full; the rules report what is missing or misplaced.
 */
/** Where discovery lists files (`pkg_files`) and notes what it could not read; the loader's LoadContext is one. */
interface DiscoverySink {
  readonly db: Database.Database;
  issue(i: ReaderIssue): void;
}

/** Where the listing comes from when it is not the disk: a zip read in place (zip.ts). */
export interface DiscoverySource {
  readonly tree: PackageTree;
  /** why an attachment does not open, by absolute path (checked while the zip was streamed) */
  readonly attachmentProblems: ReadonlyMap<string, { zh: string; en: string }>;
}

/**
 * What reading a package does with one file (path relative to the county root): a reader opens it by path
 * ('write': a zip entry must be on disk), it gets the bounded "does it open" check ('attachment'), or it is
 * only listed ('verify'). The one place that decides which zip entries are written out.
 */
export function fileUse(relPath: string): 'write' | 'attachment' | 'verify' {
  const c = classifyPath(relPath);
  if (READER_KINDS.has(c.kind) || ACCESS_FILE.test(relPath)) return 'write';
  if (ATTACHMENT_KINDS.has(c.kind) && checkedAttachmentExtensions.has(c.extension)) return 'attachment';
  return 'verify';
}

/** Kinds a reader opens by path (a layer's .shp and every sidecar the shapefile reader opens beside it). */
const READER_KINDS: ReadonlySet<PathKind> = new Set(['layerFile', 'mdb', 'unitCodeTable', 'summaryTable', 'vectorMetadata']);

/** What a pass over the listing does with what it meets; discovery's findings are its return value. */
interface ListingSink {
  /** a `pkg_files` row, in listing order */
  row?(path: string, size: number, isDir: boolean, c: ReturnType<typeof classifyPath> | undefined): void;
  issue?(i: ReaderIssue): void;
  /**
   * A file that gets the "does it open" check; `size` -1 when the walk did not stat it. Returns its size, or
   * undefined when it cannot be stat'ed (reported unreadable: it is then not listed).
   */
  attachment?(path: string, extension: string, size: number): number | undefined;
  /** The size of another file the walk did not stat, or undefined as for `attachment`; absent: sizes stay -1. */
  size?(path: string): number | undefined;
}

/** What discovery derives from the listing: the files to read, county and year. */
export type Found = Pick<Discovery, 'files' | 'county' | 'countyName' | 'year'>;

/** `mode` 'find': only the files to read, county and year are wanted (no rows, no sizes, no attachment checks). */
function scanListing(root: string, tree: PackageTree | undefined, sink: ListingSink, mode: 'list' | 'find', skipFolder?: (rel: string) => boolean): Found {
  const files: DiscoveredFile[] = [];
  const strayAccessFiles: DiscoveredFile[] = [];
  const years = new Map<string, number>();
  let mdbYear: string | undefined;
  const walk = walkFolder(root, (path, e) => sink.issue?.({ code: 'path-unreadable', file: path, params: { reason: errorText(e) } }), tree, {
    stat: mode === 'list' ? 'folders' : 'none',
    ...(skipFolder ? { skipFolder } : {}),
  });
  for (const f of walk) {
    if (f.isSymlink) {
      sink.row?.(f.path, 0, false, undefined);
      sink.issue?.({ code: 'symlink-skipped', file: f.path });
      continue;
    }
    // finding the files to read classifies only what may be one or carry the year
    if (mode === 'find' && (f.isDir || !(mayBeReaderFile(f.path) || ACCESS_FILE.test(f.path)))) continue;
    const c = classifyPath(f.path, { isDir: f.isDir });
    const checked = !f.isDir && ATTACHMENT_KINDS.has(c.kind) && checkedAttachmentExtensions.has(c.extension);
    // an unstat'ed file is sized here: an attachment by its check, before its row (its issue is listed apart)
    const size = checked && sink.attachment ? sink.attachment(f.path, c.extension, f.size) : f.size < 0 && sink.size ? sink.size(f.path) : f.size;
    if (size === undefined) continue;
    sink.row?.(f.path, size, f.isDir, c);
    if (c.year) years.set(c.year, (years.get(c.year) ?? 0) + 1);
    if (c.kind === 'mdb' && c.year && mdbYear === undefined) mdbYear = c.year;
    if (f.isDir) continue;
    const source = sourceOf(c.kind, c.extension);
    const keep = (s: SourceKind): DiscoveredFile => ({
      path: f.path,
      kind: c.kind,
      source: s,
      ...(c.layer !== undefined ? { layer: c.layer } : {}),
      ...(c.part !== undefined ? { part: c.part } : {}),
      ...(c.year !== undefined ? { year: c.year } : {}),
      ...(c.summaryTable !== undefined ? { summaryTable: c.summaryTable } : {}),
    });
    if (source) files.push(keep(source));
    else if (ACCESS_FILE.test(f.path)) strayAccessFiles.push(keep('mdb'));
  }
  // an ownership database that is misnamed or misplaced is still read, so its contents get checked too
  if (!files.some((f) => f.source === 'mdb')) files.push(...strayAccessFiles);
  const rootInfo = countyOfRootFolder(basename(root));
  return { files, county: rootInfo?.county ?? '', countyName: rootInfo?.countyName ?? '', year: mdbYear ?? mostFrequent(years) };
}

/**
 * Writes `pkg_files` rows in batched transactions, ROWS_PER_INSERT rows to a statement: one statement run per row
 * costs a county's ~450k files more than the rows themselves.
 */
function pkgFilesWriter(db: Database.Database): { row: NonNullable<ListingSink['row']>; done(): void } {
  const columns = `pkg_files (${PKG_FILES_COLUMNS.join(', ')})`;
  const width = PKG_FILES_COLUMNS.length;
  const oneRow = `(${PKG_FILES_COLUMNS.map(() => '?').join(', ')})`;
  const insertOne = db.prepare(`INSERT INTO ${columns} VALUES ${oneRow}`);
  const insertMany = db.prepare(`INSERT INTO ${columns} VALUES ${Array<string>(ROWS_PER_INSERT).fill(oneRow).join(', ')}`);
  const values: unknown[] = [];
  let pending = 0;
  const commit = (): void => {
    if (db.inTransaction) db.exec('COMMIT');
    pending = 0;
  };
  return {
    row(path, size, isDir, c) {
      if (!c) values.push(path, 0, 'symlink', null, null, null, null, null, 0);
      else values.push(path, size, c.kind, c.layer ?? null, c.county ?? null, c.year ?? null, c.part ?? null, c.summaryTable ?? null, isDir ? 1 : 0);
      if (values.length < ROWS_PER_INSERT * width) return;
      if (!db.inTransaction) db.exec('BEGIN');
      // as arguments, not one array (data-table.ts: better-sqlite3 reads an array's elements by generic gets)
      insertMany.run(...values);
      values.length = 0;
      if ((pending += ROWS_PER_INSERT) >= BATCH) commit();
    },
    done() {
      if (values.length > 0 && !db.inTransaction) db.exec('BEGIN');
      for (let i = 0; i < values.length; i += width) insertOne.run(values.slice(i, i + width));
      values.length = 0;
      commit();
    },
  };
}

const attachmentIssue = (path: string, problem: AttachmentProblem): ReaderIssue => ({ code: 'attachment-damaged', file: path, params: { reason: problem.zh, reasonEn: problem.en } });

/**
 * The listing pass: `pkg_files` rows into `db` as the walk goes, discovery's issues (unreadable folders, symlinks)
 * in walk order, and the attachments that do not open in listing order (a zip's were checked as it streamed).
 */
function listInto(db: Database.Database, root: string, listing?: DiscoverySource): { found: Found; issues: ReaderIssue[]; attachmentIssues: ReaderIssue[] } {
  const writer = pkgFilesWriter(db);
  const issues: ReaderIssue[] = [];
  const attachmentIssues: ReaderIssue[] = [];
  const unreadable = (path: string, e: unknown): undefined => {
    issues.push({ code: 'path-unreadable', file: path, params: { reason: errorText(e) } });
    return undefined;
  };
  /** what the walk would have said of the file with an lstat: its size, or unreadable */
  const lstatSize = (path: string): number | undefined => {
    try {
      return lstatSync(join(root, path)).size;
    } catch (e) {
      return unreadable(path, e);
    }
  };
  const rootPrefix = join(root, '/');
  try {
    const found = scanListing(
      root,
      listing?.tree,
      {
        row: writer.row,
        issue: (i) => issues.push(i),
        attachment(path, extension, listedSize) {
          const reported = (size: number, problem: AttachmentProblem | undefined): number => {
            if (problem) attachmentIssues.push(attachmentIssue(path, problem));
            return size;
          };
          if (listing) return reported(listedSize, listing.attachmentProblems.get(join(root, path)));
          let size: number | undefined = listedSize;
          if (size < 0) {
            try {
              const checked = checkListedAttachment(rootPrefix + path, extension);
              return reported(checked.size, checked.problem);
            } catch {
              // what does not open or read is lstat'ed and checked as any file is, for the same report
              size = lstatSize(path);
              if (size === undefined) return undefined;
            }
          }
          return reported(size, checkAttachment(join(root, path), extension, size));
        },
        size: lstatSize,
      },
      'list',
    );
    return { found, issues, attachmentIssues };
  } finally {
    writer.done();
  }
}

/**
 * Lists the package into `pkg_files` of `db` and checks its attachments: what a listing thread runs
 * (store/list-parallel.ts). The issues are in the order a one-thread load writes them: discovery's, then the
 * attachments'.
 */
export function listPackage(db: Database.Database, root: string): ReaderIssue[] {
  const { issues, attachmentIssues } = listInto(db, root);
  return [...issues, ...attachmentIssues];
}

/**
 * Discovery without the listing: the files to read, county and year, from the folder listings' entry types alone
 * (no lstat, no pkg_files, no attachment checks — a listing thread does those meanwhile). Derives exactly what
 * discoverPackage does from the same folder.
 */
export function findPackageFiles(root: string): Found {
  // 图件 and 其他资料 hold nearly all of a county's files and none that is read as data; what they could add —
  // a stray Access file — counts only when 权属数据 holds no ownership database
  const found = scanListing(root, undefined, {}, 'find', (rel) => ATTACHMENT_FOLDERS.has(rel));
  return found.files.some((f) => f.kind === 'mdb') ? found : scanListing(root, undefined, {}, 'find');
}

/** Top-level folders of sketch maps and scans (package-layout.md §1). */
const ATTACHMENT_FOLDERS: ReadonlySet<string> = new Set([FOLDER.maps, FOLDER.other]);

export function discoverPackage(ctx: DiscoverySink, root: string, listing?: DiscoverySource): Discovery {
  const { found, issues, attachmentIssues } = listInto(ctx.db, root, listing);
  for (const i of issues) ctx.issue(i);
  return { ...found, attachmentIssues };
}

/** The most frequent key; ties go to the smallest. */
function mostFrequent(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [key, n] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (n > bestCount) [best, bestCount] = [key, n];
  }
  return best;
}
