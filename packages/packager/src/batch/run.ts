import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, freemem } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { CHECK_PROCESS_FLAGS } from '@nyt2539/checker/compiler';
import { childProcessEntry, ruleSetVersion, toolVersion, type ChildProcessEntry } from '@nyt2539/checker';
import { type Lang, LocalizedError, replacePath, writeFileAtomic } from '@nyt2539/schema';
import type { ChildMessage, ChildTask } from './child.js';
import { bundleHash, type CountyProgress } from './county.js';
import { RECORD_FILE, readRecords, renderRecord, unreadableRecord, type CountyRecord } from './record.js';

/** Memory one county check may take at county scale (~500k plots: 1.4 GB peak measured on the county bench). */
const COUNTY_MEMORY_BYTES = 1.5 * 1024 ** 3;

/** `<out>/batch.json`: the rows of the last batch in input order (the province overview is built from it). */
export const BATCH_FILE = 'batch.json';

export interface BatchState {
  readonly format: 'nyt2539-batch';
  readonly formatVersion: 1;
  readonly ruleSetVersion: string;
  readonly toolVersion: string;
  readonly records: readonly CountyRecord[];
}

export type BatchEvent =
  | { readonly type: 'start'; readonly total: number; readonly toCheck: number; readonly jobs: number }
  | { readonly type: 'county-start'; readonly input: string }
  | { readonly type: 'county-progress'; readonly input: string; readonly progress: CountyProgress }
  | { readonly type: 'county-done'; readonly record: CountyRecord; readonly skipped: boolean };

export interface BatchOptions {
  readonly out: string;
  readonly jobs?: number;
  readonly lang: Lang;
  readonly mask: boolean;
  readonly onEvent?: (e: BatchEvent) => void;
  /** abort (Ctrl-C): running counties are stopped, nothing half-written is kept, a re-run resumes */
  readonly signal?: AbortSignal;
  /** only these rule groups (tests) */
  readonly groups?: readonly string[];
  /** how a county is run (default: a child process here; the queue mode hands it to a worker) */
  readonly runCounty?: CountyRunner;
}

export type CountyRunner = (
  task: ChildTask,
  options: { threads: number; onProgress?: (p: CountyProgress) => void; signal?: AbortSignal },
) => Promise<{ record?: CountyRecord; exit: string; interrupted?: boolean }>;

export interface BatchResult {
  readonly records: readonly CountyRecord[];
  readonly checked: number;
  readonly skipped: number;
  readonly interrupted: boolean;
}

/**
 * Counties at a time: one per core (each check's rule runner already uses threads when a county is big enough, so
 * the cores, not the county count, bound the useful parallelism), no more than free memory holds at
 * COUNTY_MEMORY_BYTES each, and at least one.
 */
export function defaultJobs(counties: number): number {
  const byMemory = Math.floor(freemem() / COUNTY_MEMORY_BYTES);
  return Math.max(1, Math.min(availableParallelism(), byMemory, counties));
}

/** Inputs named by a folder (its .zip files and sub-folders, in name order) or a list file (one path a line, # comments). */
export function batchInputs(source: string): string[] {
  const path = resolve(source);
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new LocalizedError({ zh: `找不到批量输入：${path}`, en: `batch input not found: ${path}` }, { code: 'batch-input', file: path });
  }
  if (st.isDirectory()) {
    return readdirSync(path, { withFileTypes: true })
      .filter((d) => !d.name.startsWith('.') && (d.isDirectory() || extname(d.name).toLowerCase() === '.zip'))
      .map((d) => join(path, d.name))
      .sort();
  }
  const base = resolve(path, '..');
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => resolve(base, l));
}

/** child.ts: compiled as batch-child.js in the CLI bundle, else run through tsx (resolved on first use) */
let childEntry: ChildProcessEntry | undefined;

/**
 * Runs one county in a child process; resolves with its record, or undefined when the process ended without one.
 * `interrupted`: it was stopped (SIGINT from the terminal's Ctrl-C reaches the whole process group, SIGTERM from
 * an abort), which is not a crash of the county.
 */
export function runCountyProcess(
  task: ChildTask,
  options: { threads: number; onProgress?: (p: CountyProgress) => void; signal?: AbortSignal },
): Promise<{ record?: CountyRecord; exit: string; interrupted: boolean }> {
  return new Promise((resolvePromise) => {
    childEntry ??= childProcessEntry('batch-child', new URL('./child.ts', import.meta.url));
    const child = fork(childEntry.path, [JSON.stringify(task)], {
      // a county's check, started as the CLI starts one (its `#!` line)
      execArgv: [...CHECK_PROCESS_FLAGS, ...childEntry.execArgv],
      env: { ...process.env, NYT2539_THREADS: String(options.threads) },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let record: CountyRecord | undefined;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'progress') options.onProgress?.(m.progress);
      else record = m.record;
    });
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('exit', (code, sig) => {
      options.signal?.removeEventListener('abort', onAbort);
      const last = stderr.trim().split('\n').pop() ?? '';
      resolvePromise({
        ...(record ? { record } : {}),
        exit: sig ? `signal ${sig}` : `exit code ${code}${last ? `: ${last}` : ''}`,
        interrupted: !record && (sig === 'SIGINT' || sig === 'SIGTERM'),
      });
    });
  });
}

function crashRecord(input: string, hash: string, exit: string): CountyRecord {
  return unreadableRecord(
    input,
    hash,
    {
      zh: `检查进程异常结束（${exit}），可能内存不足或数据导致崩溃`,
      en: `the check process ended abnormally (${exit}), possibly out of memory or a crash on this data`,
    },
    { crashed: true },
  );
}

