/**
 * Rule-engine cost on a synthetic county (example ≈ 7.5k plots, county ≈ 500k plots): the package is generated
 * in a child process and loaded once by the harness (the `load` case times loading); then the layout, structure and value rules run one at a
 * time on the store opened read-only. Figures: seconds per rule family and for the slowest rule, rows scanned
 * per second by the per-value rules, findings, and peak RSS.
 */
import { openStore, readPackageInfo, resolveRules, rules, runRules } from '@nyt2539/checker';
import { benchStore, peakRssMiB, round, type BenchCase } from './harness.js';



const bench: BenchCase = {
  name: 'check-rules',
  async run({ scale }) {
    const { storePath } = await benchStore(scale);
    const db = openStore(storePath);
    const info = readPackageInfo(db);
    const rows = (db.prepare(`SELECT coalesce(sum(record_count), 0) AS n FROM src_tables WHERE origin IN ('mdb', 'shp')`).get() as { n: number }).n;
    const mine = rules.filter((r) => ['layout', 'structure', 'values'].includes(r.meta.group) && /^(layout|structure|values)\//.test(r.meta.id));
    const perGroup: Record<string, number> = {};
    let slowest = { id: '', seconds: 0 };
    let findings = 0;
    for (const rule of mine) {
      const s = performance.now();
      const result = runRules(db, info, resolveRules([rule]));
      const seconds = (performance.now() - s) / 1000;
      findings += result.counts.reduce((n, c) => n + c.errors + c.warnings, 0);
      perGroup[rule.meta.group] = (perGroup[rule.meta.group] ?? 0) + seconds;
      if (seconds > slowest.seconds) slowest = { id: rule.meta.id, seconds };
    }
    db.close();
    const valuesSeconds = perGroup.values ?? 0;
    return {
      scale,
      rows,
      rules: mine.length,
      layoutSeconds: round(perGroup.layout ?? 0, 3),
      structureSeconds: round(perGroup.structure ?? 0, 3),
      valuesSeconds: round(valuesSeconds, 3),
      valueRowsPerSecondPerRule: Math.round(rows / (valuesSeconds / Math.max(1, mine.filter((r) => r.meta.group === 'values').length) || 1)),
      slowestRule: slowest.id,
      slowestRuleSeconds: round(slowest.seconds, 3),
      findings,
      peakRssMiB: await peakRssMiB(),
    };
  },
};

export default bench;
