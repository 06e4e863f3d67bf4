/**
 * The input fuzzing campaign (issue 12): byte mutants of a generated `tiny` package's files, one reader at a time
 * (shp, shx, dbf, prj, cpg, mdb, xls, xml and the zip of the whole package), each checked in a worker process the
 * way the CLI checks it. A mutant fails the campaign when the check crashes (a stack trace instead of a located
 * message), hangs (over the time limit), uses over 2 GiB, names the scratch folder instead of the package-relative
 * path, or — for damage no reader can miss (cut short, emptied) — ends with exit 0 and no finding at all.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { generatePackage } from '@nyt2539/packager';
import { mustDetect, mutate, operators, rng, type Operator } from './mutate.js';
import type { FuzzAnswer, FuzzJob } from './worker.js';

export const readers = ['shp', 'shx', 'dbf', 'prj', 'cpg', 'mdb', 'xls', 'xml', 'zip'] as const;
export type ReaderKind = (typeof readers)[number];

/** One mutant: which file of the base package (or 'package.zip'), how, and the seed of the mutation. */
export interface Mutant {
  readonly reader: ReaderKind;
  readonly file: string;
  readonly op: Operator;
  readonly seed: number;
}

type Failure = 'crash' | 'hang' | 'memory' | 'silent-accept' | 'unlocated';

interface MutantResult {
  readonly mutant: Mutant;
  readonly exit: number | null;
  readonly errors: number;
  readonly warnings: number;
  readonly seconds: number;
  readonly maxRss: number;
  readonly failures: readonly Failure[];
  readonly lines: readonly string[];
}

interface CampaignFigures {
  readonly mutants: number;
  readonly byReader: Record<string, number>;
  readonly exits: Record<string, number>;
  readonly crashes: number;
  readonly hangs: number;
  readonly memory: number;
  readonly silentAccepts: number;
  readonly unlocated: number;
  readonly maxSeconds: number;
  readonly maxRssMiB: number;
  /** most errors one mutant produced: a cascade shows here */
  readonly maxErrors: number;
  /** the mutants with the most errors (up to 5), to replay and triage a cascade */
  readonly mostErrors: readonly { readonly mutant: Mutant; readonly errors: number; readonly first: readonly string[] }[];
  readonly seconds: number;
}

interface CampaignOptions {
  /** campaign seed: mutant i of seed s is always the same mutant */
  readonly seed: number;
  readonly mutants: number;
  /** per-mutant limit before it counts as a hang (the 60 s) */
  readonly timeoutSeconds?: number;
  /** stop starting new mutants after this long */
  readonly budgetSeconds?: number;
  /** replay these instead of (or before) generated mutants */
  readonly cases?: readonly Mutant[];
  /** scratch folder (a fresh one under the OS temp folder when not given; removed afterwards) */
  readonly workDir?: string;
  readonly onResult?: (r: MutantResult, index: number) => void;
}

const MEMORY_LIMIT = 2 * 1024 ** 3;
const WORKER = resolve(import.meta.dirname, 'worker.ts');

/** Files of each reader in the base package, relative to its root, sorted (so a seed means the same file everywhere). */
export function targetsOf(root: string): Record<ReaderKind, string[]> {
  const all: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else all.push(relative(root, abs).split('\\').join('/'));
    }
  };
  walk(root);
  const ext = (e: string) => all.filter((f) => f.toLowerCase().endsWith(`.${e}`));
  return {
    shp: ext('shp'),
    shx: ext('shx'),
    dbf: ext('dbf'),
    prj: ext('prj'),
    cpg: ext('cpg'),
    mdb: ext('mdb'),
    xls: ext('xls'),
    xml: ext('xml'),
    zip: ['package.zip'],
  };
}

/** Mutant `index` of campaign `seed`: readers in turn, then a file and an operator drawn from the seed. */
export function mutantAt(targets: Record<ReaderKind, string[]>, seed: number, index: number): Mutant {
  const reader = readers[index % readers.length];
  const r = rng((seed * 2654435761 + index * 40503) >>> 0);
  const files = targets[reader];
  return {
    reader,
    file: files[Math.floor(r() * files.length)],
    op: operators[Math.floor(r() * operators.length)],
    seed: Math.floor(r() * 2 ** 31),
  };
}

