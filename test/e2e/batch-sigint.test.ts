/**
 * Ctrl-C during `nyt2539 batch`, as a terminal sends it: SIGINT to the whole process group (the batch CLI and the
 * county check it is running). The batch stops with exit 130 and one line, keeps the counties already finished,
 * leaves no half-written county, staging folder, temp file or working store, and a re-run checks only the rest.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePackage } from '../../packages/packager/src/package/generate.js';

const root = resolve(import.meta.dirname, '../..');
const main = resolve(root, 'packages/packager/src/cli/main.ts');

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    yield p;
    if (e.isDirectory()) yield* walk(p);
  }
}

let tmp: string;
let inDir: string;
let out: string;
let scratch: string;
const env = (): NodeJS.ProcessEnv => ({ ...process.env, TMPDIR: scratch, NYT2539_THREADS: '1' });

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'nyt2539-batch-sigint-'));
  inDir = join(tmp, 'in');
  out = join(tmp, 'out');
  scratch = join(tmp, 'scratch');
  mkdirSync(scratch);
  const made = await Promise.all([
    generatePackage({ scale: 'tiny', seed: 1, outDir: join(inDir, 'a') }),
    generatePackage({ scale: 'tiny', seed: 2, county: '220581', outDir: join(inDir, 'b') }),
    generatePackage({ scale: 'tiny', seed: 3, county: '320826', outDir: join(inDir, 'c') }),
  ]);
  // the batch takes the county folders from a list file, one path a line
  const list = join(tmp, 'list.txt');
  writeFileSync(list, `${made.map((m) => m.packageDir).join('\n')}\n`);
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('batch and Ctrl-C', () => {
  it('SIGINT to the process group stops cleanly; a re-run resumes with the unfinished counties', async () => {
    const list = join(tmp, 'list.txt');
    const first = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; done: string[] }>((finish) => {
      // its own process group, so the signal reaches the CLI and its county process as a terminal's Ctrl-C does
      const child = spawn(process.execPath, ['--import', 'tsx', main, 'batch', list, '--out', out, '--jobs', '1'], { cwd: root, env: env(), detached: true });
      let stderr = '';
      let done: string[] = [];
      let signalled = false;
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const poll = setInterval(() => {
        if (signalled || !existsSync(out)) return;
        const finished = readdirSync(out).filter((d) => existsSync(join(out, d, 'county.json')));
        if (finished.length >= 1) {
          signalled = true;
          done = finished;
          process.kill(-child.pid!, 'SIGINT');
        }
      }, 20);
      child.on('exit', (code, signal) => {
        clearInterval(poll);
        finish({ code, signal, stderr, done });
      });
    });
    expect(first.done).toHaveLength(1);
    expect(first.code).toBe(130);
    const lines = first.stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^已中断：已完成的县保存在 .*再次运行将从未完成的县继续$/);
    expect(first.stderr).not.toMatch(/\n\s+at /);
    // only whole counties: each folder kept has its record and findings; no staging, temp file or store anywhere
    const kept = readdirSync(out).filter((d) => !d.startsWith('.') && statSync(join(out, d)).isDirectory());
    expect(kept).toEqual(first.done);
    for (const d of kept) expect(readdirSync(join(out, d))).toEqual(expect.arrayContaining(['county.json', 'findings.json', '质检报告.html']));
    expect(existsSync(join(out, '.staging'))).toBe(false);
    const leftovers = [...walk(out), ...walk(scratch)].filter((p) => /\.tmp-|store\.sqlite/.test(p));
    expect(leftovers).toEqual([]);
    const firstRecord = statSync(join(out, kept[0]!, 'county.json')).mtimeMs;

    const second = spawnSync(process.execPath, ['--import', 'tsx', main, 'batch', list, '--out', out, '--jobs', '1'], { cwd: root, env: env(), encoding: 'utf8', timeout: 400_000 });
    expect(second.status).toBe(0);
    const all = readdirSync(out).filter((d) => existsSync(join(out, d, 'county.json'))).sort();
    expect(all).toEqual(['220581梅河口市', '320826涟水县', '340711郊区']);
    // the county finished before Ctrl-C was skipped, not checked again
    expect(statSync(join(out, kept[0]!, 'county.json')).mtimeMs).toBe(firstRecord);
    expect(existsSync(join(out, 'province.xlsx'))).toBe(true);
    expect([...walk(scratch)].filter((p) => /store\.sqlite/.test(p))).toEqual([]);
  }, 900_000);
});
