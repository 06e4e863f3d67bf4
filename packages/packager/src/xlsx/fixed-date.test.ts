import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { columnLetter, SheetRows, xlsxBytes, type RowCell } from './fixed-date.js';

const RED = { color: { argb: 'FFC00000' } };

/** Values that test the XML: escapes, characters XML cannot carry, surrogate pairs, spaces, numbers. */
const ROWS: RowCell[][] = [
  ['a & b <c> "d" \'e\'', 1, 2.5, -0.125, 'x'],
  [' leading and trailing ', 1e21, 340711001001, '多行\n文字', '𠀀𪚥 surrogate'],
  ['ctrl\u0001\u0008\u000b\u001f\u007f gone', null, '', 'tab\there', 'lone \ud800 surrogate'],
  ['身份证 3407**********1234', 0, 123456789012345, '3.40711E+11', '0001'],
];

async function build(withSheetRows: boolean): Promise<Buffer> {
  return xlsxBytes((wb) => {
    const ws = wb.addWorksheet('问题', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    ws.columns = ROWS[0].map(() => ({ width: 12 }));
    ws.autoFilter = `A1:E${ROWS.length + 1}`;
    const head = ws.addRow(['甲', '乙', '丙', '丁', '戊']);
    head.font = { bold: true };
    head.commit();
    if (withSheetRows) {
      const rows = new SheetRows(ws, 5);
      const red = [0, rows.styleId({ font: RED }, 'number'), 0, 0, 0];
      ROWS.forEach((r, i) => rows.add(r, i % 2 === 0 ? red : undefined));
      rows.close();
    } else {
      ROWS.forEach((r, i) => {
        const row = ws.addRow(r.map((v) => (v === '' ? null : v)));
        if (i % 2 === 0) row.getCell(2).font = RED;
        row.commit();
      });
    }
    ws.addRow(['after']).commit();
    ws.commit();
  });
}

describe('SheetRows: rows written as sheet XML read back as exceljs writes them', () => {
  it('SheetJS reads the same values, types, styles, filter and panes from both', async () => {
    const [ours, theirs] = await Promise.all([build(true), build(false)]);
    const a = XLSX.read(ours, { cellStyles: true });
    const b = XLSX.read(theirs, { cellStyles: true });
    const sa = a.Sheets['问题'] as XLSX.WorkSheet;
    const sb = b.Sheets['问题'] as XLSX.WorkSheet;
    expect(XLSX.utils.sheet_to_json(sa, { header: 1, defval: null })).toEqual(XLSX.utils.sheet_to_json(sb, { header: 1, defval: null }));
    for (const key of ['!ref', '!autofilter', '!cols']) expect(sa[key]).toEqual(sb[key]);
    const cells = Object.keys(sb).filter((k) => !k.startsWith('!'));
    expect(cells.length).toBeGreaterThan(20);
    for (const addr of cells) {
      expect({ addr, t: sa[addr]?.t, v: sa[addr]?.v, s: sa[addr]?.s }).toEqual({ addr, t: sb[addr].t, v: sb[addr].v, s: sb[addr].s });
    }
    // what the XML has to get right, spelled out
    expect(sa.A2.v).toBe('a & b <c> "d" \'e\'');
    expect(sa.A3.v).toBe(' leading and trailing ');
    expect(sa.A4.v).toBe('ctrl gone');
    expect(sa.E3.v).toBe('𠀀𪚥 surrogate');
    expect(sa.C3.v).toBe(340711001001);
    expect(sa.D5.v).toBe('3.40711E+11');
    expect(sa.E5.v).toBe('0001');
    expect(sa.A6.v).toBe('after');
  });

  it('column letters follow Excel (Z, AA, AZ, XFD)', () => {
    expect([1, 26, 27, 52, 16384].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'XFD']);
  });

  it('refuses to start before the exceljs rows are committed', async () => {
    await expect(
      xlsxBytes((wb) => {
        const ws = wb.addWorksheet('x');
        ws.addRow(['not committed']);
        new SheetRows(ws, 1);
      }),
    ).rejects.toThrow(/commit/);
  });
});
