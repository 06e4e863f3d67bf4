/**
 * Writing every report (HTML, DOCX, XLSX, GeoJSON ×2, shapefiles, text, JSON) from one findings.json. The findings
 * come from the bench package (`benchPackage`: the shared generated one, or `NYT2539_BENCH_PACKAGE`) with every
 * fifth plot's TDYT set to 7, a code C.9 lacks (what `gen --defect-density 0.2` injects): a county then has ≥ 100k
 * findings. The dense copy is hard links to the package's files but for DK's .dbf, which is rewritten (the package
 * itself is never touched), checked with no per-rule limit in a child process (its time and memory do not count)
 * into `.bench/findings/<scale|custom-…>/findings.json` and reused. `NYT2539_BENCH_FINDINGS` names any other
 * findings.json. Target (issue 13): all reports in ≤ 30 s and ≤ 1 GB at county scale; the HTML under 50 MB.
 */
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { FindingsDocument } from '@nyt2539/checker';
import { writeReports } from '@nyt2539/packager';
import { benchPackage, cpuSecondsSince, peakRssMiB, resetPeakRss, round, type BenchCase } from './harness.js';

/** one plot in EVERY gets a TDYT outside C.9 */
const EVERY = 5;
const BAD_TDYT = '7';

/** A copy of `dir` made of hard links (cheap, same bytes), so one file can be replaced without touching `dir`. */
function linkTree(dir: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) linkTree(join(dir, e.name), join(to, e.name));
    else if (e.isFile()) {
      try {
        linkSync(join(dir, e.name), join(to, e.name));
      } catch {
        cpSync(join(dir, e.name), join(to, e.name));
      }
    }
  }
}

/** Sets TDYT of every EVERY-th record of a DK .dbf to BAD_TDYT, written as a new file (the link is replaced, not written through). */
function denseTdyt(path: string): number {
  const dbf = Buffer.from(readFileSync(path));
  const records = dbf.readUInt32LE(4);
  const headerLength = dbf.readUInt16LE(8);
  const recordLength = dbf.readUInt16LE(10);
  let offset = 1;
  let field: { offset: number; length: number } | undefined;
  for (let p = 32; p < headerLength - 1 && dbf[p] !== 0x0d; p += 32) {
    const name = dbf.toString('latin1', p, p + 11).replace(/\0.*$/s, '');
    const length = dbf[p + 16];
    if (name === 'TDYT') field = { offset, length };
    offset += length;
  }
  if (!field) throw new Error(`${path}: no TDYT field`);
  let changed = 0;
  for (let r = 0; r < records; r += EVERY) {
    const at = headerLength + r * recordLength + field.offset;
    dbf.fill(0x20, at, at + field.length);
    dbf.write(BAD_TDYT, at, 'latin1');
    changed++;
  }
  unlinkSync(path);
  writeFileSync(path, dbf);
  return changed;
}

async function benchFindings(scale: 'example' | 'county'): Promise<{ path: string; prepareSeconds: number; densePlots?: number }> {
  const override = process.env.NYT2539_BENCH_FINDINGS;
  if (override) return { path: resolve(override), prepareSeconds: 0 };
  const { dir: packageDir } = await benchPackage(scale);
  const key = process.env.NYT2539_BENCH_PACKAGE ? `custom-${createHash('sha1').update(packageDir).digest('hex').slice(0, 10)}` : scale;
  const dir = resolve(import.meta.dirname, '../../.bench/findings', key);
  const path = join(dir, 'findings.json');
  if (existsSync(path)) return { path, prepareSeconds: 0 };
  const t0 = performance.now();
  rmSync(dir, { recursive: true, force: true });
  const dense = join(dir, 'package', packageDir.split('/').pop() as string);
  linkTree(packageDir, dense);
  const vector = join(dense, '矢量数据');
  const dk = readdirSync(vector).filter((n) => /^DK\d{10}\.dbf$/i.test(n));
  if (dk.length !== 1) throw new Error(`${vector}: expected one DK .dbf, found ${dk.length}`);
  const densePlots = denseTdyt(join(vector, dk[0]));
  const script = `import { findingsDocument, renderJson, runCheck, defaultProfile, rules } from '@nyt2539/checker';
import { writeFileAtomic } from '@nyt2539/schema';
const profile = { ...defaultProfile(rules), limits: { maxFindingsPerRule: 10000000 } };
const r = await runCheck(${JSON.stringify(dense)}, { profile });
writeFileAtomic(${JSON.stringify(path)}, renderJson(findingsDocument(r.info, r.summary, r.findings, { mask: true, checkedAt: '2026-12-01', context: r.context })));`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=6000', '--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(join(dir, 'package'), { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`preparing the findings failed (exit ${r.status})`);
  return { path, prepareSeconds: (performance.now() - t0) / 1000, densePlots };
}

const bench: BenchCase = {
  name: 'reports',
  async run({ scale, workDir }) {
    const { path, prepareSeconds, densePlots } = await benchFindings(scale);
    // the dense copy's .dbf went through this process: its memory is not the reports'
    await resetPeakRss();
    let t = performance.now();
    const doc = JSON.parse(readFileSync(path, 'utf8')) as FindingsDocument;
    const readSeconds = (performance.now() - t) / 1000;
    const out = join(workDir, 'reports');
    const figures: Record<string, number | string> = { scale, findings: doc.findings.length, located: doc.findings.filter((f) => f.location.point || f.location.bbox).length, findingsMB: round(statSync(path).size / 1e6, 1), prepareSeconds: round(prepareSeconds), ...(densePlots !== undefined ? { densePlots } : {}), readSeconds: round(readSeconds) };
    let total = 0;
    let totalCpu = 0;
    // one format at a time, so each has its own time; together they are what `check --out` writes. CPU seconds
    // beside wall seconds: on a shared machine the wall time says more about the neighbours than about us.
    for (const format of ['json', 'text', 'html', 'docx', 'xlsx', 'geojson', 'shp']) {
      t = performance.now();
      const cpu = process.cpuUsage();
      const [w] = await writeReports(doc, out, { formats: [format] });
      const seconds = (performance.now() - t) / 1000;
      const cpuSeconds = cpuSecondsSince(cpu);
      total += seconds;
      totalCpu += cpuSeconds;
      figures[`${format}Seconds`] = round(seconds);
      figures[`${format}CpuSeconds`] = cpuSeconds;
      figures[`${format}MB`] = round(w.files.reduce((n, f) => n + statSync(f).size, 0) / 1e6, 1);
      // the peak so far: which format raised it
      figures[`${format}PeakMiB`] = await peakRssMiB();
    }
    figures.allSeconds = round(total);
    figures.allCpuSeconds = round(totalCpu);
    figures.peakRssMiB = await peakRssMiB();
    rmSync(out, { recursive: true, force: true });
    return figures;
  },
};

export default bench;
