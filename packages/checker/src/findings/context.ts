import type Database from 'better-sqlite3';
import { dataColumns, hasStoreTable, ident, sourceTables } from '../store/facts.js';
import { dkFirst, layerCrs, proj4Definition } from '../spatial/crs.js';

export { CGCS2000_LONLAT, lonLatTransform, proj4Definition } from '../spatial/crs.js';
import { loadLayer, toPackage } from '../spatial/layer.js';

/**
 * What the reports need besides the findings: how much was examined, the names behind the codes findings carry,
 * the package CRS and the region outlines the map draws. Read from the store once, after the rules.
 */
export interface FindingsContext {
  /** records/features examined per table and layer, as the readers found them */
  readonly records: readonly { readonly table: string; readonly origin: string; readonly count: number }[];
  /** 乡镇 (XJQY, 9 digits), 村 (CJQY, 12 digits) and 发包方 (FBF, 14 digits) names by code */
  readonly names: {
    readonly county: Readonly<Record<string, string>>;
    readonly towns: Readonly<Record<string, string>>;
    readonly villages: Readonly<Record<string, string>>;
    readonly fbf: Readonly<Record<string, string>>;
  };
  /** the package CRS (the DK layer's .prj; other layers are checked against it by the crs rules) */
  readonly crs?: {
    readonly epsg: number | null;
    readonly name: string | null;
    readonly datum: string;
    /** proj4 definition of the projected system, null for geographic or incomplete ones */
    readonly proj4: string | null;
  };
  /**
   * XJXZQ/XJQY/CJQY outlines in package coordinates, simplified (Douglas-Peucker) so the whole set stays small;
   * rings are [x, y] pairs flattened.
   */
  readonly outlines: readonly { readonly level: 'XJXZQ' | 'XJQY' | 'CJQY'; readonly code: string; readonly rings: readonly (readonly number[])[] }[];
}

const NAME_SOURCES = [
  { key: 'county', table: 'XJXZQ', code: 'XZQDM', name: 'XZQMC' },
  { key: 'towns', table: 'XJQY', code: 'XJQYDM', name: 'XJQYMC' },
  { key: 'villages', table: 'CJQY', code: 'CJQYDM', name: 'CJQYMC' },
  { key: 'fbf', table: 'FBF', code: 'FBFBM', name: 'FBFMC' },
] as const;

/** Total outline vertices kept over all regions: a county map, not a survey. */
const OUTLINE_BUDGET = 40_000;

function readNames(db: Database.Database, table: string, code: string, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!hasStoreTable(db, table)) return out;
  const cols = dataColumns(db, table);
  if (!cols.has(code) || !cols.has(name)) return out;
  const deleted = db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = '_deleted'`).get(table) ? `WHERE coalesce(_deleted, 0) = 0` : '';
  const rows = db.prepare(`SELECT ${ident(code)} AS c, ${ident(name)} AS n FROM ${ident(table)} ${deleted} ORDER BY _rid`).all() as { c: unknown; n: unknown }[];
  for (const r of rows) {
    const c = r.c === null || r.c === undefined ? '' : String(r.c).trim();
    const n = r.n === null || r.n === undefined ? '' : String(r.n).trim();
    if (c && n && !(c in out)) out[c] = n;
  }
  return sorted(out);
}

function sorted(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Douglas-Peucker on one ring of interleaved x, y; keeps the ends. */
function simplifyRing(xy: ArrayLike<number>, tolerance: number): number[] {
  const n = xy.length / 2;
  if (n <= 4) return Array.from(xy);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: [number, number][] = [[0, n - 1]];
  const tol2 = tolerance * tolerance;
  while (stack.length) {
    const [a, b] = stack.pop() as [number, number];
    const ax = xy[2 * a], ay = xy[2 * a + 1], bx = xy[2 * b], by = xy[2 * b + 1];
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = tol2;
    for (let i = a + 1; i < b; i++) {
      const px = xy[2 * i] - ax, py = xy[2 * i + 1] - ay;
      let d: number;
      if (len2 === 0) d = px * px + py * py;
      else {
        const cross = px * dy - py * dx;
        d = (cross * cross) / len2;
      }
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(xy[2 * i], xy[2 * i + 1]);
  // a ring needs at least 4 positions (closed triangle)
  return out.length >= 8 ? out : Array.from(xy);
}

function readOutlines(db: Database.Database): FindingsContext['outlines'] {
  const raw: { level: 'XJXZQ' | 'XJQY' | 'CJQY'; code: string; rings: Float64Array[] }[] = [];
  let vertices = 0;
  let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
  for (const level of ['XJXZQ', 'XJQY', 'CJQY'] as const) {
    const layer = loadLayer(db, level);
    if (!layer) continue;
    for (let i = 0; i < layer.count; i++) {
      const parts = layer.partsOf(i).map((p) => {
        const abs = new Float64Array(p.length);
        for (let k = 0; k < p.length; k += 2) {
          const [x, y] = toPackage(layer.frame, p[k], p[k + 1]);
          abs[k] = x;
          abs[k + 1] = y;
          if (x < minx) minx = x;
          if (x > maxx) maxx = x;
          if (y < miny) miny = y;
          if (y > maxy) maxy = y;
        }
        vertices += p.length / 2;
        return abs;
      });
      if (parts.length) raw.push({ level, code: layer.key(i) ?? '', rings: parts });
    }
  }
  if (raw.length === 0) return [];
  // start at 1/5000 of the extent and coarsen until the whole set fits the budget
  let tolerance = Math.max(maxx - minx, maxy - miny) / 5000 || 1;
  for (;;) {
    let kept = 0;
    const out = raw.map((r) => {
      const rings = r.rings.map((ring) => simplifyRing(ring, tolerance).map((v) => Math.round(v * 10) / 10));
      kept += rings.reduce((n, ring) => n + ring.length / 2, 0);
      return { level: r.level, code: r.code, rings };
    });
    if (kept <= OUTLINE_BUDGET || kept <= raw.length * 8 || vertices <= OUTLINE_BUDGET) return out;
    tolerance *= 2;
  }
}

export function readFindingsContext(db: Database.Database): FindingsContext {
  const records = sourceTables(db).map((t) => ({ table: t.name, origin: t.origin, count: t.recordCount }));
  const names = Object.fromEntries(NAME_SOURCES.map((s) => [s.key, readNames(db, s.table, s.code, s.name)])) as unknown as FindingsContext['names'];
  const dk = dkFirst(layerCrs(db))[0];
  const crs = dk ? { epsg: dk.crs.epsg, name: dk.crs.name, datum: dk.crs.datum, proj4: proj4Definition(dk.crs) } : undefined;
  return { records, names, ...(crs ? { crs } : {}), outlines: readOutlines(db) };
}
