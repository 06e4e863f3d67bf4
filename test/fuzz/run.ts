/**
 * `pnpm fuzz [-- --mode check|reader] [--mutants N] [--seed S] [--from I] [--threads T] [--timeout SECONDS]
 * [--budget SECONDS] [--out FILE]`: a fuzzing campaign over a generated tiny package. `--mode check` (default)
 * checks every mutant the way the CLI does, in a child process (campaign.ts, ~1 s CPU a mutant); `--mode reader`
 * loads only the damaged file with its reader in worker threads (reader-campaign.ts, ~10–100 mutants a second),
 * for the long campaigns (≥ 100k mutants). Prints each failing mutant as it is found and the figures as JSON at
 * the end (reader mode also every 1,000 mutants, and into --out as it goes); exit 1 when any mutant failed. The
 * regression cases of seeds.json run first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCampaign, type Mutant } from './campaign.js';
import { runReaderCampaign, writeReaderReport } from './reader-campaign.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    mode: { type: 'string', default: 'check' },
    mutants: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    from: { type: 'string', default: '0' },
    threads: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '60' },
    budget: { type: 'string' },
    out: { type: 'string' },
  },
});
const seeds = JSON.parse(readFileSync(resolve(import.meta.dirname, 'seeds.json'), 'utf8')) as { campaignSeed: number; cases: Mutant[] };
const seed = values.seed === undefined ? seeds.campaignSeed : Number(values.seed);

if (values.mode === 'reader') {
  const { figures, failed } = await runReaderCampaign({
    seed,
    mutants: Number(values.mutants),
    from: Number(values.from),
    threads: Number(values.threads),
    timeoutSeconds: Number(values.timeout),
    ...(values.budget ? { budgetSeconds: Number(values.budget) } : {}),
    cases: seeds.cases,
    onResult: (r, i) => {
      if (r.failures.length > 0) process.stderr.write(`FAIL #${i} ${JSON.stringify(r.mutant)} ${r.failures.join(',')}\n  ${r.lines.slice(0, 3).join('\n  ')}\n`);
    },
    onProgress: (f) => {
      process.stderr.write(
        `${f.mutants} mutants, ${f.mutantsPerSecond}/s (${f.cpuSeconds} s CPU), crashes ${f.crashes} hangs ${f.hangs} memory ${f.memory} silent ${f.silentAccepts} unlocated ${f.unlocated}\n`,
      );
      if (values.out) writeReaderReport(values.out, seed, f, []);
    },
  });
  if (values.out) writeReaderReport(values.out, seed, figures, failed);
  process.stdout.write(`${JSON.stringify({ seed, figures, failed: failed.map((f) => ({ mutant: f.mutant, failures: f.failures, outcome: f.outcome, lines: f.lines.slice(0, 5) })) }, null, 2)}\n`);
  process.exitCode = failed.length > 0 ? 1 : 0;
} else {
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
}
