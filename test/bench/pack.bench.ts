/**
 * Packing a submission bundle: the manifest (SHA-256 of every file) and the deterministic zip, on a synthetic county
 * from the examples generator (generated once per scale in a child process, so its memory does not count). The
 * checker that `pack` runs first has its own benches (load, check-rules). Figures: seconds per phase, MB/s over
 * the package, zip size and ratio, the integrity half of `verify` on the unpacked files, peak RSS, and whether a
 * second pack was byte-identical.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest, checkIntegrity, packBundle, renderManifest } from '@nyt2539/packager';
import { benchPackage, peakRssMiB, round, type BenchCase } from './harness.js';



const bench: BenchCase = {
  name: 'pack',
  async run({ scale, workDir }) {
    const { dir: pkg } = await benchPackage(scale);
    const zipA = join(workDir, 'a.zip');
    const zipB = join(workDir, 'b.zip');
    let t = performance.now();
    const manifest = await buildManifest(pkg, { date: '2026-11-29' });
    const manifestSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const a = await packBundle(pkg, zipA, { manifest });
    const zipSeconds = (performance.now() - t) / 1000;
    // the integrity half of verify, on the package with its manifest in place (removed again: the package is reused)
    const manifestPath = join(pkg, 'manifest.json');
    writeFileSync(manifestPath, renderManifest(manifest));
    t = performance.now();
    const integrity = (await checkIntegrity(pkg)).integrity;
    const integritySeconds = (performance.now() - t) / 1000;
    rmSync(manifestPath);
    const b = await packBundle(pkg, zipB, { manifest });
    const mb = manifest.totals.bytes / 1e6;
    const figures = {
      scale,
      files: manifest.totals.files,
      packageMB: round(mb, 1),
      manifestSeconds: round(manifestSeconds),
      zipSeconds: round(zipSeconds),
      packSeconds: round(manifestSeconds + zipSeconds),
      packMBPerSecond: round(mb / (manifestSeconds + zipSeconds), 1),
      zipMB: round(a.bytes / 1e6, 1),
      zipRatio: round(a.bytes / manifest.totals.bytes, 3),
      zipEntries: a.entries,
      integritySeconds: round(integritySeconds),
      integrityOk: integrity.ok ? 'yes' : 'no',
      identicalSecondPack: a.sha256 === b.sha256 ? 'yes' : 'no',
      peakRssMiB: await peakRssMiB(),
    };
    rmSync(zipA, { force: true });
    rmSync(zipB, { force: true });
    return figures;
  },
};

export default bench;
