import { setFlagsFromString } from 'node:v8';

/**
 * Caps how much bytecode V8's optimizing compiler (TurboFan) inlines into one function, for the whole process
 * (worker threads included). A check runs ~400 different hot functions — readers, the store's writers, 92 rules —
 * each for a short while; with V8's default budget (920 bytes of inlined bytecode per function) their optimizing
 * compiles took ~2 s of CPU on V8's background threads in an 8k-plot township's check, a third of all its CPU.
 * A budget of 200 bytes cut that check's CPU by ~0.35 s (~0.15 s wall on 2 cores) and left a 479k-plot county's
 * unchanged (57.4 and 57.7 s against 57.1 and 59.0 s). Called once by each process entry that runs checks (the CLI
 * cannot pass V8 flags on its `#!` line), before the first hot code.
 */
export function limitInlining(): void {
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET_BYTES}`);
}

const INLINING_BUDGET_BYTES = 200;
