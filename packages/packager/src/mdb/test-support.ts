import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MDBReader from 'mdb-reader';

/** A fresh directory under the OS temp dir for one test file's outputs. */
export function tempDir(prefix: string): { dir: string; path(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `nyt2539-${prefix}-`));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openMdb(path: string): MDBReader {
  return new MDBReader(readFileSync(path));
}

/** How mdb-reader (with the project's BigInt decimal patch) prints a Decimal: fixed `scale` digits. */
export function decimalText(value: string | number, scale: number): string {
  const s = typeof value === 'number' ? value.toFixed(scale) : value;
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(s.trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  const int = (m[2] || '0').replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').slice(0, scale).padEnd(scale, '0');
  const zero = /^0*$/.test(int + frac);
  return `${m[1] === '-' && !zero ? '-' : ''}${int}${scale > 0 ? `.${frac}` : ''}`;
}

const fixturesDir = process.env.NYT2539_FIXTURES ?? join(import.meta.dirname, '../../../../../shared/fixtures/real');
export const templateMdb = join(fixturesDir, 'access', '权属数据-template-jet4.mdb');
