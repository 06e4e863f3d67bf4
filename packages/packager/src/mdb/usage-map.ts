import { PAGE_SIZE, PAGE_TYPE, USAGE_MAP } from './format.js';
import type { PageFile } from './pages.js';

/**
 * The set of pages a table (or long value column) owns, kept as a growable sorted list: pages are
 * allocated in increasing order, so appending keeps it sorted.
 */
export class PageList {
  private pages = new Uint32Array(64);
  private n = 0;

  add(page: number): void {
    if (this.n > 0 && this.pages[this.n - 1] === page) return;
    if (this.n === this.pages.length) {
      const grown = new Uint32Array(this.pages.length * 2);
      grown.set(this.pages);
      this.pages = grown;
    }
    this.pages[this.n++] = page;
  }

  get size(): number {
    return this.n;
  }

  get first(): number | undefined {
    return this.n ? this.pages[0] : undefined;
  }

  get last(): number | undefined {
    return this.n ? this.pages[this.n - 1] : undefined;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (let i = 0; i < this.n; i++) yield this.pages[i];
  }
}

const INLINE_PAGES = USAGE_MAP.inlineBitmapBytes * 8;

/** Inline maps start on a byte boundary, so the start page is a multiple of 8. */
function inlineStart(first: number): number {
  return first - (first % 8);
}

/**
 * One 69-byte usage map row (HACKING "Page Usage Maps"): type 0 with a start page and a 512-page bitmap
 * when the pages span fewer than 512 pages, otherwise type 1 pointing at type-0x05 bitmap pages, which
 * are allocated and written here.
 */
export function buildUsageMapRow(pages: PageList, file: PageFile): Buffer {
  const row = Buffer.alloc(USAGE_MAP.rowSize);
  const first = pages.first;
  const last = pages.last;
  if (first === undefined || last === undefined) return row;
  const start = inlineStart(first);
  if (last - start < INLINE_PAGES) {
    row[0] = 0x00;
    row.writeUInt32LE(start, 1);
    for (const p of pages) setBit(row, 5, p - start);
    return row;
  }
  row[0] = 0x01;
  const perMapPage = USAGE_MAP.pagesPerMapPage;
  const mapPages = new Map<number, Buffer>();
  for (const p of pages) {
    const slot = Math.floor(p / perMapPage);
    if (slot >= USAGE_MAP.referenceSlots) throw new Error(`internal: page ${p} beyond the reference usage map`);
    let buf = mapPages.get(slot);
    if (!buf) {
      buf = Buffer.alloc(PAGE_SIZE);
      buf[0] = PAGE_TYPE.usageMap;
      buf[1] = 0x01;
      mapPages.set(slot, buf);
    }
    setBit(buf, 4, p - slot * perMapPage);
  }
  for (const [slot, buf] of [...mapPages].sort((a, b) => a[0] - b[0])) {
    const page = file.allocate();
    file.write(page, buf);
    row.writeUInt32LE(page, 1 + slot * 4);
  }
  return row;
}

/**
 * The global usage map row on page 1 lists FREE pages; pages outside its 512-page window count as free
 * (Jackcess UsageMap.GlobalInlineHandler). A freshly written file has no free pages inside the file, so the
 * window is placed over the end of the file and only pages at or past the end are marked.
 */
export function buildGlobalUsageMapRow(pageCount: number): Buffer {
  const row = Buffer.alloc(USAGE_MAP.rowSize);
  const start = pageCount < INLINE_PAGES ? 0 : inlineStart(pageCount - INLINE_PAGES / 2);
  row[0] = 0x00;
  row.writeUInt32LE(start, 1);
  for (let p = Math.max(pageCount, start); p < start + INLINE_PAGES; p++) setBit(row, 5, p - start);
  return row;
}

function setBit(buf: Buffer, offset: number, bit: number): void {
  buf[offset + (bit >> 3)] |= 1 << (bit & 7);
}
