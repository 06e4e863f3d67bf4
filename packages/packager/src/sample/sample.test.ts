import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { findingsDocument, rules, runCheck, validateFindingsDocument, type FindingsDocument } from '@nyt2539/checker';
import { LocalizedError } from '@nyt2539/schema';
import { launchChromium } from '../reports/test-support.js';
import { writeReports } from '../reports/index.js';
import { readBatchState, writeBatchState } from '../batch/run.js';
import type { CountyRecord } from '../batch/record.js';
import { join } from 'node:path';
import fc from 'fast-check';
import XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPackage } from '../bundle/test-support.js';
import {
  applyResultsToFindings,
  BUILTIN_GRADING,
  drawSample,
  loadGradingScheme,
  gbtBatches,
  gbtSampleSize,
  GBT24356_TABLE,
  gradeOf,
  applyResultsToProvince,
  importResults,
  percentSampleSize,
  stratumSampleSizes,
  unitScore,
  wilsonInterval,
  writeSample,
  type Household,
  type SampleOptions,
} from './index.js';

const household = (CBFBM: string, plots = 3): Household => ({
  CBFBM,
  CBFMC: '户',
  CBFZJHM: '',
  CBFDZ: '',
  LXDH: '',
  CBJYQZBM: '',
  CBHTBM: '',
  members: [],
  plots: Array.from({ length: plots }, (_, i) => ({ DKBM: `${CBFBM.slice(0, 14)}${String(i).padStart(5, '0')}`, DKMC: '', SCMJ: 1, SCMJM: 0, HTMJM: 0, DKDZ: '', DKNZ: '', DKXZ: '', DKBZ: '', DLDJ: '', SFJBNT: '' })),
});

/** Households spread over towns (CBFBM digits 7–9) and villages (10–12) with the given sizes. */
function county(sizes: readonly number[]): Household[] {
  return sizes.flatMap((n, s) => Array.from({ length: n }, (_, i) => household(`340711${String(101 + (s % 7)).padStart(3, '0')}${String(200 + Math.floor(s / 7)).padStart(3, '0')}01${String(i + 1).padStart(4, '0')}`)));
}

