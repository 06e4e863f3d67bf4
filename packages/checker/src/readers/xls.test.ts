import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { summaryTables } from '@nyt2539/schema';
import { issueMessage } from './issues.js';
import { readSummaryTable, readUnitCodeTable, readXls, XlsReadError } from './xls.js';
import { xlsIssueCodes } from './xls-issues.js';

const fixtures = resolve(process.env.NYT2539_FIXTURES ?? '../shared/fixtures/real');
const template = (title: string): string => join(fixtures, 'xls', `${title}.xls`);
const work = mkdtempSync(join(tmpdir(), 'nyt2539-xls-read-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeBook(name: string, build: (wb: XLSX.WorkBook) => void, bookType: XLSX.BookType = 'xls'): string {
  const wb = XLSX.utils.book_new();
  build(wb);
  const path = join(work, name);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
  return path;
}

function expectReadError(path: string, problem: string, opts = {}): XlsReadError {
  let caught: unknown;
  try {
    readXls(path, opts);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(XlsReadError);
  const err = caught as XlsReadError;
  expect(err.problem).toBe(problem);
  expect(err.message).toContain(path);
  expect(err.localized('en')).toContain(path);
  return err;
}

describe('schema summaryTables layouts equal the real SII templates', () => {
  for (const t of summaryTables) {
    it(`${t.title}: header cells and merges`, () => {
      const sheet = readXls(template(t.title)).sheets[0];
      expect(sheet.name).toBe(t.layout.sheetName);
      expect(new Set(sheet.merges)).toEqual(new Set(t.layout.merges));
      const headerCells: { ref: string; text: string }[] = [];
      sheet.rows.slice(0, t.layout.dataStartRow).forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null && v !== '') headerCells.push({ ref: XLSX.utils.encode_cell({ r, c }), text: String(v) });
        }),
      );
      const byRef = (a: { ref: string }, b: { ref: string }) => (a.ref < b.ref ? -1 : 1);
      expect(headerCells.sort(byRef)).toEqual([...t.layout.cells].sort(byRef));
    });
  }
});

describe('readSummaryTable', () => {
  it('reads the sample rows of 按权证信息汇总表 with their row numbers', () => {
    const read = readSummaryTable(template('按权证信息汇总表'), 'byCertificate');
    expect(read.issues).toEqual([]);
    expect(read.rows).toHaveLength(6);
    expect(read.rows[0]).toEqual({
      rowNumber: 5,
      code: '22058100000000',
      name: '吉林省通化市梅河口市',
      values: { BFQZSL: 30, JTCBQZS: 24, QTCBQZS: 6, BFQZMJ: 152.27 },
    });
    expect(read.rows[5].code).toBe('22058110000703');
    expect(read.rows[5].values.BFQZMJ).toBe(73.1);
  });

  it('reads every empty template without layout issues', () => {
    for (const t of summaryTables) {
      const read = readSummaryTable(template(t.title), t.id);
      expect(read.issues.filter((i) => i.code !== 'xls-extra-sheets'), t.title).toEqual([]);
    }
  });

  it('locates layout problems: moved header, wrong header text, numeric code, text numbers, missing merges', () => {
    const path = writeBook('bad-layout.xls', (wb) => {
      const ws = XLSX.utils.aoa_to_sheet([
        [],
        ['按承包地是否基本农田汇总表'],
        ['单位:亩'],
        ['权属单位代码', '权属单位名称', '基本农田', '非基本农田面积', '合计'],
        [22058100000000, '吉林省通化市梅河口市', '1.50', 2, 3.5, 'x'],
        ['2205810000', '', 'abc', null, 1],
      ]);
      XLSX.utils.book_append_sheet(wb, ws, '汇总表');
    });
    const read = readSummaryTable(path, 'byBasicFarmland');
    const codes = read.issues.map((i) => `${i.code}@${i.record}:${i.field ?? ''}`);
    expect(codes).toEqual([
      'xls-header-moved@4:',
      'xls-header-mismatch@4:C4',
      'xls-merge-missing@2:A2:E2',
      'xls-merge-missing@3:A3:E3',
      'xls-code-not-text@5:权属单位代码',
      'xls-value-as-text@5:C5',
      'xls-extra-cell@5:F5',
      'xls-code-format@6:权属单位代码',
      'xls-name-empty@6:权属单位名称',
      'xls-value-not-number@6:C6',
      'xls-value-missing@6:D6',
    ]);
    expect(read.rows.map((r) => [r.rowNumber, r.code, r.values])).toEqual([
      [5, '22058100000000', { JBNTMJ: 1.5, FJBNTMJ: 2, JBNTMJHJ: 3.5 }],
      [6, '2205810000', { JBNTMJ: null, FJBNTMJ: null, JBNTMJHJ: 1 }],
    ]);
    const mismatch = read.issues.find((i) => i.code === 'xls-header-mismatch')!;
    expect(mismatch.file).toBe(path);
    expect(mismatch.table).toBe('按承包地是否基本农田汇总表');
    expect(issueMessage(xlsIssueCodes[mismatch.code], mismatch).zh).toContain('基本农田面积');
    expect(issueMessage(xlsIssueCodes[mismatch.code], mismatch).en).toContain('C4');
  });
});

