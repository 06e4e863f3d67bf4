import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';

/** Document and zip-entry date of every workbook written here: a fixed day, so the same rows give the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2016, 0, 1));

/** FIXED_DATE as an MS-DOS date (bits: year-1980 · month · day) and time (00:00:00). */
const DOS_DATE = ((FIXED_DATE.getUTCFullYear() - 1980) << 9) | ((FIXED_DATE.getUTCMonth() + 1) << 5) | FIXED_DATE.getUTCDate();
const DOS_TIME = 0;

/**
 * Sets every entry's modification time in a zip to FIXED_DATE, in the central directory and in each local header
 * (APPNOTE 4.3.7 / 4.3.12: time at +10/+12 of a local header, +12/+14 of a central one). exceljs's writer adds its
 * first parts (theme, relationships) in its constructor with the current time, before any option could reach them.
 */
function fixZipDates(zip: Buffer): Buffer {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('zip without an end-of-central-directory record');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`zip central directory entry ${n} damaged`);
    zip.writeUInt16LE(DOS_TIME, p + 12);
    zip.writeUInt16LE(DOS_DATE, p + 14);
    const local = zip.readUInt32LE(p + 42);
    zip.writeUInt16LE(DOS_TIME, local + 10);
    zip.writeUInt16LE(DOS_DATE, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}

/**
 * Builds a workbook with exceljs's streaming writer and returns its bytes, with no clock in them: the document
 * dates come from the writer options (its typings omit them), the zip entry dates are set by fixZipDates. Rows
 * must be committed (`addRow(...).commit()`).
 */
export async function xlsxBytes(build: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((res, rej) => {
    stream.on('end', () => res());
    stream.on('error', rej);
  });
  const options = { stream, useStyles: true, useSharedStrings: false, created: FIXED_DATE, modified: FIXED_DATE, creator: 'nyt2539', lastModifiedBy: 'nyt2539' };
  // loaded here, not at start-up: exceljs and its dependencies are heavy to import, and most commands write no xlsx
  const excel = (await import('exceljs')).default;
  const wb = new excel.stream.xlsx.WorkbookWriter(options as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  build(wb);
  await wb.commit();
  await ended;
  return fixZipDates(Buffer.concat(chunks));
}

/** One cell of a row written by `SheetRows`: text, a number, or nothing (no cell). */
export type RowCell = string | number | null | undefined;

/** exceljs's internals `SheetRows` writes through (the streaming writer's sheet stream, its styles and its row cursor). */
interface WorksheetWriterInternals {
  readonly _workbook: { readonly styles: { addStyleModel(model: Partial<ExcelJS.Style>, cellType?: number): number } };
  readonly _rows: unknown[] | null;
  _rowZero: number;
  startedData: boolean;
  readonly stream: { write(data: string): void };
  _writeColumns(): void;
  _writeOpenSheetData(): void;
}

/** exceljs's ValueType numbers (lib/doc/enums.js): the number format a cell style gets depends on the cell's type. */
const VALUE_TYPE = { number: 2, string: 3 } as const;

/**
 * Characters XML 1.0 cannot carry (exceljs drops them too), and the five it escapes. A lone surrogate becomes
 * U+FFFD when the text is encoded as UTF-8, as in exceljs's output.
 */
const XML_SPECIAL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f"&'<>]/;
const XML_ESCAPE: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

function xmlText(s: string): string {
  if (!XML_SPECIAL.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    if (code === 0x7f || (code < 32 && code !== 9 && code !== 10 && code !== 13)) continue;
    out += XML_ESCAPE[ch] ?? ch;
  }
  return out;
}

/** Column letters A…XFD for 1-based column numbers. */
export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/**
 * Data rows of a streamed worksheet written as sheet XML, for sheets of 100k rows: exceljs builds a Row and a Cell
 * object per cell and looks up each cell's style, which over a county's findings list is most of the report's
 * time. The XML is what exceljs writes for the same values without shared strings (`t="str"` text, plain numbers,
 * style ids from the workbook's own style table), into the worksheet's own stream, so everything else (columns,
 * frozen panes, auto-filter, styles, the zip and its fixed dates) stays exceljs's. Rows added with exceljs before
 * must be committed; the sheet is committed with exceljs after.
 */
export class SheetRows {
  private readonly ws: WorksheetWriterInternals;
  private readonly letters: string[];
  private chunk = '';
  private next: number;

  constructor(worksheet: ExcelJS.Worksheet, columns: number) {
    this.ws = worksheet as unknown as WorksheetWriterInternals;
    if (this.ws._rows === null || this.ws._rows.some((r) => r !== undefined)) throw new Error('SheetRows: commit the rows added with exceljs first');
    this.letters = Array.from({ length: columns }, (_, i) => columnLetter(i + 1));
    this.next = this.ws._rowZero;
    if (!this.ws.startedData) {
      this.ws._writeColumns();
      this.ws._writeOpenSheetData();
      this.ws.startedData = true;
    }
  }

  /** The workbook's style id for a cell style (as exceljs assigns it for a cell of that type). */
  styleId(style: Partial<ExcelJS.Style>, type: keyof typeof VALUE_TYPE): number {
    return this.ws._workbook.styles.addStyleModel(style, VALUE_TYPE[type]);
  }

  /** One row; `styles[i]` is the style id of cell i (0 or absent: the default). Empty strings and nulls write no value (a styled one keeps its style, as in exceljs). */
  add(cells: readonly RowCell[], styles?: readonly number[]): void {
    const r = this.next++;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      const s = styles?.[i] ? ` s="${styles[i]}"` : '';
      if (v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v))) {
        if (s) xml += `<c r="${this.letters[i]}${r}"${s}/>`;
        continue;
      }
      xml += typeof v === 'number' ? `<c r="${this.letters[i]}${r}"${s}><v>${v}</v></c>` : `<c r="${this.letters[i]}${r}"${s} t="str"><v>${xmlText(v)}</v></c>`;
    }
    this.chunk += `${xml}</row>`;
    if (this.chunk.length > 1 << 16) this.flush();
  }

  /** Writes what is pending and hands the row cursor back to exceljs. */
  close(): void {
    this.flush();
    this.ws._rowZero = this.next;
  }

  private flush(): void {
    if (this.chunk) this.ws.stream.write(this.chunk);
    this.chunk = '';
  }
}
