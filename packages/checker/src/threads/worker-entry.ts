import { existsSync } from 'node:fs';

/** How to start a worker thread: the script to load and what its `workerData.module` must name. */
export interface WorkerEntry {
  readonly url: URL;
  /** the module the tsx bootstrap imports (dev path); the compiled worker ignores it */
  readonly module: string;
}

/**
 * Where a worker's code is: in the compiled CLI every worker is its own bundle entry `<compiledName>.js` beside the
 * chunk holding this module (`import.meta.url` is that chunk); in the repository (tests, `pnpm -s nyt2539`) no such
 * file exists and the plain-JS bootstrap entry.mjs registers tsx in the thread, then imports the TypeScript module
 * (Node 20 does not apply `--import tsx` hooks to a worker's entry). `base` is the URL the compiled file is looked
 * up against (tests pass another folder).
 */
export function workerEntry(compiledName: string, tsModule: URL, base: string | URL = import.meta.url): WorkerEntry {
  const compiled = new URL(`./${compiledName}.js`, base);
  if (existsSync(compiled)) return { url: compiled, module: compiled.href };
  return { url: new URL('./entry.mjs', import.meta.url), module: tsModule.href };
}
