/**
 * The rule catalog in worker threads (packages/checker/src/threads) must report exactly what the one-thread run
 * reports — same findings, same order, same counts — on a package with every defect kind, whichever thread ran
 * which rule or rule partition. Thresholds are lowered so the small `example` package takes the threaded path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, readPackageInfo, resolveRules, rules, runCheck, runRules, runRulesParallel } from '@nyt2539/checker';
import { initGeos } from '../../packages/checker/src/spatial/geos.js';
import { RuleThreads } from '../../packages/checker/src/threads/rule-threads.js';
import { generatePackage } from '@nyt2539/packager';
import { withEnv } from '../support/env.js';

describe('threaded rule runner', () => {
  let base: string;
  let packageDir: string;
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'nyt2539-parallel-'));
    ({ packageDir } = await generatePackage({ scale: 'example', seed: 11, defects: 'all', outDir: join(base, 'pkg') }));
  }, 120_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('reports the same findings in the same order as one thread', async () => {
    const one = await withEnv({ NYT2539_THREADS: '1' }, () => runCheck(packageDir, { workDir: join(base, 'one') }));
    const progress: number[] = [];
    const two = await withEnv({ NYT2539_THREADS: '2', NYT2539_PARALLEL_ROWS: '0', NYT2539_PARALLEL_LOAD_BYTES: '0' }, () =>
      runCheck(packageDir, { workDir: join(base, 'two'), onProgress: (p) => p.phase === 'rules' && progress.push(p.done) }),
    );
    expect(one.findings.length).toBeGreaterThan(100);
    expect(new Set(one.findings.map((f) => f.group))).toContain('topology');
    // plot-overlap runs as one partition per thread there: its merged findings are part of the comparison
    expect(one.findings.filter((f) => f.ruleId === 'topology/plot-overlap').length).toBeGreaterThan(1);
    expect(two.findings).toEqual(one.findings);
    expect(two.summary).toEqual(one.summary);
    // progress counted every rule once, in order
    expect(progress).toEqual(Array.from({ length: progress.length }, (_, i) => i + 1));
    expect(progress.length).toBe(one.summary.rulesRun);

    // a package loaded on threads but below the rule threshold: this thread and the rule thread started during the load
    const lane = await withEnv({ NYT2539_THREADS: '2', NYT2539_PARALLEL_LOAD_BYTES: '0', NYT2539_PARALLEL_ROWS: '1000000000' }, () =>
      runCheck(packageDir, { workDir: join(base, 'lane') }),
    );
    expect(lane.findings).toEqual(one.findings);
    expect(lane.summary).toEqual(one.summary);
  }, 300_000);

  it('gives the same result with the main thread as a lane beside one thread, and GEOS comes to this thread only when a rule that calls it has no thread left', async () => {
    const kept = await withEnv({ NYT2539_THREADS: '1' }, () => runCheck(packageDir, { workDir: join(base, 'kept'), keepStore: true }));
    const db = openStore(kept.storePath!);
    try {
      const info = readPackageInfo(db);
      const resolved = resolveRules(rules);
      const inline = runRules(db, info, resolved);
      const geosRules = new Set(resolved.filter((r) => r.rule.meta.geos === true).map((r) => r.rule.meta.id));
      expect(geosRules.size).toBeGreaterThan(0);
      let geosStarts = 0;
      const geos = (): Promise<void> => {
        geosStarts++;
        return initGeos();
      };

      const laned = await runRulesParallel(db, info, resolved, { mainLane: true, threads: 1, geos });
      expect(laned.findings).toEqual(inline.findings);
      expect(laned.counts).toEqual(inline.counts);
      expect(laned.mainLaneRules.length).toBeGreaterThan(0);
      expect(laned.mainLaneRules.length).toBeLessThan(resolved.length);
      // the thread ran every rule that calls GEOS: this thread never instantiated it
      expect(laned.mainLaneRules.filter((id) => geosRules.has(id))).toEqual([]);
      expect(geosStarts).toBe(0);
      // and a group of rules sharing a structure went to this thread, which had no GEOS rules to run
      const grouped = resolved.filter((r) => r.rule.meta.affinity !== undefined).map((r) => r.rule.meta.id);
      expect(grouped.length).toBeGreaterThan(1);
      expect(laned.mainLaneRules).toEqual(expect.arrayContaining(grouped));

      // the thread is gone before it runs anything: this thread gets GEOS, once, and runs every rule
      const lost = new RuleThreads(1);
      lost.pool.discard(lost.pool.threads[0], 'stopped by the test');
      const alone = await runRulesParallel(db, info, resolved, { mainLane: true, threads: 1, geos, started: lost });
      expect(alone.findings).toEqual(inline.findings);
      expect(alone.counts).toEqual(inline.counts);
      expect(geosStarts).toBe(1);
      expect(new Set(alone.mainLaneRules)).toEqual(new Set(resolved.map((r) => r.rule.meta.id)));

      // GEOS that cannot start here fails the run, as a rule thread that cannot start does
      const gone = new RuleThreads(1);
      gone.pool.discard(gone.pool.threads[0], 'stopped by the test');
      await expect(runRulesParallel(db, info, resolved, { mainLane: true, threads: 1, started: gone, geos: () => Promise.reject(new Error('GEOS failed here')) })).rejects.toThrow('GEOS failed here');
    } finally {
      db.close();
    }
  }, 300_000);
});
