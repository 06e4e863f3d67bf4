/** One benchmark case: run it, return named figures (numbers in SI units, or with the unit in the key). */
export interface BenchCase {
  readonly name: string;
  /** scales the case supports; `pnpm bench -- --scale county` picks the larger one */
  run(opts: { scale: 'example' | 'county'; workDir: string }): Promise<Record<string, BenchFigure>>;
}

/** A figure in `.bench/results.json`: a number or text, or a list or record of them (a run's repeats). */
export type BenchFigure = number | string | readonly BenchFigure[] | { readonly [key: string]: BenchFigure };

/** Peak resident set size of this process so far, in MiB (Linux VmHWM). */
export async function peakRssMiB(): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile('/proc/self/status', 'utf8');
  const m = /VmHWM:\s+(\d+)\s+kB/.exec(status);
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1048576);
}

/**
 * Starts the peak RSS afresh (Linux `clear_refs` 5 sets VmHWM to the current RSS), after a full collection, so
 * memory a case spent preparing its input does not count in the peak of what it measures.
 */
export async function resetPeakRss(): Promise<void> {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  const { writeFile } = await import('node:fs/promises');
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  await writeFile('/proc/self/clear_refs', '5').catch(() => undefined);
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The synthetic package every bench measures (seed 1), generated once per scale in a child process (so its memory
 * is not this process's) into `.bench/packages/<scale>/` and reused by every case: a county takes ~10 minutes to
 * generate. `NYT2539_BENCH_PACKAGE` points at any other package folder instead (e.g. a real county).
 */
export async function benchPackage(scale: 'example' | 'county'): Promise<{ dir: string; genSeconds: number }> {
  const { existsSync, readdirSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const { join, resolve } = await import('node:path');
  const override = process.env.NYT2539_BENCH_PACKAGE;
  if (override) return { dir: resolve(override), genSeconds: 0 };
  const outDir = resolve(import.meta.dirname, '../../.bench/packages', scale);
  let genSeconds = 0;
  if (!existsSync(join(outDir, 'ground-truth.json'))) {
    const t0 = performance.now();
    const script = `import { generatePackage } from '@nyt2539/packager';
await generatePackage({ scale: ${JSON.stringify(scale)}, seed: 1, outDir: ${JSON.stringify(outDir)} });`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`package generation failed (exit ${r.status})`);
    genSeconds = (performance.now() - t0) / 1000;
  }
  const dir = readdirSync(outDir, { withFileTypes: true }).find((d) => d.isDirectory() && /^\d{6}/.test(d.name));
  if (!dir) throw new Error(`no package folder in ${outDir}`);
  return { dir: join(outDir, dir.name), genSeconds };
}

/**
 * The working store of the bench package, loaded once per scale in a child process (so neither its time nor its
 * memory counts in the rule benches; the `load` case measures loading) into `.bench/stores/<scale>/store.sqlite`
 * and reused while it is newer than the package and the loader code is unchanged. Rule benches open it read-only; the summary preparation
 * rewrites only its own table.
 */
export async function benchStore(scale: 'example' | 'county'): Promise<{ storePath: string; packageDir: string }> {
  const { existsSync, statSync, mkdirSync, rmSync, renameSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const { join, resolve } = await import('node:path');
  const { dir } = await benchPackage(scale);
  const { createHash } = await import('node:crypto');
  // a package named by NYT2539_BENCH_PACKAGE gets its own store, keyed by its path
  const key = process.env.NYT2539_BENCH_PACKAGE ? `custom-${createHash('sha1').update(dir).digest('hex').slice(0, 10)}` : scale;
  const storeDir = resolve(import.meta.dirname, '../../.bench/stores', key);
  const storePath = join(storeDir, 'store.sqlite');
  // a store written by other loader code is rebuilt: the key hashes the store and reader sources
  const { readdirSync, readFileSync, writeFileSync } = await import('node:fs');
  const sources = resolve(import.meta.dirname, '../../packages/checker/src');
  const hash = createHash('sha1');
  for (const sub of ['store', 'readers', 'readers/shapefile']) {
    for (const f of readdirSync(join(sources, sub)).filter((n) => n.endsWith('.ts')).sort()) hash.update(readFileSync(join(sources, sub, f)));
  }
  const version = hash.digest('hex');
  const versionPath = join(storeDir, 'loader.sha1');
  const fresh = existsSync(storePath) && statSync(storePath).mtimeMs > statSync(dir).mtimeMs && existsSync(versionPath) && readFileSync(versionPath, 'utf8') === version;
  if (!fresh) {
    rmSync(storeDir, { recursive: true, force: true });
    mkdirSync(storeDir, { recursive: true });
    const work = join(storeDir, 'work');
    const script = `import { loadPackage } from '@nyt2539/checker';
const pkg = await loadPackage(${JSON.stringify(dir)}, { workDir: ${JSON.stringify(work)}, keepStore: true });
pkg.close();
process.stdout.write(pkg.storePath);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`loading the bench package failed (exit ${r.status})`);
    renameSync(r.stdout.trim(), storePath);
    rmSync(work, { recursive: true, force: true });
    writeFileSync(versionPath, version);
  }
  return { storePath, packageDir: dir };
}

/** CPU seconds of this process (all threads) since `since` (a process.cpuUsage() value). */
export function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return round((u.user + u.system) / 1e6);
}

/** What `/usr/bin/time -v` measured of one command: wall and CPU seconds (all its threads and children), peak RSS. */
export interface TimedCommand {
  readonly exit: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
  /** the 1-minute load average before and after, so a figure from a shared machine can be read apart from its load */
  readonly load: readonly [number, number];
}

/** Runs `cmd args` under `/usr/bin/time -v` (the report goes to a file, so the command's own stderr stays its own). */
export async function timeCommand(cmd: string, args: readonly string[], reportFile: string): Promise<TimedCommand> {
  const { spawnSync } = await import('node:child_process');
  const { readFileSync, rmSync } = await import('node:fs');
  const { loadavg } = await import('node:os');
  rmSync(reportFile, { force: true });
  const load0 = loadavg()[0]!;
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', '-o', reportFile, cmd, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  const report = readFileSync(reportFile, 'utf8');
  const field = (label: string): number => Number(new RegExp(`${label}:\\s*([\\d.]+)`).exec(report)?.[1] ?? NaN);
  return {
    exit: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    seconds: round(seconds),
    cpuSeconds: round(field('User time \\(seconds\\)') + field('System time \\(seconds\\)')),
    peakRssMiB: Math.round(field('Maximum resident set size \\(kbytes\\)') / 1024),
    load: [round(load0), round(loadavg()[0]!)],
  };
}

/**
 * The compiled CLI (`pnpm build`, what `npm i -g` installs), built afresh, as node runs the installed `nyt2539`:
 * the options its `#!` line gives node (CHECK_PROCESS_FLAGS), then `dist/cli.js`. A bench spawns
 * `process.execPath` with these arguments.
 */
export async function compiledCli(): Promise<string[]> {
  const { join } = await import('node:path');
  const { readFileSync } = await import('node:fs');
  const { buildPackage, CLI_HASHBANG } = await import('../../packages/packager/release/build.js');
  const { CHECK_PROCESS_FLAGS } = await import('@nyt2539/checker/compiler');
  const built = await buildPackage();
  const cli = join(built.outDir, 'dist', 'cli.js');
  const line = readFileSync(cli, 'utf8').split('\n', 1)[0];
  if (line !== CLI_HASHBANG) throw new Error(`${cli} starts with ${line}, not ${CLI_HASHBANG}`);
  return [...CHECK_PROCESS_FLAGS, cli];
}
