import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FOLDER } from '@nyt2539/schema';
import { earlyRuleThreadBytes, machineThreads, parallelLoadBytes, threadsFromEnv } from '../io/thread-settings.js';
import { RuleThreads } from './rule-threads.js';

/**
 * A check's rule thread started by the CLI before it loads the checker (~0.15 s of compiling the checker's code,
 * with the second core idle): the thread compiles its own code meanwhile, then loads layers and runs rules for the
 * check (check.ts). Kept small, and its own entry point (`@nyt2539/checker/prestart`), so the CLI can load it first.
 */

let started: { readonly input: string; readonly threads: RuleThreads } | undefined;

/** The files of `dir` (not below it), or none when it cannot be read. */
function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Bytes of the layers (.shp, .dbf) and .mdb files of the county folder `input` (or the one folder inside it), as the
 * loader counts them to decide on threads; undefined when `input` is not such a folder (a zip, a file, a folder of
 * counties).
 */
function packageBytes(input: string): number | undefined {
  let root = input;
  if (!isDirectory(join(root, FOLDER.vector))) {
    let inside: string[];
    try {
      inside = readdirSync(root, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => join(root, e.name));
    } catch {
      return undefined;
    }
    if (inside.length !== 1 || !isDirectory(join(inside[0], FOLDER.vector))) return undefined;
    root = inside[0];
  }
  const files = [...filesIn(join(root, FOLDER.vector)).filter((f) => /\.(shp|dbf)$/i.test(f)), ...filesIn(join(root, FOLDER.ownership)).filter((f) => /\.mdb$/i.test(f))];
  return files.reduce((n, f) => n + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
}

/**
 * Starts one rule thread when one of `candidates` (the words after the command on a command line: which is the
 * input is not known before the command's options are) is a package folder whose check loads on threads and starts
 * its rule thread before the load: a package of parallelLoadBytes to earlyRuleThreadBytes on a machine of two or
 * more threads. runCheck of that folder takes it; `closePrestartedThreads` stops it when no check did.
 */
export function prestartCheckThreads(candidates: readonly string[]): void {
  if (started || (threadsFromEnv() ?? machineThreads()) < 2) return;
  for (const word of candidates) {
    const input = resolve(word);
    const bytes = packageBytes(input);
    if (bytes === undefined) continue;
    if (bytes >= parallelLoadBytes() && bytes < earlyRuleThreadBytes) started = { input, threads: new RuleThreads(1, { loadFirst: true }) };
    return;
  }
}

/** The thread started for a check of `input`, handed over once (the taker closes it); else undefined. */
export function takePrestartedThreads(input: string): RuleThreads | undefined {
  if (!started || started.input !== resolve(input)) return undefined;
  const { threads } = started;
  started = undefined;
  return threads;
}

/** Stops a thread no check took (the command failed before its check, or checked another input). */
export function closePrestartedThreads(): void {
  started?.threads.close();
  started = undefined;
}
