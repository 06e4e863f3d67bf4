import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingsDocument } from '@nyt2539/checker';
import { copyPackage, tinyPackage } from '../../bundle/test-support.js';
import { runCli } from '../test-support.js';

const root = resolve(import.meta.dirname, '../../../../..');

function run(...args: string[]) {
  return runCli(args);
}

let tmp: string;
let packageDir: string;
beforeAll(async () => {
  ({ tmp, packageDir } = await tinyPackage('pack-cli'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('nyt2539 pack', () => {
  it('exits 2 with one located line, no stack, for a folder not named <county code><name>', () => {
    const misnamed = join(tmp, 'misnamed', '郊区');
    renameSync(copyPackage(packageDir, join(tmp, 'misnamed')), misnamed);
    const zh = run('pack', misnamed);
    expect(zh.code).toBe(2);
    expect(zh.stderr.trim()).toBe(`${misnamed}：文件夹名称应为“6位县级区划代码+县名”（如 220581梅河口市），实际为“郊区”`);
    const en = run('pack', misnamed, '--lang', 'en', '--date', '2026-11-29');
    expect(en.code).toBe(2);
    expect(en.stderr.trim().split('\n')).toHaveLength(1);
    expect(en.stderr).toContain('the folder name should be the 6-digit county code');
    expect(run('pack', packageDir, '--date', 'tomorrow').stderr.trim()).toBe('日期应为 YYYY-MM-DD：tomorrow');
  });

  it('refuses (exit 1) a package without its .mdb, writing the findings but no zip', () => {
    const copy = copyPackage(packageDir, join(tmp, 'no-mdb'));
    rmSync(join(copy, '权属数据', '3407112016.mdb'));
    const out = join(tmp, 'no-mdb-out', 'b.zip');
    const r = run('pack', copy, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/质检发现 \d+ 个错误，未打包（查看 .*b\.report\.txt；确需打包请加 --force）/);
    expect(readdirSync(join(tmp, 'no-mdb-out')).sort()).toEqual(['b.findings.json', 'b.report.txt', 'b.reports']);
  });

  it('packs beside the folder by default; --force and --date are recorded in the manifest', () => {
    const r = run('pack', packageDir, '--force', '--date', '2026-11-29');
    const zip = join(tmp, 'gen', '340711郊区.zip');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^已打包 ${zip}（\\d+ 个条目，\\d+ 字节，sha256 [0-9a-f]{64}）\\n$`));
    expect(existsSync(zip)).toBe(true);
    const findings = JSON.parse(readFileSync(join(tmp, 'gen', '340711郊区.findings.json'), 'utf8')) as FindingsDocument;
    const manifest = JSON.parse(spawnSync('unzip', ['-p', zip, '340711郊区/manifest.json'], { encoding: 'utf8' }).stdout) as {
      date: string;
      check: { passed: boolean; forced: boolean; errors: number };
    };
    expect(manifest.date).toBe('2026-11-29');
    expect(manifest.check).toMatchObject({ passed: findings.passed, forced: !findings.passed, errors: findings.summary.errors });
    if (!findings.passed) expect(r.stderr).toContain(`注意：质检有 ${findings.summary.errors} 个错误，已按 --force 强制打包`);
  });

  it('never calls a package checked with rules off 通过 without 非默认质检方案: stderr, report and manifest say so', () => {
    const probe = join(tmp, 'probe.zip');
    run('pack', packageDir, '--out', probe);
    const found = JSON.parse(readFileSync(join(tmp, 'probe.findings.json'), 'utf8')) as FindingsDocument;
    expect(found.profile).toMatchObject({ default: true, deviations: [] });
    // switch off every rule that found an error, and lower one more rule
    const off = found.summary.byRule.filter((r) => r.errors > 0).map((r) => r.ruleId);
    const profile = join(tmp, 'lenient.json');
    writeFileSync(profile, JSON.stringify({ rules: { ...Object.fromEntries(off.map((id) => [id, 'off'])), 'layout/root-name': 'warning' } }));
    const out = join(tmp, 'lenient', 'b.zip');
    const r = run('pack', packageDir, '--out', out, '--profile', profile, '--date', '2026-11-29');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/注意：按非默认质检方案质检（\d+ 项与默认不同，方案指纹 [0-9a-f]{16}）/);
    expect(r.stderr).toContain('  - layout/root-name 级别由错误改为警告');
    expect(r.stderr).toContain('质检结论：通过（非默认质检方案）');
    const report = readFileSync(join(tmp, 'lenient', 'b.report.txt'), 'utf8');
    expect(report).toContain('质检方案：非默认质检方案');
    expect(report.trimEnd().split('\n').at(-1)).toBe('结论：通过（非默认质检方案）');
    expect(report).not.toMatch(/^结论：通过$/m);
    const manifest = JSON.parse(spawnSync('unzip', ['-p', out, '340711郊区/manifest.json'], { encoding: 'utf8' }).stdout) as { check: { profile: { default: boolean; deviations: { ruleId?: string; kind: string }[] } } };
    expect(manifest.check.profile.default).toBe(false);
    const deviations = manifest.check.profile.deviations;
    expect(deviations).toContainEqual(expect.objectContaining({ ruleId: 'layout/root-name', kind: 'severity', from: 'error', to: 'warning' }));
    for (const ruleId of off.filter((id) => id !== 'layout/root-name')) expect(deviations).toContainEqual(expect.objectContaining({ ruleId, kind: 'off' }));
    expect(deviations).toHaveLength(new Set([...off, 'layout/root-name']).size);
  });

  it('warns about Office/OS junk, never blocks on it, and leaves it out of the zip (saying so)', () => {
    const copy = copyPackage(packageDir, join(tmp, 'junk'));
    const junk = ['汇总表格/~$340711郊区按地块汇总表.xls', '图件/Thumbs.db', '.DS_Store', '__MACOSX/._a', '权属数据/3407112016.ldb', '权属数据/3407112016.laccdb'];
    for (const j of junk) {
      mkdirSync(dirname(join(copy, j)), { recursive: true });
      writeFileSync(join(copy, j), 'x');
    }
    const out = join(tmp, 'junk-out', 'j.zip');
    const r = run('pack', copy, '--out', out, '--force');
    expect(r.code).toBe(0);
    const findings = JSON.parse(readFileSync(join(tmp, 'junk-out', 'j.findings.json'), 'utf8')) as FindingsDocument;
    const junkFindings = findings.findings.filter((f) => f.messageId === 'junk');
    expect(junkFindings.map((f) => [f.severity, f.location.file]).sort()).toEqual(
      ['.DS_Store', '__MACOSX', ...junk.filter((j) => !j.startsWith('.') && !j.startsWith('__'))].sort().map((f) => ['warning', f]),
    );
    // junk is never an error of any rule
    expect(findings.findings.filter((f) => f.severity === "error" && junk.some((j) => (f.location.file ?? "").includes(j.split("/").pop()!))).map((f) => `${f.ruleId} ${f.location.file} ${f.message.en}`)).toEqual([]);
    expect(r.stderr).toContain('已排除 6 个 Office/系统临时文件（未打包）');
    const listing = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8' }).stdout;
    for (const j of junk) expect(listing).not.toContain(j.split('/').pop());
  });
});
