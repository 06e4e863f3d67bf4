import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import XLSX from '@e965/xlsx';
import { validateFindingsDocument, type FindingsDocument } from '@nyt2539/checker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPackage } from '../../bundle/test-support.js';
import { launchChromium } from '../../reports/test-support.js';
import { runCli } from '../test-support.js';

const env = { NYT2539_DATE: '2026-12-03' };
const run = (...args: string[]) => runCli(args, { env, timeout: 600_000 });

let tmp: string;
let packageDir: string;
beforeAll(async () => {
  ({ tmp, packageDir } = await tinyPackage('sample-cli'));
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Rows of a sheet as arrays (SheetJS). */
function sheetRows(file: string, sheet: string): unknown[][] {
  const wb = XLSX.read(readFileSync(file));
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, { header: 1 });
}

describe('nyt2539 sample … --results … --findings', () => {
  it('puts the grade into findings.json, report.txt, 问题清单.xlsx and the 质检报告, keeping the cover the check was given', async () => {
    const out = join(tmp, 'check');
    const cover = ['--title', '郊区确权数据库质检报告', '--org', '某某测绘院', '--inspector', '张工'];
    const c = run('check', packageDir, '--out', out, '--reports', 'json,text,html,docx,xlsx', ...cover);
    expect([0, 1]).toContain(c.code);
    expect((JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as FindingsDocument).cover).toEqual({ title: '郊区确权数据库质检报告', org: '某某测绘院', inspector: '张工' });
    const before = readFileSync(join(out, 'findings.json'), 'utf8');

    // draw with the built-in (unverified) GB/T 24356-style table: one 乡镇, one batch
    const s = run('sample', packageDir, '--seed', '42', '--no-dossiers', '--out', join(tmp, 'sample'));
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toContain('未经核实');
    const sheetFile = join(tmp, 'sample', readdirSync(join(tmp, 'sample')).find((f) => f.endsWith('抽检核查表.xlsx'))!);
    // the supervisor fills the sheet in another program: every row 无误, one household's first row a B-class error
    const wb = XLSX.read(readFileSync(sheetFile));
    const ws = wb.Sheets['抽检核查表']!;
    const header = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[2] as string[];
    const col = XLSX.utils.encode_col(header.indexOf('核查结果'));
    const cbfCol = XLSX.utils.encode_col(header.indexOf('承包方编码'));
    const households = new Set<string>();
    for (let r = 4; ws[`${cbfCol}${r}`]; r++) {
      households.add(String(ws[`${cbfCol}${r}`]!.v));
      ws[`${col}${r}`] = { t: 's', v: r === 4 ? 'B类' : '无误' };
    }
    const n = households.size;
    expect(n).toBeGreaterThan(1);
    const filled = join(tmp, 'filled.xlsx');
    writeFileSync(filled, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

    const r = run('sample', '--results', filled, '--findings', out, '--acceptable', '50%');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('未经核实');
    expect(r.stderr).toContain(out);
    // one household of n at 100 − 12 = 88, the rest 100: the mean to one decimal
    const score = Math.round(((88 + 100 * (n - 1)) / n) * 10) / 10;
    const doc = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as FindingsDocument;
    expect(validateFindingsDocument(doc)).toEqual([]);
    expect(doc.acceptance).toMatchObject({ scheme: 'gbt24356', seed: 42, checked: n, erroneous: 1, score, grade: '优', passed: true, grading: { verified: false, source: 'built-in' } });
    expect(doc.cover).toEqual({ title: '郊区确权数据库质检报告', org: '某某测绘院', inspector: '张工' });
    expect({ ...doc, acceptance: undefined }).toEqual({ ...(JSON.parse(before) as FindingsDocument), acceptance: undefined });

    // report.txt: the rate and the grade under the header, with the unverified scheme named
    const txt = readFileSync(join(out, 'report.txt'), 'utf8');
    const gradeLine = txt.split('\n').find((l) => l.startsWith('抽检质量等级：'));
    expect(gradeLine).toContain(`优（平均 ${score} 分`);
    expect(gradeLine).toContain('未经核实');
    expect(txt.split('\n').find((l) => l.startsWith('抽检错误率：'))).toContain(`1/${n} 户有误`);

    // 问题清单.xlsx (SheetJS): the grade and the cover on the summary sheet
    const summary = sheetRows(join(out, '问题清单.xlsx'), '汇总');
    expect(String(summary[0]![0])).toContain('郊区确权数据库质检报告');
    const fact = (k: string) => String(summary.find((row) => row[0] === k)?.[1] ?? '');
    expect(fact('抽检质量等级')).toContain(`优（平均 ${score} 分`);
    expect(fact('抽检质量等级')).toContain('未经核实');
    expect(fact('质检单位')).toBe('某某测绘院');
    expect(fact('质检人')).toBe('张工');

    // the 质检报告 rendered again keeps the cover: DOCX through LibreOffice, HTML in chromium
    execFileSync('soffice', [`-env:UserInstallation=file://${join(tmp, 'lo')}`, '--headless', '--convert-to', 'txt:Text', '--outdir', join(tmp, 'lo-out'), join(out, '质检报告.docx')], { stdio: 'pipe', timeout: 180_000 });
    const docx = readFileSync(join(tmp, 'lo-out', '质检报告.txt'), 'utf8').replace(/\s+/g, '');
    for (const t of ['郊区确权数据库质检报告', '某某测绘院', '张工', `优（平均${score}分`, '未经核实']) expect(docx).toContain(t);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(out, '质检报告.html')}`);
      const text = (await page.innerText('body')).replace(/\s+/g, '');
      for (const t of ['郊区确权数据库质检报告', '某某测绘院', '张工', `抽检质量等级优（平均${score}分`]) expect(text).toContain(t);
    } finally {
      await browser.close();
    }

    // `report` renders the file again elsewhere with the recorded cover; a cover given anew replaces it
    const again = join(tmp, 'again');
    expect(run('report', join(out, 'findings.json'), '--out', again, '--format', 'json,xlsx').code).toBe(0);
    expect(sheetRows(join(again, '问题清单.xlsx'), '汇总').find((row) => row[0] === '质检单位')?.[1]).toBe('某某测绘院');
    const other = join(tmp, 'other');
    expect(run('report', join(out, 'findings.json'), '--out', other, '--format', 'json,xlsx', '--inspector', '李工').code).toBe(0);
    expect((JSON.parse(readFileSync(join(other, 'findings.json'), 'utf8')) as FindingsDocument).cover).toEqual({ title: '郊区确权数据库质检报告', org: '某某测绘院', inspector: '李工' });
    expect(sheetRows(join(other, '问题清单.xlsx'), '汇总').find((row) => row[0] === '质检人')?.[1]).toBe('李工');
  }, 900_000);

  it('results of another county, or a folder without findings.json, are one located line, exit 2, nothing changed', () => {
    const bad = run('sample', '--results', join(tmp, 'filled.xlsx'), '--findings', join(tmp, 'sample'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n').filter((l) => !l.startsWith('注意'))).toHaveLength(1);
    expect(bad.stderr).toContain('findings.json');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 300_000);
});
