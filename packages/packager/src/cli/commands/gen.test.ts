import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support.js';

const root = mkdtempSync(join(tmpdir(), 'nyt2539-gencli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(...args: string[]) {
  return runCli(args);
}

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('nyt2539 gen', () => {
  it('writes the package and ground truth; two separate runs give identical bytes', () => {
    const a = cli('gen', '--scale', 'tiny', '--seed', '3', '--out', join(root, 'a'));
    const b = cli('gen', '--scale', 'tiny', '--seed', '3', '--out', join(root, 'b'), '--lang', 'en');
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stdout).toContain('已生成');
    expect(b.stdout).toContain('wrote');
    const ha = hashTree(join(root, 'a'));
    expect(Object.keys(ha)).toContain('ground-truth.json');
    expect(Object.keys(ha)).toContain(join('340711郊区', '矢量数据', 'SL3407112016.xml'));
    expect(hashTree(join(root, 'b'))).toEqual(ha);
    const truth = JSON.parse(readFileSync(join(root, 'a', 'ground-truth.json'), 'utf8'));
    expect(truth.defects).toEqual([]);
    expect(truth.seed).toBe(3);
  });

  it('refuses bad options with one located line and exit code 2', () => {
    for (const args of [
      ['--county', '999999'],
      ['--seed', '-1'],
      ['--defects', 'no-such-defect'],
    ]) {
      const r = cli('gen', '--scale', 'tiny', '--out', join(root, 'x'), '--lang', 'en', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(args[0]);
      expect(r.stderr).not.toMatch(/\s+at\s/);
    }
  });
});
