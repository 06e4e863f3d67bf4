import { deserialize } from 'node:v8';
import { maskIdNumber, type SqliteDatabase } from '@nyt2539/checker';
import { codeName, FOLDER, SKETCH_MAP_PREFIX, sketchMapPath } from '@nyt2539/schema';
import type { Geometry, Row } from '../package/types.js';
import { packPolygons, type Ring, type SketchJob, type SketchPlot } from './job.js';
import { mapFrame } from './render.js';

export interface JobOptions {
  readonly producer: string;
  readonly date: string;
  readonly mask: boolean;
  /** only these certificates (CBJYQZBM) or contractors (CBFBM) */
  readonly only?: readonly string[];
  /** reprojection the build applies to the layers (--crs), so the maps are drawn in package coordinates */
  readonly transform?: (x: number, y: number) => [number, number];
}

interface Staged {
  readonly a: Row;
  readonly g?: Geometry;
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/**
 * One job per certificate (CBJYQZDJB), or per contractor with contracted plots but no certificate, in CBFBM order,
 * read from the build's staging store: the contracted plots (CBDKXX → DK), the other plots within the map frame
 * (grey), and the 界址点 on the plots' outlines. Jobs are produced lazily, so memory stays bounded.
 */
export function* sketchJobs(db: SqliteDatabase, options: JobOptions): Generator<SketchJob> {
  const one = db.prepare(`SELECT data FROM rows WHERE tbl = ? AND ref = ? ORDER BY sortkey`).pluck();
  const rowsOf = (tbl: string, ref: string): Staged[] => (one.all(tbl, ref) as Buffer[]).map((b) => deserialize(b) as Staged);
  ensureSpatialIndex(db);
  const nearIds = {
    DK: db.prepare(`SELECT id FROM sk_rt_dk WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?`).pluck(),
    JZD: db.prepare(`SELECT id FROM sk_rt_jzd WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?`).pluck(),
  };
  const byRowid = db.prepare(`SELECT data FROM rows WHERE rowid = ?`).pluck();
  // neighbouring plots and 界址点 recur from one contractor to the next (jobs run in CBFBM order, village by
  // village): each is decoded and projected once while it stays in a bounded cache
  const plotCache = new BoundedCache<number, { DKBM: string; rings: Ring[] } | null>(CACHE_ENTRIES);
  const pointCache = new BoundedCache<number, { x: number; y: number; JZDH: string } | null>(CACHE_ENTRIES);
  const t = options.transform;
  const only = options.only ? new Set(options.only) : undefined;
  const cbfCodes = db.prepare(`SELECT ref FROM rows WHERE tbl = 'CBF' AND ref IS NOT NULL ORDER BY ref`).pluck().all() as string[];
  const fbfNames = new Map<string, string>();
  for (const b of db.prepare(`SELECT data FROM rows WHERE tbl = 'FBF'`).pluck().all() as Buffer[]) {
    const r = (deserialize(b) as Staged).a;
    fbfNames.set(str(r.FBFBM), str(r.FBFMC));
  }
  // ground boxes are stored in source coordinates; with a reprojection the neighbour search runs there
  let previous = '';
  for (const CBFBM of cbfCodes) {
    if (CBFBM === previous) continue;
    previous = CBFBM;
    const cbf = rowsOf('CBF', CBFBM)[0]?.a;
    if (!cbf) continue;
    const contracts = rowsOf('CBDKXX', CBFBM).map((s) => s.a);
    if (contracts.length === 0) continue;
    const certs = rowsOf('CBJYQZDJB', CBFBM).map((s) => s.a);
    const groups: { code: string; FBFBM: string; path: string; plots: Row[] }[] = [];
    if (certs.length > 0) {
      for (const c of certs) {
        const code = str(c.CBJYQZBM);
        const FBFBM = str(c.FBFBM) || code.slice(0, 14);
        const plots = contracts.filter((p) => !str(p.CBJYQZBM) || str(p.CBJYQZBM) === code);
        groups.push({ code, FBFBM, path: sketchMapPath(FBFBM, code, { separator: '/' }), plots });
      }
    } else {
      const FBFBM = str(cbf.FBFBM) || CBFBM.slice(0, 14);
      groups.push({ code: '', FBFBM, path: `${FOLDER.maps}/${FBFBM}/${SKETCH_MAP_PREFIX}${CBFBM}.pdf`, plots: contracts });
    }
    for (const g of groups) {
      if (only && !only.has(g.code) && !only.has(CBFBM)) continue;
      const plots: SketchPlot[] = [];
      const own = new Set<string>();
      const srcBox = { minx: Infinity, miny: Infinity, maxx: -Infinity, maxy: -Infinity };
      for (const p of g.plots) {
        const DKBM = str(p.DKBM);
        if (own.has(DKBM)) continue;
        const dk = rowsOf('DK', DKBM)[0];
        if (!dk || !dk.g || dk.g.type !== 'Polygon') continue;
        own.add(DKBM);
        for (const part of dk.g.parts) for (const [x, y] of part) {
          srcBox.minx = Math.min(srcBox.minx, x);
          srcBox.maxx = Math.max(srcBox.maxx, x);
          srcBox.miny = Math.min(srcBox.miny, y);
          srcBox.maxy = Math.max(srcBox.maxy, y);
        }
        const a = dk.a;
        plots.push({
          DKBM,
          DKMC: str(a.DKMC),
          SCMJM: typeof a.SCMJM === 'number' ? a.SCMJM : null,
          DLDJ: codeName('C.8', str(a.DLDJ)) ?? str(a.DLDJ),
          SFJBNT: str(a.SFJBNT) === '1' ? '是' : str(a.SFJBNT) === '2' ? '否' : str(a.SFJBNT),
          sizhi: [str(a.DKDZ), str(a.DKNZ), str(a.DKXZ), str(a.DKBZ)],
          rings: project(dk.g.parts, t),
        });
      }
      plots.sort((x, y) => (x.DKBM < y.DKBM ? -1 : x.DKBM > y.DKBM ? 1 : 0));
      const frame = mapFrame(plots.flatMap((p) => p.rings));
      // search box in source coordinates: the plots' box grown to the frame's size around its centre
      const grow = Math.max(frame.extent.maxx - frame.extent.minx, frame.extent.maxy - frame.extent.miny) / Math.max(srcBox.maxx - srcBox.minx, srcBox.maxy - srcBox.miny, 1e-9);
      const scx = (srcBox.minx + srcBox.maxx) / 2, scy = (srcBox.miny + srcBox.maxy) / 2;
      const hw = ((srcBox.maxx - srcBox.minx) * grow) / 2 || 1, hh = ((srcBox.maxy - srcBox.miny) * grow) / 2 || 1;
      const span = Math.max(hw, hh);
      const neighbours: Ring[][] = [];
      const vertices = new Set<string>();
      for (const p of plots) for (const r of p.rings) for (const [x, y] of r) vertices.add(vkey(x, y));
      if (plots.length > 0) {
        for (const id of nearIds.DK.all(scx - span, scx + span, scy - span, scy + span) as number[]) {
          const n = plotCache.get(id, () => {
            const staged = deserialize(byRowid.get(id) as Buffer) as Staged;
            return staged.g && staged.g.type === 'Polygon' ? { DKBM: str(staged.a.DKBM), rings: project(staged.g.parts, t) } : null;
          });
          if (n && !own.has(n.DKBM)) neighbours.push(n.rings);
        }
      }
      neighbours.sort((x, y) => cmpRing(x[0] ?? [], y[0] ?? []));
      const points: { x: number; y: number; JZDH: string }[] = [];
      if (plots.length > 0) {
        for (const id of nearIds.JZD.all(srcBox.minx, srcBox.maxx, srcBox.miny, srcBox.maxy) as number[]) {
          const p = pointCache.get(id, () => {
            const j = deserialize(byRowid.get(id) as Buffer) as Staged;
            if (!j.g || j.g.type !== 'Point') return null;
            const [x, y] = t ? t(j.g.x, j.g.y) : [j.g.x, j.g.y];
            return { x, y, JZDH: str(j.a.JZDH) };
          });
          if (p && vertices.has(vkey(p.x, p.y))) points.push(p);
        }
      }
      points.sort((p, q) => (p.JZDH < q.JZDH ? -1 : p.JZDH > q.JZDH ? 1 : p.x - q.x || p.y - q.y));
      const id = str(cbf.CBFZJHM);
      yield {
        path: g.path,
        FBFMC: fbfNames.get(g.FBFBM) ?? '',
        FBFBM: g.FBFBM,
        CBFMC: str(cbf.CBFMC),
        CBFZJHM: options.mask ? maskIdNumber(id) : id,
        CBJYQZBM: g.code,
        CBFBM,
        plots,
        neighbours: packPolygons(neighbours),
        points,
        producer: options.producer,
        date: options.date,
      };
    }
  }
}

/** Decoded neighbours and 界址点 kept per job stream (a few MB at most). */
const CACHE_ENTRIES = 50_000;

/** A Map that forgets its oldest entries beyond `limit`, and fills a missing entry from `load`. */
class BoundedCache<K, V> {
  readonly #map = new Map<K, V>();
  constructor(readonly limit: number) {}
  get(key: K, load: () => V): V {
    if (this.#map.has(key)) return this.#map.get(key) as V;
    const v = load();
    this.#map.set(key, v);
    if (this.#map.size > this.limit) this.#map.delete(this.#map.keys().next().value as K);
    return v;
  }
}

/** R*Trees over the staged plots' and boundary points' boxes (temporary: they live as long as the connection). */
function ensureSpatialIndex(db: SqliteDatabase): void {
  for (const [name, tbl] of [['sk_rt_dk', 'DK'], ['sk_rt_jzd', 'JZD']] as const) {
    if (db.prepare(`SELECT 1 FROM temp.sqlite_master WHERE name = ?`).get(name)) continue;
    db.exec(`CREATE VIRTUAL TABLE temp.${name} USING rtree(id, minx, maxx, miny, maxy)`);
    db.prepare(`INSERT INTO temp.${name} SELECT rowid, minx, maxx, miny, maxy FROM rows WHERE tbl = ? AND minx IS NOT NULL`).run(tbl);
  }
}

/** Vertices and 界址点 are matched at millimetre precision (both come from the same surveyed coordinates). */
function vkey(x: number, y: number): string {
  return `${Math.round(x * 1000)},${Math.round(y * 1000)}`;
}

function project(parts: readonly (readonly (readonly [number, number])[])[], t: JobOptions['transform']): Ring[] {
  return parts.map((r) => (t ? r.map(([x, y]) => t(x, y)) : r));
}

function cmpRing(a: Ring, b: Ring): number {
  const [ax, ay] = a[0] ?? [0, 0];
  const [bx, by] = b[0] ?? [0, 0];
  return ax - bx || ay - by;
}
