/**
 * `pnpm fuzz [-- --mutants N] [--seed S] [--timeout SECONDS] [--budget SECONDS] [--out FILE]`: a fuzzing
 * campaign over a generated tiny package (see campaign.ts). Prints each failing mutant as it is found and the
 * figures as JSON at the end; exit 1 when any mutant failed. The regression cases of seeds.json run first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCampaign, type Mutant } from './campaign.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    mutants: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    timeout: { type: 'string', default: '60' },
    budget: { type: 'string' },
    out: { type: 'string' },
  },
});
const seeds = JSON.parse(readFileSync(resolve(import.meta.dirname, 'seeds.json'), 'utf8')) as { campaignSeed: number; cases: Mutant[] };
const seed = values.seed === undefined ? seeds.campaignSeed : Number(values.seed);
const { figures, failed } = await runCampaign({
  seed,
  mutants: Number(values.mutants),
  timeoutSeconds: Number(values.timeout),
  ...(values.budget ? { budgetSeconds: Number(values.budget) } : {}),
  cases: seeds.cases,
  onResult: (r, i) => {
    if (r.failures.length > 0) process.stderr.write(`FAIL #${i} ${JSON.stringify(r.mutant)} ${r.failures.join(',')}\n  ${r.lines.slice(0, 3).join('\n  ')}\n`);
    else if (i % 50 === 0) process.stderr.write(`#${i} ${r.mutant.reader} ${r.mutant.op} exit ${r.exit} (${r.seconds.toFixed(1)} s)\n`);
  },
});
const report = { seed, figures, failed: failed.map((f) => ({ mutant: f.mutant, failures: f.failures, exit: f.exit, lines: f.lines.slice(0, 5) })) };
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
