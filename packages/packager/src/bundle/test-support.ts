import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePackage } from '../package/generate.js';

/** A fresh tiny synthetic county (seed 1) under a new temp folder; returns the folder and the county folder. */
export async function tinyPackage(prefix: string): Promise<{ tmp: string; packageDir: string }> {
  const tmp = mkdtempSync(join(tmpdir(), `nyt2539-${prefix}-`));
  const { packageDir } = await generatePackage({ scale: 'tiny', seed: 1, outDir: join(tmp, 'gen') });
  return { tmp, packageDir };
}

/** A copy of a county folder under `dir`, same folder name (tests change the copy, never the original). */
export function copyPackage(packageDir: string, dir: string): string {
  const name = packageDir.split(/[\\/]/).pop()!;
  const copy = join(dir, name);
  cpSync(packageDir, copy, { recursive: true });
  return copy;
}
