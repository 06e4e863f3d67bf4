/**
 * The published package as a user gets it: `pnpm build`, `npm pack`, then plain npm (no pnpm, no repository on the
 * module path) installs the tarball globally into an empty prefix and with npx, and the installed `nyt2539` runs
 * `--version`, `--help`, `gen`, `check` (inline and in compiled worker threads — no tsx at run time) and `demo`.
 * As a library, a TypeScript project in the temp folder imports `nyt2539`, `nyt2539/checker` and `nyt2539/schema`:
 * the compiler (strict, declarations checked too) accepts it through the package's own .d.ts files, rejects a
 * misuse, and the compiled program runs against the installed JavaScript.
 *
 * better-sqlite3 installs through its own `prebuild-install || node-gyp rebuild` script. Its prebuilt binaries come
 * from GitHub, which this machine cannot reach, and compiling SQLite from source is too slow for a routine test;
 * so by default the test hands prebuild-install a local prebuild (the `…_local_prebuilds` folder it looks in first)
 * made from the repository's own build of the same better-sqlite3 version. `NYT2539_DIST_FROM_SOURCE=1` lets the
 * install compile instead (or download, where GitHub is reachable).
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, CLI_HASHBANG, type BuildResult } from '../../packages/packager/release/build.js';
import { commands } from '../../packages/packager/src/cli/commands/index.js';

const repo = resolve(import.meta.dirname, '../..');
let tmp: string;
let built: BuildResult;
let tarball: string;
let prefix: string;
let bin: string;
let env: NodeJS.ProcessEnv;
let genDir: string;

/** A local prebuild of better-sqlite3 named as its GitHub release asset, from the repository's compiled module. */
function localPrebuild(dir: string): string {
  const require = createRequire(join(repo, 'packages/checker/package.json'));
  const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const stage = join(dir, 'stage');
  mkdirSync(join(stage, 'build', 'Release'), { recursive: true });
  cpSync(join(pkgDir, 'build', 'Release', 'better_sqlite3.node'), join(stage, 'build', 'Release', 'better_sqlite3.node'));
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['-czf', join(dir, name), '-C', stage, 'build']);
  return dir;
}

/**
 * The user's environment without the repository's tools: no node_modules/.bin on PATH (pnpm puts tsx there), none of
 * the npm_* variables a pnpm script run sets, no NODE_OPTIONS; the rest (proxy, CA certificates, npm's cache) stays.
 */
