/**
 * The in-process fuzzing campaign (`pnpm fuzz -- --mode reader`): the same mutants as the check-level campaign
 * (campaign.ts, same seeds and `mutantAt`), each loaded by the one reader it damages in a worker thread
 * (reader-worker.ts) instead of a whole check in a child process, so a session on 2 cores reaches ≥ 100k mutants.
 * Each thread has a V8 heap cap; the parent kills a thread that overruns the hang limit or pushes the process
 * past 2 GiB resident, and starts a fresh one. A mutant fails when loading crashes (anything but a located
 * LocalizedError), hangs, runs out of memory, names the scratch folder, or — for damage no reader can miss (cut
 * short, emptied) — loads exactly what the undamaged file loads with no issue at all.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '@nyt2539/checker';
import { mutantAt, prepareBase, readers, targetsOf, type Mutant, type ReaderKind } from './campaign.js';
import { mustDetect } from './mutate.js';
import type { ReaderAnswer, ReaderJob, ReaderWorkerData } from './reader-worker.js';

type ReaderFailure = 'crash' | 'hang' | 'memory' | 'silent-accept' | 'unlocated';

export interface ReaderResult {
  readonly mutant: Mutant;
  readonly outcome: ReaderAnswer['outcome'] | 'hang' | 'memory' | 'died';
  readonly issues: number;
  readonly ms: number;
  readonly failures: readonly ReaderFailure[];
  readonly lines: readonly string[];
  /** damage that must be detected loaded with no issue but not as the base: left to the rules (replay with --mode check) */
  readonly quiet: boolean;
  readonly internal: number;
}

interface ReaderFigures {
  readonly mode: 'reader';
  readonly mutants: number;
  readonly byReader: Record<string, number>;
  readonly outcomes: Record<string, number>;
  readonly crashes: number;
  readonly hangs: number;
  readonly memory: number;
  readonly silentAccepts: number;
  readonly unlocated: number;
  /** cut/emptied files loaded without an issue but differently from the base (the rules must report them) */
  readonly quietLoads: number;
  /** load issues whose text is a raw JavaScript error (a reader bug shown as "unreadable") */
  readonly internalErrors: number;
  readonly maxMs: number;
  /** peak resident memory of the whole campaign process (all threads) */
  readonly maxRssMiB: number;
  readonly maxIssues: number;
  readonly mostIssues: readonly { readonly mutant: Mutant; readonly issues: number; readonly first: readonly string[] }[];
  readonly meanMsByReader: Record<string, number>;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly mutantsPerSecond: number;
  readonly threads: number;
}

interface ReaderCampaignOptions {
  readonly seed: number;
  readonly mutants: number;
  /** first mutant index (a long campaign resumes where it stopped) */
  readonly from?: number;
  readonly timeoutSeconds?: number;
  readonly budgetSeconds?: number;
  readonly threads?: number;
  readonly cases?: readonly Mutant[];
  readonly workDir?: string;
  /** V8 heap cap of one thread, MiB */
  readonly heapMiB?: number;
  readonly onResult?: (r: ReaderResult, index: number) => void;
  /** called every `progressEvery` mutants with the figures so far */
  readonly onProgress?: (f: ReaderFigures) => void;
  readonly progressEvery?: number;
}

const MEMORY_LIMIT = 2 * 1024 ** 3;
const entry = workerEntry('fuzz-reader-worker', new URL('./reader-worker.ts', import.meta.url));