/** Moves a finished county's staging folder to `<out>/<dir>`, replacing an older result of the same folder. */
function commitCounty(out: string, staging: string, record: CountyRecord): void {
  const target = join(out, record.dir);
  writeFileAtomic(join(staging, RECORD_FILE), renderRecord(record));
  replacePath(staging, target);
}

export function writeBatchState(out: string, records: readonly CountyRecord[]): void {
  const state: BatchState = { format: 'nyt2539-batch', formatVersion: 1, ruleSetVersion: ruleSetVersion(), toolVersion, records };
  writeFileAtomic(join(out, BATCH_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

export function readBatchState(out: string): BatchState | undefined {
  try {
    const s = JSON.parse(readFileSync(join(out, BATCH_FILE), 'utf8')) as BatchState;
    return s.format === 'nyt2539-batch' ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Hashes inputs one at a time; an input that cannot even be hashed gets '' and is reported by its county check. */
async function hashInputs(inputs: readonly string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (const i of inputs) hashes.push(await bundleHash(i).catch(() => ''));
  return hashes;
}

/**
 * Verify and check every county of a province batch, `jobs` counties at a time, each in its own process, results
 * under `<out>/<county>/`. Counties whose bundle hash and rule-set version match a previous result are not checked
 * again; a byte-identical second input is recorded as a duplicate of the first.
 */
export async function runBatch(inputs: readonly string[], options: BatchOptions): Promise<BatchResult> {
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const emit = options.onEvent ?? (() => {});
  const version = ruleSetVersion();
  const previous = new Map<string, CountyRecord>();
  for (const r of readRecords(out)) if (r.ruleSetVersion === version && r.bundleHash && r.verdict !== 'duplicate') previous.set(r.bundleHash, r);

  const hashes = await hashInputs(inputs);
  const slots: (CountyRecord | undefined)[] = inputs.map(() => undefined);
  const firstByHash = new Map<string, number>();
  const todo: number[] = [];
  let skipped = 0;
  inputs.forEach((input, i) => {
    const hash = hashes[i];
    const first = hash ? firstByHash.get(hash) : undefined;
    if (first !== undefined) return; // settled below, once the first one is known
    if (hash) firstByHash.set(hash, i);
    const prior = hash ? previous.get(hash) : undefined;
    if (prior && !prior.crashed) {
      slots[i] = { ...prior, input };
      skipped++;
    } else todo.push(i);
  });

  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(todo.length), Math.max(1, todo.length)));
  const threads = Math.max(1, Math.floor(availableParallelism() / jobs));
  emit({ type: 'start', total: inputs.length, toCheck: todo.length, jobs });
  for (let i = 0; i < inputs.length; i++) if (slots[i]) emit({ type: 'county-done', record: slots[i] as CountyRecord, skipped: true });

  const claimed = new Map<string, string>(); // output folder → input
  for (const r of slots) if (r) claimed.set(r.dir, r.input);
  const stagingRoot = join(out, '.staging');
  mkdirSync(stagingRoot, { recursive: true });
  let next = 0;
  let checked = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length && !options.signal?.aborted) {
      const i = todo[next++] as number;
      const input = inputs[i] as string;
      const staging = join(stagingRoot, String(i));
      rmSync(staging, { recursive: true, force: true });
      emit({ type: 'county-start', input });
      const { record: got, exit, interrupted } = await (options.runCounty ?? runCountyProcess)(
        { input, outDir: staging, workDir: join(stagingRoot, `${i}.work`), bundleHash: hashes[i] as string, lang: options.lang, mask: options.mask, ...(options.groups ? { groups: options.groups } : {}) },
        { threads, onProgress: (progress) => emit({ type: 'county-progress', input, progress }), ...(options.signal ? { signal: options.signal } : {}) },
      );
      rmSync(join(stagingRoot, `${i}.work`), { recursive: true, force: true });
      if (options.signal?.aborted) {
        rmSync(staging, { recursive: true, force: true });
        return;
      }
      // a county stopped by a signal (Ctrl-C reaches it before the batch's own handler runs) is left for the
      // re-run, never recorded as a crash
      if (interrupted) {
        rmSync(staging, { recursive: true, force: true });
        continue;
      }
      let record = got ?? crashRecord(input, hashes[i] as string, exit);
      const owner = claimed.get(record.dir);
      if (owner !== undefined && owner !== input) {
        let n = 2;
        while (claimed.has(`${record.dir}~${n}`)) n++;
        record = { ...record, dir: `${record.dir}~${n}`, sameCountyAs: owner };
      }
      claimed.set(record.dir, input);
      mkdirSync(staging, { recursive: true });
      commitCounty(out, staging, record);
      slots[i] = record;
      checked++;
      emit({ type: 'county-done', record, skipped: false });
    }
  };
  await Promise.all(Array.from({ length: jobs }, () => worker()));
  rmSync(stagingRoot, { recursive: true, force: true });

  // duplicates point at the first input with the same bytes
  inputs.forEach((input, i) => {
    const hash = hashes[i];
    const first = hash ? firstByHash.get(hash) : undefined;
    if (first === undefined || first === i) return;
    const of = slots[first];
    if (!of) return;
    slots[i] = {
      ...of,
      input,
      verdict: 'duplicate',
      reason: { zh: `与 ${inputs[first]} 完全相同（重复提交，未重复检查）`, en: `identical to ${inputs[first]} (submitted twice; not checked again)` },
      seconds: 0,
    };
    emit({ type: 'county-done', record: slots[i] as CountyRecord, skipped: true });
  });
  const interrupted = options.signal?.aborted ?? false;
  const records = slots.filter((r): r is CountyRecord => r !== undefined);
  if (!interrupted) writeBatchState(out, records);
  return { records, checked, skipped, interrupted };
}
