import * as XLSX from '@e965/xlsx';
import type { SheetLayout } from '@nyt2539/schema';
import { padSmallWorkbookStream } from './biffStream.js';

/**
 * One-sheet BIFF8 (.xls) writer over SheetJS CE: the layout's title/unit/header cells and merges, then data
 * rows. SheetJS CE writes no cell styles (fonts, borders, alignment); what importers read — sheet, cell
 * values and types, number formats, merges, column widths — is written as the template has it.
 * Output is deterministic: no document properties, a fresh number-format table per workbook, and SheetJS's CFB
 * writer uses fixed directory times.
 */

/** Number formats of the data cells, as in the SII template 按权证信息汇总表.xls (the one with data rows). */
export const COUNT_FORMAT = '0_ ';
export const AREA_FORMAT = '0.00_ ';

/** BIFF8 sheets hold at most 65 536 rows (MS-XLS 2.5.122 Rw). */
const BIFF8_MAX_ROWS = 65536;

export type DataCell = { readonly t: 's'; readonly v: string } | { readonly t: 'n'; readonly v: number; readonly z: string } | null;

interface SheetCell {
  t: 's' | 'n';
  v: string | number;
  z?: string;
}

/**
 * SheetJS keeps one process-global number-format table: formats met while reading or writing any workbook are
 * added to it, and a workbook without its own table gets a copy, which changes the format ids (and bytes) we
 * write. So every workbook gets a fresh table holding only the built-in formats (ids SheetJS's SSF_init_table
 * fills, MS-XLS 2.4.126); our custom formats then take ids 0x3C, 0x3D… in order of first use.
 */
const BUILTIN_FORMAT_IDS = [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 37, 38, 39, 40, 45, 46, 47, 48, 49, 56];
const BUILTIN_FORMATS: Readonly<Record<number, string>> = (() => {
  const table = XLSX.SSF.get_table() as Record<number, string>;
  return Object.fromEntries(BUILTIN_FORMAT_IDS.map((id) => [id, table[id]]));
})();

function decodeRef(ref: string): { r: number; c: number } {
  return XLSX.utils.decode_cell(ref);
}

/** Build the BIFF8 bytes of a one-sheet workbook. */
export function buildSheetXls(layout: SheetLayout, rows: readonly (readonly DataCell[])[]): Buffer {
  if (layout.dataStartRow + rows.length > BIFF8_MAX_ROWS) {
    throw new RangeError(`${rows.length} data rows exceed the BIFF8 limit of ${BIFF8_MAX_ROWS - layout.dataStartRow}`);
  }
  const data: (SheetCell | undefined)[][] = [];
  let lastCol = 0;
  const put = (r: number, c: number, cell: SheetCell): void => {
    (data[r] ??= [])[c] = cell;
    lastCol = Math.max(lastCol, c);
  };
  for (const cell of layout.cells) {
    const { r, c } = decodeRef(cell.ref);
    put(r, c, { t: 's', v: cell.text });
  }
  for (const m of layout.merges) lastCol = Math.max(lastCol, XLSX.utils.decode_range(m).e.c);
  rows.forEach((row, i) => {
    row.forEach((cell, c) => {
      if (cell) put(layout.dataStartRow + i, c, cell.t === 's' ? { t: 's', v: cell.v } : { t: 'n', v: cell.v, z: cell.z });
    });
  });
  const lastRow = Math.max(layout.dataStartRow + rows.length, layout.headerRow + 1) - 1;
  for (let r = 0; r <= lastRow; r++) data[r] ??= [];
  const ws: XLSX.WorkSheet = {
    '!ref': XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: lastRow, c: lastCol } }),
    '!merges': layout.merges.map((m) => XLSX.utils.decode_range(m)),
    // no COLINFO for default-width columns: SheetJS would write width 0 (a hidden column) for an empty entry
    '!cols': layout.columnWidths.map((w) => (w === null ? undefined : { width: w })) as XLSX.ColInfo[],
  };
  ws['!data'] = data as XLSX.CellObject[][];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, layout.sheetName);
  // `SSF` is read by SheetJS's BIFF8 writer but missing from its WorkBook typings
  (wb as XLSX.WorkBook & { SSF?: Record<number, string> }).SSF = { ...BUILTIN_FORMATS };
  const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xls', compression: false }) as Buffer;
  return padSmallWorkbookStream(bytes);
}
