import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/** Zip entry dates and workbook properties: a fixed day, so the same content gives the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2016, 0, 1));

/**
 * Build a workbook with exceljs's streaming writer and return its bytes. Same content, same bytes: the workbook
 * properties carry a fixed date and every zip entry is stamped with it (archiver would use the clock).
 */
export async function xlsxBytes(build: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const options = { stream, useStyles: true, useSharedStrings: false, created: FIXED_DATE, modified: FIXED_DATE, creator: 'nyt2539', lastModifiedBy: 'nyt2539' };
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter(options as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  const zip = (wb as unknown as { zip: { append(src: unknown, data: object): unknown } }).zip;
  const append = zip.append.bind(zip);
  zip.append = (src, data) => append(src, { ...data, date: FIXED_DATE });
  build(wb);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
