/**
 * Builds the publishable `nyt2539` package into packages/packager/dist-package/ (`pnpm build`; git-ignored):
 * the CLI and the workspace packages bundled by esbuild into ESM chunks (each subcommand stays a lazily loaded chunk),
 * one bundle entry per worker thread (no tsx at run time), the JSON files the code reads beside itself copied under
 * dist/assets/, and a package.json whose dependencies are exactly the third-party packages left external.
 *
 * External (real dependencies): native or wasm code and packages that read their own files at run time
 * (better-sqlite3, geos-wasm, pdfkit's fonts, bullmq's Lua scripts, …): every third-party runtime dependency except
 * two bundled ones. mdb-reader, because the repository patches it (patches/mdb-reader@3.2.0.patch): esbuild reads the
 * patched copy pnpm installed, so the published CLI carries the patched behaviour. yargs, because every command
 * loads it before anything else: one chunk instead of its ~20 modules resolved through node_modules saves ~30 ms of
 * each start; the locale files it reads are copied under dist/assets/ (`yargsFiles`).
 *
 * Besides the CLI, the package is a library: `nyt2539` (the packager's API), `nyt2539/checker` and `nyt2539/schema`,
 * each a compiled ESM entry with TypeScript declarations (dist/types/, emitted by the TypeScript compiler from the
 * same sources; see `emitDeclarations`).
 */
import { build, type Plugin } from 'esbuild';
import ts from 'typescript';
import { builtinModules, createRequire } from 'node:module';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CHECK_PROCESS_FLAGS } from '@nyt2539/checker/compiler';
import { commands } from '../src/cli/commands/index.js';
import { collectCommandMeta } from '../src/cli/command.js';

const here = import.meta.dirname;
const repo = resolve(here, '../../..');
/** Where `pnpm build` writes the package (tests that must not share it pass their own folder). */
const outDir = resolve(here, '../dist-package');

/** The workspace packages the CLI bundles (their sources), and the third-party packages bundled. */
const WORKSPACE = ['packages/schema', 'packages/checker', 'packages/packager', 'examples'];
const BUNDLED = new Set(['mdb-reader', 'yargs']);
/** The bundled packages whose types the library's declarations name (copied under dist/types/vendor/). */
const VENDORED_TYPES = ['mdb-reader'];

/** The library entries of the published package: export path → the workspace source it compiles. */
const LIBRARY: Readonly<Record<string, { readonly entry: string; readonly source: string }>> = {
  '.': { entry: 'index', source: 'packages/packager/src/index.ts' },
  './checker': { entry: 'checker', source: 'packages/checker/src/index.ts' },
  './schema': { entry: 'schema', source: 'packages/schema/src/index.ts' },
};

/** Where the workspace packages' declarations land under dist/types/ (the sources' repository paths). */
const WORKSPACE_TYPES: Readonly<Record<string, string>> = {
  '@nyt2539/schema': 'packages/schema/src/index.js',
  '@nyt2539/checker': 'packages/checker/src/index.js',
  '@nyt2539/packager': 'packages/packager/src/index.js',
  '@nyt2539/examples': 'examples/src/index.js',
};

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
 * Worker modules (.ts) are left alone: io/worker-entry.ts finds their compiled entries.
 */
