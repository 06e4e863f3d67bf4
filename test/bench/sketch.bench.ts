/**
 * Sketch maps (地块示意图): one A4 vector PDF per certificate of the bench county, drawn by worker threads
 * (NYT2539_THREADS, default the core count) from the build's staging store. Staging is timed apart from drawing.
 * Figures: PDFs, seconds, PDFs per second, mean PDF size, the projected time for 150 000 certificates, peak RSS
 * of the main thread's process (workers are threads of it), and CPU seconds (process.cpuUsage counts every thread)
 * so a figure from a shared machine can be read apart from its load.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { renderSketches, stageSource } from '@nyt2539/packager';
import { benchPackage, peakRssMiB, round, type BenchCase } from './harness.js';

const bench: BenchCase = {
  name: 'sketch',
  async run({ scale, workDir }) {
    const { dir: pkg } = await benchPackage(scale);
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
        scale,
        pdfs: r.written,
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
