import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection of this thread's heap, now. V8 collects when a thread allocates; a thread that only waits
 * (the main thread while a county's rule threads work) keeps whatever garbage its last phase left, ~130 MB after a
 * county's load, for the rest of the run. `--expose-gc` set at run time gives a new context the `gc` function: the
 * CLI cannot pass V8 flags on its `#!` line.
 */
let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
