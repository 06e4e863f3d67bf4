/**
 * What the compiled CLI loads (issue 18: start-up). Module loading is most of a command's start-up cost, so the
 * heavy third-party packages must load only for the work that needs them: `--help` loads none of them, and a `check`
 * that writes no report file loads no report writer. Asserted on the list of module URLs the process loads (an ESM
 * load hook registered before the CLI starts), not on a timing; the timings live in `pnpm bench -- --only startup`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePackage } from '@nyt2539/packager';
import { buildPackage } from '../../packages/packager/release/build.js';

let tmp: string;
let cli: string;
let pkg: string;

/** Third-party packages a command loads only when it does the work they are for. */
const HEAVY = ['geos-wasm', 'docx', 'exceljs', 'archiver', 'pdfkit', 'proj4', '@e965/xlsx', 'better-sqlite3', 'bullmq', 'ioredis', 'ajv'];
const REPORT_WRITERS = ['docx', 'exceljs', 'archiver', 'pdfkit', 'bullmq', 'ioredis'];

/** The packages (by name) whose modules the CLI loads for `args`, through an ESM load hook. */
function loadedPackages(args: readonly string[]): { status: number | null; packages: Set<string>; urls: string[]; stderr: string } {
  const log = join(tmp, `modules-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', join(tmp, 'register.mjs'), cli, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, NYT2539_MODULE_LOG: log, NYT2539_THREADS: '1' },
  });
  const packages = new Set<string>();
  const urls = readFileSync(log, 'utf8').split('\n');
  for (const url of urls) {
    const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (m) packages.add(m[1]);
  }
  return { status: r.status, packages, urls, stderr: r.stderr };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'nyt2539-startup-'));
  writeFileSync(
    join(tmp, 'hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(process.env.NYT2539_MODULE_LOG, url + '\\n');\n  return next(url, context);\n}\n",
  );
  // CommonJS packages the CLI requires (better-sqlite3, proj4) pass no ESM hook: require's cache, shared by every
  // require function, lists them at exit
  writeFileSync(
    join(tmp, 'register.mjs'),
    "import { appendFileSync } from 'node:fs';\nimport { createRequire, register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\nconst cache = createRequire(import.meta.url).cache;\nprocess.on('exit', () => appendFileSync(process.env.NYT2539_MODULE_LOG, Object.keys(cache).join('\\n') + '\\n'));\n",
  );
  const built = await buildPackage(join(tmp, 'build'));
  cli = join(built.outDir, 'dist', 'cli.js');
  await generatePackage({ scale: 'tiny', seed: 3, outDir: join(tmp, 'gen') });
  pkg = join(tmp, 'gen', readdirSync(join(tmp, 'gen')).find((d) => /^\d{6}/.test(d)) as string);
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the compiled CLI loads what the command needs', () => {
  it('--help loads yargs, bundled in one chunk, and none of the heavy packages', () => {
    const r = loadedPackages(['--help']);
    expect(r.status).toBe(0);
    // the hook sees the CLI's own imports (a hook that saw nothing would pass everything below): yargs is one chunk
    // of the CLI (release/build.ts), not its ~20 modules under node_modules
    expect(r.urls.filter((u) => /\/dist\/yargs-[A-Z0-9]+\.js$/.test(u))).toHaveLength(1);
    expect(r.packages.has('yargs')).toBe(false);
    expect(HEAVY.filter((p) => r.packages.has(p))).toEqual([]);
  });

  it('check without --out reads, checks and reports on stdout without loading a report writer', () => {
    const r = loadedPackages(['check', pkg]);
    expect([0, 1]).toContain(r.status);
    // the check itself ran: the store, GEOS for the spatial rules
    expect(r.packages.has('better-sqlite3')).toBe(true);
    expect(r.packages.has('geos-wasm')).toBe(true);
    expect(REPORT_WRITERS.filter((p) => r.packages.has(p))).toEqual([]);
  });

  it('an unknown command fails with one line and loads none of the heavy packages', () => {
    const r = loadedPackages(['no-such-command']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    expect(HEAVY.filter((p) => r.packages.has(p))).toEqual([]);
  });
});
