/**
 * Issue 12 item 10: Ctrl-C / SIGTERM during check, verify and pack leave no working store, extracted zip or
 * `*.tmp-*` behind. Each command runs as a real CLI process with its own TMPDIR and is signalled once its
 * working store exists.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePackage } from '../../packages/packager/src/package/generate.js';
import { runCli, startCli } from '../../packages/packager/src/cli/test-support.js';


function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    yield p;
    if (e.isDirectory()) yield* walk(p);
  }
}

type Run = { code: number | null; stderr: string; signalled: boolean };

/**
 * Run the CLI with TMPDIR = `scratch`, signal it when a working store appears there, resolve with its exit. A run
 * that finished before the poll saw its store (a small package, on a machine the rest of the suite keeps busy)
 * tested nothing: it is run again, up to 5 times.
 */
async function signalWhenStoreExists(args: string[], scratch: string, signal: NodeJS.Signals): Promise<Run> {
  let run: Run = { code: null, stderr: '', signalled: false };
  for (let attempt = 0; attempt < 5 && !run.signalled; attempt++) run = await signalOnce(args, scratch, signal);
  return run;
}

function signalOnce(args: string[], scratch: string, signal: NodeJS.Signals): Promise<Run> {
  mkdirSync(scratch, { recursive: true });
  return new Promise((done) => {
    const child = startCli(args, { env: { TMPDIR: scratch, NYT2539_THREADS: '1' } });
    let stderr = '';
    let signalled = false;
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const poll = setInterval(() => {
      let stored = false;
      try {
        stored = [...walk(scratch)].some((p) => p.endsWith('store.sqlite'));
      } catch {
        // a folder the CLI removed while it was walked: the next poll sees the rest
      }
      if (!signalled && stored) {
        signalled = true;
        child.kill(signal);
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(poll);
      done({ code, stderr, signalled });
    });
  });
}

let tmp: string;
let packageDir: string;
let zip: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'nyt2539-signals-'));
  ({ packageDir } = await generatePackage({ scale: 'tiny', seed: 1, outDir: join(tmp, 'gen') }));
  zip = join(tmp, 'bundle', '340711郊区.zip');
  const r = runCli(['pack', packageDir, '--out', zip, '--force']);
  expect(r.code, r.stderr).toBe(0);
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('interrupts clean up', () => {
  it('check (SIGTERM), verify of a zip (SIGINT) and pack (SIGTERM) leave no store, extracted files or temp files', async () => {
    const out = join(tmp, 'pack-out');
    const [check, verify, pack] = await Promise.all([
      signalWhenStoreExists(['check', zip], join(tmp, 's-check'), 'SIGTERM'),
      signalWhenStoreExists(['verify', zip], join(tmp, 's-verify'), 'SIGINT'),
      signalWhenStoreExists(['pack', packageDir, '--out', join(out, 'b.zip'), '--force'], join(tmp, 's-pack'), 'SIGTERM'),
    ]);
    for (const [name, r, code] of [['check', check, 143], ['verify', verify, 130], ['pack', pack, 143]] as const) {
      expect({ name, signalled: r.signalled, code: r.code }).toEqual({ name, signalled: true, code });
      expect(r.stderr).toMatch(/已中断（SIG(TERM|INT)），临时文件已清理/);
      // tsx keeps its compile cache under TMPDIR too (tsx-<uid>/): not ours
      expect([...walk(join(tmp, `s-${name}`))].filter((p) => !/[\\/]tsx-\d+([\\/]|$)/.test(p))).toEqual([]);
    }
    expect(existsSync(out) ? readdirSync(out).filter((n) => n.includes('.tmp-')) : []).toEqual([]);
    expect(readdirSync(join(tmp, 'bundle')).sort()).toEqual(['340711郊区.findings.json', '340711郊区.report.txt', '340711郊区.reports', '340711郊区.zip']);
  }, 240_000);
});