function assetUrls(dist: string): Plugin {
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
 * yargs, bundled, finds its files from its own module's location (lib/platform-shims/esm.mjs): its locales
 * (`.locale('zh_CN')`) at ../../../locales and the folder above node_modules, whose package.json gives its default
 * version. Bundled, that location is a chunk in dist/: the locales are copied to dist/assets/yargs-locales/ and the
 * shim is pointed there, and at the package's own folder as before. Its help layout (cliui, string-width) loads
 * when help is shown, not on every start.
 */
function yargsFiles(dist: string): Plugin {
  return {
    name: 'yargs-files',
    setup(b) {
      b.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const locales = `resolve(__dirname, '../../../locales')`;
        const main = `__dirname.substring(0, __dirname.lastIndexOf('node_modules'))`;
        // cliui and string-width lay out help text only, and their module code builds an Intl.Segmenter and Unicode
        // property regexps (~20 ms of every command's start-up): bundled as required on first use, they load when
        // help is shown. `require` is yargs' own runtime require, renamed so that esbuild bundles these two.
        const eager = {
          "import cliui from 'cliui'": `const cliui = (options) => require('cliui').default(options);`,
          "import stringWidth from 'string-width';": `const stringWidth = (text) => require('string-width').default(text);`,
          'const require = createRequire(import.meta.url);': 'const yargsRequire = createRequire(import.meta.url);',
          '\n  require,\n': '\n  require: yargsRequire,\n',
        };
        const expected = [locales, main, ...Object.keys(eager)];
        if (expected.some((text) => !source.includes(text))) throw new Error(`${args.path}: yargs no longer loads its files and help layout as this build expects`);
        cpSync(resolve(args.path, '../../../locales'), join(dist, 'assets', 'yargs-locales'), { recursive: true });
        let contents = source
          .replace(locales, `fileURLToPath(new URL('./assets/yargs-locales', import.meta.url))`)
          .replace(main, `fileURLToPath(new URL('..', import.meta.url))`);
        for (const [from, to] of Object.entries(eager)) contents = contents.replace(from, to);
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * The schema and checker packages have no import-time side effects (their modules define functions, tables and
 * rule modules; work starts only when called): marked so, an entry that imports one name from either (the CLI edge's
 * resolveLang, LocalizedError, printable) brings only the modules that name needs, not the tables, ajv, geos-wasm,
 * better-sqlite3 or proj4 that `--help` never uses.
 */
function pureWorkspace(): Plugin {
  const sources = ['schema', 'checker'].map((p) => join(repo, 'packages', p, 'src') + sep);
  const inside = (file: string): boolean => sources.some((s) => file.startsWith(s));
  return {
    name: 'pure-workspace',
    setup(b) {
      b.onResolve({ filter: /^(@nyt2539\/(schema|checker)$|\.)/ }, async (args) => {
        if (args.pluginData === 'pure-workspace') return undefined;
        if (!args.path.startsWith('@nyt2539/') && !inside(args.importer)) return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'pure-workspace' });
        if (r.errors.length > 0) return { errors: r.errors };
        return inside(r.path) ? { path: r.path, sideEffects: false } : { path: r.path };
      });
    },
  };
}

const dtsOf = (source: string): string => source.replace(/\.ts$/, '.d.ts');

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * The declarations of the library entries: the TypeScript compiler (the repository's, with its tsconfig) emits a
 * .d.ts per workspace source into dist/types/<repository path>. Imports of the bundled packages are pointed at their
 * declarations there: `@nyt2539/*` at the workspace's emitted index, mdb-reader at its own declarations copied under
 * dist/types/vendor/. Any other package a declaration imports must be a runtime dependency or have its `@types/…`
 * package among the workspace's devDependencies, which then becomes a dependency of the published package (a user's
 * compiler must find every type the API names). Returns those `@types/…` dependencies.
 */
function emitDeclarations(dist: string, dependencies: Readonly<Record<string, string>>, devDependencies: ReadonlyMap<string, string>): Record<string, string> {
  const typesDir = join(dist, 'types');
  const base = ts.getParsedCommandLineOfConfigFile(join(repo, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!base) throw new Error('tsconfig.json: cannot be read');
  const roots = [...Object.values(LIBRARY).map((l) => l.source), 'examples/src/index.ts'].map((f) => join(repo, f));
  const program = ts.createProgram(roots, { ...base.options, noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: repo, outDir: typesDir, sourceMap: false, declarationMap: false });
  const emitted = program.emit();
  const errors = emitted.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(`declarations:\n${ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => repo, getNewLine: () => '\n' })}`);

  const vendor = new Map<string, string>();
  for (const name of VENDORED_TYPES) {
    const pkgDir = dirname(createRequire(join(repo, 'packages/checker/package.json')).resolve(`${name}/package.json`));
    const types = (readJson<{ types?: string }>(join(pkgDir, 'package.json')).types ?? 'index.d.ts').replace(/^\.\//, '');
    cpSync(join(pkgDir, dirname(types)), join(typesDir, 'vendor', name), { recursive: true, filter: (f) => !/\.(js|map)$/.test(f) });
    vendor.set(name, `vendor/${name}/${types.slice(dirname(types).length + 1).replace(/\.d\.ts$/, '.js')}`);
  }
  const builtins = new Set(builtinModules);
  // a type that names a package's global namespace (no import in the declaration) gets a reference to the package
  const ambient: Readonly<Record<string, string>> = { PDFKit: 'pdfkit' };
  const requireTypes = (file: string, name: string): void => {
    const typesName = `@types/${name.replace(/^@([^/]+)\//, '$1__')}`;
    const typesVersion = devDependencies.get(typesName);
    if (typesVersion !== undefined) typeDependencies[typesName] = typesVersion;
    else if (dependencies[name] === undefined) throw new Error(`${file} names types of ${name}, which is neither a dependency of the package nor bundled`);
  };
  const typeDependencies: Record<string, string> = {};
  const specifier = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\2/g;
  const files = readdirSync(typesDir, { recursive: true }).map(String).filter((f) => f.endsWith('.d.ts') && !f.startsWith(`vendor${sep}`));
  for (const file of files.sort()) {
    const path = join(typesDir, file);
    const rewritten = readFileSync(path, 'utf8').replace(specifier, (whole, lead: string, quote: string, spec: string) => {
      const target = WORKSPACE_TYPES[spec] ?? vendor.get(spec);
      if (target !== undefined) {
        let rel = relative(dirname(path), join(typesDir, target)).split(sep).join('/');
        if (!rel.startsWith('.')) rel = `./${rel}`;
        return `${lead}${quote}${rel}${quote}`;
      }
      if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) return whole;
      const name = packageNameOf(spec);
      if (name.startsWith('@nyt2539/')) throw new Error(`${file}: ${spec} is a workspace package without emitted declarations`);
      requireTypes(file, name);
      return whole;
    });
    const references = Object.entries(ambient).filter(([namespace]) => new RegExp(`\\b${namespace}\\.`).test(rewritten)).map(([, name]) => {
      requireTypes(file, name);
      return `/// <reference types="${name}" />\n`;
    });
    writeFileSync(path, references.join('') + rewritten);
  }
  for (const l of Object.values(LIBRARY)) if (!existsSync(join(typesDir, dtsOf(l.source)))) throw new Error(`${l.source}: no declarations emitted`);
  return typeDependencies;
}

export interface BuildResult {
  readonly outDir: string;
  readonly version: string;
  readonly bytes: number;
}

export async function buildPackage(target: string = outDir): Promise<BuildResult> {
  const dist = join(target, 'dist');
  rmSync(target, { recursive: true, force: true });
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
      'list-worker': 'packages/checker/src/store/list-worker.ts',
      'sketch-worker': 'packages/packager/src/sketch/worker.ts',
      'batch-child': 'packages/packager/src/batch/child.ts',
      ...Object.fromEntries(Object.values(LIBRARY).map((l) => [l.entry, l.source])),
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
    plugins: [pureWorkspace(), assetUrls(dist), yargsFiles(dist)],
    legalComments: 'linked',
    // every thread parses the chunks it imports at start-up (Node 20 keeps no compile cache for ES modules): without
    // the indentation and comments they are a quarter smaller, and an example check spends ~0.1 s less CPU parsing.
    // Names are kept, so a --debug stack trace still reads.
    minifyWhitespace: true,
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
  // nothing may load tsx at run time (workers and child processes have compiled entries: io/worker-entry.ts)
  for (const out of Object.keys(result.metafile.outputs).filter((o) => o.endsWith('.js'))) {
    if (/\bimport\(\s*["']tsx(\/[^"']*)?["']|\bresolve\(\s*["']tsx["']\)|from\s+["']tsx(\/[^"']*)?["']/.test(readFileSync(join(repo, out), 'utf8'))) {
      throw new Error(`${out} loads tsx at run time; give the module a compiled entry (io/worker-entry.ts)`);
    }
  }
  writeCliHashbang(join(dist, 'cli.js'));
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  const workspaceDev = new Map(WORKSPACE.flatMap((ws) => Object.entries(readJson<Manifest>(join(repo, ws, 'package.json')).devDependencies ?? {})));
  for (const [name, version] of Object.entries(readJson<Manifest>(join(repo, 'package.json')).devDependencies ?? {})) workspaceDev.set(name, version);
  const typeDependencies = emitDeclarations(dist, dependencies, workspaceDev);
  const typesOf = (source: string) => `./dist/types/${dtsOf(source)}`;

  const manifest = {
    name: 'nyt2539',
    version,
    description: 'NY/T 2539-2016 农村土地承包经营权确权登记数据库 质检与汇交工具 — checker and packager CLI',
    keywords: ['NY/T 2539', '确权登记', '汇交', 'land contract rights', 'quality check', 'shapefile', 'mdb'],
    type: 'module',
    bin: { nyt2539: 'dist/cli.js' },
    types: typesOf(LIBRARY['.']!.source),
    exports: {
      ...Object.fromEntries(Object.entries(LIBRARY).map(([path, l]) => [path, { types: typesOf(l.source), import: `./dist/${l.entry}.js` }])),
      './package.json': './package.json',
    },
    files: ['dist', 'README.md'],
    engines: readJson<{ engines: Record<string, string> }>(join(repo, 'package.json')).engines,
    dependencies: Object.fromEntries(Object.entries({ ...dependencies, ...typeDependencies }).sort(([a], [b]) => a.localeCompare(b))),
  };
  writeFileSync(join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}
`);
  copyFileSync(join(here, 'README.md'), join(target, 'README.md'));
  linkDependencies(target, Object.keys(manifest.dependencies));
  return { outDir: target, version, bytes };
}

/**
 * The CLI's `#!` line: node with the options a check process needs from its start (CHECK_PROCESS_FLAGS). `env -S`
 * splits them on Linux and macOS; npm's and pnpm's Windows shims read the same line and pass them to node.
 */
export const CLI_HASHBANG = `#!/usr/bin/env -S node ${CHECK_PROCESS_FLAGS.join(' ')}`;

function writeCliHashbang(cli: string): void {
  const text = readFileSync(cli, 'utf8');
  if (!text.startsWith('#!')) throw new Error(`${cli} does not start with a #! line (the CLI entry lost its own)`);
  writeFileSync(cli, `${CLI_HASHBANG}${text.slice(text.indexOf('\n'))}`);
}

/**
 * dist-package/node_modules/<dependency> → the copy pnpm installed for the workspace, so the compiled CLI also runs
 * inside the repository (`node packages/packager/dist-package/dist/cli.js`, the start-up bench). `npm pack` never
 * packs node_modules.
 */
function linkDependencies(target: string, names: readonly string[]): void {
  for (const name of names) {
    const installed = WORKSPACE.map((ws) => join(repo, ws, 'node_modules', name)).find((p) => existsSync(p));
    if (!installed) throw new Error(`${name} is not installed in the workspace (pnpm install)`);
    const link = join(target, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(realpathSync(installed), link, 'junction');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const r = await buildPackage();
  process.stdout.write(`nyt2539 ${r.version}: ${relative(process.cwd(), r.outDir) || '.'} (${(r.bytes / 1048576).toFixed(1)} MiB of JavaScript)\n`);
}
