import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '@nyt2539/checker';
import { afterAll, describe, expect, it } from 'vitest';
import type { GroundTruth } from '@nyt2539/examples';
import { generatePackage } from '@nyt2539/packager';

const tmp = mkdtempSync(join(tmpdir(), 'nyt2539-density-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('--defect-density', () => {
  it('breaks that share of plots, records each in ground truth, and the checker finds exactly those', async () => {
    const r = await generatePackage({ scale: 'tiny', seed: 5, defectDensity: 0.1, outDir: tmp });
    const truth = JSON.parse(readFileSync(r.groundTruthPath, 'utf8')) as GroundTruth;
    const dense = truth.defects.filter((d) => d.id === 'dense-code-outside-list');
    expect(dense).toHaveLength(Math.round(0.1 * r.stats.plots));
    expect(truth.defectDensity).toBe(0.1);
    const check = await runCheck(r.packageDir);
    const found = check.findings.filter((f) => f.ruleId === 'values/code-domain' && f.location.field === 'TDYT');
    expect(new Set(found.map((f) => f.location.keys?.DKBM))).toEqual(new Set(dense.map((d) => d.keys.DKBM)));
    expect(found.map((f) => f.location.record).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(dense.map((d) => d.record).sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  it('refuses a density outside 0…1', async () => {
    await expect(generatePackage({ scale: 'tiny', seed: 5, defectDensity: 1.5, outDir: join(tmp, 'bad') })).rejects.toThrow(/0…1/);
  });
});