/** CPU seconds of one thread of this process (Linux /proc; clock ticks of 1/100 s). */
function threadCpu(tid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
/** a job still unanswered after this many times the limit in wall time is hung whatever its CPU time (a promise nothing settles) */
const WALL_FACTOR = 10;

class ReaderThread {
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #tid = 0;

  constructor(
    private readonly data: ReaderWorkerData,
    private readonly heapMiB: number,
  ) {}

  #start(): Promise<void> {
    const worker = new Worker(entry.url, {
      workerData: { ...this.data, module: entry.module },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMiB, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    this.#worker = worker;
    this.#ready = new Promise((res, rej) => {
      const onMessage = (m: { ready?: boolean; tid?: number; type?: string; error?: string }) => {
        if (m.ready) {
          this.#tid = m.tid ?? 0;
          worker.off('message', onMessage);
          res();
        } else if (m.type === 'failed') rej(new Error(`fuzz reader thread failed to start: ${m.error}`));
      };
      worker.on('message', onMessage);
      worker.once('error', rej);
    });
    return this.#ready;
  }

  async run(job: ReaderJob, timeoutMs: number): Promise<ReaderAnswer | 'hang' | 'memory' | 'died'> {
    if (!this.#worker) await this.#start();
    else await this.#ready;
    const worker = this.#worker!;
    return new Promise((res) => {
      let settled = false;
      const finish = (r: ReaderAnswer | 'hang' | 'memory' | 'died', kill: boolean): void => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        clearInterval(watch);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (kill) {
          void worker.terminate();
          this.#worker = undefined;
        }
        res(r);
      };
      // a hang is the time limit spent on CPU by this thread, or WALL_FACTOR times the limit in wall time (a
      // promise nothing settles): wall time alone would count waiting for a core on a loaded machine as a hang
      const started = performance.now();
      const cpu0 = threadCpu(this.#tid);
      const timer = setInterval(() => {
        const wall = performance.now() - started;
        if (wall < timeoutMs) return;
        const cpu = cpu0 === undefined ? undefined : threadCpu(this.#tid);
        if (cpu === undefined || (cpu - cpu0!) * 1000 >= timeoutMs || wall >= WALL_FACTOR * timeoutMs) finish('hang', true);
      }, 1000);
      const watch = setInterval(() => {
        if (process.memoryUsage.rss() > MEMORY_LIMIT) finish('memory', true);
      }, 100);
      const onMessage = (m: ReaderAnswer) => {
        if (m.id === job.id) finish(m, false);
      };
      const onError = (e: Error & { code?: string }) => finish(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'died', true);
      const onExit = () => finish('died', true);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(job);
    });
  }

  async stop(): Promise<void> {
    const w = this.#worker;
    this.#worker = undefined;
    if (w) await w.terminate();
  }
}

function judge(mutant: Mutant, answer: ReaderAnswer | 'hang' | 'memory' | 'died', baseDigest: string | undefined, scratch: string): { failures: ReaderFailure[]; quiet: boolean } {
  if (answer === 'hang') return { failures: ['hang'], quiet: false };
  if (answer === 'memory') return { failures: ['memory'], quiet: false };
  if (answer === 'died') return { failures: ['crash'], quiet: false };
  const failures: ReaderFailure[] = [];
  if (answer.outcome === 'crash') failures.push('crash');
  if (answer.lines.some((l) => l.includes(scratch) || l.includes(tmpdir()))) failures.push('unlocated');
  let quiet = false;
  if (mustDetect.has(mutant.op) && answer.outcome === 'loaded' && answer.issues === 0) {
    if (answer.digest === baseDigest) failures.push('silent-accept');
    else quiet = true;
  }
  return { failures, quiet };
}

/** Runs a reader-level campaign on `threads` worker threads (default 1) and returns its figures and failures. */
export async function runReaderCampaign(options: ReaderCampaignOptions): Promise<{ figures: ReaderFigures; failed: ReaderResult[] }> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const ownDir = options.workDir === undefined;
  const scratch = ownDir ? join(tmpdir(), `nyt2539-fuzz-reader-${process.pid}`) : resolve(options.workDir!);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const threadCount = Math.max(1, options.threads ?? 1);
  const timeoutMs = (options.timeoutSeconds ?? 60) * 1000;
  let maxRss = 0;

  // running tallies (a 100k campaign keeps no per-mutant list, only the failures and the worst five)
  const byReader: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const msByReader: Record<string, number> = {};
  const failed: ReaderResult[] = [];
  const fails: Record<ReaderFailure, number> = { crash: 0, hang: 0, memory: 0, 'silent-accept': 0, unlocated: 0 };
  let quietLoads = 0;
  let internalErrors = 0;
  let maxMs = 0;
  let mostIssues: ReaderResult[] = [];
  let done = 0;

  const figures = (): ReaderFigures => {
    const seconds = (performance.now() - started) / 1000;
    const u = process.cpuUsage(cpu0);
    return {
      mode: 'reader',
      mutants: done,
      byReader: { ...byReader },
      outcomes: { ...outcomes },
      crashes: fails.crash,
      hangs: fails.hang,
      memory: fails.memory,
      silentAccepts: fails['silent-accept'],
      unlocated: fails.unlocated,
      quietLoads,
      internalErrors,
      maxMs: Math.round(maxMs),
      maxRssMiB: Math.round(maxRss / 1024 ** 2),
      maxIssues: mostIssues[0]?.issues ?? 0,
      mostIssues: mostIssues.map((r) => ({ mutant: r.mutant, issues: r.issues, first: r.lines.slice(0, 3) })),
      meanMsByReader: Object.fromEntries(Object.entries(msByReader).map(([k, v]) => [k, Math.round((v / byReader[k]) * 10) / 10])),
      seconds: Math.round(seconds),
      cpuSeconds: Math.round((u.user + u.system) / 1e6),
      mutantsPerSecond: Math.round((done / Math.max(seconds, 1e-3)) * 10) / 10,
      threads: threadCount,
    };
  };

  const threads: ReaderThread[] = [];
  try {
    const { packageDir, zip } = await prepareBase(scratch);
    const targets = targetsOf(packageDir);
    for (let t = 0; t < threadCount; t++) {
      threads.push(new ReaderThread({ baseRoot: packageDir, baseZip: zip, scratch: join(scratch, `t${t}`) }, options.heapMiB ?? 1536));
    }
    // what each undamaged file loads as: a mutant that loads the same with no issue went unnoticed
    const baseDigest = new Map<string, string>();
    for (const reader of readers) {
      for (const file of reader === 'zip' ? [] : targets[reader]) {
        const a = await threads[0].run({ id: -1, file, op: 'flip', seed: 0, base: true }, timeoutMs);
        if (typeof a !== 'string') baseDigest.set(file, a.digest);
      }
    }
    const baseZip = await threads[0].run({ id: -1, file: 'package.zip', op: 'flip', seed: 0, base: true }, timeoutMs);
    if (typeof baseZip !== 'string') baseDigest.set('package.zip', baseZip.digest);

    const from = options.from ?? 0;
    const cases = options.cases ?? [];
    const total = cases.length + options.mutants;
    let next = 0;
    const take = (): { index: number; mutant: Mutant } | undefined => {
      if (next >= total) return undefined;
      if (options.budgetSeconds !== undefined && (performance.now() - started) / 1000 > options.budgetSeconds) return undefined;
      const i = next++;
      return i < cases.length ? { index: i, mutant: cases[i] } : { index: from + i - cases.length, mutant: mutantAt(targets, options.seed, from + i - cases.length) };
    };
    const every = options.progressEvery ?? 1000;
    const loop = async (thread: ReaderThread): Promise<void> => {
      for (let job = take(); job; job = take()) {
        const { index, mutant } = job;
        const file = mutant.reader === 'zip' ? 'package.zip' : mutant.file;
        const t = performance.now();
        const answer = await thread.run({ id: index, file, op: mutant.op, seed: mutant.seed }, timeoutMs);
        const ms = typeof answer === 'string' ? performance.now() - t : answer.ms;
        maxRss = Math.max(maxRss, process.memoryUsage.rss());
        const { failures, quiet } = judge(mutant, answer, baseDigest.get(file), scratch);
        const result: ReaderResult = {
          mutant,
          outcome: typeof answer === 'string' ? answer : answer.outcome,
          issues: typeof answer === 'string' ? 0 : answer.issues,
          ms,
          failures,
          lines: typeof answer === 'string' ? [answer] : answer.lines.slice(0, 20),
          quiet,
          internal: typeof answer === 'string' ? 0 : answer.internal,
        };
        done++;
        byReader[mutant.reader] = (byReader[mutant.reader] ?? 0) + 1;
        msByReader[mutant.reader] = (msByReader[mutant.reader] ?? 0) + ms;
        outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
        for (const f of failures) fails[f]++;
        if (failures.length > 0) failed.push(result);
        if (quiet) quietLoads++;
        if (result.internal > 0) internalErrors++;
        maxMs = Math.max(maxMs, ms);
        if (result.issues > (mostIssues[4]?.issues ?? 0) || mostIssues.length < 5) {
          mostIssues = [...mostIssues, result].sort((a, b) => b.issues - a.issues).slice(0, 5);
        }
        options.onResult?.(result, index);
        if (done % every === 0) options.onProgress?.(figures());
      }
    };
    await Promise.all(threads.map(loop));
  } finally {
    await Promise.all(threads.map((t) => t.stop()));
    if (ownDir) rmSync(scratch, { recursive: true, force: true });
  }
  return { figures: figures(), failed };
}

/** Writes the figures (and failures) so far: a long campaign's progress survives an interrupted session. */
export function writeReaderReport(path: string, seed: number, figures: ReaderFigures, failed: readonly ReaderResult[]): void {
  const report = { seed, figures, failed: failed.map((f) => ({ mutant: f.mutant, failures: f.failures, outcome: f.outcome, lines: f.lines.slice(0, 5) })) };
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

export type { ReaderKind };