/** The package as hard links (nothing is copied), so a mutant replaces only its own file. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dst = join(to, name);
    if (statSync(src).isDirectory()) linkTree(src, dst);
    else linkSync(src, dst);
  }
}

class Worker {
  #child: ChildProcess | undefined;
  #ready: Promise<void> | undefined;

  start(): Promise<void> {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx', `--max-old-space-size=${MEMORY_LIMIT / 1024 ** 2}`], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr?.resume();
    this.#child = child;
    this.#ready = new Promise((res, rej) => {
      child.once('message', () => res());
      child.once('exit', (code) => rej(new Error(`fuzz worker exited during start-up (${code})`)));
    });
    return this.#ready;
  }

  async run(job: FuzzJob, timeoutMs: number): Promise<FuzzAnswer | 'hang' | 'died'> {
    if (!this.#child || this.#child.exitCode !== null || this.#child.signalCode !== null) await this.start();
    else await this.#ready;
    const child = this.#child!;
    return new Promise((res) => {
      const timer = setTimeout(() => {
        cleanup();
        child.kill('SIGKILL');
        this.#child = undefined;
        res('hang');
      }, timeoutMs);
      const onMessage = (m: FuzzAnswer) => {
        if (m.id !== job.id) return;
        cleanup();
        res(m);
      };
      const onExit = () => {
        cleanup();
        this.#child = undefined;
        res('died');
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(job);
    });
  }

  stop(): void {
    this.#child?.kill('SIGKILL');
    this.#child = undefined;
  }
}

const STACK = /\n\s+at .+[:(]\d+/;

function judge(mutant: Mutant, answer: FuzzAnswer | 'hang' | 'died', scratch: string): Failure[] {
  if (answer === 'hang') return ['hang'];
  if (answer === 'died') return ['crash'];
  const failures: Failure[] = [];
  if (answer.outcome === 'crash' || answer.lines.some((l) => STACK.test(l))) failures.push('crash');
  if (answer.maxRss > MEMORY_LIMIT) failures.push('memory');
  if (answer.lines.some((l) => l.includes(scratch) || l.includes(tmpdir()))) failures.push('unlocated');
  if (mustDetect.has(mutant.op) && answer.exit === 0 && answer.errors + answer.warnings === 0) failures.push('silent-accept');
  return failures;
}

/** The base package every mutant starts from (the generated `tiny` one, seed 7) and a zip of its contents. */
export async function prepareBase(scratch: string): Promise<{ packageDir: string; zip: string }> {
  const { packageDir } = await generatePackage({ scale: 'tiny', seed: 7, defects: 'none', outDir: join(scratch, 'base') });
  const zip = join(scratch, 'package.zip');
  execFileSync('zip', ['-qrX', zip, '.'], { cwd: packageDir });
  return { packageDir, zip };
}

/** Runs a campaign and returns its figures and every mutant that failed. */
export async function runCampaign(options: CampaignOptions): Promise<{ figures: CampaignFigures; failed: MutantResult[] }> {
  const started = performance.now();
  const ownDir = options.workDir === undefined;
  const scratch = ownDir ? join(tmpdir(), `nyt2539-fuzz-${process.pid}`) : resolve(options.workDir!);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const worker = new Worker();
  const results: MutantResult[] = [];
  try {
    const { packageDir, zip } = await prepareBase(scratch);
    const targets = targetsOf(packageDir);
    const rootName = packageDir.split(/[\\/]/).pop()!;
    const timeoutMs = (options.timeoutSeconds ?? 60) * 1000;
    const mutants: Mutant[] = [...(options.cases ?? [])];
    for (let i = 0; i < options.mutants; i++) mutants.push(mutantAt(targets, options.seed, i));

    for (const [index, mutant] of mutants.entries()) {
      if (options.budgetSeconds !== undefined && (performance.now() - started) / 1000 > options.budgetSeconds) break;
      const dir = join(scratch, `m${index}`);
      let input: string;
      if (mutant.reader === 'zip') {
        mkdirSync(dir, { recursive: true });
        input = join(dir, `${rootName}.zip`);
        writeFileSync(input, mutate(readFileSync(zip), mutant.op, mutant.seed));
      } else {
        input = join(dir, rootName);
        linkTree(packageDir, input);
        const target = join(input, mutant.file);
        const bytes = readFileSync(target);
        rmSync(target);
        writeFileSync(target, mutate(bytes, mutant.op, mutant.seed));
      }
      const t = performance.now();
      const answer = await worker.run({ id: index, input, workDir: join(dir, 'work') }, timeoutMs);
      const seconds = (performance.now() - t) / 1000;
      const result: MutantResult = {
        mutant,
        exit: typeof answer === 'string' ? null : answer.exit,
        errors: typeof answer === 'string' ? 0 : answer.errors,
        warnings: typeof answer === 'string' ? 0 : answer.warnings,
        seconds,
        maxRss: typeof answer === 'string' ? 0 : answer.maxRss,
        failures: judge(mutant, answer, scratch),
        lines: typeof answer === 'string' ? [answer] : answer.lines.slice(0, 20),
      };
      results.push(result);
      options.onResult?.(result, index);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    worker.stop();
    if (ownDir) rmSync(scratch, { recursive: true, force: true });
  }
  const count = (f: Failure) => results.filter((r) => r.failures.includes(f)).length;
  const tally = (key: (r: MutantResult) => string) => {
    const out: Record<string, number> = {};
    for (const r of results) out[key(r)] = (out[key(r)] ?? 0) + 1;
    return out;
  };
  return {
    figures: {
      mutants: results.length,
      byReader: tally((r) => r.mutant.reader),
      exits: tally((r) => String(r.exit ?? 'none')),
      crashes: count('crash'),
      hangs: count('hang'),
      memory: count('memory'),
      silentAccepts: count('silent-accept'),
      unlocated: count('unlocated'),
      maxSeconds: Math.round(Math.max(0, ...results.map((r) => r.seconds)) * 10) / 10,
      maxRssMiB: Math.round(Math.max(0, ...results.map((r) => r.maxRss)) / 1024 ** 2),
      maxErrors: Math.max(0, ...results.map((r) => r.errors)),
      mostErrors: [...results]
        .filter((r) => r.errors > 0)
        .sort((a, b) => b.errors - a.errors)
        .slice(0, 5)
        .map((r) => ({ mutant: r.mutant, errors: r.errors, first: r.lines.slice(0, 3) })),
      seconds: Math.round((performance.now() - started) / 1000),
    },
    failed: results.filter((r) => r.failures.length > 0),
  };
}
