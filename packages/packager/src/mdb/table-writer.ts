import type { TableLayout } from './columns.js';
import { MdbValueError } from './errors.js';
import { MAX_ROW_SIZE } from './format.js';
import { LongValueStore } from './lval.js';
import { type PageFile, pageRow, RowPage } from './pages.js';
import { packRow } from './row.js';
import { buildTdef, type TdefIndex } from './tdef.js';
import { buildUsageMapRow, PageList } from './usage-map.js';
import { encodeValue, type EncodedValue, type MdbValue } from './values.js';

export type RowInput = Readonly<Record<string, MdbValue | Uint8Array>>;

/**
 * Streams one table's rows onto data pages as they fill; only the list of owned page numbers stays in
 * memory. `finish` writes the usage map page and the TDEF (pages reserved up front).
 */
export class TableWriter {
  private rows = 0;
  private readonly pages = new PageList();
  private page: RowPage | undefined;
  private pageNo = -1;
  private readonly longValues = new Map<number, LongValueStore>();

  constructor(
    private readonly file: PageFile,
    readonly layout: TableLayout,
    readonly tdefPage: number,
    private readonly usageMapPage: number,
  ) {
    for (const col of layout.columns) if (col.longValue) this.longValues.set(col.number, new LongValueStore(file));
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Append a row; returns where it landed (page, row on page). */
  add(row: RowInput): { page: number; row: number } {
    const site = { table: this.layout.def.name, row: this.rows + 1 };
    this.file.site.table = site.table;
    this.file.site.row = site.row;
    for (const key in row) {
      if (!this.layout.byName.has(key)) throw new MdbValueError('unknownColumn', site.table, site.row, key);
    }
    const values: EncodedValue[] = this.layout.columns.map((col) => encodeValue(col, row[col.def.name], site));
    for (const [n, store] of this.longValues) {
      const v = values[n];
      if (v instanceof Buffer) values[n] = store.field(v);
    }
    const packed = packRow(this.layout, values);
    if (packed.length > MAX_ROW_SIZE) {
      throw new MdbValueError('rowTooLarge', site.table, site.row, undefined, { actual: packed.length, limit: MAX_ROW_SIZE });
    }
    if (!this.page || !this.page.fits(packed.length)) {
      this.flushPage();
      this.pageNo = this.file.allocate();
      this.pages.add(this.pageNo);
      this.page = new RowPage(this.tdefPage);
    }
    const rowOnPage = this.page.add(packed);
    this.rows++;
    return { page: this.pageNo, row: rowOnPage };
  }

  finish(indexes: readonly { name: string; columns: readonly number[]; primary: boolean; page: number }[] = []): void {
    this.flushPage();
    this.file.site.row = undefined;
    const mapRows: Buffer[] = [];
    const addMaps = (owned: PageList): { usedPages: number; freePages: number } => {
      // the free-space map lists only the page still being filled: every earlier page was closed because it was full
      const free = new PageList();
      if (owned.last !== undefined) free.add(owned.last);
      const usedPages = pageRow(this.usageMapPage, mapRows.push(buildUsageMapRow(owned, this.file)) - 1);
      const freePages = pageRow(this.usageMapPage, mapRows.push(buildUsageMapRow(free, this.file)) - 1);
      return { usedPages, freePages };
    };
    const table = addMaps(this.pages);
    const longValueMaps = [...this.longValues].map(([column, store]) => {
      store.flush();
      return { column, ...addMaps(store.pages) };
    });
    const tdefIndexes: TdefIndex[] = indexes.map((idx) => {
      const pages = new PageList();
      pages.add(idx.page);
      const usedPages = pageRow(this.usageMapPage, mapRows.push(buildUsageMapRow(pages, this.file)) - 1);
      return { name: idx.name, columns: idx.columns, primary: idx.primary, usedPages, rootPage: idx.page };
    });
    const mapPage = new RowPage(0);
    for (const r of mapRows) mapPage.add(r);
    this.file.write(this.usageMapPage, mapPage.buf);
    this.file.write(this.tdefPage, buildTdef(this.layout, { rowCount: this.rows, ...table, longValueMaps, indexes: tdefIndexes }));
  }

  private flushPage(): void {
    if (this.page) this.file.write(this.pageNo, this.page.buf);
    this.page = undefined;
  }
}
