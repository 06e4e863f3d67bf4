/**
 * The provincial batch end to end on five generated inputs: a clean bundle, a county with seeded defects, a
 * tampered bundle, an unreadable zip and a byte-identical duplicate. Each county runs in its own process; the
 * overview is read back by SheetJS (xlsx) and by Chromium (html), and its counts are compared with each county's
 * findings.json. The rules are narrowed to three categories that see the seeded defects, to keep the test short.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import XLSX from '@e965/xlsx';
import { launchChromium } from '../../packages/packager/src/reports/test-support.js';
import { rules, type FindingsDocument } from '@nyt2539/checker';
import { generatePackage } from '@nyt2539/packager';
import { packSubmission, runBatch, writeOverview, type BatchEvent, type CountyRecord } from '@nyt2539/packager';

const groups = ['layout', 'values', 'logic'];
const layoutRules = rules.filter((r) => r.meta.group === 'layout');
let base: string;
let inDir: string;
let out: string;
const tamperedFile = '权属数据/3208262016.mdb';

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'nyt2539-batch-'));
  inDir = join(base, 'in');
  out = join(base, 'out');
  mkdirSync(inDir);
  const [clean, defects, other] = await Promise.all([
    generatePackage({ scale: 'tiny', seed: 1, outDir: join(base, 'g1') }),
    generatePackage({ scale: 'tiny', seed: 2, county: '220581', defects: 'seed', outDir: join(base, 'g2') }),
    generatePackage({ scale: 'tiny', seed: 3, county: '320826', outDir: join(base, 'g3') }),
  ]);
  await packSubmission(clean.packageDir, join(inDir, 'a-clean.zip'), { check: { rules: layoutRules } });
  for (const f of readdirSync(inDir)) if (!f.endsWith('.zip')) rmSync(join(inDir, f), { recursive: true });
  execFileSync('cp', ['-r', defects.packageDir, join(inDir, '220581梅河口市')]);
  // a bundle whose .mdb was changed after packing, re-zipped by Info-ZIP
  const t = join(base, 't');
  await packSubmission(other.packageDir, join(t, 'bundle.zip'), { check: { rules: layoutRules } });
  execFileSync('unzip', ['-q', join(t, 'bundle.zip'), '-d', join(t, 'x')]);
  appendFileSync(join(t, 'x', '320826涟水县', ...tamperedFile.split('/')), Buffer.from([0]));
  execFileSync('zip', ['-qr', join(inDir, 'c-tampered.zip'), '320826涟水县'], { cwd: join(t, 'x') });
  writeFileSync(join(inDir, 'd-broken.zip'), Buffer.from('PK this is not a zip archive'));
  copyFileSync(join(inDir, 'a-clean.zip'), join(inDir, 'e-duplicate.zip'));
}, 300_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

const inputs = (): string[] => readdirSync(inDir).sort().map((f) => join(inDir, f));
const doc = (dir: string): FindingsDocument => JSON.parse(readFileSync(join(out, dir, 'findings.json'), 'utf8')) as FindingsDocument;

describe('nyt2539 batch', () => {
  let records: readonly CountyRecord[];

  it('stops cleanly when interrupted: finished counties kept, nothing half-written', async () => {
    const abort = new AbortController();
    const r = await runBatch(inputs(), {
      out, jobs: 1, lang: 'zh', mask: true, groups, signal: abort.signal,
      onEvent: (e) => e.type === 'county-done' && !e.skipped && abort.abort(),
    });
    expect(r.interrupted).toBe(true);
    expect(r.checked).toBe(1);
    const dirs = readdirSync(out).sort();
    expect(dirs).toEqual(['220581梅河口市']);
    expect(readdirSync(join(out, '220581梅河口市'))).toEqual(expect.arrayContaining(['county.json', 'findings.json', 'report.txt', '质检报告.html', '质检报告.docx', '问题清单.xlsx']));
  });

  it('resumes: checks the other counties, each in its own process, and records every input', async () => {
    const events: BatchEvent[] = [];
    const r = await runBatch(inputs(), { out, jobs: 2, lang: 'zh', mask: true, groups, onEvent: (e) => events.push(e) });
    expect(r.interrupted).toBe(false);
    expect([r.checked, r.skipped]).toEqual([3, 1]);
    records = r.records;
    expect(records.map((x) => [x.input.split('/').pop(), x.dir, x.verdict])).toEqual([
      ['220581梅河口市', '220581梅河口市', 'failed'],
      ['a-clean.zip', '340711郊区', 'passed'],
      ['c-tampered.zip', '320826涟水县', 'failed'],
      ['d-broken.zip', 'd-broken', 'unreadable'],
      ['e-duplicate.zip', '340711郊区', 'duplicate'],
    ]);
    expect(events.some((e) => e.type === 'county-progress' && e.progress.phase === 'rules')).toBe(true);
    const [defects, clean, tampered, broken, dup] = records;
    expect(defects!.errors).toBeGreaterThan(0);
    expect(clean!.errors).toBe(0);
    expect(clean!.integrity.status).toBe('ok');
    expect(defects!.integrity.status).toBe('none');
    expect(tampered!.integrity).toMatchObject({ status: 'failed', changed: [tamperedFile], missing: [], extra: [] });
    expect(broken!.reason!.zh).toMatch(/^d-broken\.zip：不是可读的 zip 文件/);
    expect(dup!.reason!.zh).toContain('a-clean.zip');
    expect(clean!.plots).toBeGreaterThan(100);
    expect(clean!.records).toBeGreaterThan(clean!.plots);
    expect(existsSync(join(out, '.staging'))).toBe(false);
  });

  it('writes the overview; its counts equal the county findings files (read by SheetJS)', async () => {
    const { xlsx, html } = await writeOverview(out, records, 'zh');
    const wb = XLSX.read(readFileSync(xlsx));
    const rows = XLSX.utils.sheet_to_json<Record<string, string | number>>(wb.Sheets[wb.SheetNames[0]!]!);
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r['结论'])).toEqual(['不通过', '通过', '不通过', '无法检查', '重复', '1 通过，2 不通过，1 无法检查，1 重复']);
    for (const [i, r] of records.entries()) {
      if (r.verdict === 'unreadable') continue;
      const d = doc(r.dir);
      expect(rows[i]!['错误']).toBe(d.summary.errors);
      expect(rows[i]!['警告']).toBe(d.summary.warnings);
      for (const g of d.summary.byGroup) {
        expect(rows[i]![`${g.title.zh} 错误`]).toBe(g.errors);
        expect(rows[i]![`${g.title.zh} 警告`]).toBe(g.warnings);
      }
    }
    expect(rows[2]!['完整性']).toBe(`被改动: ${tamperedFile}`);
    expect(rows[3]!['说明']).toMatch(/不是可读的 zip 文件/);
    const counted = records.filter((r) => r.verdict !== 'duplicate' && r.verdict !== 'unreadable');
    expect(rows[5]!['错误']).toBe(counted.reduce((n, r) => n + doc(r.dir).summary.errors, 0));
    expect(rows[5]!['检查地块数']).toBe(counted.reduce((n, r) => n + r.plots, 0));

    // the page in a real browser: one row per county, links to the county reports, sortable
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`file://${html}`);
      expect(await page.locator('tbody tr').count()).toBe(5);
      const link = await page.locator('tbody tr').nth(1).locator('a').getAttribute('href');
      expect(link).toBe(encodeURI('340711郊区/质检报告.html'));
      expect(existsSync(join(out, decodeURI(link!)))).toBe(true);
      await page.locator('th', { hasText: /^错误$/ }).click();
      await page.locator('th', { hasText: /^错误/ }).first().click();
      const errorsDesc = await page.locator('tbody tr td:nth-child(6)').allTextContents();
      expect(errorsDesc.map(Number)).toEqual([...errorsDesc.map(Number)].sort((a, b) => b - a));
      expect(await page.locator('tfoot td').first().textContent()).toBe('合计');
    } finally {
      await browser.close();
    }
  });

  it('skips unchanged counties on a re-run', async () => {
    const r = await runBatch(inputs(), { out, jobs: 2, lang: 'zh', mask: true, groups });
    expect([r.checked, r.skipped]).toEqual([0, 4]);
    expect(r.records.map((x) => x.verdict)).toEqual(records.map((x) => x.verdict));
  });
});
