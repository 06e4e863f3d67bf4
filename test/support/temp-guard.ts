import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: the whole run writes its temp files into one folder of its own (TMPDIR, inherited by
 * the test workers and every process they start, so `os.tmpdir()` points there), and the run removes it at the
 * end. Whatever a test left in it is named and fails the run: a test removes what it creates.
 */
export default function setup(): () => void {
  const scratch = mkdtempSync(join(tmpdir(), 'nyt2539-vitest-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    let left: string[] = [];
    try {
      left = readdirSync(scratch).sort();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    if (left.length > 0) {
      // vitest only logs an error thrown here; the exit code is what CI sees
      process.exitCode = 1;
      console.error(`temp-guard: the tests left ${left.length} temp entr${left.length === 1 ? 'y' : 'ies'} behind (removed now; each test must remove what it creates): ${left.join(', ')}`);
    }
  };
}
