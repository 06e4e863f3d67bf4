/**
 * The short fuzzing campaign of the normal test run (issue 12 item 13): the regression cases of seeds.json, then
 * mutants of every reader's files, until the mutants or the budget run out (the long campaign is `pnpm fuzz`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readers, runCampaign, type Mutant } from './campaign.js';

const seeds = JSON.parse(readFileSync(join(import.meta.dirname, 'seeds.json'), 'utf8')) as { campaignSeed: number; cases: Mutant[] };

describe('fuzzing campaign (short)', () => {
  it('no mutant crashes, hangs, exceeds 2 GiB, leaks a scratch path or passes damage silently', async () => {
    const { figures, failed } = await runCampaign({ seed: seeds.campaignSeed, mutants: 3 * readers.length, cases: seeds.cases, budgetSeconds: 150 });
    expect(failed.map((f) => ({ mutant: f.mutant, failures: f.failures, lines: f.lines.slice(0, 3) }))).toEqual([]);
    // every reader got at least one mutant within the budget
    expect(Object.keys(figures.byReader).sort()).toEqual([...readers].sort());
    expect(figures.crashes + figures.hangs + figures.memory + figures.silentAccepts + figures.unlocated).toBe(0);
  }, 240_000);
});
