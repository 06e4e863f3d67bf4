/**
 * Spatial QC cost on a synthetic county (example ≈ 8k plots, county ≈ 500k plots, ~1.2M 界址点), on the store
 * the harness loaded once (the `load` case times loading). Figures:
 *  - `spatialCheckSeconds`: every spatial rule (crs/, topology/, area/) as `check` runs them — on every core,
 *    layers decoded once onto shared memory (threads/run-parallel.ts) — wall and CPU seconds, thread seconds per
 *    rule, peak RSS of the process (threads included). The issue's goal: 60 s and 2 GB at county scale.
 *  - `oursOverlapValidityAreaSeconds`: DK decoded, then plot-overlap, polygon-valid and plot-area, one thread,
 *    for a like-for-like comparison with the ordinary way:
 *
 * "The ordinary way": GDAL/OGR imports DK into SpatiaLite (`ogr2ogr`), then SQL does validity
 * (`ST_IsValid`), overlaps (R*Tree candidate pairs materialised first — npm-notes §2.5's 318 s pitfall — then
 * `ST_Relate(…,'T********')` + `ST_Area(ST_Intersection())`) and area (`ST_Area` vs SCMJ). Skipped with a note when
 * ogr2ogr or mod_spatialite is missing. `ratio` = GDAL path seconds / ours for the same three checks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { geosHeapBytes, loadLayer, openStore, readPackageInfo, resolveRules, rules, ruleThreadCount, runRules, runRulesParallel } from '@nyt2539/checker';
import { benchStore, cpuSecondsSince, peakRssMiB, round, type BenchCase } from './harness.js';

type StoreDb = ReturnType<typeof openStore>;
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
    const { storePath, packageDir } = await benchStore(scale);
    const spatial = rules.filter((r) => r.meta.layers === true);

    // as check runs them: every core
    let db = openStore(storePath);
    const info = readPackageInfo(db);
    const features = (db.prepare(`SELECT coalesce(sum(record_count), 0) AS n FROM src_tables WHERE origin = 'shp'`).get() as { n: number }).n;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await runRulesParallel(db, info, resolveRules(spatial));
    const spatialCheckSeconds = (performance.now() - t0) / 1000;
    const spatialCheckCpuSeconds = cpuSecondsSince(c0);
    const peak = await peakRssMiB();
    db.close();

    // one thread, DK only: the like-for-like figure against GDAL
    db = openStore(storePath);
    const t1 = performance.now();
    loadLayer(db, 'DK');
    const decodeDkSeconds = (performance.now() - t1) / 1000;
    const one: Record<string, number> = {};
    for (const id of ['topology/plot-overlap', 'topology/polygon-valid', 'area/plot-area']) {
      const s = performance.now();
      runRules(db, info, resolveRules(rules.filter((r) => r.meta.id === id)));
      one[id] = (performance.now() - s) / 1000;
    }
    const ours = decodeDkSeconds + Object.values(one).reduce((a, b) => a + b, 0);
    const heap = Math.round(geosHeapBytes() / 1048576);
    const Database = db.constructor as StoreCtor;
    db.close();
    const gdal = gdalPath(packageDir, workDir, Database);
    return {
      scale,
      features,
      rules: spatial.length,
      threads: ruleThreadCount(),
      spatialCheckSeconds: round(spatialCheckSeconds),
      spatialCheckCpuSeconds,
      findings: result.findings.length,
      peakRssMiB: peak,
      geosHeapMiB: heap,
      decodeDkSeconds: round(decodeDkSeconds),
      oursOverlapValidityAreaSeconds: round(ours),
      ...gdal,
      ...(typeof gdal.gdalTotalSeconds === 'number' ? { ratioGdalOverOurs: round(gdal.gdalTotalSeconds / ours) } : {}),
      ...Object.fromEntries(Object.entries(one).map(([id, s]) => [`oneThreadSeconds:${id}`, round(s, 3)])),
      ...Object.fromEntries(Object.entries(result.seconds).map(([id, s]) => [`threadSeconds:${id}`, s])),
    };
  },
};

export default bench;