function userEnv(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'NODE_OPTIONS' || k.startsWith('VITEST') || k.startsWith('NYT2539_')) continue;
    e[k] = v;
  }
  e.PATH = [join(prefix, 'bin'), ...(process.env.PATH ?? '').split(':').filter((p) => p !== '' && !p.includes('node_modules'))].join(':');
  Object.assign(e, { NYT2539_DATE: '2026-01-15', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });
  if (process.env.NYT2539_DIST_FROM_SOURCE !== '1') e.npm_config_better_sqlite3_local_prebuilds = localPrebuild(join(tmp, 'prebuilds'));
  return e;
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd: opts.cwd ?? tmp, env: { ...env, ...opts.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function findings(dir: string): unknown {
  return JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8'));
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nyt2539-dist-'));
  prefix = join(tmp, 'prefix');
  bin = join(prefix, 'bin', 'nyt2539');
  mkdirSync(join(tmp, 'packed'));
  env = userEnv();
  return buildPackage().then((b) => {
    built = b;
    ok(run('npm', ['pack', '--pack-destination', join(tmp, 'packed')], { cwd: b.outDir }), 'npm pack');
    const name = readdirSync(join(tmp, 'packed')).find((f) => f.endsWith('.tgz'));
    if (!name) throw new Error('npm pack wrote no tarball');
    tarball = join(tmp, 'packed', name);
    ok(run('npm', ['i', '-g', '--prefix', prefix, tarball]), 'npm i -g');
  });
}, 900_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the nyt2539 tarball', () => {
  it('is the package nyt2539 with a bin, compiled JavaScript and no build-time tools', () => {
    expect(tarball.endsWith(`nyt2539-${built.version}.tgz`)).toBe(true);
    const installed = join(prefix, 'lib', 'node_modules', 'nyt2539');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string> };
    expect(manifest.bin).toEqual({ nyt2539: 'dist/cli.js' });
    // the installed command starts node with the options of a check process (the other tests run it through this line)
    expect(readFileSync(join(installed, 'dist', 'cli.js'), 'utf8').split('\n', 1)[0]).toBe(CLI_HASHBANG);
    for (const dev of ['tsx', 'esbuild', 'typescript', 'vitest', 'mdb-reader']) expect(manifest.dependencies[dev]).toBeUndefined();
    expect(manifest.dependencies['better-sqlite3']).toBeDefined();
    expect(existsSync(join(installed, 'node_modules', 'tsx'))).toBe(false);
    const files = readdirSync(join(installed, 'dist'), { recursive: true }).map(String);
    expect(files.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toBe(false);
    for (const f of ['cli.js', 'rule-worker.js', 'sketch-worker.js', 'batch-child.js', join('assets', 'packages', 'checker', 'schema', 'findings.schema.json')]) expect(files).toContain(f);
  });

  it('prints its version and lists every registered command in --help', () => {
    expect(ok(run(bin, ['--version']), '--version').trim()).toBe(built.version);
    const help = ok(run(bin, ['--help', '--lang', 'en']), '--help');
    for (const name of Object.keys(commands)) expect(help).toMatch(new RegExp(`nyt2539 ${name}\\b`));
  });

  it('generates a package and checks it with the same findings as the repository, inline and in worker threads', () => {
    genDir = join(tmp, 'gen');
    ok(run(bin, ['gen', '--scale', 'tiny', '--seed', '3', '--defects', 'seed', '--out', genDir]), 'gen');
    const pkg = join(genDir, readdirSync(genDir).find((d) => /^\d{6}/.test(d)) as string);
    const inline = run(bin, ['check', pkg, '--out', join(tmp, 'inline')]);
    expect(inline.status, inline.stderr).toBe(1); // the seeded defects are errors
    const threaded = run(bin, ['check', pkg, '--out', join(tmp, 'threaded')], { env: { NYT2539_THREADS: '2', NYT2539_PARALLEL_ROWS: '0', NYT2539_PARALLEL_MIN: '0' } });
    expect(threaded.status, threaded.stderr).toBe(1);
    const dev = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'packages/packager/src/cli/main.ts'), 'check', pkg, '--out', join(tmp, 'dev')], {
      cwd: repo,
      env: { ...process.env, NYT2539_DATE: env.NYT2539_DATE },
      encoding: 'utf8',
    });
    expect(dev.status, dev.stderr).toBe(1);
    const expected = findings(join(tmp, 'dev'));
    expect((expected as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
    expect(findings(join(tmp, 'inline'))).toEqual(expected);
    expect(findings(join(tmp, 'threaded'))).toEqual(expected);
  }, 600_000);

  it('runs the demo', () => {
    const out = join(tmp, 'demo');
    const r = ok(run(bin, ['demo', '--out', out]), 'demo');
    expect(r).toContain('340711');
    const zips = readdirSync(join(out, 'bundle')).filter((f) => f.endsWith('.zip'));
    expect(zips).toHaveLength(1);
    // the bundle is a zip Info-ZIP can list
    expect(execFileSync('unzip', ['-l', join(out, 'bundle', zips[0])], { encoding: 'utf8' })).toContain('manifest.json');
  }, 600_000);

  it('runs with npx from the tarball in an empty folder', () => {
    const empty = join(tmp, 'npx');
    mkdirSync(empty);
    const npx = (...args: string[]) => run('npx', ['--yes', `--package=${tarball}`, 'nyt2539', ...args], { cwd: empty });
    expect(ok(npx('--version'), 'npx --version').trim()).toBe(built.version);
    const pkg = join(genDir, readdirSync(genDir).find((d) => /^\d{6}/.test(d)) as string);
    const r = npx('check', pkg, '--out', join(tmp, 'npx-check'));
    expect(r.status, r.stderr).toBe(1);
    expect(findings(join(tmp, 'npx-check'))).toEqual(findings(join(tmp, 'inline')));
  }, 600_000);

  it('is a typed library: a TypeScript project imports its three entries, tsc checks them with the package\'s .d.ts, and the program runs', () => {
    const installed = join(prefix, 'lib', 'node_modules', 'nyt2539');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { types: string; exports: Record<string, string | { types: string; import: string }>; dependencies: Record<string, string> };
    expect(manifest.types).toMatch(/\.d\.ts$/);
    expect(existsSync(join(installed, manifest.types))).toBe(true);
    expect(Object.keys(manifest.exports).sort()).toEqual(['.', './checker', './package.json', './schema']);
    for (const e of Object.values(manifest.exports)) {
      if (typeof e === 'string') continue;
      expect(e.types).toMatch(/\.d\.ts$/);
      expect(existsSync(join(installed, e.types))).toBe(true);
      expect(existsSync(join(installed, e.import))).toBe(true);
    }
    // no declaration points at a package the user does not get (the workspace packages are bundled)
    const declarations = readdirSync(join(installed, 'dist', 'types'), { recursive: true }).map(String).filter((f) => f.endsWith('.d.ts'));
    for (const f of declarations) expect(readFileSync(join(installed, 'dist', 'types', f), 'utf8'), f).not.toMatch(/from ['"]@nyt2539\//);

    const consumer = join(tmp, 'consumer');
    mkdirSync(join(consumer, 'node_modules'), { recursive: true });
    symlinkSync(installed, join(consumer, 'node_modules', 'nyt2539'), 'junction');
    writeFileSync(join(consumer, 'package.json'), '{ "private": true, "type": "module" }\n');
    // @types/node is the user's (every Node TypeScript project has it); everything else comes with the package
    const compilerOptions = {
      target: 'ES2022', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false,
      outDir: 'out', types: ['node'], typeRoots: [join(repo, 'node_modules', '@types')],
    };
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['use.ts'] }, null, 2));
    writeFileSync(
      join(consumer, 'use.ts'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { writeReports, type WriteReportsOptions } from 'nyt2539';",
        "import { toolVersion, validateFindingsDocument, type FindingsDocument } from 'nyt2539/checker';",
        "import { LocalizedError } from 'nyt2539/schema';",
        'const [input, out] = process.argv.slice(2) as [string, string];',
        'const doc = JSON.parse(readFileSync(input, \'utf8\')) as FindingsDocument;',
        'if (validateFindingsDocument(doc).length > 0) throw new LocalizedError({ zh: \'无效\', en: \'invalid\' }, { code: \'x\' });',
        "const options: WriteReportsOptions = { formats: ['text', 'xlsx'], lang: 'zh', org: '某某测绘院' };",
        'const written = await writeReports(doc, out, options);',
        'const version: string = toolVersion;',
        'process.stdout.write(JSON.stringify({ version, files: written.flatMap((w) => w.files) }));',
        '// @ts-expect-error the declarations are real types, not any: a finding count is a number',
        'export const wrong: string = doc.summary.errors;',
        '',
      ].join('\n'),
    );
    const tsc = createRequire(join(repo, 'package.json')).resolve('typescript/bin/tsc');
    const compiled = run(process.execPath, [tsc, '-p', consumer], { cwd: consumer });
    expect(compiled.status, compiled.stdout + compiled.stderr).toBe(0);
    // without the expected error the compiler fails: the types are checked, not `any`
    writeFileSync(join(consumer, 'bad.ts'), "import { toolVersion } from 'nyt2539/checker';\nexport const n: number = toolVersion;\n");
    writeFileSync(join(consumer, 'tsconfig.bad.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, files: ['bad.ts'] }));
    const rejected = run(process.execPath, [tsc, '-p', join(consumer, 'tsconfig.bad.json')], { cwd: consumer });
    expect(rejected.status).not.toBe(0);
    expect(rejected.stdout).toContain("Type 'string' is not assignable to type 'number'");

    const r = run(process.execPath, [join(consumer, 'out', 'use.js'), join(tmp, 'inline', 'findings.json'), join(tmp, 'lib-out')], { cwd: consumer });
    expect(r.status, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as { version: string; files: string[] };
    expect(printed.version).toBe(built.version);
    expect(printed.files.map((f) => f.split('/').pop()).sort()).toEqual(['report.txt', '问题清单.xlsx']);
    const summary = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(join(tmp, 'lib-out', '问题清单.xlsx'))).Sheets['汇总']!, { header: 1 });
    expect(summary.find((row) => row[0] === '质检单位')?.[1]).toBe('某某测绘院');
  }, 600_000);
});
