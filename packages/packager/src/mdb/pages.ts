import { writeSync } from 'node:fs';
import { MdbSizeLimitError } from './errors.js';
import { DATA_PAGE, JET4_MAX_FILE_BYTES, PAGE_SIZE, PAGE_TYPE } from './format.js';

/** What is being written when a page is allocated, so the 2 GB guard can say where it stopped. */
interface AllocationSite {
  table?: string;
  row?: number;
}

/**
 * Hands out page numbers in file order and writes pages at their offsets. Every page is allocated
 * here, so this is the one place that enforces the Jet4 file-size limit (injectable for tests).
 */
export class PageFile {
  private next = 0;
  readonly site: AllocationSite = {};

  constructor(
    private readonly fd: number,
    readonly limitBytes: number = JET4_MAX_FILE_BYTES,
  ) {}

  get pageCount(): number {
    return this.next;
  }

  /** Reserve `n` consecutive pages; returns the first page number. */
  allocate(n = 1): number {
    if ((this.next + n) * PAGE_SIZE > this.limitBytes) {
      throw new MdbSizeLimitError(this.limitBytes, this.site.table, this.site.row);
    }
    const first = this.next;
    this.next += n;
    return first;
  }

  write(page: number, buf: Buffer): void {
    if (buf.length !== PAGE_SIZE) throw new Error(`internal: page ${page} is ${buf.length} bytes`);
    writeSync(this.fd, buf, 0, PAGE_SIZE, page * PAGE_SIZE);
  }
}

/** Page/row pointer as Jet stores it: page number in the upper 24 bits, row number in the low byte. */
export function pageRow(page: number, row: number): number {
  return ((page << 8) | row) >>> 0;
}

/**
 * A data (or LVAL) page filling up: a 14-byte header, the row offset table growing forward and the
 * rows growing backward from the end of the page (HACKING "Data Pages").
 */
export class RowPage {
  readonly buf = Buffer.alloc(PAGE_SIZE);
  private rows = 0;
  private end = PAGE_SIZE;

  constructor(owner: number) {
    this.buf[0] = PAGE_TYPE.data;
    this.buf[1] = 0x01;
    this.buf.writeUInt32LE(owner >>> 0, DATA_PAGE.ownerOffset);
    this.update();
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Free bytes left for one more row and its offset entry. */
  get room(): number {
    return this.end - (DATA_PAGE.headerSize + DATA_PAGE.rowOffsetSize * (this.rows + 1));
  }

  fits(length: number): boolean {
    return this.rows < DATA_PAGE.maxRows && length <= this.room;
  }

  /** Append a row; returns its row number on this page. */
  add(row: Uint8Array): number {
    this.end -= row.length;
    this.buf.set(row, this.end);
    this.buf.writeUInt16LE(this.end, DATA_PAGE.headerSize + DATA_PAGE.rowOffsetSize * this.rows);
    this.rows++;
    this.update();
    return this.rows - 1;
  }

  private update(): void {
    this.buf.writeUInt16LE(this.rows, DATA_PAGE.rowCountOffset);
    this.buf.writeUInt16LE(this.end - DATA_PAGE.headerSize - DATA_PAGE.rowOffsetSize * this.rows, DATA_PAGE.freeSpaceOffset);
  }
}
