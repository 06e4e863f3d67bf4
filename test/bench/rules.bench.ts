/**
 * The whole non-spatial rule catalog (every rule but crs/, topology/, area/) as `check` runs it, on a synthetic
 * county (example ≈ 8k plots, county ≈ 500k plots): the package's store is loaded once by the harness (the `load`
 * case times loading), the expected summary tables are computed (as runCheck does), then the rules run on every
 * core (threads/run-parallel.ts). Figures: wall and CPU seconds of the summary preparation and of the rules,
 * `nonSpatialCheckSeconds` (the two together: the goal, 60 s at county scale), thread seconds per family
 * and the slowest rules, findings (a clean package has none) and peak RSS of the process (threads included).
 */
import { openStore, prepareSummaryCheck, readPackageInfo, resolveRules, rules, ruleThreadCount, runRulesParallel } from '@nyt2539/checker';
import { benchStore, cpuSecondsSince, peakRssMiB, round, type BenchCase } from './harness.js';

const bench: BenchCase = {
  name: 'rules',
  async run({ scale }) {
    const { storePath } = await benchStore(scale);
    const writable = openStore(storePath, { writable: true });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await prepareSummaryCheck(writable);
    writable.close();
    const summaryPrepareSeconds = (performance.now() - t0) / 1000;
    const summaryPrepareCpuSeconds = cpuSecondsSince(c0);
    const db = openStore(storePath);
    const info = readPackageInfo(db);
    const plots = (db.prepare(`SELECT coalesce(max(record_count), 0) AS n FROM src_tables WHERE name = 'DK'`).get() as { n: number }).n;
    const catalog = rules.filter((r) => !r.meta.layers);
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    const result = await runRulesParallel(db, info, resolveRules(catalog));
    const rulesSeconds = (performance.now() - t1) / 1000;
    const rulesCpuSeconds = cpuSecondsSince(c1);
    db.close();
    const perFamily: Record<string, number> = {};
    for (const [id, s] of Object.entries(result.seconds)) perFamily[id.split('/')[0]] = (perFamily[id.split('/')[0]] ?? 0) + s;
    const slowest = Object.entries(result.seconds).sort((a, b) => b[1] - a[1]).slice(0, 5);
    return {
      scale,
      plots,
      rules: catalog.length,
      threads: ruleThreadCount(),
      summaryPrepareSeconds: round(summaryPrepareSeconds),
      summaryPrepareCpuSeconds,
      rulesSeconds: round(rulesSeconds),
      rulesCpuSeconds,
      nonSpatialCheckSeconds: round(rulesSeconds + summaryPrepareSeconds),
      ...Object.fromEntries(Object.entries(perFamily).map(([f, s]) => [`threadSeconds:${f}`, round(s, 3)])),
      slowestRules: slowest.map(([id, s]) => `${id} ${s}s`).join(', '),
      findings: result.findings.length,
      peakRssMiB: await peakRssMiB(),
    };
  },
};

export default bench;
