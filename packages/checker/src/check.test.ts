import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck, type CheckProgress } from './check.js';
import { ProfileError } from './engine/profile.js';
import { InputError } from './package/errors.js';
import { rule as fieldMissing } from './rules/structure/field-missing.js';
import { rule as tableMissing } from './rules/structure/table-missing.js';

const fixtures = process.env.NYT2539_FIXTURES ?? '';
const tmp = mkdtempSync(join(tmpdir(), 'nyt2539-runcheck-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A county folder whose only data is the real Access template, read through the real loader. */
function templatePackage(name: string): string {
  const pkg = join(tmp, name, '220581梅河口市');
  mkdirSync(join(pkg, '权属数据'), { recursive: true });
  copyFileSync(join(fixtures, 'access', '权属数据-template-jet4.mdb'), join(pkg, '权属数据', '2205812016.mdb'));
  return pkg;
}

describe('runCheck', () => {
  it('loads, runs the rules read-only, summarizes, reports progress and removes its scratch store', async () => {
    const progress: CheckProgress[] = [];
    const result = await runCheck(templatePackage('a'), { rules: [tableMissing, fieldMissing], onProgress: (p) => progress.push(p) });
    expect(result.info).toMatchObject({ rootName: '220581梅河口市', county: '220581', year: '2016', inputKind: 'folder' });
    expect(result.findings.map((f) => [f.ruleId, f.location.table])).toEqual(
      ['DK', 'JBNTBHQ', 'JZD', 'JZX', 'KZD', 'QYJX', 'XJXZQ'].map((t) => ['structure/table-missing', t]),
    );
    expect(result.summary).toMatchObject({ passed: false, errors: 7, warnings: 0, rulesRun: 2 });
    expect(progress.some((p) => p.phase === 'load')).toBe(true);
    expect(progress.filter((p) => p.phase === 'rules').map((p) => p.label)).toEqual(['structure/table-missing', 'structure/field-missing']);
    expect(result.storePath).toBeUndefined();
  });

  it('keeps the store in the given work folder with keepStore', async () => {
    const workDir = join(tmp, 'work');
    const result = await runCheck(templatePackage('b'), { workDir, keepStore: true, rules: [fieldMissing] });
    expect(result.storePath).toBe(join(workDir, 'store.sqlite'));
    const db = new Database(result.storePath!, { readonly: true });
    try {
      expect(db.prepare(`SELECT count(*) AS n FROM src_tables WHERE origin = 'mdb'`).get()).toEqual({ n: 12 });
    } finally {
      db.close();
    }
    const plain = await runCheck(templatePackage('c'), { workDir: join(tmp, 'work2'), rules: [fieldMissing] });
    expect(plain.findings).toEqual([]);
    expect(existsSync(join(tmp, 'work2', 'store.sqlite'))).toBe(false);
  });

  it('refuses a library caller\'s invalid profile before reading anything', async () => {
    const profile = { rules: { 'structure/no-such-rule': 'warning' } } as const;
    await expect(runCheck(join(tmpdir(), 'nyt2539-does-not-exist'), { profile, lang: 'en' })).rejects.toThrow('profile profile: unknown rule structure/no-such-rule');
  });

  it('throws InputError for input it cannot read at all', async () => {
    await expect(runCheck(join(tmp, 'missing'))).rejects.toBeInstanceOf(InputError);
  });
});
