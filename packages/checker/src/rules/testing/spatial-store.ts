import Database from 'better-sqlite3';
import type { Profile } from '../../engine/profile.js';
import type { Rule } from '../../engine/types.js';
import type { Finding } from '../../engine/finding.js';
import type { CrsInfo } from '../../readers/prj.js';
import { parsePrj } from '../../readers/prj.js';
import { buildStore, runOnBuiltStore, type TestColumn, type TestStore, type TestTable } from './rule-tester.js';
import { encodeGeometry, geometryBBox } from '../../store/geometry.js';
import { quoteIdent } from '../../store/schema.js';
import { initGeos } from '../../spatial/geos.js';

// spatial rules call GEOS synchronously; the runners await it, and so does every test built on this kit
await initGeos();

/**
 * Spatial rule tests: the rule tester's real SQLite store plus what the loader adds to layers — `_geom` blobs in
 * the store's own codec, the box columns `_minx … _maxy` and the layer's `src_tables` facts (shape type, Z/M, .prj).
 */

/** A geometry written as the shapefile stores it: shape type and parts of [x, y, x, y, …]. */
interface TestGeometry {
  readonly type: number;
  readonly parts: readonly (readonly number[])[];
  readonly z?: readonly (readonly number[])[];
}

export interface TestLayer {
  readonly name: string;
  readonly columns?: readonly TestColumn[];
  /** attribute values by column; `geom: null` is a null shape */
  readonly rows: readonly (Readonly<Record<string, unknown>> & { readonly geom: TestGeometry | null })[];
  readonly shapeType?: number;
  /** .prj text; default: CGCS2000 3° zone 40 with the zone prefix (EPSG 4528) */
  readonly prj?: string | null;
  readonly file?: string;
}

/** The ESRI .prj ArcGIS writes for CGCS2000 3° GK zone `zone` (false easting with the zone prefix). */
export function gkPrj(zone = 40, withPrefix = true, datum: 'CGCS2000' | 'Xian80' = 'CGCS2000'): string {
  const cm = zone * 3;
  const fe = withPrefix ? zone * 1e6 + 500000 : 500000;
  const gcs =
    datum === 'CGCS2000'
      ? 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
      : 'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
  const name = datum === 'CGCS2000' ? (withPrefix ? `CGCS2000_3_Degree_GK_Zone_${zone}` : `CGCS2000_3_Degree_GK_CM_${cm}E`) : `Xian_1980_3_Degree_GK_Zone_${zone}`;
  return `PROJCS["${name}",${gcs},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${fe}.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
}

export const geographicPrj =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

function columnsOf(layer: TestLayer): TestColumn[] {
  if (layer.columns) return [...layer.columns];
  const names = new Set<string>();
  for (const r of layer.rows) for (const k of Object.keys(r)) if (k !== 'geom' && !k.startsWith('_')) names.add(k);
  return [...names].map((name) => {
    const sample = layer.rows.find((r) => r[name] !== null && r[name] !== undefined)?.[name];
    return { name, affinity: typeof sample === 'number' ? 'REAL' : 'TEXT', srcType: typeof sample === 'number' ? 'N' : 'C' };
  });
}

/** Build the store (tables + layers) and return its path; dispose removes it. */
export function buildSpatialStore(layers: readonly TestLayer[], extra: TestStore = {}): { path: string; dispose(): void } {
  const tables: TestTable[] = layers.map((l) => ({
    name: l.name,
    layer: true,
    origin: 'shp',
    ...(l.file ? { file: l.file } : {}),
    columns: columnsOf(l),
    rows: l.rows.map((r) => {
      const { geom: _g, ...rest } = r;
      return rest;
    }),
  }));
  const store = buildStore({ ...extra, tables: [...(extra.tables ?? []), ...tables] });
  const db = new Database(store.path);
  try {
    db.transaction(() => {
      for (const l of layers) {
        const prj = l.prj === undefined ? gkPrj() : l.prj;
        const crs: CrsInfo | null = prj === null ? null : parsePrj(prj);
        const first = l.rows.find((r) => r.geom)?.geom;
        const shapeType = l.shapeType ?? first?.type ?? 0;
        db.prepare(`UPDATE src_tables SET shape_type = ?, has_z = ?, has_m = 0, crs_json = ?, prj_text = ? WHERE name = ?`).run(
          shapeType,
          shapeType > 10 && shapeType < 20 ? 1 : 0,
          crs ? JSON.stringify(crs) : null,
          prj,
          l.name,
        );
        for (const c of ['_minx', '_miny', '_maxx', '_maxy']) db.exec(`ALTER TABLE ${quoteIdent(l.name)} ADD COLUMN ${c} REAL`);
        const setGeom = db.prepare(`UPDATE ${quoteIdent(l.name)} SET _geom = ? WHERE _rec = ?`);
        const addBox = db.prepare(`UPDATE ${quoteIdent(l.name)} SET _minx = ?, _miny = ?, _maxx = ?, _maxy = ? WHERE _rec = ?`);
        l.rows.forEach((r, i) => {
          if (!r.geom) return;
          const g = {
            shapeType: r.geom.type,
            parts: r.geom.parts.map((p) => Float64Array.from(p)),
            ...(r.geom.z ? { z: r.geom.z.map((p) => Float64Array.from(p)) } : {}),
          };
          setGeom.run(encodeGeometry(g), i + 1);
          const b = geometryBBox(g);
          if (b) addBox.run(b.minx, b.miny, b.maxx, b.maxy, i + 1);
        });
      }
    })();
  } finally {
    db.close();
  }
  return store;
}

/** Run rules on a spatial test store the way runCheck does (read-only connection) and return the findings. */
export function runSpatial(layers: readonly TestLayer[], rules: readonly Rule[], profile?: Profile, extra?: TestStore): Finding[] {
  return runOnBuiltStore(buildSpatialStore(layers, extra), rules, profile);
}

/** Closed square ring (clockwise, as shapefile shells are) with lower-left corner (x, y) and side `s`. */
export function square(x: number, y: number, s: number): number[] {
  return [x, y, x, y + s, x + s, y + s, x + s, y, x, y];
}

/** Polygon geometry from rings. */
export function polygon(...rings: number[][]): TestGeometry {
  return { type: 5, parts: rings };
}
