import { basename, join } from 'node:path';
import { classifyPath, countyOfRootFolder, type PathKind, type SummaryTableId } from '@nyt2539/schema';
import type Database from 'better-sqlite3';
import { errorText, type ReaderIssue } from '../readers/issues.js';
import { walkFolder, type PackageTree } from './walk.js';
import { checkedAttachmentExtensions } from './attachment-check.js';
import { AttachmentChecks, type AttachmentProblem } from './attachment-checks.js';

/** Which reader a file goes to. */
export type SourceKind = 'mdb' | 'shp' | 'unitCodeTable' | 'summaryTable' | 'vectorMetadata';

/** A file one of the readers will open (everything else is only listed in pkg_files). */
export interface DiscoveredFile {
  /** relative to the root, '/' separators, as on disk */
  readonly path: string;
  readonly size: number;
  readonly kind: PathKind;
  readonly source: SourceKind;
  readonly layer?: string;
  readonly part?: number;
  readonly year?: string;
  readonly summaryTable?: SummaryTableId;
}

interface Discovery {
  /** the files to read, in listing order */
  readonly files: readonly DiscoveredFile[];
  readonly county: string;
  readonly countyName: string;
  readonly year: string;
  /**
   * The attachments that do not open, as load issues in listing order: settles once every check is done (they may
   * run on a thread while the data loads). The loader writes them after discovery's other issues and before any
   * file's, whichever way they were checked.
   */
  readonly attachmentIssues: Promise<ReaderIssue[]>;
  /** Stops checks still running (a load that failed). */
  cancel(): void;
}

/** Files opened by people, not by a reader: each gets a bounded "does it open" check (attachment-check.ts). */
const ATTACHMENT_KINDS: ReadonlySet<PathKind> = new Set(['attachment', 'sketchMap', 'controlPointSketch', 'document', 'report']);
const ACCESS_FILE = /\.(mdb|accdb)$/i;
const BATCH = 5000;

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

export function discoverPackage(ctx: DiscoverySink, root: string, listing?: DiscoverySource): Discovery {
  const insert = ctx.db.prepare(
    `INSERT INTO pkg_files (path, size, kind, layer, county, year, part, summary_table, is_dir) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const files: DiscoveredFile[] = [];
  const strayAccessFiles: DiscoveredFile[] = [];
  const years = new Map<string, number>();
  let mdbYear: string | undefined;
  let pending = 0;
  const commit = (): void => {
    if (ctx.db.inTransaction) ctx.db.exec('COMMIT');
    pending = 0;
  };
  // a zip's attachments were checked as it streamed
  const checks = listing ? undefined : new AttachmentChecks(root);
  const zipProblems: { path: string; problem: AttachmentProblem }[] = [];
  const walk = walkFolder(
    root,
    (path, e) => ctx.issue({ code: 'path-unreadable', file: path, params: { reason: errorText(e) } }),
    listing?.tree,
  );
  try {
    for (const f of walk) {
      if (!ctx.db.inTransaction) ctx.db.exec('BEGIN');
      if (f.isSymlink) {
        insert.run(f.path, 0, 'symlink', null, null, null, null, null, 0);
        ctx.issue({ code: 'symlink-skipped', file: f.path });
      } else {
        const c = classifyPath(f.path, { isDir: f.isDir });
        insert.run(f.path, f.size, c.kind, c.layer ?? null, c.county ?? null, c.year ?? null, c.part ?? null, c.summaryTable ?? null, f.isDir ? 1 : 0);
        if (c.year) years.set(c.year, (years.get(c.year) ?? 0) + 1);
        if (c.kind === 'mdb' && c.year && mdbYear === undefined) mdbYear = c.year;
        const source = f.isDir ? undefined : sourceOf(c.kind, c.extension);
        const keep = (s: SourceKind): DiscoveredFile => ({
          path: f.path,
          size: f.size,
          kind: c.kind,
          source: s,
          ...(c.layer !== undefined ? { layer: c.layer } : {}),
          ...(c.part !== undefined ? { part: c.part } : {}),
          ...(c.year !== undefined ? { year: c.year } : {}),
          ...(c.summaryTable !== undefined ? { summaryTable: c.summaryTable } : {}),
        });
        if (source) files.push(keep(source));
        else if (!f.isDir && ACCESS_FILE.test(f.path)) strayAccessFiles.push(keep('mdb'));
        else if (!f.isDir && ATTACHMENT_KINDS.has(c.kind) && checkedAttachmentExtensions.has(c.extension)) {
          if (checks) checks.add(f.path, c.extension, f.size);
          else {
            const problem = listing?.attachmentProblems.get(join(root, f.path));
            if (problem) zipProblems.push({ path: f.path, problem });
          }
        }
      }
      if (++pending >= BATCH) commit();
    }
  } catch (e) {
    checks?.close();
    throw e;
  } finally {
    commit();
  }
  // an ownership database that is misnamed or misplaced is still read, so its contents get checked too
  if (!files.some((f) => f.source === 'mdb')) files.push(...strayAccessFiles);

  const rootInfo = countyOfRootFolder(basename(root));
  const problems = checks ? checks.problems() : Promise.resolve(zipProblems);
  return {
    files,
    county: rootInfo?.county ?? '',
    countyName: rootInfo?.countyName ?? '',
    year: mdbYear ?? mostFrequent(years),
    attachmentIssues: problems.then((list) => list.map(({ path, problem }) => ({ code: 'attachment-damaged', file: path, params: { reason: problem.zh, reasonEn: problem.en } }))),
    cancel: () => checks?.close(),
  };
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
