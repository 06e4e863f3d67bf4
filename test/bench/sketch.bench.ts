/**
 * Sketch maps (地块示意图): one A4 vector PDF per certificate of the bench package (the generated one of the scale,
 * or `NYT2539_BENCH_PACKAGE`, e.g. the county).
 *
 * - cli: the compiled `nyt2539 sketch <package>` on a hard-link copy of the package (the command writes the maps
 *   into it; replaced files get new inodes, so the bench package stays as it is), under `/usr/bin/time -v`: wall
 *   and CPU seconds of the whole command (staging plus drawing by worker threads, NYT2539_THREADS, default the
 *   core count), peak RSS, the 1-minute load average before and after.
 * - split: staging and drawing timed apart in this process (process.cpuUsage counts every thread): PDFs per second,
 *   CPU ms per PDF, mean PDF size, projected time for 150 000 certificates. It repeats the whole work, so beyond
 *   20 000 certificates it runs only with NYT2539_BENCH_SKETCH_SPLIT=1.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { renderSketches, stageSource } from '@nyt2539/packager';
import { benchPackage, compiledCli, peakRssMiB, round, timeCommand, type BenchCase } from './harness.js';

const SPLIT_LIMIT = 20_000;

const bench: BenchCase = {
  name: 'sketch',
  async run({ scale, workDir }) {
    const { dir: pkg } = await benchPackage(scale);
    const cli = await compiledCli();
    const copyRoot = join(workDir, 'package');
    rmSync(copyRoot, { recursive: true, force: true });
    mkdirSync(copyRoot, { recursive: true });
    const copy = join(copyRoot, basename(pkg));
    const cp = spawnSync('cp', ['-al', pkg, copy], { encoding: 'utf8' });
    if (cp.status !== 0) throw new Error(`cp -al failed: ${cp.stderr}`);
    let whole;
    try {
      whole = await timeCommand(process.execPath, [...cli, 'sketch', copy, '--lang', 'zh'], join(workDir, 'sketch.time'));
    } finally {
      rmSync(copyRoot, { recursive: true, force: true });
    }
    if (whole.exit !== 0) throw new Error(`nyt2539 sketch failed (exit ${whole.exit}): ${whole.stderr}`);
    const m = /已绘制 (\d+) 幅地块示意图（(\d+) 字节）/.exec(whole.stdout);
    if (!m) throw new Error(`unexpected output of nyt2539 sketch: ${whole.stdout}`);
    const pdfs = Number(m[1]);
    const figures: Record<string, number | string> = {
      scale,
      package: basename(pkg),
      pdfs,
      cliSeconds: whole.seconds,
      cliCpuSeconds: whole.cpuSeconds,
      cliCpuMsPerPdf: round((whole.cpuSeconds * 1000) / Math.max(1, pdfs), 2),
      cliPeakRssMiB: whole.peakRssMiB,
      cliMeanPdfKB: round(Number(m[2]) / Math.max(1, pdfs) / 1024, 1),
      loadBefore: whole.load[0],
      loadAfter: whole.load[1],
    };
    if (pdfs > SPLIT_LIMIT && process.env.NYT2539_BENCH_SKETCH_SPLIT !== '1') return figures;

    let t = performance.now();
    let cpu = process.cpuUsage();
    const staged = await stageSource(pkg, undefined, undefined, false);
    const stageSeconds = (performance.now() - t) / 1000;
    const stageCpu = process.cpuUsage(cpu);
    const out = join(workDir, 'sketch');
    mkdirSync(out, { recursive: true });
    try {
      t = performance.now();
      cpu = process.cpuUsage();
      const r = await renderSketches(staged.staging.db, out, { producer: '基准测绘院', date: '2016-12-31', mask: true });
      const seconds = (performance.now() - t) / 1000;
      const sketchCpu = process.cpuUsage(cpu);
      const sketchCpuSeconds = (sketchCpu.user + sketchCpu.system) / 1e6;
      return {
        ...figures,
        stageSeconds: round(stageSeconds),
        stageCpuSeconds: round((stageCpu.user + stageCpu.system) / 1e6),
        sketchSeconds: round(seconds),
        sketchCpuSeconds: round(sketchCpuSeconds),
        cpuMsPerPdf: round((sketchCpuSeconds * 1000) / Math.max(1, r.written), 1),
        // on 2 idle cores: the CPU time spread over both
        projected150kMinutesOn2Cores: round((150_000 * sketchCpuSeconds) / Math.max(1, r.written) / 2 / 60, 1),
        pdfsPerSecond: round(r.written / seconds, 1),
        meanPdfKB: round(r.bytes / Math.max(1, r.written) / 1024, 1),
        projected150kMinutes: round((150_000 / (r.written / seconds)) / 60, 1),
        peakRssMiB: await peakRssMiB(),
      };
    } finally {
      staged.dispose();
      rmSync(out, { recursive: true, force: true });
    }
  },
};

export default bench;
