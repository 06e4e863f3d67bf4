/**
 * Re-check diff of two county-scale findings files (100k findings each, 70k in common, 30k fixed, 30k new):
 * read and validate both files, compare by fingerprint, render the result. Target (issue 14): ≤ 5 s. Figures:
 * wall and CPU seconds per phase.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingsDocument, fingerprintOf, renderJson, summarize, type Finding, type PackageInfo } from '@nyt2539/checker';
import { diffDocuments, readFindingsFile, renderDiffText } from '@nyt2539/packager';
import { peakRssMiB, round, type BenchCase } from './harness.js';

const info: PackageInfo = { root: '/x/340711郊区', rootName: '340711郊区', county: '340711', countyName: '郊区', year: '2016', input: '/x', inputKind: 'folder' };
const rules = [
  ['values/required', 'values', 'DKMC'],
  ['values/whitespace', 'values', 'DKDZ'],
  ['contracts/mu-conversion', 'area', 'SCMJM'],
  ['topology/plot-overlap', 'topology', ''],
] as const;

function finding(i: number): Finding {
  const [ruleId, group, field] = rules[i % rules.length];
  const dkbm = `340711101201${String(Math.floor(i / rules.length)).padStart(7, '0')}`;
  const location = { file: '矢量数据/DK3407112016.shp', table: 'DK', record: i + 1, keys: { DKBM: dkbm }, ...(field ? { field } : {}), bbox: [39500000 + i, 3400000, 39500010 + i, 3400010] as const };
  const other = field ? undefined : `340711101201${String(Math.floor(i / rules.length) + 1).padStart(7, '0')}`;
  return {
    ruleId,
    group,
    severity: 'error',
    messageId: 'm',
    message: { zh: `地块 ${dkbm} 的问题 ${i}`, en: `plot ${dkbm} problem ${i}` },
    location,
    actual: i,
    fbfbm: dkbm.slice(0, 14),
    fingerprint: fingerprintOf({ ruleId, messageId: 'm', location, ...(other ? { other } : {}) }),
  };
}

function doc(from: number, n: number, date: string) {
  const findings = Array.from({ length: n }, (_, k) => finding(from + k));
  const counts = rules.map(([ruleId, group]) => ({ ruleId, group, errors: findings.filter((f) => f.ruleId === ruleId).length, warnings: 0, dropped: 0 }));
  return findingsDocument(info, summarize(counts), findings, { mask: true, checkedAt: date });
}

const bench: BenchCase = {
  name: 'rectify-diff',
  async run({ scale, workDir }) {
    const n = scale === 'county' ? 100_000 : 100_000;
    const oldPath = join(workDir, 'old.json');
    const newPath = join(workDir, 'new.json');
    writeFileSync(oldPath, renderJson(doc(0, n, '2026-11-01')));
    writeFileSync(newPath, renderJson(doc(Math.round(n * 0.3), n, '2026-11-10')));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const a = readFindingsFile(oldPath);
    const b = readFindingsFile(newPath);
    const t1 = performance.now();
    const d = diffDocuments(a, b);
    const t2 = performance.now();
    const json = renderJson(d);
    const text = renderDiffText(d, 'zh', 50);
    const t3 = performance.now();
    const cpu = process.cpuUsage(c0);
    return {
      findingsEach: n,
      new: d.diff!.new,
      persisting: d.diff!.persisting,
      fixed: d.diff!.fixed,
      read_validate_s: round((t1 - t0) / 1000),
      diff_s: round((t2 - t1) / 1000),
      render_s: round((t3 - t2) / 1000),
      total_s: round((t3 - t0) / 1000),
      // CPU seconds of this process: on a shared machine the wall time mostly measures the neighbours
      total_cpu_s: round((cpu.user + cpu.system) / 1e6),
      outputMiB: round((json.length + text.length) / 1048576, 1),
      peakRssMiB: await peakRssMiB(),
    };
  },
};

export default bench;
