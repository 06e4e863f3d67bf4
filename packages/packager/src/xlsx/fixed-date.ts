import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';

/** Document and zip-entry date of every workbook written here: a fixed day, so the same rows give the same bytes. */
export const FIXED_DATE = new Date(Date.UTC(2016, 0, 1));

/** FIXED_DATE as an MS-DOS date (bits: year-1980 · month · day) and time (00:00:00). */
const DOS_DATE = ((FIXED_DATE.getUTCFullYear() - 1980) << 9) | ((FIXED_DATE.getUTCMonth() + 1) << 5) | FIXED_DATE.getUTCDate();
const DOS_TIME = 0;

/**
 * Sets every entry's modification time in a zip to FIXED_DATE, in the central directory and in each local header
 * (APPNOTE 4.3.7 / 4.3.12: time at +10/+12 of a local header, +12/+14 of a central one). exceljs's writer adds its
 * first parts (theme, relationships) in its constructor with the current time, before any option could reach them.
 */
export function fixZipDates(zip: Buffer): Buffer {
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
  // loaded here, not at start-up: exceljs and its dependencies cost ~0.4 s CPU to import, before any command runs
  const excel = (await import('exceljs')).default;
  const wb = new excel.stream.xlsx.WorkbookWriter(options as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  build(wb);
  await wb.commit();
  await ended;
  return fixZipDates(Buffer.concat(chunks));
}
