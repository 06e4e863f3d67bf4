import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFindingsDocument, type FindingsDocument } from '@nyt2539/checker';
import { packSubmission } from '../../bundle/pack.js';
import { tinyPackage } from '../../bundle/test-support.js';
import { runCli } from '../test-support.js';


function run(...args: string[]) {
  return runCli(args);
}

let tmp: string;
let zip: string;
let findings: FindingsDocument;
beforeAll(async () => {
  const t = await tinyPackage('verify-cli');
  tmp = t.tmp;
  zip = join(tmp, 'out', '340711郊区.zip');
  const r = await packSubmission(t.packageDir, zip, { force: true });
  findings = JSON.parse(readFileSync(r.findingsPath, 'utf8')) as FindingsDocument;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('nyt2539 verify', () => {
  it('verifies a fresh bundle: the manifest check passes; the exit code is the checker\'s verdict', () => {
    const r = run('verify', zip, '--limit', '3');
    expect(r.code).toBe(findings.passed ? 0 : 1);
    expect(r.stdout.split('\n')[0]).toMatch(/^清单核对：通过（\d+ 个文件与清单一致）$/);
    expect(r.stdout).toContain('质检报告：340711郊区');
    const json = run('verify', zip, '--format', 'json', '--lang', 'en');
    const doc = JSON.parse(json.stdout) as { passed: boolean; integrity: { ok: boolean }; check: FindingsDocument };
    expect(doc.integrity.ok).toBe(true);
    expect(doc.passed).toBe(findings.passed);
    expect(doc.check.summary.errors).toBe(findings.summary.errors);
  });

  it('names each missing and changed file (exit 1), in English with --lang en', () => {
    const dir = join(tmp, 'received');
    execFileSync('unzip', ['-q', zip, '-d', dir]);
    const pkg = join(dir, '340711郊区');
    rmSync(join(pkg, '汇总表格', '340711郊区按地块汇总表.xls'));
    execFileSync('sh', ['-c', 'printf x >> "$1"', 'sh', join(pkg, '矢量数据', 'SL3407112016.xml')]);
    const r = run('verify', dir, '--lang', 'en', '--limit', '1');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    // one overall verdict combining integrity and the re-check, never the re-check's own "PASSED"
    expect(r.stdout).not.toContain('Result: PASSED');
    expect(lines.filter((l) => /result:/i.test(l))).toEqual([expect.stringMatching(/^Overall result: FAILED \(manifest check failed/)]);
    expect(lines[0]).toBe('manifest check: FAILED (1 missing, 0 extra, 1 changed files)');
    expect(lines).toContain('  missing: 汇总表格/340711郊区按地块汇总表.xls (in the manifest, not received)');
    expect(lines.some((l) => l.startsWith('  changed: 矢量数据/SL3407112016.xml (manifest '))).toBe(true);
  });

  it('compares what the manifest claims with its own re-check and says where they differ', () => {
    const dir = join(tmp, 'claims');
    execFileSync('unzip', ['-q', zip, '-d', dir]);
    const manifestPath = join(dir, '340711郊区', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    expect(manifest.check.toolVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.check.ruleSetVersion).toContain('+');
    expect(manifest.check.profile).toMatchObject({ default: true, deviations: [] });
    expect(manifest.check.byRule.length).toBe(findings.summary.rulesRun);
    const agree = run('verify', dir, '--limit', '1');
    expect(agree.stdout).toContain('清单声明与复检一致');
    // a packer claiming a clean pass with another rule set
    manifest.check = { ...manifest.check, passed: true, forced: false, errors: 0, ruleSetVersion: '0.0.0+000000000000', byRule: manifest.check.byRule.slice(1) };
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const r = run('verify', dir, '--limit', '1');
    expect(r.stdout).toContain('清单声明与复检不符');
    if (!findings.passed) expect(r.stdout).toContain('  结论：清单称通过，复检不通过');
    expect(r.stdout).toMatch(/ {2}运行的规则数：清单 \d+，复检 \d+ \(\+[a-z]+\/[a-z-]+\)/);
    expect(r.stdout).toContain('  规则集版本：清单 0.0.0+000000000000，复检 ');
  });

  it('--out writes integrity.json, findings.json and report.txt, and refuses to overwrite them without --force', () => {
    const out = join(tmp, 'verify-out');
    const r = run('verify', zip, '--out', out, '--limit', 'all');
    expect(r.code).toBe(findings.passed ? 0 : 1);
    const integrity = JSON.parse(readFileSync(join(out, 'integrity.json'), 'utf8'));
    expect(integrity).toMatchObject({ format: 'nyt2539-verify', passed: findings.passed, integrity: { ok: true }, claims: [] });
    expect(integrity.verdict).toMatch(/^总结论：/);
    const doc = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as FindingsDocument;
    expect(validateFindingsDocument(doc)).toEqual([]);
    expect(doc.summary.errors).toBe(findings.summary.errors);
    expect(readFileSync(join(out, 'report.txt'), 'utf8')).toContain(integrity.verdict);
    const again = run('verify', zip, '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toBe(`输出目录 ${out} 中已有上次的结果（integrity.json、findings.json、report.txt）；加 --force 覆盖，或换一个目录`);
    expect(run('verify', zip, '--out', out, '--force').code).toBe(findings.passed ? 0 : 1);
  });

  it('exits 2 with one line for an input that is not there or not a zip', () => {
    const missing = join(tmp, 'nowhere.zip');
    const r = run('verify', missing);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`找不到输入：${missing}`);
    const notZip = join(tmp, 'out', '340711郊区.report.txt');
    const n = run('verify', notZip, '--lang', 'en');
    expect(n.code).toBe(2);
    expect(n.stderr.trim().split('\n')).toHaveLength(1);
    expect(n.stderr).toContain('340711郊区.report.txt: not a readable zip file, or damaged');
  });
});
