import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules, validateFindingsDocument, type FindingsDocument } from '@nyt2539/checker';
import { validateManifest, type Manifest } from './manifest.js';
import { packSubmission, reportPathsFor } from './pack.js';
import { copyPackage, tinyPackage } from './test-support.js';

let tmp: string;
let packageDir: string;
// the layout rules are enough to tell a package with errors from one without, and run in a second
const layoutRules = rules.filter((r) => r.meta.group === 'layout');

beforeAll(async () => {
  ({ tmp, packageDir } = await tinyPackage('pack'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const zipManifest = (zip: string): Manifest => JSON.parse(execFileSync('unzip', ['-p', zip, '340711郊区/manifest.json'], { encoding: 'utf8' })) as Manifest;

describe('packSubmission', () => {
  it('checks, then packs a package without errors; the manifest records the verdict, the findings sit beside the zip', async () => {
    const zip = join(tmp, 'ok', '340711郊区.zip');
    const progress: string[] = [];
    const r = await packSubmission(packageDir, zip, {
      check: { rules: layoutRules },
      date: '2026-11-29',
      onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`),
    });
    expect(r.refused).toBe(false);
    const n = r.manifest!.files.length;
    expect(progress).toHaveLength(2 * n);
    expect([progress[0], progress[n - 1], progress[n], progress[2 * n - 1]]).toEqual([`manifest 1/${n}`, `manifest ${n}/${n}`, `zip 1/${n}`, `zip ${n}/${n}`]);
    expect(r.check.summary.errors).toBe(0);
    expect(existsSync(zip)).toBe(true);
    expect(r.findingsPath).toBe(join(tmp, 'ok', '340711郊区.findings.json'));
    expect(r.reportPath).toBe(join(tmp, 'ok', '340711郊区.report.txt'));
    const findings = readJson<FindingsDocument>(r.findingsPath);
    expect(validateFindingsDocument(findings)).toEqual([]);
    expect(findings).toMatchObject({ passed: true, masked: true, package: { rootName: '340711郊区' } });
    expect(readFileSync(r.reportPath, 'utf8')).toContain('质检报告：340711郊区');
    const m = zipManifest(zip);
    expect(validateManifest(m)).toEqual([]);
    expect(m).toEqual(r.manifest);
    expect(m.date).toBe('2026-11-29');
    expect(m.check).toMatchObject({ passed: true, forced: false, errors: 0, rulesRun: layoutRules.length });
    expect(r.bundle?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a package with errors (no .mdb) without --force: no zip, but the findings are written', async () => {
    const copy = copyPackage(packageDir, join(tmp, 'no-mdb'));
    rmSync(join(copy, '权属数据', '3407112016.mdb'));
    const zip = join(tmp, 'no-mdb-out', 'bundle.zip');
    const r = await packSubmission(copy, zip, { check: { rules: layoutRules } });
    expect(r.refused).toBe(true);
    expect(r.bundle).toBeUndefined();
    expect(r.check.summary.errors).toBeGreaterThan(0);
    expect(readdirSync(join(tmp, 'no-mdb-out')).sort()).toEqual(['bundle.findings.json', 'bundle.report.txt', 'bundle.reports']);
    // a refused package still gets its reports: they say what to fix
    expect(readdirSync(join(tmp, 'no-mdb-out', 'bundle.reports'))).toContain('问题清单.xlsx');
    const findings = readJson<FindingsDocument>(r.findingsPath);
    expect(findings.passed).toBe(false);
    expect(findings.findings.some((f) => f.severity === 'error' && JSON.stringify(f).includes('3407112016.mdb'))).toBe(true);
  });

  it('packs it with force, recording that it was forced and the error counts', async () => {
    const copy = copyPackage(packageDir, join(tmp, 'forced'));
    rmSync(join(copy, '权属数据', '3407112016.mdb'));
    const zip = join(tmp, 'forced-out', 'bundle.zip');
    const r = await packSubmission(copy, zip, { check: { rules: layoutRules }, force: true });
    expect(r.refused).toBe(false);
    const m = zipManifest(zip);
    expect(m.check).toMatchObject({ passed: false, forced: true, errors: r.check.summary.errors, warnings: r.check.summary.warnings });
    expect(m.check!.errors).toBeGreaterThan(0);
    expect(m.files.some((f) => f.path.endsWith('.mdb'))).toBe(false);
  });

  it('stops before the check on a bad folder, date or output', async () => {
    await expect(packSubmission(join(tmp, 'nowhere', '340711郊区'), join(tmp, 'x.zip'))).rejects.toThrow(/^找不到文件夹：.*nowhere/);
    await expect(packSubmission(packageDir, join(tmp, 'x.zip'), { date: '29.11.2026' })).rejects.toThrow('日期应为 YYYY-MM-DD：29.11.2026');
    await expect(packSubmission(packageDir, join(tmp, 'x.tar'))).rejects.toThrow('输出文件名应以 .zip 结尾');
    await expect(packSubmission(packageDir, join(packageDir, '文字报告', 'x.zip'))).rejects.toThrow('不能位于被打包的文件夹');
    await expect(packSubmission(join(packageDir, '矢量数据'), join(tmp, 'x.zip'))).rejects.toThrow('文件夹名称应为“6位县级区划代码+县名”');
    expect(existsSync(join(tmp, 'x.zip'))).toBe(false);
  });

  it('puts the findings beside the zip, named after it', () => {
    expect(reportPathsFor('/a/b/340711郊区-2026.ZIP')).toEqual({
      findingsPath: '/a/b/340711郊区-2026.findings.json',
      reportPath: '/a/b/340711郊区-2026.report.txt',
      reportsDir: '/a/b/340711郊区-2026.reports',
    });
  });
});
