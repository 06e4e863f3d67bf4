import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_PROCESS_FLAGS } from './compiler.js';

const dir = mkdtempSync(join(tmpdir(), 'nyt2539-compiler-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A caller optimized at once with a 246-byte callee: V8 inlines it under its default budget (920 bytes), not under
 * ours (200). V8's own trace of its inlining decisions says which happened.
 */
function inlinedCallee(limit: boolean): boolean {
  const script = join(dir, `inline-${limit}.mts`);
  writeFileSync(
    script,
    `import { tuneCompiler } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'compiler.ts')).href)};
if (${limit}) tuneCompiler();
function callee(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) { s += a[i] * 3 + (a[i] >> 1) - (a[i] & 7); if (s > 1e9) s = s % 1000; s ^= i; s += i * 2; s -= i >> 2; s += (i & 1) ? 5 : 7; s = s | 0; s += a[i] % 11; s -= a[i] % 13; s += a[i] % 17; s -= a[i] % 19; s += a[i] % 23; s -= a[i] % 29; s += a[i] % 31; }
  return s;
}
function caller(a) { return callee(a) + 1; }
const a = [1, 2, 3, 4, 5];
// V8's natives syntax inside eval: tsx's transform would refuse it in the module's own text
eval('%PrepareFunctionForOptimization(caller); %PrepareFunctionForOptimization(callee)');
caller(a); caller(a);
eval('%OptimizeFunctionOnNextCall(caller)');
caller(a);
`,
  );
  const r = runWithTsx(['--allow-natives-syntax', '--trace-turbo-inlining'], script);
  expect(r.stdout).toMatch(/Considering .*<SharedFunctionInfo callee>/);
  return /Inlining .*<SharedFunctionInfo callee>.* into .*<SharedFunctionInfo caller>/.test(r.stdout);
}

function runWithTsx(flags: readonly string[], script: string): { stdout: string } {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const r = spawnSync(process.execPath, [...flags, '--import', tsx, script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r;
}

/**
 * How TurboFan compiled a hot function of this thread and one of a worker thread started after tuneCompiler() (or
 * without it), in a process started with `processFlags`, as V8's own trace of its optimizations says: 'kConcurrent'
 * (on a background thread) or 'kSynchronous'.
 */
function compileModes(tune: boolean, processFlags: readonly string[] = []): { main: string; worker: string } {
  const hot = (name: string) => `function ${name}(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
let total = 0; for (let k = 0; k < 3000; k++) total += ${name}(1000);`;
  const worker = join(dir, 'hot-worker.mjs');
  writeFileSync(worker, `${hot('hotInWorker')}\nconsole.log('worker', total);\n`);
  const script = join(dir, `modes-${tune}-${processFlags.length}.mts`);
  writeFileSync(
    script,
    `import { Worker } from 'node:worker_threads';
import { tuneCompiler } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'compiler.ts')).href)};
if (${tune}) tuneCompiler();
const thread = new Worker(new URL(${JSON.stringify(pathToFileURL(worker).href)}));
${hot('hotInMain')}
await new Promise((resolve) => thread.on('exit', resolve));
`,
  );
  const { stdout } = runWithTsx([...processFlags, '--trace-opt'], script);
  const mode = (name: string): string => {
    const m = new RegExp(`compiling method .*<JSFunction ${name} .*ConcurrencyMode::(k\\w+)`).exec(stdout);
    expect(m, `${name} was not optimized:\n${stdout}`).not.toBeNull();
    return m![1];
  };
  return { main: mode('hotInMain'), worker: mode('hotInWorker') };
}

describe('tuneCompiler', () => {
  it('keeps TurboFan from inlining a callee past the budget, which it inlines by default', () => {
    expect(inlinedCallee(false)).toBe(true);
    expect(inlinedCallee(true)).toBe(false);
  });

  it('has threads started after it optimize on their own thread, while the calling thread keeps its background compiler', () => {
    expect(compileModes(false)).toEqual({ main: 'kConcurrent', worker: 'kConcurrent' });
    expect(compileModes(true)).toEqual({ main: 'kConcurrent', worker: 'kSynchronous' });
  });

  it('has the first thread optimize on its own too when the process starts with CHECK_PROCESS_FLAGS (the CLI does)', () => {
    expect(compileModes(true, CHECK_PROCESS_FLAGS)).toEqual({ main: 'kSynchronous', worker: 'kSynchronous' });
  });
});
