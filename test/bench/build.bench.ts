/**
 * The vendor's build: the bench package (the generated one of the scale, or `NYT2539_BENCH_PACKAGE`, e.g. the
 * county) exported to a GeoPackage by GDAL (ogr2ogr + mdb-export; timed apart, not part of the build), then:
 *
 * - cli: the compiled `nyt2539 build <gpkg> --out … --files <package> --no-sketch` under `/usr/bin/time -v`: the
 *   whole command as a user runs it (reading, validating and staging every row, writing the package with
 *   summaries, code table and metadata, then the full check and its reports; the sketch maps are the `sketch`
 *   bench's): wall and CPU seconds, peak RSS, the 1-minute load average before and after.
 * - split: `buildPackage` alone in this process (no check): seconds, rows per second, warnings, peak RSS. It
 *   repeats the build, so beyond 100 000 plots it runs only with NYT2539_BENCH_BUILD_SPLIT=1.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildPackage } from '@nyt2539/packager';
import { exportToGeoPackage } from '../../packages/packager/src/build/test-support.js';
import { benchPackage, compiledCli, peakRssMiB, round, timeCommand, type BenchCase } from './harness.js';

const SPLIT_LIMIT = 100_000;

const bench: BenchCase = {
  name: 'build',
  async run({ scale, workDir }) {
    const { dir: pkg } = await benchPackage(scale);
    const gpkg = join(workDir, `${basename(pkg)}.gpkg`);
    let t = performance.now();
    if (!existsSync(gpkg)) exportToGeoPackage(pkg, gpkg);
    const exportSeconds = (performance.now() - t) / 1000;
    const cli = await compiledCli();
    const out = join(workDir, 'built');
    rmSync(out, { recursive: true, force: true });
    let whole;
    try {
      whole = await timeCommand(process.execPath, [...cli, 'build', gpkg, '--out', out, '--files', pkg, '--no-sketch', '--lang', 'zh'], join(workDir, 'build.time'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    // 0 = 通过, 1 = built and checked with findings (the package is still written, marked 不通过)
    if (whole.exit !== 0 && whole.exit !== 1) {
      rmSync(gpkg, { force: true });
      throw new Error(`nyt2539 build failed (exit ${whole.exit}): ${whole.stderr.slice(-2000)}`);
    }
    const plots = Number(/DK (\d+)/.exec(whole.stdout)?.[1] ?? NaN);
    const figures: Record<string, number | string> = {
      scale,
      package: basename(pkg),
      plots,
      exportSeconds: round(exportSeconds),
      cliSeconds: whole.seconds,
      cliCpuSeconds: whole.cpuSeconds,
      cliPeakRssMiB: whole.peakRssMiB,
      cliVerdict: whole.exit === 0 ? '通过' : '不通过',
      loadBefore: whole.load[0],
      loadAfter: whole.load[1],
    };
    if (!(plots <= SPLIT_LIMIT) && process.env.NYT2539_BENCH_BUILD_SPLIT !== '1') {
      rmSync(gpkg, { force: true });
      return figures;
    }

    t = performance.now();
    const cpu = process.cpuUsage();
    const result = await buildPackage(gpkg, { out, files: pkg });
    const buildSeconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const rows = Object.values(result.records).reduce((a, b) => a + b, 0);
    rmSync(out, { recursive: true, force: true });
    rmSync(gpkg, { force: true });
    return {
      ...figures,
      rows,
      buildSeconds: round(buildSeconds),
      buildCpuSeconds: round((used.user + used.system) / 1e6),
      rowsPerSecond: Math.round(rows / buildSeconds),
      warnings: result.warnings,
      peakRssMiB: await peakRssMiB(),
    };
  },
};

export default bench;
