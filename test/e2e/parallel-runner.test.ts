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

  it('gives the same result with the main thread as a lane beside one thread, and the main lane runs rules (also when it joins late)', async () => {
    const kept = await withEnv({ NYT2539_THREADS: '1' }, () => runCheck(packageDir, { workDir: join(base, 'kept'), keepStore: true }));
    const db = openStore(kept.storePath!);
    try {
      const info = readPackageInfo(db);
      const resolved = resolveRules(rules);
      const inline = runRules(db, info, resolved);
      const laned = await runRulesParallel(db, info, resolved, { mainLane: true, threads: 1 });
      expect(laned.findings).toEqual(inline.findings);
      expect(laned.counts).toEqual(inline.counts);
      expect(laned.mainLaneJobs).toBeGreaterThan(0);
      expect(laned.mainLaneJobs).toBeLessThan(resolved.length);

      // GEOS not ready on this thread yet: the thread is sent its jobs, the main lane joins once GEOS is
      let release!: () => void;
      const geos = new Promise<void>((resolve) => (release = resolve));
      const waiting = runRulesParallel(db, info, resolved, { mainLane: true, threads: 1, geos });
      setTimeout(release, 200);
      const late = await waiting;
      expect(late.findings).toEqual(inline.findings);
      expect(late.counts).toEqual(inline.counts);
      expect(late.mainLaneJobs).toBeGreaterThan(0);
      // GEOS that cannot start here fails the run, as a rule thread that cannot start does
      await expect(runRulesParallel(db, info, resolved, { mainLane: true, threads: 1, geos: Promise.reject(new Error('GEOS failed here')) })).rejects.toThrow('GEOS failed here');
    } finally {
      db.close();
    }
  }, 300_000);
});