describe('readUnitCodeTable', () => {
  it('reads codes and names and reports duplicates', () => {
    const path = writeBook('units.xls', (wb) => {
      const ws = XLSX.utils.aoa_to_sheet([
        ['权属单位代码', '权属单位名称'],
        ['22058100000000', '吉林省通化市梅河口市'],
        ['22058110000000', '吉林省通化市梅河口市光明街道'],
        ['22058110000000', '重复'],
      ]);
      XLSX.utils.book_append_sheet(wb, ws, '权属单位代码表');
    });
    const read = readUnitCodeTable(path);
    expect(read.rows.map((r) => [r.rowNumber, r.code, r.name])).toEqual([
      [2, '22058100000000', '吉林省通化市梅河口市'],
      [3, '22058110000000', '吉林省通化市梅河口市光明街道'],
      [4, '22058110000000', '重复'],
    ]);
    expect(read.issues.map((i) => [i.code, i.record])).toEqual([['xls-duplicate-code', 4]]);
  });
});

describe('readXls guards', () => {
  it('reads a crafted workbook with __proto__/constructor names without touching any prototype', () => {
    const path = writeBook('hostile.xls', (wb) => {
      const ws = XLSX.utils.aoa_to_sheet([
        ['__proto__', 'constructor', 'prototype'],
        ['{"polluted":1}', '__proto__.polluted', 1],
      ]);
      XLSX.utils.book_append_sheet(wb, ws, 'constructor');
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x']]), '__proto__');
      wb.Workbook = { Names: [{ Name: '__proto__', Ref: 'constructor!$A$1' }, { Name: 'polluted', Ref: 'constructor!$B$1' }] };
    });
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const book = readXls(path);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(book.sheets.map((s) => s.name)).toEqual(['constructor', '__proto__']);
    expect(book.sheets[0].rows).toEqual([
      ['__proto__', 'constructor', 'prototype'],
      ['{"polluted":1}', '__proto__.polluted', 1],
    ]);
    expect(Object.getPrototypeOf(book.sheets[0].rows[0])).toBe(Array.prototype);
  });

  it('refuses files that are not BIFF8: text, CSV, HTML, xlsx, empty', () => {
    const csv = join(work, 'table.xls');
    writeFileSync(csv, '权属单位代码,权属单位名称\n22058100000000,县\n');
    expectReadError(csv, 'notXls');
    const html = join(work, 'page.xls');
    writeFileSync(html, '<table><tr><td>__proto__</td></tr></table>');
    expectReadError(html, 'notXls');
    const empty = join(work, 'empty.xls');
    writeFileSync(empty, '');
    expectReadError(empty, 'notXls');
    const xlsx = writeBook('book.xls', (wb) => XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['a']]), 'S'), 'xlsx');
    expectReadError(xlsx, 'isXlsx');
    // errno cases get their own code and words, never the raw code or the absolute path (issue 12)
    expectReadError(join(work, 'missing.xls'), 'missing');
    mkdirSync(join(work, 'folder.xls'));
    expectReadError(join(work, 'folder.xls'), 'notFile');
    let folder: XlsReadError | undefined;
    try {
      readXls(join(work, 'folder.xls'));
    } catch (e) {
      folder = e as XlsReadError;
    }
    const stored = folder!.issue('汇总表格/按地块汇总表.xls', 'A1');
    expect(stored).toMatchObject({ code: 'xls-open-not-file', file: '汇总表格/按地块汇总表.xls' });
    expect(issueMessage(xlsIssueCodes['xls-open-not-file']!, stored).zh).toBe('汇总表格/按地块汇总表.xls: 不是普通文件（是文件夹、命名管道或设备），未读取');
  });

  it('turns truncated and damaged files into one located error, never a crash', () => {
    const real = readFileSync(template('按权证信息汇总表'));
    const printed = vi.spyOn(console, 'error');
    for (const cut of [520, 2048, Math.floor(real.length / 2), real.length - 700]) {
      const path = join(work, `cut-${cut}.xls`);
      writeFileSync(path, real.subarray(0, cut));
      const err = expectReadError(path, 'corrupt');
      expect(err.localized('zh')).toContain('截断');
      expect(err.message).not.toMatch(/undefined|reading '/);
    }
    // overwrite deterministic stretches with garbage: either read or one located error; SheetJS prints nothing
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 20; i++) {
      const damaged = Buffer.from(real);
      const at = 512 + Math.floor(rand() * (damaged.length - 600));
      for (let k = 0; k < 64; k++) damaged[at + k] = Math.floor(rand() * 256);
      const path = join(work, `damaged-${i}.xls`);
      writeFileSync(path, damaged);
      try {
        const book = readXls(path);
        expect(book.sheets.every((sh) => sh.rows.every((r) => Array.isArray(r)))).toBe(true);
      } catch (e) {
        expect(e, `damage at ${at}`).toBeInstanceOf(XlsReadError);
      }
    }
    expect(printed).not.toHaveBeenCalled();
    printed.mockRestore();
  });

  it('refuses files and sheets beyond the size limits', () => {
    expectReadError(template('按地块汇总表'), 'tooLarge', { maxBytes: 1000 });
    const path = writeBook('rows.xls', (wb) => {
      const aoa = Array.from({ length: 50 }, (_, i) => [`r${i}`]);
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'S');
    });
    expectReadError(path, 'tooManyRows', { maxRows: 10 });
    expect(readXls(path, { maxRows: 50 }).sheets[0].rows).toHaveLength(50);
  });
});
