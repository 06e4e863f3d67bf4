import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFindingsDocument, type FindingsDocument } from '@nyt2539/checker';
import { runCli } from '../test-support.js';

const root = resolve(import.meta.dirname, '../../../../..');
const fixtures = process.env.NYT2539_FIXTURES ?? resolve(root, '../shared/fixtures/real');

function run(...args: string[]) {
  return runCli(args);
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nyt2539-check-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A county folder holding only the real Access template as its ownership database. */
function templatePackage(): string {
  const pkg = join(tmp, 'tpl', '220581梅河口市');
  for (const dir of ['矢量数据', '权属数据', '汇总表格', '图件', '其他资料/权属来源附件', '其他资料/点之记']) mkdirSync(join(pkg, dir), { recursive: true });
  copyFileSync(join(fixtures, 'access', '权属数据-template-jet4.mdb'), join(pkg, '权属数据', '2205812016.mdb'));
  return pkg;
}

describe('nyt2539 check', () => {
  it('exits 2 with one located line, no stack, when the input does not exist', () => {
    const missing = join(tmp, 'nowhere', '220581梅河口市');
    const zh = run('check', missing);
    expect(zh.code).toBe(2);
    expect(zh.stderr.trim()).toBe(`找不到输入：${missing}`);
    const en = run('check', missing, '--lang', 'en');
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`input not found: ${missing}`);
    expect(en.stderr).not.toMatch(/\n\s+at /);
  });

  it('validates --limit and the --out folder before the check (one line, exit 2, the previous result kept)', () => {
    const r = run('check', join(tmp, 'nowhere'), '--limit=abc');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('--limit 应为正整数或 all，实际为“abc”');
    const previous = join(tmp, 'previous');
    mkdirSync(previous, { recursive: true });
    writeFileSync(join(previous, 'report.txt'), 'earlier');
    const again = run('check', templatePackage(), '--out', previous);
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toBe(`输出目录 ${previous} 中已有上次的结果（report.txt）；加 --force 覆盖，或换一个目录`);
    expect(readFileSync(join(previous, 'report.txt'), 'utf8')).toBe('earlier');
  });

  it('prints the default profile, which is accepted back as --profile', () => {
    const r = run('check', '--print-profile');
    expect(r.code).toBe(0);
    const file = join(tmp, 'default-profile.json');
    writeFileSync(file, r.stdout);
    expect(JSON.parse(r.stdout).rules['values/whitespace']).toEqual({ severity: 'error' });
    const none = run('check', '--profile', file);
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe('请指定要检查的汇交成果文件夹或 .zip');
  });

  it('exits 2 on an invalid profile, naming the file and the rule', () => {
    const profile = join(tmp, 'bad-profile.json');
    writeFileSync(profile, JSON.stringify({ rules: { 'values/no-such-rule': 'off' } }));
    const r = run('check', templatePackage(), '--profile', profile);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`质检方案文件 ${profile}：未知规则 values/no-such-rule`);
  });

  it('checks a package built on the real Access template: accepts its structure, reports what is missing, writes valid findings.json', () => {
    const pkg = templatePackage();
    const out = join(tmp, 'out-tpl');
    const r = run('check', pkg, '--out', out, '--format', 'json', '--limit', '5');
    expect(r.code).toBe(1);
    const doc = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as FindingsDocument;
    expect(validateFindingsDocument(doc)).toEqual([]);
    expect(r.stdout).toBe(readFileSync(join(out, 'findings.json'), 'utf8'));
    expect(doc).toMatchObject({ format: 'nyt2539-findings', passed: false, masked: true, package: { rootName: '220581梅河口市', county: '220581', countyName: '梅河口市', year: '2016' } });
    // the template's own physical types (Decimal, DateTime, Memo, Text sizes) are never a finding
    expect(doc.findings.filter((f) => f.ruleId.startsWith('structure/field-'))).toEqual([]);
    const missingLayers = doc.findings.filter((f) => f.ruleId === 'structure/table-missing').map((f) => f.location.table);
    expect(missingLayers).toEqual(['DK', 'JBNTBHQ', 'JZD', 'JZX', 'KZD', 'QYJX', 'XJXZQ']);
    expect(doc.findings.filter((f) => f.ruleId === 'layout/required-files').map((f) => f.location.file)).toEqual(
      expect.arrayContaining(['权属数据/2205812016权属单位代码表.xls', '矢量数据/SL2205812016.xml']),
    );
    expect(doc.summary.byGroup[0]).toMatchObject({ group: 'layout', title: { zh: '目录与文件' } });
    const report = readFileSync(join(out, 'report.txt'), 'utf8');
    expect(report).toContain('检查类别');
    expect(report.trimEnd().endsWith('结论：不通过')).toBe(true);
    // deterministic: same input, same bytes
    const again = run('check', pkg, '--format', 'json');
    expect(again.stdout).toBe(r.stdout);
  });

  it('--eol crlf writes findings.json and report.txt with CRLF line ends; the text terminal shows no JSON', () => {
    const pkg = templatePackage();
    const lf = join(tmp, 'out-lf');
    const crlf = join(tmp, 'out-crlf');
    const a = run('check', pkg, '--out', lf, '--reports', 'json,text', '--date', '2026-12-03');
    const b = run('check', pkg, '--out', crlf, '--reports', 'json,text', '--date', '2026-12-03', '--eol', 'crlf');
    expect([a.code, b.code]).toEqual([1, 1]);
    const json = readFileSync(join(crlf, 'findings.json'), 'utf8');
    expect(json.replaceAll('\r\n', '\n')).toBe(readFileSync(join(lf, 'findings.json'), 'utf8'));
    expect(json.split('\n').length).toBeGreaterThan(20);
    expect(json.split('\n').slice(0, -1).every((line) => line.endsWith('\r'))).toBe(true);
    expect(validateFindingsDocument(JSON.parse(json))).toEqual([]);
    expect(readFileSync(join(crlf, 'report.txt'), 'utf8')).toBe(readFileSync(join(lf, 'report.txt'), 'utf8').replaceAll('\n', '\r\n'));
    // --format text (the default): the terminal has the text report, not the JSON
    expect(b.stdout).toContain('检查类别');
    expect(b.stdout).not.toContain('"formatVersion"');
  });

  it('a profile can switch rules off and lower severities', () => {
    const pkg = templatePackage();
    const profile = join(tmp, 'lenient.json');
    writeFileSync(profile, JSON.stringify({ rules: { 'structure/table-missing': 'off', 'layout/required-files': 'warning' } }));
    const r = run('check', pkg, '--profile', profile, '--format', 'json', '--no-mask');
    const doc = JSON.parse(r.stdout) as FindingsDocument;
    expect(doc.masked).toBe(false);
    expect(doc.findings.some((f) => f.ruleId === 'structure/table-missing')).toBe(false);
    expect(doc.findings.filter((f) => f.ruleId === 'layout/required-files').every((f) => f.severity === 'warning')).toBe(true);
    expect(r.code).toBe(doc.passed ? 0 : 1);
  });

  it('a generated valid package raises nothing in the structure and value categories; exit code follows the verdict', () => {
    const gen = run('gen', '--scale', 'tiny', '--out', join(tmp, 'gen'));
    expect(gen.code).toBe(0);
    const out = join(tmp, 'out-gen');
    const r = run('check', join(tmp, 'gen', '340711郊区'), '--out', out, '--lang', 'en');
    const doc = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as FindingsDocument;
    expect(validateFindingsDocument(doc)).toEqual([]);
    expect(doc.findings.filter((f) => ['layout', 'structure', 'values'].includes(f.group))).toEqual([]);
    expect(r.code).toBe(doc.passed ? 0 : 1);
    expect(r.stdout).toContain('Category');
    expect(r.stdout.trimEnd()).toMatch(/Result: (PASSED|FAILED)$/);
  });

  it('finds defects written into a real DBF, read through the real loader, at the right record and field', () => {
    const pkg = join(tmp, 'mutated', '340711郊区');
    cpSync(join(tmp, 'gen', '340711郊区'), pkg, { recursive: true });
    const dbfPath = join(pkg, '矢量数据', 'DK3407112016.dbf');
    const dbf = readFileSync(dbfPath);
    patchDbf(dbf, 1, 'DKMC', 'A B');
    patchDbf(dbf, 2, 'SCMJ', '0.00');
    patchDbf(dbf, 3, 'DLDJ', '99');
    writeFileSync(dbfPath, dbf);
    const r = run('check', pkg, '--format', 'json');
    const doc = JSON.parse(r.stdout) as FindingsDocument;
    const mine = doc.findings.filter((f) => ['layout', 'structure', 'values'].includes(f.group));
    expect(mine.map((f) => [f.ruleId, f.location.file, f.location.record, f.location.field, f.actual])).toEqual([
      ['values/code-domain', '矢量数据/DK3407112016.shp', 3, 'DLDJ', '99'],
      ['values/range', '矢量数据/DK3407112016.shp', 2, 'SCMJ', 0],
      ['values/whitespace', '矢量数据/DK3407112016.shp', 1, 'DKMC', 'A B'],
    ]);
    expect(r.code).toBe(1);
  });

  it('finds defects in an .mdb written by the packager, read back through the real loader', () => {
    const csv = join(tmp, 'csv');
    mkdirSync(csv, { recursive: true });
    const header = 'CBFBM,CBFLX,CBFMC,CBFZJLX,CBFZJHM,CBFDZ,YZBM,LXDH,CBFCYSL,CBFDCRQ,CBFDCY,CBFDCJS,GSJS,GSJSR,GSSHRQ,GSSHR';
    const good = ['220581100007010001', '1', '张三', '1', '220581198001011234', '梅河口市光明街道白石沟村', '135000', '13812345678', '1', '2016-03-01', '王五', '', '', '赵六', '2016-04-01', '钱七'];
    const row = (changes: Record<number, string>) => good.map((v, i) => changes[i] ?? v).join(',');
    writeFileSync(join(csv, 'CBF.csv'), [header, row({}), row({ 0: '220581100007010002', 2: '李四 ' }), row({ 0: '220581100007010003', 1: '7' }), row({ 0: '220581100007010004', 6: '1350' })].join('\n'));
    const pkg = join(tmp, 'mdbpkg', '220581梅河口市');
    mkdirSync(join(pkg, '权属数据'), { recursive: true });
    const made = run('mdb', 'create', join(pkg, '权属数据', '2205812016.mdb'), '--from', csv, '--no-validate');
    expect(made.code).toBe(0);
    const r = run('check', pkg, '--format', 'json');
    const doc = JSON.parse(r.stdout) as FindingsDocument;
    const values = doc.findings.filter((f) => f.group === 'values' && f.location.table === 'CBF');
    expect(values.map((f) => [f.ruleId, f.location.record, f.location.field, f.actual, f.location.keys?.CBFBM])).toEqual([
      ['values/code-domain', 3, 'CBFLX', '7', '220581100007010003'],
      ['values/format', 4, 'YZBM', '1350', '220581100007010004'],
      ['values/whitespace', 2, 'CBFMC', '李四 ', '220581100007010002'],
    ]);
    expect(doc.findings.filter((f) => f.ruleId.startsWith('structure/field-'))).toEqual([]);
  });
});

/** Overwrites one field of one record in place (dBase III layout: 32-byte descriptors, values padded to width). */
function patchDbf(dbf: Buffer, record: number, field: string, text: string): void {
  const headerLength = dbf.readUInt16LE(8);
  const recordLength = dbf.readUInt16LE(10);
  let offset = 1;
  for (let p = 32; dbf[p] !== 0x0d; p += 32) {
    const name = dbf.subarray(p, p + 11).toString('latin1').replace(/\0.*$/, '');
    const width = dbf[p + 16];
    if (name === field) {
      const numeric = String.fromCharCode(dbf[p + 11]) === 'N';
      const value = numeric ? text.padStart(width, ' ') : text.padEnd(width, ' ');
      dbf.write(value, headerLength + (record - 1) * recordLength + offset, width, 'latin1');
      return;
    }
    offset += width;
  }
  throw new Error(`no field ${field}`);
}
