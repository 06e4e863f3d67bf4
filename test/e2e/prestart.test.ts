/**
 * A check's rule thread started before the checker loads (packages/checker/src/threads/prestart.ts): the CLI starts
 * it for the package folder on its command line when that check will load on threads, the check of that folder
 * takes it (to load layers, then run rules) with the same findings as one thread, and a command that never checks
 * stops it instead of hanging on it. Thresholds are lowered so the tiny package takes the threaded path.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '@nyt2539/checker';
import { generatePackage } from '@nyt2539/packager';
import { closePrestartedThreads, prestartCheckThreads, takePrestartedThreads } from '../../packages/checker/src/threads/prestart.js';
import { runCli } from '../../packages/packager/src/cli/test-support.js';
import { withEnv } from '../support/env.js';

const threaded = { NYT2539_THREADS: '2', NYT2539_PARALLEL_LOAD_BYTES: '0' };

describe('a check thread started before the checker loads', () => {
  let base: string;
  let packageDir: string;
  let notPackage: string;
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'nyt2539-prestart-'));
    ({ packageDir } = await generatePackage({ scale: 'tiny', seed: 7, defects: 'all', outDir: join(base, 'pkg') }));
    notPackage = join(base, 'out');
    mkdirSync(notPackage);
  }, 120_000);
  afterAll(() => {
    closePrestartedThreads();
    rmSync(base, { recursive: true, force: true });
  });

  it('starts one for the package folder among the words of a command line, handed over once, to that folder only', async () => {
    await withEnv(threaded, () => prestartCheckThreads([join(base, 'missing'), notPackage, packageDir]));
    expect(takePrestartedThreads(notPackage)).toBeUndefined();
    const threads = takePrestartedThreads(packageDir);
    try {
      expect(threads?.pool.threads.length).toBe(1);
      expect(threads?.pool.alive).toBe(true);
      expect(takePrestartedThreads(packageDir)).toBeUndefined();
    } finally {
      threads?.close();
    }
  });

  it('starts none for a package whose load stays on one thread, or on a one-thread machine', async () => {
    await withEnv({ ...threaded, NYT2539_PARALLEL_LOAD_BYTES: '1e15' }, () => prestartCheckThreads([packageDir]));
    expect(takePrestartedThreads(packageDir)).toBeUndefined();
    await withEnv({ ...threaded, NYT2539_THREADS: '1' }, () => prestartCheckThreads([packageDir]));
    expect(takePrestartedThreads(packageDir)).toBeUndefined();
  });

  it('is taken by the check of that folder, which finds what one thread finds', async () => {
    const one = await withEnv({ NYT2539_THREADS: '1' }, () => runCheck(packageDir, { workDir: join(base, 'one') }));
    const taken = await withEnv(threaded, async () => {
      prestartCheckThreads([packageDir]);
      return runCheck(packageDir, { workDir: join(base, 'taken') });
    });
    // the check took it (and closed it when done)
    expect(takePrestartedThreads(packageDir)).toBeUndefined();
    expect(one.findings.length).toBeGreaterThan(20);
    expect(taken.findings).toEqual(one.findings);
    expect(taken.summary).toEqual(one.summary);
  }, 120_000);

  it('the CLI checks with it, and exits when the command never checks (help, a bad option)', () => {
    const one = runCli(['check', packageDir, '--format', 'json', '--reports', 'none', '--date', '2026-01-01'], { env: { NYT2539_THREADS: '1' }, timeout: 120_000 });
    const two = runCli(['check', '--format', 'json', packageDir, '--reports', 'none', '--date', '2026-01-01'], { env: threaded, timeout: 120_000 });
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    const findings = (out: string): unknown => (JSON.parse(out) as { findings: unknown }).findings;
    expect(findings(two.stdout)).toEqual(findings(one.stdout));
    // a started thread would keep the process alive: these end (timeout → code null) with their usual codes
    expect(runCli(['check', packageDir, '--print-profile'], { env: threaded, timeout: 60_000 }).code).toBe(0);
    expect(runCli(['check', packageDir, '--help'], { env: threaded, timeout: 60_000 }).code).toBe(0);
    const bad = runCli(['check', packageDir, '--bogus-option'], { env: threaded, timeout: 60_000 });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bogus-option/);
  }, 300_000);
});
