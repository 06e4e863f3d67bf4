/**
 * The vendor's build: the bench county exported to a GeoPackage by GDAL (ogr2ogr + mdb-export, not timed as part
 * of the build), then `build` from that GeoPackage to a complete package (reading, validating and staging every
 * row, writePackage with summaries, code table and metadata; sketch maps and the check are measured separately by
 * `sketch` and `check-rules`). Figures: export and build seconds, rows per second, peak RSS.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage } from '@nyt2539/packager';
import { exportToGeoPackage } from '../../packages/packager/src/build/test-support.js';
import { benchPackage, peakRssMiB, round, type BenchCase } from './harness.js';

const bench: BenchCase = {
  name: 'build',
  async run({ scale, workDir }) {
    const { dir: pkg } = await benchPackage(scale);
    const gpkg = join(workDir, `${scale}.gpkg`);
    let t = performance.now();
    if (!existsSync(gpkg)) exportToGeoPackage(pkg, gpkg);
    const exportSeconds = (performance.now() - t) / 1000;
    const out = join(workDir, 'built');
    t = performance.now();
    const result = await buildPackage(gpkg, { out, files: pkg });
    const buildSeconds = (performance.now() - t) / 1000;
    const rows = Object.values(result.records).reduce((a, b) => a + b, 0);
    const figures = {
      scale,
      rows,
      plots: result.records.DK ?? 0,
      exportSeconds: round(exportSeconds),
      buildSeconds: round(buildSeconds),
      rowsPerSecond: Math.round(rows / buildSeconds),
      warnings: result.warnings,
      peakRssMiB: await peakRssMiB(),
    };
    rmSync(out, { recursive: true, force: true });
    rmSync(gpkg, { force: true });
    return figures;
  },
};

export default bench;
