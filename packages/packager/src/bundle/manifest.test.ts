import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingsDocument } from '@nyt2539/checker';
import { BundleError } from './errors.js';
import { compareUtf8 } from './files.js';
import { buildManifest, renderManifest, validateManifest, type Manifest } from './manifest.js';
import { copyPackage, tinyPackage } from './test-support.js';

let tmp: string;
let packageDir: string;
let manifest: Manifest;

beforeAll(async () => {
  ({ tmp, packageDir } = await tinyPackage('manifest'));
  manifest = await buildManifest(packageDir);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `find` and `sha256sum`, an independent listing and hash of every file (NUL-separated: names are Chinese). */
function independentListing(dir: string): Map<string, { size: number; sha256: string }> {
  const sizes = execFileSync('find', ['.', '-type', 'f', '-printf', '%P\\0%s\\0'], { cwd: dir }).toString('utf8').split('\0');
  const sums = execFileSync('find', ['.', '-type', 'f', '-exec', 'sha256sum', '-z', '{}', '+'], { cwd: dir }).toString('utf8').split('\0').filter(Boolean);
  const out = new Map<string, { size: number; sha256: string }>();
  for (let i = 0; i + 1 < sizes.length; i += 2) out.set(sizes[i], { size: Number(sizes[i + 1]), sha256: '' });
  for (const line of sums) {
    const path = line.slice(66).replace(/^\.\//, '');
    out.set(path, { size: out.get(path)!.size, sha256: line.slice(0, 64) });
  }
  return out;
}

const findings = (over: Partial<FindingsDocument['summary']> & { passed?: boolean; rootName?: string } = {}): FindingsDocument => ({
  format: 'nyt2539-findings',
  formatVersion: 2,
  checkedAt: '2026-12-01',
  package: { rootName: over.rootName ?? '340711郊区', county: '340711', countyName: '郊区', year: '2016' },
  masked: true,
  passed: over.passed ?? true,
  summary: {
    errors: over.errors ?? 0,
    warnings: over.warnings ?? 2,
    dropped: 0,
    rulesRun: 60,
    byGroup: [{ group: 'layout', title: { zh: '目录与文件', en: 'layout' }, errors: over.errors ?? 0, warnings: 2, rules: 8 }],
    byRule: [],
  },
  findings: [],
});

describe('buildManifest', () => {
  it('names the county from the folder and the year from the file names, and this tool', () => {
    expect(manifest.format).toBe('nyt2539-bundle-manifest');
    expect(manifest.package).toEqual({ rootName: '340711郊区', county: '340711', countyName: '郊区', year: '2016' });
    expect(manifest.tool.name).toBe('@nyt2539/packager');
    expect(manifest.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest).not.toHaveProperty('date');
    expect(manifest).not.toHaveProperty('check');
  });

  it('lists every file with the size and SHA-256 that find/sha256sum see', () => {
    const expected = independentListing(packageDir);
    expect(manifest.files.length).toBe(expected.size);
    expect(manifest.totals.files).toBe(expected.size);
    expect(manifest.totals.bytes).toBe([...expected.values()].reduce((n, f) => n + f.size, 0));
    for (const f of manifest.files) expect({ path: f.path, ...expected.get(f.path) }).toEqual(f);
    expect(manifest.files.map((f) => f.path)).toContain('权属数据/3407112016.mdb');
    expect(manifest.files.some((f) => f.path.includes('\\') || f.path.startsWith('/'))).toBe(false);
  });

  it('sorts by the byte order of the UTF-8 path (what `LC_ALL=C sort` does)', () => {
    const paths = manifest.files.map((f) => f.path);
    const cSorted = execFileSync('sort', { input: `${paths.join('\n')}\n`, env: { ...process.env, LC_ALL: 'C' } })
      .toString('utf8')
      .trimEnd()
      .split('\n');
    expect(paths).toEqual(cSorted);
    // where UTF-16 order (JS `<`) and UTF-8 byte order disagree: U+20000 is D840 DC00 in UTF-16, F0 A0 80 80 in UTF-8
    expect(compareUtf8('\u{20000}', '\uFF01')).toBeGreaterThan(0);
    expect('\u{20000}' < '\uFF01').toBe(true);
  });

  it('is valid against manifest.schema.json, and the schema refuses broken manifests', () => {
    expect(validateManifest(manifest)).toEqual([]);
    expect(validateManifest({ ...manifest, files: [{ path: '../x', size: 1, sha256: 'a'.repeat(64) }] }).length).toBeGreaterThan(0);
    expect(validateManifest({ ...manifest, files: [{ path: 'a\\b', size: 1, sha256: 'a'.repeat(64) }] }).length).toBeGreaterThan(0);
    expect(validateManifest({ ...manifest, files: [{ path: 'x', size: -1, sha256: 'a'.repeat(64) }] }).length).toBeGreaterThan(0);
    expect(validateManifest({ ...manifest, files: [{ path: 'x', size: 1, sha256: 'A'.repeat(64) }] }).length).toBeGreaterThan(0);
    expect(validateManifest({ ...manifest, package: { ...manifest.package, county: '34071' } }).length).toBeGreaterThan(0);
    expect(validateManifest({ ...manifest, date: '2016-1-1' }).length).toBeGreaterThan(0);
    expect(validateManifest({ ...manifest, generatedAt: 'now' }).length).toBeGreaterThan(0);
  });

  it('is deterministic: same folder, same bytes; a date only when given', async () => {
    const again = await buildManifest(packageDir);
    expect(renderManifest(again)).toBe(renderManifest(manifest));
    const dated = await buildManifest(packageDir, { date: '2026-11-29' });
    expect(dated.date).toBe('2026-11-29');
    expect({ ...dated, date: undefined }).toEqual({ ...manifest, date: undefined });
    expect(renderManifest(manifest)).not.toMatch(/\d{2}:\d{2}:\d{2}/);
    expect(renderManifest(manifest)).not.toContain(tmp);
  });

  it('leaves a root manifest.json out (a re-packed bundle gets a fresh one)', async () => {
    const copy = copyPackage(packageDir, join(tmp, 'with-manifest'));
    writeFileSync(join(copy, 'manifest.json'), '{}');
    const m = await buildManifest(copy);
    expect(m.files).toEqual(manifest.files);
  });

  it('summarizes the findings: passed, or errors and whether it was forced', async () => {
    const ok = await buildManifest(packageDir, { findings: findings() });
    expect(ok.check).toMatchObject({ passed: true, forced: false, errors: 0, warnings: 2, rulesRun: 60, byGroup: [{ group: 'layout', errors: 0, warnings: 2 }] });
    const forced = await buildManifest(packageDir, { findings: findings({ passed: false, errors: 3 }), forced: true });
    expect(forced.check).toMatchObject({ passed: false, forced: true, errors: 3 });
    expect(validateManifest(forced)).toEqual([]);
    // a findings file on disk is read and validated
    const file = join(tmp, 'findings.json');
    writeFileSync(file, JSON.stringify(findings({ passed: false, errors: 1 })));
    expect((await buildManifest(packageDir, { findings: file })).check).toMatchObject({ passed: false, forced: false, errors: 1 });
  });

  it('refuses findings of another county, an invalid findings file, a bad date, a badly named folder', async () => {
    await expect(buildManifest(packageDir, { findings: findings({ rootName: '220581梅河口市' }) })).rejects.toThrow(/220581梅河口市，不是 340711郊区/);
    const bad = join(tmp, 'bad-findings.json');
    writeFileSync(bad, '{"format":"x"}');
    await expect(buildManifest(packageDir, { findings: bad })).rejects.toThrow(`${bad} 不是有效的质检结果文件`);
    await expect(buildManifest(packageDir, { date: '2026-02-30' })).rejects.toThrow('日期应为 YYYY-MM-DD：2026-02-30');
    const misnamed = join(tmp, 'misnamed');
    mkdirSync(misnamed, { recursive: true });
    renameSync(copyPackage(packageDir, misnamed), join(misnamed, '郊区'));
    const err = await buildManifest(join(misnamed, '郊区')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).localized('en')).toContain('the folder name should be the 6-digit county code followed by the county name');
  });

  it('names the folder it cannot read', async () => {
    const err = await buildManifest(join(tmp, 'nowhere', '340711郊区')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).localized('zh')).toMatch(/^无法读取目录 .*nowhere\/340711郊区（ENOENT）$/);
  });

  it('writes the manifest as two-space JSON with a final newline', () => {
    const text = renderManifest(manifest);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(manifest);
    expect(readFileSync(new URL('../../schema/manifest.schema.json', import.meta.url), 'utf8')).toContain('"$id"');
  });
});
