import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { summaryTables, type SummaryTableDef } from '@nyt2539/schema';
import { readSummaryTable, readUnitCodeTable, readXls, type SummaryRow } from '@nyt2539/checker';
import { writeSummaryXls, writeUnitCodeTableXls, XlsWriteError } from './summaryXls.js';
import { MINI_STREAM_CUTOFF } from './biffStream.js';

const fixtures = resolve(process.env.NYT2539_FIXTURES ?? '../shared/fixtures/real');
const work = mkdtempSync(join(tmpdir(), 'nyt2539-xls-write-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const county = { countyCode: '220581', countyName: '梅河口市' };

const units = [
  { code: '22058100000000', name: '吉林省通化市梅河口市' },
  { code: '22058110000000', name: '吉林省通化市梅河口市光明街道' },
  { code: '22058110000700', name: '吉林省通化市梅河口市光明街道白石沟村' },
  { code: '22058110000701', name: '吉林省通化市梅河口市光明街道白石沟村一组' },
];

/** Distinct figures per cell: counts are integers, areas have 2 decimals (one sum with float noise). */
function rowsFor(t: SummaryTableDef): SummaryRow[] {
  return units.map((u, i) => ({
    ...u,
    values: Object.fromEntries(t.columns.slice(2).map((c, j) => [c.key, c.kind === 'count' ? 10 * i + j : i === 0 && j === 0 ? 0.1 + 0.2 : i + j / 100 + 0.25])),
  }));
}

function expectedValue(v: number): number {
  return Math.round(v * 100) / 100;
}

describe('writeSummaryXls', () => {
  for (const t of summaryTables) {
    it(`${t.title}: header cells and merges as the real template; values round-trip`, () => {
      const path = join(work, `${county.countyCode}${county.countyName}${t.title}.xls`);
      const rows = rowsFor(t);
      writeSummaryXls(path, t.id, county, rows);

      const ours = readXls(path).sheets[0];
      const theirs = readXls(join(fixtures, 'xls', `${t.title}.xls`)).sheets[0];
      expect(ours.name).toBe(theirs.name);
      expect(new Set(ours.merges)).toEqual(new Set(theirs.merges));
      const header = (rows: readonly (readonly unknown[])[]) => Array.from({ length: t.layout.dataStartRow }, (_, r) => rows[r] ?? []);
      expect(header(ours.rows)).toEqual(header(theirs.rows));

      // column widths (COLINFO) as the template's
      const widths = (file: string) => {
        const cols = (XLSX.read(readFileSync(file), { type: 'buffer', cellStyles: true }).Sheets as Record<string, XLSX.WorkSheet>)[t.layout.sheetName]['!cols'];
        return Array.from({ length: t.columns.length }, (_, i) => cols?.[i]?.width ?? null);
      };
      expect(widths(path)).toEqual(widths(join(fixtures, 'xls', `${t.title}.xls`)));

      const read = readSummaryTable(path, t.id);
      expect(read.issues).toEqual([]);
      expect(read.rows.map((r) => ({ code: r.code, name: r.name, values: r.values }))).toEqual(
        rows.map((r) => ({ code: r.code, name: r.name, values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, expectedValue(v)])) })),
      );
      expect(read.rows[0].rowNumber).toBe(t.layout.dataStartRow + 1);
    });
  }

  it('writes codes as text cells, numbers as numbers with 0 / 0.00 formats', () => {
    const path = join(work, 'types.xls');
    writeSummaryXls(path, 'byCertificate', county, rowsFor(summaryTables.find((t) => t.id === 'byCertificate')!));
    const wb = XLSX.read(readFileSync(path), { type: 'buffer', dense: true, cellNF: true });
    const row = wb.Sheets[wb.SheetNames[0]]['!data']![4];
    expect(row[0]).toMatchObject({ t: 's', v: '22058100000000' });
    expect(row[1]).toMatchObject({ t: 's', v: '吉林省通化市梅河口市' });
    expect(row[2]).toMatchObject({ t: 'n', v: 0, z: '0_ ' });
    expect(row[5]).toMatchObject({ t: 'n', z: '0.00_ ' });
    expect(row[5]?.w).toBe('0.28 ');
    expect(wb.Sheets[wb.SheetNames[0]]['!data']![4][4]).toMatchObject({ t: 'n', v: 2 });
  });

  it('is deterministic: two writes give the same bytes', () => {
    const t = summaryTables[0];
    const a = join(work, 'det-a.xls');
    const b = join(work, 'det-b.xls');
    writeSummaryXls(a, t.id, county, rowsFor(t));
    writeSummaryXls(b, t.id, county, rowsFor(t));
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('gives the same bytes whatever SheetJS read or wrote before in the process', () => {
    const t = summaryTables.find((x) => x.id === 'byCertificate')!;
    const first = join(work, 'history-a.xls');
    const second = join(work, 'history-b.xls');
    writeSummaryXls(first, t.id, county, rowsFor(t));
    // another workbook with its own custom formats, read and written in between
    const other = XLSX.utils.aoa_to_sheet([[1.5, 2]]);
    other.A1.z = '#,##0.0000';
    other.B1.z = '0.0%';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, other, 'S');
    XLSX.read(XLSX.write(wb, { type: 'buffer', bookType: 'xls' }) as Buffer, { type: 'buffer' });
    XLSX.SSF.load('0.000_ ');
    writeSummaryXls(second, t.id, county, rowsFor(t));
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
  });

  it('is readable by an independent reader (GDAL XLS driver / FreeXL), also when small', () => {
    const path = join(work, 'gdal.xls');
    const t = summaryTables.find((x) => x.id === 'byBasicFarmland')!;
    writeSummaryXls(path, t.id, county, rowsFor(t).slice(0, 1));
    const cfb = XLSX.CFB.read(readFileSync(path), { type: 'buffer' }) as { FileIndex: { name: string; size: number }[] };
    expect(cfb.FileIndex.find((e) => e.name === 'Workbook')!.size).toBeGreaterThan(MINI_STREAM_CUTOFF);
    const csv = execFileSync('ogr2ogr', ['-f', 'CSV', '/vsistdout/', path, '--config', 'OGR_XLS_HEADERS', 'DISABLE'], { encoding: 'utf8' });
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[1]).toBe('按承包地是否基本农田汇总表,,,,');
    expect(lines[3]).toBe('权属单位代码,权属单位名称,基本农田面积,非基本农田面积,合计');
    // the 14-digit code comes through as a (quoted) string, not 2.20581E+13; 0.1 + 0.2 was stored as 0.3
    expect(lines[4]).toBe('"22058100000000",吉林省通化市梅河口市,"0.3","0.26","0.27"');
  });

  it('rejects bad rows with a located error and leaves no file behind', () => {
    const t = summaryTables.find((x) => x.id === 'byContractor')!;
    const path = join(work, 'bad.xls');
    const rows = rowsFor(t);
    const cases: [SummaryRow[], string, number | undefined, string | undefined][] = [
      [[rows[0], { ...rows[1], code: '2205811000000' }], 'badCode', 6, '权属单位代码'],
      [[{ ...rows[0], code: '31058100000000' }], 'outsideCounty', 5, '权属单位代码'],
      [[{ ...rows[0], name: ' ' }], 'emptyName', 5, '权属单位名称'],
      [[{ ...rows[0], values: { ...rows[0].values, CBNHS: 1.5 } }], 'notInteger', 5, '家庭承包/承包农户数量'],
      [[{ ...rows[0], values: { ...rows[0].values, GRCBZS: undefined as unknown as number } }], 'missingValue', 5, '其他方式承包/个人承包数量'],
    ];
    for (const [bad, problem, row, column] of cases) {
      let caught: unknown;
      try {
        writeSummaryXls(path, t.id, county, bad);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(XlsWriteError);
      const err = caught as XlsWriteError;
      expect([err.problem, err.row, err.column]).toEqual([problem, row, column]);
      expect(err.message).toContain(path);
      expect(err.localized('en')).toContain(`row ${row}`);
    }
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(work).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('writeUnitCodeTableXls', () => {
  it('writes the 权属单位代码表 that readUnitCodeTable reads back', () => {
    const path = join(work, '2205812016权属单位代码表.xls');
    writeUnitCodeTableXls(path, units, county);
    const read = readUnitCodeTable(path);
    expect(read.issues).toEqual([]);
    expect(read.sheet).toBe('权属单位代码表');
    expect(read.rows.map((r) => ({ code: r.code, name: r.name }))).toEqual(units);
    expect(read.rows[0].rowNumber).toBe(2);
    const csv = execFileSync('ogr2ogr', ['-f', 'CSV', '/vsistdout/', path, '--config', 'OGR_XLS_HEADERS', 'DISABLE'], { encoding: 'utf8' });
    expect(csv.trim().split(/\r?\n/)).toEqual(['Field1,Field2', '权属单位代码,权属单位名称', ...units.map((u) => `"${u.code}",${u.name}`)]);
  });
});
