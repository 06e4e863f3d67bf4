import { basename } from 'node:path';
import { classifyPath, parseRootFolderName, type PathKind, type SummaryTableId } from '@nyt2539/schema';
import type { LoadContext } from '../store/context.js';
import { errorText } from '../store/issues.js';
import { walkFolder } from './walk.js';

/** Which reader a file goes to. */
export type SourceKind = 'mdb' | 'shp' | 'unitCodeTable' | 'summaryTable' | 'vectorMetadata';

export interface DiscoveredFile {
  /** relative to the root, '/' separators, as on disk */
  readonly path: string;
  readonly isDir: boolean;
  readonly size: number;
  readonly kind: PathKind | 'symlink';
  readonly layer?: string;
  readonly part?: number;
  readonly year?: string;
  readonly summaryTable?: SummaryTableId;
  readonly source?: SourceKind;
}

export interface Discovery {
  readonly files: readonly DiscoveredFile[];
  readonly county: string;
  readonly countyName: string;
  readonly year: string;
}

const ACCESS_FILE = /\.(mdb|accdb)$/i;

/**
 * Lists and classifies every file and folder of the package (`pkg_files`), and derives county and year.
 * Symlinks are listed but never followed or read. A package that is not laid out as the standard says is still
 * listed in full; the rules report what is missing or misplaced.
 */
export function discoverPackage(ctx: LoadContext, root: string): Discovery {
  const found = walkFolder(root, (path, e) =>
    ctx.issue({
      severity: 'error',
      code: 'path-unreadable',
      file: path,
      message: { zh: `无法读取 ${path}：${errorText(e)}`, en: `cannot read ${path}: ${errorText(e)}` },
    }),
  );
  const files: DiscoveredFile[] = [];
  for (const f of found) {
    if (f.isSymlink) {
      ctx.issue({
        severity: 'warning',
        code: 'symlink-skipped',
        file: f.path,
        message: { zh: `${f.path} 是符号链接，未读取`, en: `${f.path} is a symbolic link; not read` },
      });
      files.push({ path: f.path, isDir: false, size: 0, kind: 'symlink' });
      continue;
    }
    const c = classifyPath(f.path, { isDir: f.isDir });
    const source: SourceKind | undefined = f.isDir
      ? undefined
      : c.kind === 'layerFile' && c.extension === 'shp'
        ? 'shp'
        : c.kind === 'mdb'
          ? 'mdb'
          : c.kind === 'unitCodeTable'
            ? 'unitCodeTable'
            : c.kind === 'summaryTable'
              ? 'summaryTable'
              : c.kind === 'vectorMetadata'
                ? 'vectorMetadata'
                : undefined;
    files.push({
      path: f.path,
      isDir: f.isDir,
      size: f.size,
      kind: c.kind,
      ...(c.layer !== undefined ? { layer: c.layer } : {}),
      ...(c.part !== undefined ? { part: c.part } : {}),
      ...(c.year !== undefined ? { year: c.year } : {}),
      ...(c.summaryTable !== undefined ? { summaryTable: c.summaryTable } : {}),
      ...(source ? { source } : {}),
    });
  }
  // an ownership database that is misnamed or misplaced is still read, so its contents get checked too
  if (!files.some((f) => f.source === 'mdb')) {
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      if (!f.isDir && f.kind !== 'symlink' && ACCESS_FILE.test(f.path)) files[i] = { ...f, source: 'mdb' };
    }
  }

  const insert = ctx.db.prepare(
    `INSERT INTO pkg_files (path, size, kind, layer, county, year, part, summary_table, is_dir) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  ctx.db.transaction(() => {
    for (const f of files) {
      const c = f.kind === 'symlink' ? undefined : classifyPath(f.path, { isDir: f.isDir });
      insert.run(f.path, f.size, f.kind, f.layer ?? null, c?.county ?? null, f.year ?? null, f.part ?? null, f.summaryTable ?? null, f.isDir ? 1 : 0);
    }
  })();

  const rootInfo = parseRootFolderName(basename(root));
  return { files, county: rootInfo?.county ?? '', countyName: rootInfo?.countyName ?? '', year: packageYear(files) };
}

/** The year the file names carry: the .mdb's first, else the most frequent among classified files. */
function packageYear(files: readonly DiscoveredFile[]): string {
  const mdbYear = files.find((f) => f.kind === 'mdb' && f.year)?.year;
  if (mdbYear) return mdbYear;
  const counts = new Map<string, number>();
  for (const f of files) if (f.year) counts.set(f.year, (counts.get(f.year) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [year, n] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (n > bestCount) [best, bestCount] = [year, n];
  }
  return best;
}
