import { basename } from 'node:path';
import { FOLDER, parseRootFolderName, summaryTableFileName, summaryTableNames, writeFileAtomic } from '@nyt2539/schema';
import type { CatalogInjector } from './catalog.js';
import { inPackage, readBytes } from './written.js';

/** Summary tables vs data: one number of a summary .xls changed in place. */

/** BIFF8 NUMBER record: type 0x0203, length 14 (row, column, XF index, IEEE double) — [MS-XLS] 2.4.180. */
const NUMBER_RECORD = Buffer.from([0x03, 0x02, 0x0e, 0x00]);

/** Offsets of the NUMBER records of a small workbook (the writer stores it in one contiguous stream). */
function numberRecords(xls: Buffer): { at: number; row: number; col: number; value: number }[] {
  const out: { at: number; row: number; col: number; value: number }[] = [];
  for (let i = xls.indexOf(NUMBER_RECORD); i >= 0; i = xls.indexOf(NUMBER_RECORD, i + 1)) {
    out.push({ at: i, row: xls.readUInt16LE(i + 4), col: xls.readUInt16LE(i + 6), value: xls.readDoubleLE(i + 10) });
  }
  return out;
}

const cellName = (row: number, col: number): string => `${String.fromCharCode(65 + col)}${row + 1}`;

const summaryCellChanged: CatalogInjector = {
  id: 'summary-cell-changed',
  family: 'summary',
  rules: ['summary/tables'],
  title: { zh: '汇总表中的一个数字与数据库不符（按承包方汇总表）', en: 'one number of a summary table disagrees with the data (by contractor)' },
  inject: () => [],
  afterWrite(ctx) {
    const root = parseRootFolderName(basename(ctx.packageDir))!;
    const file = `${FOLDER.summary}/${summaryTableFileName(root.county, root.countyName, 'byContractor')}`;
    const path = inPackage(ctx, file);
    const xls = readBytes(path);
    const cells = numberRecords(xls);
    if (cells.length === 0) throw new Error(`${file}: no number cells`);
    const cell = cells[Math.floor(ctx.rng.next() * cells.length)];
    const after = cell.value + 7;
    xls.writeDoubleLE(after, cell.at + 10);
    writeFileAtomic(path, xls);
    return [{ id: this.id, family: this.family, kind: 'value', file, table: summaryTableNames.byContractor, record: cell.row + 1, keys: { file: basename(file) }, field: cellName(cell.row, cell.col), before: cell.value, after, description: `单元格 ${cellName(cell.row, cell.col)} 由 ${cell.value} 改为 ${after}` }];
  },
};

export const summaryInjectors: readonly CatalogInjector[] = [summaryCellChanged];