describe('sample sizes', () => {
  it('GB/T 24356 table: a stratum is one batch, over 200 split into equal batches whose table sizes add up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), (n) => {
        const batches = gbtBatches(n);
        expect(batches.reduce((a, b) => a + b, 0)).toBe(n);
        expect(Math.max(...batches) - Math.min(...batches)).toBeLessThanOrEqual(1);
        expect(Math.max(...batches)).toBeLessThanOrEqual(200);
        const expected = batches.reduce((s, b) => s + Math.min(b, GBT24356_TABLE.find(([max]) => b <= max)![1]), 0);
        expect(gbtSampleSize(n)).toBe(expected);
        expect(gbtSampleSize(n)).toBeGreaterThanOrEqual(Math.min(n, 3));
        expect(gbtSampleSize(n)).toBeLessThanOrEqual(n);
      }),
    );
    expect([1, 3, 20, 21, 59, 200, 201, 400, 401].map((n) => gbtSampleSize(n))).toEqual([1, 3, 3, 5, 7, 15, 11 + 10, 2 * 15, 3 * 12]);
  });

  it('percent: every stratum at least one household and the share, the county at least the minimum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 200 }), (sizes, pct, min) => {
        const share = pct / 100;
        const total = sizes.reduce((a, b) => a + b, 0);
        const n = stratumSampleSizes(sizes, { scheme: 'percent', share, min });
        n.forEach((k, i) => {
          const N = sizes[i]!;
          expect(k).toBe(percentSampleSize(N, total, share, min));
          expect(k).toBeGreaterThanOrEqual(1);
          expect(k).toBeLessThanOrEqual(N);
          expect(k).toBeGreaterThanOrEqual(Math.min(N, Math.ceil(N * share - 1e-9)));
        });
        expect(n.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(Math.min(min, total));
      }),
    );
    expect(percentSampleSize(200, 200, 0.05, 0)).toBe(10);
  });

  it('draws every stratum, the planned number in each, the same whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.boolean(), (sizes, seed, byTown) => {
        const hs = county(sizes);
        const options = { seed, by: byTown ? ('乡镇' as const) : ('村' as const), scheme: { scheme: 'gbt24356' as const, share: 0, min: 0 }, plotsPerHousehold: 2 };
        const a = drawSample(hs, new Map(), options);
        const b = drawSample([...hs].reverse(), new Map(), options);
        expect(b).toEqual(a);
        const codes = new Set(hs.map((h) => h.CBFBM.slice(0, byTown ? 9 : 12)));
        expect(a.strata.map((s) => s.code)).toEqual([...codes].sort());
        for (const s of a.strata) {
          expect(s.sampled.length).toBe(gbtSampleSize(s.size));
          expect(new Set(s.sampled.map((h) => h.CBFBM)).size).toBe(s.sampled.length);
          for (const h of s.sampled) expect(h.sampledPlots).toHaveLength(2);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('results arithmetic', () => {
  it('Wilson interval and GB/T 24356 scores', () => {
    // hand-worked: 3 of 30, z = 1.959964: centre (0.1 + 3.8415/60)/(1 + 3.8415/30) = 0.145405,
    // half-width 1.959964·√(0.1·0.9/30 + 3.8415/3600)/1.128051 = 0.110805 → [0.0346, 0.2562]
    const [lo, hi] = wilsonInterval(3, 30);
    expect(lo).toBeCloseTo(0.0346, 4);
    expect(hi).toBeCloseTo(0.2562, 4);
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(unitScore(BUILTIN_GRADING, { A: 0, B: 1, C: 2, D: 3 })).toBe(100 - 12 - 8 - 3);
    expect(unitScore(BUILTIN_GRADING, { A: 3, B: 0, C: 0, D: 0 })).toBe(0);
    expect([95, 90, 89.9, 75, 60, 59.9].map((x) => gradeOf(BUILTIN_GRADING, x))).toEqual(['优', '优', '良', '良', '合格', '不合格']);
  });
});

describe('grading schemes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nyt2539-grading-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the built-in scheme says it is unverified', () => {
    expect(BUILTIN_GRADING.verified).toBe(false);
    expect(BUILTIN_GRADING.name).toContain('未对照标准原文核实');
  });

  it('a YAML scheme replaces the table, deductions and cut-offs', () => {
    const file = join(dir, 'province.yaml');
    writeFileSync(
      file,
      ['name: 某省实施细则（已核对）', 'verified: true', 'sampleSizes: [[10, 2], [50, 6], [100, 9]]', 'maxBatch: 100', 'deductions: {A: 40, B: 10, C: 5, D: 2}', 'grades: {优: 92, 良: 80, 合格: 60}', ''].join('\n'),
    );
    const g = loadGradingScheme(file);
    expect(g).toMatchObject({ name: '某省实施细则（已核对）', verified: true, source: 'province.yaml', maxBatch: 100 });
    // 250 → three batches 84, 83, 83 → 9 each; 7 → 2 (≤ 10); 10 → 2; 11 → 6
    expect([250, 7, 10, 11, 2].map((n) => gbtSampleSize(n, g))).toEqual([27, 2, 2, 6, 2]);
    expect(stratumSampleSizes([250, 7], { scheme: 'gbt24356', share: 0, min: 0, grading: g })).toEqual([27, 2]);
    expect(unitScore(g, { A: 0, B: 1, C: 1, D: 1 })).toBe(83);
    expect([92, 91.9, 80, 79.9].map((x) => gradeOf(g, x))).toEqual(['优', '良', '良', '合格']);
  });

  it('a broken scheme file is one located message', () => {
    const cases: [string, RegExp][] = [
      ['name: x\nverified: yes please\n', /verified/],
      ['name: x\nverified: true\nsampleSizes: [[20, 3], [10, 5]]\nmaxBatch: 10\ndeductions: {A: 1, B: 1, C: 1, D: 1}\ngrades: {优: 90, 良: 75, 合格: 60}\n', /第 2 行/],
      ['name: x\nverified: true\nsampleSizes: [[20, 3]]\nmaxBatch: 20\ndeductions: {A: 1, B: 1, C: 1}\ngrades: {优: 90, 良: 75, 合格: 60}\n', /deductions/],
      ['name: x\nverified: true\nsampleSizes: [[20, 3]]\nmaxBatch: 20\ndeductions: {A: 1, B: 1, C: 1, D: 1}\ngrades: {优: 70, 良: 75, 合格: 60}\n', /优 ≥ 良 ≥ 合格/],
      ['name: [unclosed\n', /YAML/],
    ];
    for (const [i, [text, message]] of cases.entries()) {
      const file = join(dir, `bad-${i}.yaml`);
      writeFileSync(file, text);
      let err: unknown;
      try {
        loadGradingScheme(file);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(LocalizedError);
      expect((err as LocalizedError).message).toContain(file);
      expect((err as LocalizedError).message).toMatch(message);
    }
  });
});

describe('writeSample and importResults on a generated county', () => {
  let tmp: string;
  let packageDir: string;
  beforeAll(async () => {
    ({ tmp, packageDir } = await tinyPackage('sample'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const options: SampleOptions = { seed: 42, by: '乡镇', scheme: { scheme: 'percent', share: 0.5, min: 30 }, plotsPerHousehold: 2, mask: true, dossiers: true };

  it('same seed ⇒ identical files; the sheet (read by SheetJS) and dossiers (pdftotext) carry the seed and masked IDs', async () => {
    // the GB/T 24356 table: one stratum (乡镇) of 59 households → 7 households, 7 dossiers
    const gbt: SampleOptions = { ...options, scheme: { scheme: 'gbt24356', share: 0, min: 0 } };
    const a = await writeSample(packageDir, join(tmp, 'a'), gbt);
    const b = await writeSample(packageDir, join(tmp, 'b'), gbt);
    const c = await writeSample(packageDir, join(tmp, 'c'), { ...gbt, seed: 43, dossiers: false });
    expect(readFileSync(a.sheet)).toEqual(readFileSync(b.sheet));
    expect(readFileSync(a.json, 'utf8')).toBe(readFileSync(b.json, 'utf8'));
    expect(a.dossiers.map((p) => p.split('/').pop())).toEqual(b.dossiers.map((p) => p.split('/').pop()));
    for (const [i, p] of a.dossiers.entries()) expect(readFileSync(p)).toEqual(readFileSync(b.dossiers[i]!));
    const sampledA = a.sample.strata.flatMap((s) => s.sampled.map((h) => h.CBFBM));
    const sampledC = c.sample.strata.flatMap((s) => s.sampled.map((h) => h.CBFBM));
    expect(sampledA).toHaveLength(7);
    expect(sampledC).toHaveLength(7);
    expect(sampledC).not.toEqual(sampledA);
    expect(a.dossiers).toHaveLength(7);

    const wb = XLSX.read(readFileSync(a.sheet));
    const ws = wb.Sheets['抽检核查表']!;
    expect(String(ws.A1!.v)).toContain('随机种子 42');
    const rows = XLSX.utils.sheet_to_json<Record<string, string | number>>(ws, { range: 2 });
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['承包方编码', '证件号码', '家庭成员', '经营权证编号', '地块编码', '地块名称', '实测面积（平方米）', '东至', '北至']));
    expect(new Set(rows.map((r) => r['承包方编码'])).size).toBe(7);
    for (const r of rows) expect(String(r['证件号码'])).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(rows.every((r) => r['核查结果'] === undefined)).toBe(true);
    // pdftotext breaks long lines; compare without whitespace
    const text = execFileSync('pdftotext', [a.dossiers[0]!, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('随机种子：42');
    expect(text).toContain(a.sample.strata[0]!.sampled[0]!.CBFMC);
    expect(text).not.toContain(a.sample.strata[0]!.sampled[0]!.CBFZJHM);
    // the dossier embeds the shared CJK face as a subset with a Unicode map (pdffonts: emb sub uni)
    const fonts = execFileSync('pdffonts', [a.dossiers[0]!], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f).toMatch(/^[A-Z]{6}\+NotoSansCJK\S* +CID Type 0C/);
      expect(f.split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    }
    expect(readdirSync(join(tmp, 'c')).some((f) => f.endsWith('抽检档案'))).toBe(false);
    // the sketch map of each sampled household, drawn by the build's renderer from the DK outlines
    expect(a.sketches).toHaveLength(7);
    for (const [i, p] of a.sketches.entries()) expect(readFileSync(p)).toEqual(readFileSync(b.sketches[i]!));
    const sketch = execFileSync('pdftotext', [a.sketches[0]!, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(sketch).toContain('地块示意图');
    expect(sketch).toContain(a.sample.strata[0]!.sampled[0]!.CBFBM);
    expect(sketch).not.toContain(a.sample.strata[0]!.sampled[0]!.CBFZJHM);
  }, 300_000);

  it('imports a sheet filled by another program: rate, interval and verdict as worked out by hand', async () => {
    // 59 households, percent scheme: max(50%, 30/59) → ⌈29.5⌉ = 30
    const { sheet, sample } = await writeSample(packageDir, join(tmp, 'fill'), { ...options, dossiers: false });
    expect(sample.strata[0]!.sampled).toHaveLength(30);
    const wb = XLSX.read(readFileSync(sheet));
    const ws = wb.Sheets['抽检核查表']!;
    const header = (XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[2] as string[]);
    const col = XLSX.utils.encode_col(header.indexOf('核查结果'));
    const households = sample.strata.flatMap((s) => s.sampled.map((h) => h.CBFBM));
    // households 1 and 2: a C-class error on their first row; household 3: an A-class error; every other row 无误
    const bad = new Map([[households[0], 'C类'], [households[1], 'C类'], [households[2], 'A类']]);
    const seen = new Set<string>();
    const cbfCol = XLSX.utils.encode_col(header.indexOf('承包方编码'));
    for (let r = 4; ws[`${cbfCol}${r}`]; r++) {
      const cbf = String(ws[`${cbfCol}${r}`]!.v);
      const v = bad.has(cbf) && !seen.has(cbf) ? bad.get(cbf)! : '无误';
      seen.add(cbf);
      ws[`${col}${r}`] = { t: 's', v };
    }
    const filled = join(tmp, 'filled.xlsx');
    writeFileSync(filled, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const res = await importResults(filled, { acceptableRate: 0.05 });
    expect(res.seed).toBe(42);
    // 3 of 30 households wrong: 10%, Wilson 95% [3.46%, 25.62%] (hand-worked in the test above); 10% > 5% → fail
    expect(res.overall).toMatchObject({ checked: 30, erroneous: 3 });
    expect(res.overall.rate).toBeCloseTo(0.1, 10);
    expect(res.overall.interval[0]).toBeCloseTo(0.0346, 4);
    expect(res.overall.interval[1]).toBeCloseTo(0.2562, 4);
    expect(res.strata).toHaveLength(1);
    expect(res.classes).toEqual({ A: 1, B: 0, C: 2, D: 0 });
    expect(res.passed).toBe(false);
    expect((await importResults(filled, { acceptableRate: 0.1 })).passed).toBe(true);

    // into a province overview: the county's record and batch.json carry it, province.xlsx shows it
    const province = join(tmp, 'province');
    const record: CountyRecord = {
      format: 'nyt2539-batch-county', formatVersion: 1, input: packageDir, bundleHash: 'h', ruleSetVersion: 'v', toolVersion: 't',
      dir: '340711郊区', rootName: '340711郊区', verdict: 'passed', integrity: { status: 'none', missing: [], extra: [], changed: [] },
      errors: 0, warnings: 0, byGroup: {}, records: 1, plots: 1, seconds: 1,
    };
    mkdirSync(join(province, '340711郊区'), { recursive: true });
    writeBatchState(province, [record]);
    await applyResultsToProvince(province, res, 'zh');
    const overview = XLSX.read(readFileSync(join(province, 'province.xlsx')));
    const row = XLSX.utils.sheet_to_json<Record<string, string>>(overview.Sheets[overview.SheetNames[0]!]!)[0]!;
    expect([row['抽检错误率'], row['95% 置信区间'], row['抽检结论']]).toEqual(['10.0%', '3.5%–25.6%', '不合格']);
    expect(readBatchState(province)!.records[0]!.sample).toMatchObject({ checked: 30, erroneous: 3, passed: false, seed: 42 });
  });

  it('grades a GB/T 24356 sample: mean household score and grade', async () => {
    const { sheet, sample } = await writeSample(packageDir, join(tmp, 'gbt'), { ...options, scheme: { scheme: 'gbt24356', share: 0, min: 0 }, dossiers: false });
    const wb = XLSX.read(readFileSync(sheet));
    const ws = wb.Sheets['抽检核查表']!;
    const header = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[2] as string[];
    const col = XLSX.utils.encode_col(header.indexOf('核查结果'));
    const cbfCol = XLSX.utils.encode_col(header.indexOf('承包方编码'));
    const rowsOf = new Map<string, number[]>();
    for (let r = 4; ws[`${cbfCol}${r}`]; r++) {
      const cbf = String(ws[`${cbfCol}${r}`]!.v);
      rowsOf.set(cbf, [...(rowsOf.get(cbf) ?? []), r]);
      ws[`${col}${r}`] = { t: 's', v: '无误' };
    }
    expect(rowsOf.size).toBe(sample.strata[0]!.sampled.length);
    // 7 households; one with two plot rows gets a B-class and a D-class error → 100 − 12 − 1 = 87;
    // the rest 100: mean (87 + 6·100)/7 = 98.14 → 98.1, 优; 1 of 7 households wrong = 14.3%
    const [r1, r2] = [...rowsOf.values()].find((rows) => rows.length >= 2)!;
    ws[`${col}${r1}`] = { t: 's', v: 'B类' };
    ws[`${col}${r2}`] = { t: 's', v: 'D类' };
    const filled = join(tmp, 'gbt-filled.xlsx');
    writeFileSync(filled, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const res = await importResults(filled, { acceptableRate: 0.2 });
    expect(res.overall).toMatchObject({ checked: 7, erroneous: 1 });
    expect(res.classes).toEqual({ A: 0, B: 1, C: 0, D: 1 });
    expect([res.score, res.grade, res.passed]).toEqual([98.1, '优', true]);
    // the sheet records the scheme it was drawn with, and says the built-in one is unverified
    expect(res.grading).toMatchObject({ verified: false, source: 'built-in' });
    const info = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['抽样说明']!, { header: 1 });
    expect(info.find((r) => r[0] === '评分方案已核实')?.[1]).toMatch(/^否/);
    expect(String(info.find((r) => r[0] === '评分方案')?.[1])).toContain('未经核实');

    // a stricter scheme given at import: B = 20 → 100 − 20 − 1 = 79 → mean (79 + 600)/7 = 97.0; 优 from 98 → 良
    const strict = join(tmp, 'strict.yaml');
    writeFileSync(strict, 'name: 严格方案\nverified: true\nsampleSizes: [[200, 7]]\nmaxBatch: 200\ndeductions: {A: 42, B: 20, C: 4, D: 1}\ngrades: {优: 98, 良: 75, 合格: 60}\n');
    const res2 = await importResults(filled, { acceptableRate: 0.2, grading: loadGradingScheme(strict) });
    expect([res2.score, res2.grade, res2.grading?.verified, res2.grading?.name]).toEqual([97, '良', true, '严格方案']);

    // into the county's findings.json and its 质检报告 (DOCX read by LibreOffice + poppler, HTML by chromium)
    const check = await runCheck(packageDir, { rules: rules.filter((r) => r.meta.group === 'layout') });
    const reportDir = join(tmp, 'county-report');
    const original = findingsDocument(check.info, check.summary, check.findings, { mask: true, checkedAt: '2026-12-03' });
    await writeReports(original, reportDir, { lang: 'zh', formats: ['json', 'html', 'docx'] });
    const files = await applyResultsToFindings(reportDir, res, 'zh');
    expect(files.map((f) => f.split('/').pop()).sort()).toEqual(['findings.json', '质检报告.docx', '质检报告.html']);
    const doc = JSON.parse(readFileSync(join(reportDir, 'findings.json'), 'utf8')) as FindingsDocument;
    expect(validateFindingsDocument(doc)).toEqual([]);
    expect(doc.acceptance).toMatchObject({ scheme: 'gbt24356', seed: 42, checked: 7, erroneous: 1, grade: '优', score: 98.1, passed: true, grading: { verified: false } });
    expect({ ...doc, acceptance: undefined }).toEqual(JSON.parse(JSON.stringify({ ...original, acceptance: undefined })));
    const profile = join(tmp, 'lo-profile');
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', reportDir, join(reportDir, '质检报告.docx')], { stdio: 'pipe', timeout: 180_000 });
    const docx = execFileSync('pdftotext', [join(reportDir, '质检报告.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(docx).toContain('抽检质量等级');
    expect(docx).toContain('优（平均98.1分');
    expect(docx).toContain('未经核实');
    expect(docx).toContain('14.29%');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(reportDir, '质检报告.html')}`);
      const text = (await page.innerText('body')).replace(/\s+/g, '');
      expect(text).toContain('抽检质量等级优（平均98.1分');
      expect(text).toContain('未经核实');
    } finally {
      await browser.close();
    }
    // results of another county are refused, the file left as it was
    const before = readFileSync(join(reportDir, 'findings.json'));
    await expect(applyResultsToFindings(reportDir, { ...res, rootName: '220581梅河口市' }, 'zh')).rejects.toThrow(/属于 340711/);
    expect(readFileSync(join(reportDir, 'findings.json'))).toEqual(before);
  }, 300_000);
});
