import { setFlagsFromString } from 'node:v8';

/**
 * Node options a process that runs checks starts with: the CLI's `#!` line (written by the package build) and
 * batch's child processes. V8 reads them when it creates the process's first thread, before any code could set
 * them; tuneCompiler() sets the same for threads started later.
 *
 * --no-concurrent-recompilation: the thread that runs the CLI also loads and checks (one of a check's lanes), and
 * like the other threads it optimizes on its own instead of handing the work to V8's background compile threads.
 * With its background compiler, an 8k-plot township's check spent ~0.75 s of CPU in those threads, taking a core
 * from the check's threads while the function ran unoptimized; without it, ~0.15 s less CPU (~0.1 s wall, medians
 * of 20 alternated pairs on 2 cores).
 */
export const CHECK_PROCESS_FLAGS: readonly string[] = ['--no-concurrent-recompilation'];

/**
 * Tunes V8's optimizing compiler (TurboFan) for a check, for the whole process. Called once by each process entry
 * that runs checks, before the first hot code and before any thread starts. A check runs ~400 different hot
 * functions — readers, the store's writers, 92 rules — each for a short while, on two or more threads that keep
 * every core busy:
 *
 * - Inlining is capped at 200 bytes of bytecode per function (V8's default: 920). With the default, the optimizing
 *   compiles took ~2 s of CPU in an 8k-plot township's check, a third of all its CPU; the cap cut that check's CPU
 *   by ~0.35 s (~0.15 s wall on 2 cores) and left a 479k-plot county's unchanged.
 * - Threads started after this call optimize on their own thread instead of handing the work to V8's background
 *   compile threads. V8 reads this setting when a thread's isolate is created (the calling thread keeps its
 *   background compiler unless the process started with CHECK_PROCESS_FLAGS): on a machine whose cores the check's
 *   threads already fill, a background compile only takes a core from a check thread, which meanwhile runs the
 *   function unoptimized. It cut the township's check by ~0.25 s of CPU (~0.1 s wall) and the county's by ~3.5 s
 *   of CPU (~2.5 s wall).
 */
export function tuneCompiler(): void {
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET_BYTES}`);
  for (const flag of CHECK_PROCESS_FLAGS) setFlagsFromString(flag);
}

const INLINING_BUDGET_BYTES = 200;
