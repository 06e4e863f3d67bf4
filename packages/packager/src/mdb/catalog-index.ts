import { MSYS_OBJECTS, type CatalogRow } from './catalog.js';
import { PAGE_SIZE } from './format.js';
import type { PageFile } from './pages.js';

/**
 * The two indexes Access keeps on MSysObjects (HACKING "Indices"; layout as in the Access-written template):
 * real index 0 "ParentIdName" on (ParentId, Name) and real index 1 "Id" on Id (the primary key). Each
 * fits one leaf page (type 0x04) for a catalog this size; that page is also the index root.
 */
interface CatalogIndex {
  readonly name: string;
  /** column numbers, ascending */
  readonly columns: readonly number[];
  readonly primary: boolean;
}

const MSYS_OBJECTS_INDEXES: readonly CatalogIndex[] = [
  { name: 'ParentIdName', columns: [1, 2], primary: false },
  { name: 'Id', columns: [0], primary: true },
];

/** Index page layout (Jet4): entry-start bitmask from 0x1b, entries from 0x1e0. */
export const INDEX_PAGE = {
  typeLeaf: 0x04,
  freeSpaceOffset: 2,
  parentOffset: 4,
  bitmaskOffset: 0x1b,
  entriesOffset: 0x1e0,
  /** Jackcess IndexData.MAGIC_INDEX_NUMBER, the first word of every real index definition */
  magic: 1923,
} as const;

/** Ascending key flag byte; a present value follows it. */
const KEY_PRESENT = 0x7f;

/** Long key: flag, then the value big-endian with the sign bit flipped so bytes sort like numbers. */
function longKey(v: number): Buffer {
  const b = Buffer.alloc(5);
  b[0] = KEY_PRESENT;
  b.writeUInt32BE((v ^ 0x80000000) >>> 0, 1);
  return b;
}

/**
 * Text key for catalog names under the database's sort order (0x0804, PRC), as Access writes it: one
 * case-insensitive code per letter, '_' as 2B 03, then 01 00. Only the characters seen in the template's
 * catalog are known; for any other character there is no key (the caller then writes no indexes).
 */
const LETTER_CODES = 'a4a b4c c4d d4f e51 f53 g55 h57 i59 j5b k5c l5e m60 n62 o64 p66 q68 r69 s6b t6d u6f v71 x75 y76 z78'
  .split(' ')
  .reduce<Record<string, number>>((m, s) => ({ ...m, [s[0]]: parseInt(s.slice(1), 16) }), {});

function catalogNameKey(name: string): Buffer | undefined {
  const bytes = [KEY_PRESENT];
  for (const ch of name.toLowerCase()) {
    if (ch === '_') bytes.push(0x2b, 0x03);
    else if (LETTER_CODES[ch] !== undefined) bytes.push(LETTER_CODES[ch]);
    else return undefined;
  }
  bytes.push(0x01, 0x00);
  return Buffer.from(bytes);
}

/** Row pointer inside an index entry: 3-byte page (big-endian) and 1-byte row. */
function entryPointer(page: number, row: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUIntBE(page, 0, 3);
  b[3] = row;
  return b;
}

/** One leaf page holding `entries` (already sorted), or undefined when they do not fit one page. */
function buildLeafPage(tdefPage: number, entries: readonly Buffer[]): Buffer | undefined {
  const total = entries.reduce((n, e) => n + e.length, 0);
  if (INDEX_PAGE.entriesOffset + total > PAGE_SIZE) return undefined;
  const page = Buffer.alloc(PAGE_SIZE);
  page[0] = INDEX_PAGE.typeLeaf;
  page[1] = 0x01;
  page.writeUInt16LE(PAGE_SIZE - INDEX_PAGE.entriesOffset - total, INDEX_PAGE.freeSpaceOffset);
  page.writeUInt32LE(tdefPage, INDEX_PAGE.parentOffset);
  let at = 0;
  for (const e of entries) {
    e.copy(page, INDEX_PAGE.entriesOffset + at);
    at += e.length;
    // bit per byte offset from the first entry: marks where the next entry (or the end) begins
    page[INDEX_PAGE.bitmaskOffset + (at >> 3)] |= 1 << (at & 7);
  }
  return page;
}

/**
 * MSysObjects' two indexes as single leaf pages, entries sorted by their bytes. Written only when every
 * catalog name has a known key encoding (always, for the standard's table names); otherwise none.
 */
export function buildCatalogIndexes(
  file: PageFile,
  tdefPage: number,
  placed: readonly { row: CatalogRow; at: { page: number; row: number } }[],
): { name: string; columns: readonly number[]; primary: boolean; page: number }[] {
  const keyOf = (row: CatalogRow, column: number): Buffer | undefined => {
    const name = MSYS_OBJECTS.columns[column].name;
    const v = row[name];
    return typeof v === 'number' ? longKey(v) : typeof v === 'string' ? catalogNameKey(v) : undefined;
  };
  const pages: Buffer[] = [];
  for (const idx of MSYS_OBJECTS_INDEXES) {
    const entries: Buffer[] = [];
    for (const { row, at } of placed) {
      const keys = idx.columns.map((c) => keyOf(row, c));
      if (keys.some((k) => k === undefined)) return [];
      entries.push(Buffer.concat([...(keys as Buffer[]), entryPointer(at.page, at.row)]));
    }
    const page = buildLeafPage(tdefPage, entries.sort(Buffer.compare));
    if (!page) return [];
    pages.push(page);
  }
  return MSYS_OBJECTS_INDEXES.map((idx, i) => {
    const page = file.allocate();
    file.write(page, pages[i]);
    return { ...idx, page };
  });
}
