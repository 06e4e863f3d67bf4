import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

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
    `import { limitInlining } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'compiler.ts')).href)};
if (${limit}) limitInlining();
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
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--trace-turbo-inlining', '--import', tsx, script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/Considering .*<SharedFunctionInfo callee>/);
  return /Inlining .*<SharedFunctionInfo callee>.* into .*<SharedFunctionInfo caller>/.test(r.stdout);
}

describe('limitInlining', () => {
  it('keeps TurboFan from inlining a callee past the budget, which it inlines by default', () => {
    expect(inlinedCallee(false)).toBe(true);
    expect(inlinedCallee(true)).toBe(false);
  });
});
