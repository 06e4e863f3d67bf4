/**
 * The whole non-spatial rule catalog (every rule outside topology/, crs/, area/) on a synthetic county (example ≈
 * 8k plots, county ≈ 500k plots): the package is generated in a child process and loaded once into a kept store,
 * the expected summary tables are computed (as runCheck does), then each rule runs alone on the store. Figures: seconds for the summary preparation, per rule family and in all, the slowest rule,
 * findings (a clean package should have none) and peak RSS (the load included, so it bounds the whole check).
 */
import { join } from 'node:path';
import { loadPackage, readPackageInfo, resolveRules, rules, runRules } from '@nyt2539/checker';
import { prepareSummaryCheck } from '../../packages/checker/src/rules/summary/expected.js';
import { benchPackage, peakRssMiB, round, type BenchCase } from './harness.js';

const SPATIAL = /^(topology|crs|area)\//;


const bench: BenchCase = {
  name: 'rules',
  async run({ scale, workDir }) {
    const { dir } = await benchPackage(scale);
    const t0 = performance.now();
    const pkg = await loadPackage(dir, { workDir: join(workDir, 'store-rules'), keepStore: true });
    const loadSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await prepareSummaryCheck(pkg.db);
    const summaryPrepareSeconds = (performance.now() - t1) / 1000;
    // the loader's connection; rules only read (runCheck gives them a read-only one)
    const db = pkg.db;
    const info = readPackageInfo(db);
    const plots = (db.prepare(`SELECT coalesce(max(record_count), 0) AS n FROM src_tables WHERE name = 'DK'`).get() as { n: number }).n;
    const catalog = rules.filter((r) => !SPATIAL.test(r.meta.id));
    const perFamily: Record<string, number> = {};
    let slowest = { id: '', seconds: 0 };
    let findings = 0;
    for (const rule of catalog) {
      const s = performance.now();
      const result = runRules(db, info, resolveRules([rule]));
      const seconds = (performance.now() - s) / 1000;
      findings += result.counts.reduce((n, c) => n + c.errors + c.warnings, 0);
      const family = rule.meta.id.split('/')[0];
      perFamily[family] = (perFamily[family] ?? 0) + seconds;
      if (seconds > slowest.seconds) slowest = { id: rule.meta.id, seconds };
    }
    pkg.close();
    const rulesSeconds = Object.values(perFamily).reduce((a, b) => a + b, 0);
    return {
      scale,
      plots,
      rules: catalog.length,
      loadSeconds: round(loadSeconds),
      summaryPrepareSeconds: round(summaryPrepareSeconds),
      ...Object.fromEntries(Object.entries(perFamily).map(([f, s]) => [`${f}Seconds`, round(s, 3)])),
      rulesSeconds: round(rulesSeconds),
      nonSpatialCheckSeconds: round(rulesSeconds + summaryPrepareSeconds),
      slowestRule: slowest.id,
      slowestRuleSeconds: round(slowest.seconds, 3),
      findings,
      peakRssMiB: await peakRssMiB(),
    };
  },
};

export default bench;
