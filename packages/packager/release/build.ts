/**
 * Builds the publishable `nyt2539` package into packages/packager/dist-package/ (`pnpm build`; git-ignored):
 * the CLI and the workspace packages bundled by esbuild into ESM chunks (each subcommand stays a lazily loaded chunk),
 * one bundle entry per worker thread (no tsx at run time), the JSON files the code reads beside itself copied under
 * dist/assets/, and a package.json whose dependencies are exactly the third-party packages left external.
 *
 * External (real dependencies): native or wasm code and packages that read their own files at run time
 * (better-sqlite3, geos-wasm, yargs' locales, pdfkit's fonts, bullmq's Lua scripts, …): every third-party runtime
 * dependency except mdb-reader, which is bundled because the repository patches it (patches/mdb-reader@3.2.0.patch):
 * esbuild reads the patched copy pnpm installed, so the published CLI carries the patched behaviour.
 */
import { build, type Plugin } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { commands } from '../src/cli/commands/index.js';
import { collectCommandMeta } from '../src/cli/command.js';

const here = import.meta.dirname;
const repo = resolve(here, '../../..');
export const outDir = resolve(here, '../dist-package');
const dist = join(outDir, 'dist');

/** The workspace packages the CLI bundles (their sources), and the one third-party package bundled. */
const WORKSPACE = ['packages/schema', 'packages/checker', 'packages/packager', 'examples'];
const BUNDLED = new Set(['mdb-reader']);

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** Runtime dependencies of the bundle: every workspace package's third-party dependencies but the bundled ones. */
function runtimeDependencies(): Record<string, string> {
  const deps = new Map<string, string>();
  for (const ws of WORKSPACE) {
    for (const [name, version] of Object.entries(readJson<Manifest>(join(repo, ws, 'package.json')).dependencies ?? {})) {
      if (version.startsWith('workspace:') || BUNDLED.has(name)) continue;
      const seen = deps.get(name);
      if (seen !== undefined && seen !== version) throw new Error(`${name}: ${seen} and ${version} in the workspace; one version can be published`);
      deps.set(name, version);
    }
  }
  return Object.fromEntries([...deps].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * `new URL('<relative file>', import.meta.url)` in the sources names a file beside the module (JSON schemas, a
 * package.json): copy it to dist/assets/<its repository path> and point the URL there (every chunk is in dist/).
 * Worker modules (.ts) are left alone: threads/worker-entry.ts finds their compiled entries.
 */
function assetUrls(): Plugin {
  const pattern = /new URL\((['"])(\.{1,2}\/[^'"]+)\1,\s*import\.meta\.url\)/g;
  return {
    name: 'asset-urls',
    setup(b) {
      b.onLoad({ filter: /[\\/](packages|examples)[\\/].*\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const contents = source.replace(pattern, (whole, quote: string, rel: string) => {
          if (/\.(ts|mjs|js)$/.test(rel)) return whole;
          const target = resolve(dirname(args.path), rel);
          if (!existsSync(target)) throw new Error(`${relative(repo, args.path)}: ${rel} does not exist`);
          const asset = join('assets', relative(repo, target)).split(sep).join('/');
          mkdirSync(dirname(join(dist, asset)), { recursive: true });
          copyFileSync(target, join(dist, asset));
          return `new URL(${quote}./${asset}${quote}, import.meta.url)`;
        });
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * The schema package is data and pure functions: marked free of side effects, the CLI entry's two imports from it
 * (resolveLang, LocalizedError) bring only their own modules, not the tables and ajv that `--help` never needs.
 */
function pureSchema(): Plugin {
  const schemaSrc = join(repo, 'packages', 'schema', 'src') + sep;
  return {
    name: 'pure-schema',
    setup(b) {
      b.onResolve({ filter: /^(@nyt2539\/schema$|\.)/ }, async (args) => {
        if (args.pluginData === 'pure-schema') return undefined;
        if (args.path !== '@nyt2539/schema' && !args.importer.startsWith(schemaSrc)) return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'pure-schema' });
        if (r.errors.length > 0) return { errors: r.errors };
        return { path: r.path, sideEffects: false };
      });
    },
  };
}

export interface BuildResult {
  readonly outDir: string;
  readonly version: string;
  readonly bytes: number;
}

export async function buildPackage(): Promise<BuildResult> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const version = readJson<Manifest>(join(repo, 'packages/checker/package.json')).version;
  const dependencies = runtimeDependencies();
  const meta = await collectCommandMeta(commands);
  const result = await build({
    absWorkingDir: repo,
    entryPoints: {
      cli: 'packages/packager/src/cli/main.ts',
      'rule-worker': 'packages/checker/src/threads/rule-worker.ts',
      'load-worker': 'packages/checker/src/store/load-worker.ts',
      'sketch-worker': 'packages/packager/src/sketch/worker.ts',
      'batch-child': 'packages/packager/src/batch/child.ts',
    },
    outdir: dist,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: Object.keys(dependencies),
    // chunks beside the entries: assets and worker entries are looked up relative to the chunk holding the code
    chunkNames: '[name]-[hash]',
    // bundled CommonJS (mdb-reader's dependencies) calls require(): give every chunk one
    banner: { js: "import { createRequire as __nyt2539Require } from 'node:module';\nconst require = __nyt2539Require(import.meta.url);" },
    define: { NYT2539_BUILD: JSON.stringify({ version, commands: meta }) },
    plugins: [pureSchema(), assetUrls()],
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  // a development-only package reached from the CLI would be bundled silently: refuse (declare it a dependency)
  const devOnly = new Set(WORKSPACE.flatMap((ws) => Object.keys(readJson<Manifest>(join(repo, ws, 'package.json')).devDependencies ?? {})));
  for (const name of Object.keys(dependencies)) devOnly.delete(name);
  for (const b of BUNDLED) devOnly.delete(b);
  for (const input of Object.keys(result.metafile.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input);
    if (m && devOnly.has(m[1])) throw new Error(`${input}: ${m[1]} is only a devDependency of the workspace but the CLI imports it`);
  }
  // nothing may load tsx at run time (workers and child processes have compiled entries: threads/worker-entry.ts)
  for (const out of Object.keys(result.metafile.outputs).filter((o) => o.endsWith('.js'))) {
    if (/\bimport\(\s*["']tsx(\/[^"']*)?["']|\bresolve\(\s*["']tsx["']\)|from\s+["']tsx(\/[^"']*)?["']/.test(readFileSync(join(repo, out), 'utf8'))) {
      throw new Error(`${out} loads tsx at run time; give the module a compiled entry (threads/worker-entry.ts)`);
    }
  }
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);

  const manifest = {
    name: 'nyt2539',
    version,
    description: 'NY/T 2539-2016 农村土地承包经营权确权登记数据库 质检与汇交工具 — checker and packager CLI',
    keywords: ['NY/T 2539', '确权登记', '汇交', 'land contract rights', 'quality check', 'shapefile', 'mdb'],
    type: 'module',
    bin: { nyt2539: 'dist/cli.js' },
    files: ['dist', 'README.md'],
    engines: readJson<{ engines: Record<string, string> }>(join(repo, 'package.json')).engines,
    dependencies,
  };
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  copyFileSync(join(here, 'README.md'), join(outDir, 'README.md'));
  linkDependencies(Object.keys(dependencies));
  return { outDir, version, bytes };
}

/**
 * dist-package/node_modules/<dependency> → the copy pnpm installed for the workspace, so the compiled CLI also runs
 * inside the repository (`node packages/packager/dist-package/dist/cli.js`, the start-up bench). `npm pack` never
 * packs node_modules.
 */
function linkDependencies(names: readonly string[]): void {
  for (const name of names) {
    const installed = WORKSPACE.map((ws) => join(repo, ws, 'node_modules', name)).find((p) => existsSync(p));
    if (!installed) throw new Error(`${name} is not installed in the workspace (pnpm install)`);
    const link = join(outDir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(realpathSync(installed), link, 'junction');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const r = await buildPackage();
  process.stdout.write(`nyt2539 ${r.version}: ${relative(process.cwd(), r.outDir) || '.'} (${(r.bytes / 1048576).toFixed(1)} MiB of JavaScript)\n`);
}
