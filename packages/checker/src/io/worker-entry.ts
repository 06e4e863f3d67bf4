import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How to start a worker thread: the script to load and what its `workerData.module` must name. */
interface WorkerEntry {
  readonly url: URL;
  /** the module the tsx bootstrap imports (dev path); the compiled worker ignores it */
  readonly module: string;
}

/**
 * Where a worker's code is: in the compiled CLI every worker is its own bundle entry `<compiledName>.js` beside the
 * chunk holding this module (`import.meta.url` is that chunk); in the repository (tests, `pnpm -s nyt2539`) no such
 * file exists and the plain-JS bootstrap worker-bootstrap.mjs registers tsx in the thread, then imports the TypeScript module
 * (Node 20 does not apply `--import tsx` hooks to a worker's entry). `base` is the URL the compiled file is looked
 * up against (tests pass another folder).
 */
export function workerEntry(compiledName: string, tsModule: URL, base: string | URL = import.meta.url): WorkerEntry {
  const compiled = new URL(`./${compiledName}.js`, base);
  if (existsSync(compiled)) return { url: compiled, module: compiled.href };
  return { url: new URL('./worker-bootstrap.mjs', import.meta.url), module: tsModule.href };
}

/** The TypeScript loader of the development path. */
const DEV_LOADER = 'tsx';

/** How to fork a child process running `tsModule`: the script path and the Node options it needs. */
export interface ChildProcessEntry {
  readonly path: string;
  readonly execArgv: readonly string[];
}

/**
 * The child-process counterpart of `workerEntry`: the compiled `<compiledName>.js` of the CLI bundle when it exists,
 * else the TypeScript module run through tsx (`--import tsx`, resolved only then: the published package has no tsx).
 */
export function childProcessEntry(compiledName: string, tsModule: URL, base: string | URL = import.meta.url): ChildProcessEntry {
  const compiled = new URL(`./${compiledName}.js`, base);
  if (existsSync(compiled)) return { path: fileURLToPath(compiled), execArgv: [] };
  // only in the repository: the build refuses bundles with a literal tsx import, and this line never runs there
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve(DEV_LOADER)).href;
  return { path: fileURLToPath(tsModule), execArgv: ['--import', tsx] };
}
