import { createRequire } from 'node:module';

/**
 * Loads a CommonJS dependency through `require`. Imported as an ES module instead, Node first scans the package's
 * whole source for its export names (cjs-module-lexer) in every thread that loads it: proj4's 317 KB cost ~64 ms of
 * CPU per thread that way against ~12 ms through require, better-sqlite3 ~16 ms against ~6 ms. Callers that need a
 * package only for some work (encoding, a terminal's progress bar, a coordinate transform) call this when they do
 * it, so a thread that never does loads nothing. `T` is the package's type as the caller uses it.
 */
export function requireCommonJs<T>(name: string): T {
  return commonJs(name) as T;
}

const commonJs = createRequire(import.meta.url);
