import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generatePackage } from '@nyt2539/packager';
import { peakRssMiB, type BenchCase } from './harness.js';

/** The synthetic county generator end to end (model + writePackage): time and peak RSS. Output: `<workDir>/<scale>/`. */
const bench: BenchCase = {
  name: 'gen',
  async run({ scale, workDir }) {
    const outDir = join(workDir, scale);
    rmSync(outDir, { recursive: true, force: true });
    const t0 = performance.now();
    const r = await generatePackage({ scale, seed: 1, outDir });
    const seconds = (performance.now() - t0) / 1000;
    const figures = {
      scale,
      seconds: Math.round(seconds * 10) / 10,
      peakRssMiB: await peakRssMiB(),
      plots: r.stats.plots,
      households: r.stats.households,
      boundaryPoints: r.stats.boundaryPoints,
      boundaryLines: r.stats.records.JZX,
      files: r.stats.records.files,
      plotsPerSecond: Math.round(r.stats.plots / seconds),
    };
    // the package stays for inspection (and for benches that check it); the next run removes it first,
    // since deleting a county's ~500k files takes minutes on slow disks
    return figures;
  },
};

export default bench;
