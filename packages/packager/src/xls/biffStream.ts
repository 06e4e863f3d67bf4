import * as XLSX from '@e965/xlsx';

/**
 * Compound-file (CFB) fix-up for small BIFF8 workbooks written by SheetJS.
 *
 * FreeXL (the reader behind GDAL's XLS driver) looks for a `Workbook` stream of ≤ 4096 bytes in the mini
 * stream, but the CFB rule (MS-CFB 2.6.3: streams *shorter than* the 4096-byte cutoff live in the mini stream)
 * puts a stream of exactly 4096 bytes in the normal FAT, and SheetJS writes small streams in the mini stream
 * in a way FreeXL rejects (FREEXL_INVALID_MINI_STREAM, -24). Real Excel/NPOI files never hit this because
 * their style tables alone make the stream ≥ 13 KB. So we pad the stream, after the last EOF record,
 * with zero bytes to more than the cutoff: BIFF readers stop at the last substream's EOF record.
 */
export const MINI_STREAM_CUTOFF = 0x1000;
/** Padded size: the next 512-byte sector boundary above the cutoff. */
const PADDED_WORKBOOK_SIZE = MINI_STREAM_CUTOFF + 512;

/** The part of SheetJS's bundled `cfb` API used here (its typings declare `CFB: any`). */
interface CfbEntry {
  name: string;
  size: number;
  content?: Uint8Array;
}
interface CfbApi {
  read(data: Buffer, opts: { type: 'buffer' }): { FileIndex: CfbEntry[] };
  write(cfb: { FileIndex: CfbEntry[] }, opts: { type: 'buffer' }): Uint8Array;
}
const CFB = XLSX.CFB as CfbApi;

export function padSmallWorkbookStream(file: Buffer): Buffer {
  const cfb = CFB.read(file, { type: 'buffer' });
  const entry = cfb.FileIndex.find((e) => e.name === 'Workbook');
  if (!entry?.content || entry.content.length > MINI_STREAM_CUTOFF) return file;
  const padded = Buffer.alloc(PADDED_WORKBOOK_SIZE);
  padded.set(entry.content);
  entry.content = padded;
  entry.size = padded.length;
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }));
}
