import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { validateFindingsDocument, type FindingsDocument } from '@nyt2539/checker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, fbfCodeOf, parseReportFormats, reportFileNames, writeReports, type ReportDocument } from './index.js';
import { findingGeometry } from './formats/map.js';
import { L } from './text.js';
import { ogrinfo, tinyFindings } from './test-support.js';

let tmp: string;
let doc: FindingsDocument;

beforeAll(async () => {
  ({ tmp, doc } = await tinyFindings('reports'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sheetRows(wb: XLSX.WorkBook, name: string): unknown[][] {
  return XLSX.utils.sheet_to_json(wb.Sheets[name] as XLSX.WorkSheet, { header: 1, defval: '' });
}

/** The rows of a count table on the summary sheet, found by its header, up to the 合计 row. */
function countTable(rows: unknown[][], head: string, total: string): [string, number, number, number][] {
  const start = rows.findIndex((r) => r[0] === head);
  expect(start).toBeGreaterThanOrEqual(0);
  const out: [string, number, number, number][] = [];
  for (let i = start + 1; i < rows.length && rows[i][0] !== total; i++) out.push(rows[i].slice(0, 4) as [string, number, number, number]);
  return out;
}

describe('findings context', () => {
  it('is valid against the schema and names what the reports need', () => {
    expect(validateFindingsDocument(doc)).toEqual([]);
    const c = doc.context!;
    expect(c.records.find((r) => r.table === 'DK')?.count).toBeGreaterThan(0);
    expect(Object.keys(c.names.fbf).length).toBeGreaterThan(0);
    expect(Object.keys(c.names.towns).every((k) => k.length === 9)).toBe(true);
    expect(c.crs?.epsg).toBe(4527);
    expect(c.outlines.map((o) => o.level)).toContain('CJQY');
  });
});

describe.each(['zh', 'en'] as const)('reports (%s)', (lang) => {
  let out: string;
  beforeAll(async () => {
    out = join(tmp, `out-${lang}`);
    await writeReports(doc, out, { lang, formats: ['json', 'text', 'xlsx', 'geojson', 'shp'], xlsxRowsPerSheet: 15 });
  });

  it('the Excel list: summary numbers equal findings.json, every finding on its category sheet, continued past the row limit', () => {
    const path = join(out, reportFileNames(['xlsx'], lang)[0]);
    const wb = XLSX.read(readFileSync(path));
    const summary = sheetRows(wb, L.summarySheet[lang]);
    const byGroup = countTable(summary, L.category[lang], L.total[lang]);
    expect(byGroup).toEqual(doc.summary.byGroup.map((g) => [g.title[lang], g.errors, g.warnings, g.errors + g.warnings]));
    const totalRow = summary.find((r, i) => r[0] === L.total[lang] && i > summary.findIndex((x) => x[0] === L.category[lang]));
    expect(totalRow?.slice(1, 4)).toEqual([doc.summary.errors, doc.summary.warnings, doc.summary.errors + doc.summary.warnings]);
    // per 责任单位 and per 乡镇 tables add up to the listed findings
    const listedErrors = doc.findings.filter((f) => f.severity === 'error').length;
    for (const head of [L.fixedByCol[lang], L.town[lang], L.village[lang]]) {
      const rows = countTable(summary, head, L.total[lang]);
      expect(rows.reduce((n, r) => n + r[1], 0)).toBe(listedErrors);
      expect(rows.reduce((n, r) => n + r[3], 0)).toBe(doc.findings.length);
    }
    expect(summary.some((r) => r[0] === L.masked[lang])).toBe(true);

    const findingSheets = wb.SheetNames.slice(1);
    let rows = 0;
    for (const name of findingSheets) {
      const data = sheetRows(wb, name);
      const header = data[0] as string[];
      for (const col of [L.file, L.table, L.record, L.keys, L.field, L.actual, L.expected, L.town, L.village, L.fbf, L.fixedByCol, L.requirement, L.fixState, L.fixer, L.closedOn]) {
        expect(header).toContain(col[lang]);
      }
      expect(data.length - 1).toBeLessThanOrEqual(15);
      expect(wb.Sheets[name]['!autofilter']?.ref).toMatch(/^A1:/);
      rows += data.length - 1;
      // the rule column and message match the finding with that number
      for (const r of data.slice(1)) {
        const f = doc.findings.filter((x) => x.group === doc.findings.find((y) => y.ruleId === r[header.indexOf(L.rule[lang])])?.group);
        expect(f.length).toBeGreaterThan(0);
      }
    }
    expect(rows).toBe(doc.findings.length);
    expect(findingSheets.some((n) => / \(2\)$/.test(n))).toBe(true);
  });

  it('GeoJSON in the package CRS and in EPSG:4490, read by GDAL', () => {
    const [projected, lonLat] = reportFileNames(['geojson'], lang).map((n) => join(out, n));
    const located = doc.findings.filter((f) => findingGeometry(f)).length;
    expect(located).toBeGreaterThan(0);
    const info = ogrinfo(projected, '-so');
    expect(info).toContain(`Feature Count: ${located}`);
    expect(info).toMatch(/CGCS2000 \/ 3-degree Gauss-Kruger zone 39/);
    const ll = ogrinfo(lonLat);
    expect(ll).toContain(`Feature Count: ${located}`);
    const first = /POINT \(([\d.]+) ([\d.]+)\)/.exec(ll);
    expect(Number(first?.[1])).toBeGreaterThan(117);
    expect(Number(first?.[1])).toBeLessThan(119);
    expect(Number(first?.[2])).toBeGreaterThan(30);
    expect(Number(first?.[2])).toBeLessThan(32);
    const f = doc.findings.find((x) => findingGeometry(x))!;
    expect(ll).toContain(`RULEID (String) = ${f.ruleId}`);
    expect(ll).toContain(`MESSAGE (String) = ${f.message[lang]}`);
  });

  it('the GBK shapefiles: points, and boxes as polygons, with Chinese attributes', () => {
    const [pt, box] = reportFileNames(['shp'], lang).map((n) => join(out, n));
    const points = doc.findings.filter((f) => findingGeometry(f)?.type === 'Point').length;
    const boxes = doc.findings.filter((f) => findingGeometry(f)?.type === 'Polygon').length;
    const p = ogrinfo(pt);
    expect(p).toContain(`Feature Count: ${points}`);
    expect(p).toContain('Geometry: Point');
    const b = ogrinfo(box);
    expect(b).toContain(`Feature Count: ${boxes}`);
    expect(b).toContain('Geometry: Polygon');
    expect(readFileSync(pt.replace(/\.shp$/, '.cpg'), 'utf8')).toBe('GBK');
    const model = buildModel(doc as unknown as ReportDocument, { lang });
    const f = doc.findings.find((x) => findingGeometry(x)?.type === 'Point')!;
    expect(p).toContain(`FIXEDBY (String) = ${model.fixedBy(f)}`);
    if (lang === 'zh') expect(p).toMatch(/SEVERITY \(String\) = (错误|警告)/);
  });

  it('text and JSON reports render the same document', () => {
    expect(JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(doc)));
    const text = readFileSync(join(out, 'report.txt'), 'utf8');
    expect(text).toContain(doc.passed ? (lang === 'zh' ? '结论：通过' : 'PASSED') : lang === 'zh' ? '结论：不通过' : 'FAILED');
  });
});

describe('registry', () => {
  it('same document, same bytes', async () => {
    const a = join(tmp, 'same-a');
    const b = join(tmp, 'same-b');
    await writeReports(doc, a, { formats: ['xlsx', 'shp', 'geojson'] });
    await writeReports(doc, b, { formats: ['xlsx', 'shp', 'geojson'] });
    for (const name of ['问题清单.xlsx', '问题点.shp', '问题点.dbf', '问题图层.geojson']) expect(readFileSync(join(a, name)).equals(readFileSync(join(b, name)))).toBe(true);
  });

  it('an unknown --format is one message naming the known ones', () => {
    expect(() => parseReportFormats('xlsx,pdf')).toThrow(/pdf.*xlsx/);
    expect(parseReportFormats('xlsx, geojson')).toEqual(['xlsx', 'geojson']);
  });

  it('an unmasked document says so in the Excel list', async () => {
    const unmasked = { ...doc, masked: false };
    const out = join(tmp, 'unmasked');
    await writeReports(unmasked, out, { formats: ['xlsx'] });
    const wb = XLSX.read(readFileSync(join(out, '问题清单.xlsx')));
    expect(sheetRows(wb, '汇总').some((r) => r[0] === L.unmasked.zh)).toBe(true);
  });
});

describe.each(['zh', 'en'] as const)('the DOCX 质检报告 (%s), converted by LibreOffice', (lang) => {
  let text: string;
  let docx: ReportDocument;
  beforeAll(async () => {
    // one 发包方 name with XML's special characters and a control character (as a damaged table could hold)
    const names = doc.context!.names;
    const odd = fbfCodeOf(doc.findings.find((f) => fbfCodeOf(f) && names.fbf[fbfCodeOf(f)])!);
    docx = { ...doc, context: { ...doc.context!, names: { ...names, fbf: { ...names.fbf, [odd]: 'A&B<村>\u0001"甲"' } } } } as unknown as ReportDocument;
    const out = join(tmp, `docx-${lang}`);
    const [path] = (await writeReports(docx, out, { lang, formats: ['docx'], org: '某某测绘院', inspector: '张三', docxRows: 20 }))[0].files;
    const again = join(tmp, `docx-${lang}-again`);
    const [same] = (await writeReports(docx, again, { lang, formats: ['docx'], org: '某某测绘院', inspector: '张三', docxRows: 20 }))[0].files;
    expect(readFileSync(same).equals(readFileSync(path))).toBe(true);
    const profile = mkdtempSync(join(tmpdir(), 'nyt2539-lo-'));
    try {
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, path], { stdio: 'pipe', timeout: 120_000 });
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    text = execFileSync('pdftotext', ['-layout', path.replace(/\.docx$/, '.pdf'), '-'], { encoding: 'utf8' });
  });

  it('states the verdict, the versions and the official category table with the numbers of findings.json', () => {
    expect(text).toMatch(new RegExp(`${L.verdict[lang]}\\s+${doc.passed ? L.passed[lang] : L.failed[lang]}`));
    expect(text).toContain(doc.context!.records.find((r) => r.table === 'DK')!.count.toString());
    expect(text).toContain('某某测绘院');
    for (const g of doc.summary.byGroup) {
      expect(text).toMatch(new RegExp(`^\\s*${g.title[lang]}\\s+${g.errors}\\s+${g.warnings}\\s*$`, 'm'));
    }
    expect(text).toMatch(new RegExp(`^\\s*${L.total[lang]}\\s+${doc.summary.errors}\\s+${doc.summary.warnings}\\s*$`, 'm'));
    const model = buildModel(docx, { lang });
    expect(model.byFbf.some((r) => r.label === 'A&B<村>\u0001"甲"')).toBe(true);
    expect(text).toContain('A&B<村>"甲"');
    // the per-乡镇/村/发包方 rows are written from one row template each: every row, label and number as the model has them
    for (const rows of [model.byFixedBy, model.byTown, model.byVillage, model.byFbf]) {
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(text).toMatch(new RegExp(`^\\s*${r.label.replace(/\u0001/g, '').replace(/[()[\]\\.*+?^$|{}]/g, '\\$&')}\\s+${r.errors}\\s+${r.warnings}\\s*$`, 'm'));
    }
    expect(text).not.toContain('NYT2539ROW');
    expect(text).toContain(lang === 'zh' ? '共 ' + doc.findings.length + ' 条' : `of ${doc.findings.length}`);
    expect(text).toContain(L.masked[lang]);
  });
});

describe('the 整改要求 column of a cross-table finding', () => {
  it('gives the side to keep (trust) instead of "应为 <the other side>"', () => {
    const f = doc.findings.find((x) => x.expected !== undefined && x.expected !== null)!;
    expect(f).toBeDefined();
    const trust = { zh: '成员表齐全则将 CBFCYSL 改为 2；若漏录成员，改成员表而不改 CBFCYSL', en: 'if the member list is complete, set CBFCYSL to 2; else correct the member list' };
    const withTrust = { ...doc, findings: [{ ...f, trust }] };
    for (const lang of ['zh', 'en'] as const) {
      const model = buildModel(withTrust as unknown as ReportDocument, { lang });
      const text = model.requirement(model.doc.findings[0]!);
      expect(text).toContain(trust[lang]);
      expect(text).not.toContain(lang === 'zh' ? `应为 ${String(f.expected)}` : `expected ${String(f.expected)}`);
      const plain = buildModel(doc as unknown as ReportDocument, { lang });
      expect(plain.requirement({ ...f } as never)).toContain(String(f.expected));
    }
  });
});
