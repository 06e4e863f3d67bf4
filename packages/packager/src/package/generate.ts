import type { GenerateOptions, GenerateResult } from '@nyt2539/examples';
import { writePackage } from './writePackage.js';

/**
 * A generated synthetic county written as a complete 汇交 package plus `ground-truth.json` (the one way CLI
 * `gen`/`demo` and test code get one): the generator (@nyt2539/examples) makes the data, `writePackage` lays it
 * out. The generator is loaded on first use: only `gen`, `demo` and tests need it.
 */
export async function generatePackage(opts: GenerateOptions): Promise<GenerateResult> {
  const { generateCounty } = await import('@nyt2539/examples');
  return generateCounty(opts, writePackage);
}
