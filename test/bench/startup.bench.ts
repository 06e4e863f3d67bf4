import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatePackage } from '@nyt2539/packager';
import { compiledCli, round, type BenchCase } from './harness.js';

/**
 * CLI start-up (issue 17/18): `nyt2539 --help` wall time, and launch → first file read of `check` (the moment the
 * process first touches the package folder, recorded by first-read.mjs, which then exits), for the compiled build
 * (`pnpm build`, dist/cli.js started as its `#!` line starts it) and the development path (tsx on the TypeScript
 * sources). Median of RUNS runs each, in child processes, as wall time and as the child's CPU time (a shared
 * machine inflates wall time; the CPU figure is what an idle machine's wall time approaches); bare `node -e 0` for
 * scale. The package is a tiny generated county (start-up does not depend on its size).
 */
const RUNS = 7;
const root = resolve(import.meta.dirname, '../..');
const hook = join(import.meta.dirname, 'first-read.mjs');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

interface Sample {
  /** launch → event, seconds */
  readonly seconds: number;
  /** CPU of the child up to the event, seconds */
  readonly cpu: number;
}

function sample(out: string, t0: number): Sample {
  const r = JSON.parse(readFileSync(out, 'utf8')) as { at: number; cpuMs: number };
  return { seconds: (r.at - t0) / 1000, cpu: r.cpuMs / 1000 };
}

function help(argv: readonly string[], workDir: string): Sample {
  const out = join(workDir, 'help.json');
  rmSync(out, { force: true });
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', hook, ...argv, '--help'], { cwd: root, encoding: 'utf8', env: { ...process.env, NYT2539_EXIT_OUT: out } });
  if (r.status !== 0 || !r.stdout.includes('check')) throw new Error(`--help failed: ${r.stderr}`);
  return sample(out, t0);
}

function firstRead(argv: readonly string[], pkg: string, workDir: string): Sample {
  const out = join(workDir, 'first-read.json');
  rmSync(out, { force: true });
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', hook, ...argv, 'check', pkg, '--work-dir', join(workDir, 'store')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NYT2539_FIRST_READ_DIR: pkg, NYT2539_FIRST_READ_OUT: out },
  });
  if (!existsSync(out)) throw new Error(`check never read the package (exit ${r.status}): ${r.stderr}`);
  return sample(out, t0);
}

const bench: BenchCase = {
  name: 'startup',
  async run({ workDir }) {
    const gen = join(workDir, 'package');
    if (!existsSync(join(gen, 'ground-truth.json'))) await generatePackage({ scale: 'tiny', seed: 1, outDir: gen });
    const pkg = join(gen, readdirSync(gen).find((d) => /^\d{6}/.test(d)) as string);
    const compiled = await compiledCli();
    const dev = ['--import', 'tsx', join(root, 'packages/packager/src/cli/main.ts')];
    const figures: Record<string, number> = {};
    for (const [name, argv] of [['compiled', compiled], ['tsx', dev], ['bareNode', ['-e', '0']]] as const) {
      const helps: Sample[] = [];
      const firsts: Sample[] = [];
      for (let i = 0; i < RUNS; i++) {
        if (name === 'bareNode') {
          // node itself, for scale: launch → exit of an empty script
          const out = join(workDir, 'bare.json');
          const t0 = Date.now();
          spawnSync(process.execPath, ['--import', hook, ...argv], { env: { ...process.env, NYT2539_EXIT_OUT: out } });
          helps.push(sample(out, t0));
          continue;
        }
        helps.push(help(argv, workDir));
        firsts.push(firstRead(argv, pkg, workDir));
      }
      if (name === 'bareNode') {
        figures.bareNodeSeconds = round(median(helps.map((s) => s.seconds)), 3);
        figures.bareNodeCpuSeconds = round(median(helps.map((s) => s.cpu)), 3);
        continue;
      }
      figures[`${name}HelpSeconds`] = round(median(helps.map((s) => s.seconds)), 3);
      figures[`${name}HelpCpuSeconds`] = round(median(helps.map((s) => s.cpu)), 3);
      figures[`${name}CheckFirstReadSeconds`] = round(median(firsts.map((s) => s.seconds)), 3);
      figures[`${name}CheckFirstReadCpuSeconds`] = round(median(firsts.map((s) => s.cpu)), 3);
    }
    figures.helpGoalSeconds = 0.3;
    figures.firstReadGoalSeconds = 0.4;
    return { runs: RUNS, ...figures };
  },
};

export default bench;
