import { LONG_VALUE_HEADER, LONG_VALUE_INLINE_MAX, LONG_VALUE_TYPE, LVAL_CHAIN_CHUNK, LVAL_OWNER, LVAL_SINGLE_MAX } from './format.js';
import { type PageFile, pageRow, RowPage } from './pages.js';
import { PageList } from './usage-map.js';

/**
 * Stores Memo/OLE values for one column (HACKING "LVAL Pages"): short values inline in the row (0x80),
 * values that fit one page as a row on a shared LVAL page (0x40), longer ones as a chain of full LVAL
 * pages, each row starting with the pointer to the next (0x00).
 */
export class LongValueStore {
  readonly pages = new PageList();
  private page: RowPage | undefined;
  private pageNo = -1;

  constructor(private readonly file: PageFile) {}

  /** The bytes to put in the row for this long value. */
  field(data: Buffer): Buffer {
    if (data.length <= LONG_VALUE_INLINE_MAX) {
      const f = Buffer.alloc(LONG_VALUE_HEADER + data.length);
      f.writeUInt32LE((data.length | (LONG_VALUE_TYPE.inline << 24)) >>> 0, 0);
      data.copy(f, LONG_VALUE_HEADER);
      return f;
    }
    const f = Buffer.alloc(LONG_VALUE_HEADER);
    if (data.length <= LVAL_SINGLE_MAX) {
      if (!this.page || !this.page.fits(data.length)) {
        this.flush();
        this.pageNo = this.file.allocate();
        this.pages.add(this.pageNo);
        this.page = new RowPage(LVAL_OWNER);
      }
      const row = this.page.add(data);
      f.writeUInt32LE((data.length | (LONG_VALUE_TYPE.singlePage << 24)) >>> 0, 0);
      f.writeUInt32LE(pageRow(this.pageNo, row), 4);
      return f;
    }
    const chunks = Math.ceil(data.length / LVAL_CHAIN_CHUNK);
    const first = this.file.allocate(chunks);
    for (let k = 0; k < chunks; k++) {
      const chunk = data.subarray(k * LVAL_CHAIN_CHUNK, (k + 1) * LVAL_CHAIN_CHUNK);
      const row = Buffer.alloc(4 + chunk.length);
      row.writeUInt32LE(k < chunks - 1 ? pageRow(first + k + 1, 0) : 0, 0);
      chunk.copy(row, 4);
      const page = new RowPage(LVAL_OWNER);
      page.add(row);
      this.pages.add(first + k);
      this.file.write(first + k, page.buf);
    }
    f.writeUInt32LE((data.length | (LONG_VALUE_TYPE.chained << 24)) >>> 0, 0);
    f.writeUInt32LE(pageRow(first, 0), 4);
    return f;
  }

  /** Write the shared LVAL page that is still filling. */
  flush(): void {
    if (this.page) this.file.write(this.pageNo, this.page.buf);
    this.page = undefined;
  }
}
