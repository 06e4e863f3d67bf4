import { availableParallelism } from 'node:os';

/**
 * Thread settings from the environment or the machine, for the rule runner (threads/run-parallel.ts) and the
 * loader (store/load-parallel.ts); below both in the stack.
 */

/** `NYT2539_THREADS` when it is a whole number ≥ 1 (at most 8), else undefined. */
export function threadsFromEnv(): number | undefined {
  const env = Number(process.env.NYT2539_THREADS);
  return Number.isInteger(env) && env >= 1 ? Math.min(env, 8) : undefined;
}

/** The machine's parallelism, at most 8. */
export function machineThreads(): number {
  return Math.min(availableParallelism(), 8);
}

/** A numeric environment setting (tests lower thresholds with it), or `fallback` when unset or not a number. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = Number(raw);
  return raw !== undefined && Number.isFinite(n) ? n : fallback;
}

/**
 * Bytes of layer and .mdb files from which the load uses threads: `NYT2539_PARALLEL_LOAD_BYTES`, else 16 MB (a
 * thread costs a few tenths of a second to start; an 8k-plot township has ~35 MB).
 */
export function parallelLoadBytes(): number {
  return envNumber('NYT2539_PARALLEL_LOAD_BYTES', 16e6);
}

/**
 * Layer and .mdb bytes below which a package loaded on threads gets its rule thread before the load (which loads
 * layers, then runs rules beside the main thread): about the size whose rows stay below the rule runner's
 * `parallelRowThreshold` (~500 bytes a row). A county's rule threads start after its load: an idle thread through
 * the load would add to its peak memory.
 */
export const earlyRuleThreadBytes = 100e6;
