/**
 * Writing every report (HTML, DOCX, XLSX, GeoJSON ×2, shapefiles, text, JSON) from one findings.json. The findings
 * come from a synthetic county generated with `--defect-density 0.2` (county scale: ~100k plots with a bad TDYT, so
 * ≥ 100k findings) and checked with no per-rule limit, both once per scale in child processes (their time and
 * memory do not count) into `.bench/findings/<scale>/`. `NYT2539_BENCH_FINDINGS` names any other findings.json.
 * Target (issue 13): all reports in ≤ 30 s and ≤ 1 GB at county scale; the HTML under 50 MB.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { FindingsDocument } from '@nyt2539/checker';
import { writeReports } from '@nyt2539/packager';
import { peakRssMiB, round, type BenchCase } from './harness.js';

const DENSITY = 0.2;

async function benchFindings(scale: 'example' | 'county'): Promise<{ path: string; prepareSeconds: number }> {
  const override = process.env.NYT2539_BENCH_FINDINGS;
  if (override) return { path: resolve(override), prepareSeconds: 0 };
  const dir = resolve(import.meta.dirname, '../../.bench/findings', scale);
  const path = join(dir, 'findings.json');
  if (existsSync(path)) return { path, prepareSeconds: 0 };
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const script = `import { generatePackage } from '@nyt2539/packager';
import { findingsDocument, renderJson, runCheck, writeFileAtomic, defaultProfile, rules } from '@nyt2539/checker';
const gen = await generatePackage({ scale: ${JSON.stringify(scale)}, seed: 1, defects: 'seed', defectDensity: ${DENSITY}, outDir: ${JSON.stringify(join(dir, 'package'))} });
const profile = { ...defaultProfile(rules), limits: { maxFindingsPerRule: 10000000 } };
const r = await runCheck(gen.packageDir, { profile });
writeFileAtomic(${JSON.stringify(path)}, renderJson(findingsDocument(r.info, r.summary, r.findings, { mask: true, checkedAt: '2026-12-01', context: r.context })));`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=6000', '--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`preparing the findings failed (exit ${r.status})`);
  rmSync(join(dir, 'package'), { recursive: true, force: true });
  return { path, prepareSeconds: (performance.now() - t0) / 1000 };
}

const bench: BenchCase = {
  name: 'reports',
  async run({ scale, workDir }) {
    const { path, prepareSeconds } = await benchFindings(scale);
    let t = performance.now();
    const doc = JSON.parse(readFileSync(path, 'utf8')) as FindingsDocument;
    const readSeconds = (performance.now() - t) / 1000;
    const out = join(workDir, 'reports');
    const figures: Record<string, number | string> = { scale, findings: doc.findings.length, findingsMB: round(statSync(path).size / 1e6, 1), prepareSeconds: round(prepareSeconds), readSeconds: round(readSeconds) };
    let total = 0;
    // one format at a time, so each has its own time; together they are what `check --out` writes
    for (const format of ['json', 'text', 'html', 'docx', 'xlsx', 'geojson', 'shp']) {
      t = performance.now();
      const [w] = await writeReports(doc, out, { formats: [format] });
      const seconds = (performance.now() - t) / 1000;
      total += seconds;
      figures[`${format}Seconds`] = round(seconds);
      figures[`${format}MB`] = round(w.files.reduce((n, f) => n + statSync(f).size, 0) / 1e6, 1);
    }
    figures.allSeconds = round(total);
    figures.peakRssMiB = await peakRssMiB();
    rmSync(out, { recursive: true, force: true });
    return figures;
  },
};

export default bench;
