/**
 * The short fuzzing campaigns of the normal test run (issue 12 item 13), ≤ 3 min together: the regression cases
 * of seeds.json, then mutants of every reader's files checked the way the CLI checks them (campaign.ts), and
 * many more loaded by their reader alone in a worker thread (reader-campaign.ts). The long campaign is
 * `pnpm fuzz -- --mode reader --mutants 100000`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readers, runCampaign, type Mutant } from './campaign.js';
import { runReaderCampaign } from './reader-campaign.js';

const seeds = JSON.parse(readFileSync(join(import.meta.dirname, 'seeds.json'), 'utf8')) as { campaignSeed: number; cases: Mutant[] };

describe('fuzzing campaign (short)', () => {
  it('no mutant crashes, hangs, exceeds 2 GiB, leaks a scratch path or passes damage silently', async () => {
    const { figures, failed } = await runCampaign({ seed: seeds.campaignSeed, mutants: 3 * readers.length, cases: seeds.cases, budgetSeconds: 100 });
    expect(failed.map((f) => ({ mutant: f.mutant, failures: f.failures, lines: f.lines.slice(0, 3) }))).toEqual([]);
    // every reader got at least one mutant within the budget
    expect(Object.keys(figures.byReader).sort()).toEqual([...readers].sort());
    expect(figures.crashes + figures.hangs + figures.memory + figures.silentAccepts + figures.unlocated).toBe(0);
  }, 160_000);

  it('in-process: each reader loads its damaged file without a crash, hang, 2 GiB or unnoticed damage', async () => {
    // another stretch of mutants than the long campaign's start, so CI adds to what it covered
    const { figures, failed } = await runReaderCampaign({ seed: seeds.campaignSeed + 1, mutants: 20 * readers.length, cases: seeds.cases, budgetSeconds: 35 });
    expect(failed.map((f) => ({ mutant: f.mutant, failures: f.failures, lines: f.lines.slice(0, 3) }))).toEqual([]);
    expect(Object.keys(figures.byReader).sort()).toEqual([...readers].sort());
    expect(figures.mutants).toBeGreaterThan(0);
    expect(figures.mutantsPerSecond).toBeGreaterThan(0);
    // damage is reported once at its root: the long campaign's worst mutants (seeds.json: one deleted byte gave
    // 2,837 issues) now give a handful; hundreds would be a cascade
    expect(figures.mostIssues.map((m) => ({ mutant: m.mutant, issues: m.issues })).filter((m) => m.issues >= 100)).toEqual([]);
  }, 80_000);
});
