/**
 * Spatial QC cost on a synthetic county (example ≈ 8k plots, county ≈ 500k plots, ~1.2M 界址点): the package is
 * generated in a child process and loaded once into a kept store; then every spatial rule (crs/, topology/,
 * area/) runs one at a time on the store opened read-only. Figures: seconds to decode the layers, per rule and in
 * total, peak RSS and the GEOS wasm heap.
 *
 * Comparison, "the ordinary way": GDAL/OGR imports DK into SpatiaLite (`ogr2ogr`), then SQL does validity
 * (`ST_IsValid`), overlaps (R*Tree candidate pairs materialised first — npm-notes §2.5's 318 s pitfall — then
 * `ST_Relate(…,'T********')` + `ST_Area(ST_Intersection())`) and area (`ST_Area` vs SCMJ). Skipped with a note when
 * ogr2ogr or mod_spatialite is missing. `ratio` = GDAL path seconds / ours for the same three checks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { geosHeapBytes, loadLayer, loadPackage, readPackageInfo, resolveRules, rules, runRules } from '@nyt2539/checker';
import { benchPackage, peakRssMiB, round, type BenchCase } from './harness.js';

/** better-sqlite3's constructor, taken from the loader's connection (test/ has no direct dependency on it). */
type StoreDb = Awaited<ReturnType<typeof loadPackage>>['db'];
type StoreCtor = new (path: string) => StoreDb;

const SPATIALITE = '/usr/lib/x86_64-linux-gnu/mod_spatialite';


/** The GDAL/SpatiaLite path for overlap + validity + area on DK; undefined (with a note) when tools are missing. */
function gdalPath(pkgDir: string, workDir: string, Database: StoreCtor): Record<string, number | string> {
  const hasOgr = spawnSync('ogr2ogr', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!hasOgr || !existsSync(`${SPATIALITE}.so`)) {
    const note = `GDAL comparison skipped: ${hasOgr ? '' : 'ogr2ogr missing; '}${existsSync(`${SPATIALITE}.so`) ? '' : 'libsqlite3-mod-spatialite missing'}`;
    process.stderr.write(`${note}\n`);
    return { gdalNote: note };
  }
  const vector = join(pkgDir, '矢量数据');
  const shps = readdirSync(vector).filter((f) => /^DK\d.*\.shp$/i.test(f)).sort();
  const out = join(workDir, 'gdal-dk.sqlite');
  rmSync(out, { force: true });
  const t0 = performance.now();
  shps.forEach((f, i) => {
    const args = ['-f', 'SQLite', '-dsco', 'SPATIALITE=YES', '-nln', 'dk', '-lco', 'SPATIAL_INDEX=YES', ...(i > 0 ? ['-append'] : []), out, join(vector, f)];
    const r = spawnSync('ogr2ogr', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ogr2ogr failed: ${r.stderr}`);
  });
  const importSeconds = (performance.now() - t0) / 1000;
  const db = new Database(out);
  db.loadExtension(SPATIALITE);
  const time = <T>(fn: () => T): [T, number] => {
    const s = performance.now();
    const v = fn();
    return [v, (performance.now() - s) / 1000];
  };
  const [invalid, validitySeconds] = time(() => (db.prepare(`SELECT count(*) AS n FROM dk WHERE ST_IsValid(GEOMETRY) = 0`).get() as { n: number }).n);
  const [badArea, areaSeconds] = time(
    () => (db.prepare(`SELECT count(*) AS n FROM dk WHERE abs(scmj - ST_Area(GEOMETRY)) > max(0.1, 0.001 * ST_Area(GEOMETRY))`).get() as { n: number }).n,
  );
  const [overlaps, overlapSeconds] = time(() => {
    db.exec(`CREATE TEMP TABLE pairs AS SELECT a.pkid AS a, b.pkid AS b FROM idx_dk_GEOMETRY a JOIN idx_dk_GEOMETRY b
      ON b.xmin <= a.xmax AND b.xmax >= a.xmin AND b.ymin <= a.ymax AND b.ymax >= a.ymin WHERE b.pkid > a.pkid`);
    return db
      .prepare(`SELECT count(*) AS n, coalesce(sum(ST_Area(ST_Intersection(x.GEOMETRY, y.GEOMETRY))), 0) AS area FROM temp.pairs p
        JOIN dk x ON x.ogc_fid = p.a JOIN dk y ON y.ogc_fid = p.b WHERE ST_Relate(x.GEOMETRY, y.GEOMETRY, 'T********')`)
      .get() as { n: number; area: number };
  });
  db.close();
  rmSync(out, { force: true });
  return {
    gdalImportSeconds: round(importSeconds),
    gdalValiditySeconds: round(validitySeconds),
    gdalOverlapSeconds: round(overlapSeconds),
    gdalAreaSeconds: round(areaSeconds),
    gdalTotalSeconds: round(importSeconds + validitySeconds + overlapSeconds + areaSeconds),
    gdalInvalid: invalid,
    gdalOverlaps: overlaps.n,
    gdalAreaMismatches: badArea,
  };
}

const bench: BenchCase = {
  name: 'spatial',
  async run({ scale, workDir }) {
    const { dir } = await benchPackage(scale);
    const storeDir = join(workDir, 'store');
    const pkg = await loadPackage(dir, { workDir: storeDir, keepStore: true });
    // the loader's own connection: rules only read (runCheck gives them a read-only one)
    const db = pkg.db;
    const Database = db.constructor as StoreCtor;
    const info = readPackageInfo(db);
    const t0 = performance.now();
    let features = 0;
    for (const layer of ['DK', 'JZD', 'JZX', 'XJXZQ', 'XJQY', 'CJQY', 'ZJQY', 'QYJX', 'KZD', 'MZDW', 'JBNTBHQ', 'XZDW', 'DZDW']) features += loadLayer(db, layer)?.count ?? 0;
    const decodeSeconds = (performance.now() - t0) / 1000;
    const spatial = rules.filter((r) => /^(crs|topology|area)\//.test(r.meta.id));
    const perRule: Record<string, number> = {};
    let findings = 0;
    for (const rule of spatial) {
      const s = performance.now();
      const result = runRules(db, info, resolveRules([rule]));
      perRule[rule.meta.id] = round((performance.now() - s) / 1000, 3);
      findings += result.counts.reduce((n, c) => n + c.errors + c.warnings, 0);
    }
    const rulesSeconds = Object.values(perRule).reduce((a, b) => a + b, 0);
    const ours = decodeSeconds + (perRule['topology/plot-overlap'] ?? 0) + (perRule['topology/polygon-valid'] ?? 0) + (perRule['area/plot-area'] ?? 0);
    const peak = await peakRssMiB();
    const heap = Math.round(geosHeapBytes() / 1048576);
    pkg.close();
    rmSync(storeDir, { recursive: true, force: true });
    const gdal = gdalPath(dir, workDir, Database);
    return {
      scale,
      features,
      rules: spatial.length,
      decodeSeconds: round(decodeSeconds),
      rulesSeconds: round(rulesSeconds),
      totalSeconds: round(decodeSeconds + rulesSeconds),
      findings,
      peakRssMiB: peak,
      geosHeapMiB: heap,
      oursOverlapValidityAreaSeconds: round(ours),
      ...gdal,
      ...(typeof gdal.gdalTotalSeconds === 'number' ? { ratioGdalOverOurs: round(gdal.gdalTotalSeconds / ours) } : {}),
      ...Object.fromEntries(Object.entries(perRule).map(([id, s]) => [`seconds:${id}`, s])),
    };
  },
};

export default bench;
