import { readdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

interface ShapefileParts {
  /** base path without extension, as given */
  readonly base: string;
  readonly shp: string;
  readonly shx?: string;
  readonly dbf?: string;
  readonly cpg?: string;
  readonly prj?: string;
}

const COMPANIONS = ['shp', 'shx', 'dbf', 'cpg', 'prj'] as const;

/**
 * Finds the companion files of a shapefile. Extensions are matched case-insensitively (packages made on Windows
 * often have `.SHP`/`.DBF`); the base name must match exactly. Accepts the base path with or without `.shp`.
 */
export async function findShapefileParts(path: string): Promise<Partial<ShapefileParts> & { base: string }> {
  const base = extname(path).toLowerCase() === '.shp' ? path.slice(0, -4) : path;
  const dir = dirname(base);
  const name = basename(base);
  let entries: string[] = [];
  try {
    entries = await readdir(dir);
  } catch {
    return { base };
  }
  const found: Record<string, string> = {};
  for (const entry of entries) {
    if (entry.length !== name.length + 4 || !entry.startsWith(name) || entry[name.length] !== '.') continue;
    const ext = entry.slice(name.length + 1).toLowerCase();
    // exact-case extension wins over another case variant
    if ((COMPANIONS as readonly string[]).includes(ext) && (!found[ext] || entry.endsWith(`.${ext}`))) found[ext] = join(dir, entry);
  }
  return { base, ...found };
}
