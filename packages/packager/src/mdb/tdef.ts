import type { TableLayout } from './columns.js';
import { INDEX_PAGE } from './catalog-index.js';
import { COLUMN_FLAG, COLUMN_MISC_COMPRESSED, PAGE_SIZE, PAGE_TYPE, SORT_ORDER_PRC, TDEF, TDEF_COLUMN } from './format.js';

interface TdefState {
  readonly rowCount: number;
  /** page/row pointers to the usage map rows */
  readonly usedPages: number;
  readonly freePages: number;
  /** per Memo/OLE column: its own long value usage maps */
  readonly longValueMaps: readonly { column: number; usedPages: number; freePages: number }[];
  /** indexes in real-index order (only the system catalog has any) */
  readonly indexes?: readonly TdefIndex[];
}

export interface TdefIndex {
  readonly name: string;
  readonly columns: readonly number[];
  readonly primary: boolean;
  /** page/row pointer to the index's usage map row */
  readonly usedPages: number;
  readonly rootPage: number;
}

const INDEX_COLUMN_SLOTS = 10;
const REAL_INDEX_COUNT_ENTRY = 12;
const REAL_INDEX_ENTRY = 52;
const LOGICAL_INDEX_ENTRY = 28;
const INDEX_TYPE_PRIMARY = 0x01;
/** Real index flags (after 4 unknown bytes): unique, and 0x80 which Access 2000+ sets on every index (Jackcess IndexData). */
const INDEX_FLAG_UNIQUE = 0x01;
const INDEX_FLAG_ACCESS2000 = 0x80;

/** TDEF page (HACKING "TDEF Pages", Jet4): a table without indexes fits one page. */
export function buildTdef(layout: TableLayout, state: TdefState): Buffer {
  const buf = Buffer.alloc(PAGE_SIZE);
  buf[0] = PAGE_TYPE.tableDefinition;
  buf[1] = 0x01;
  buf.writeUInt32LE(TDEF.magic, TDEF.magicOffset);
  buf.writeUInt32LE(state.rowCount, TDEF.rowCountOffset);
  buf[TDEF.autonumberFlagOffset] = 0x01;
  buf[TDEF.tableTypeOffset] = layout.def.system ? TDEF.tableTypeSystem : TDEF.tableTypeUser;
  const nCols = layout.columns.length;
  buf.writeUInt16LE(nCols, TDEF.maxColumnsOffset);
  buf.writeUInt16LE(layout.varCount, TDEF.variableColumnsOffset);
  buf.writeUInt16LE(nCols, TDEF.columnsOffset);
  const indexes = state.indexes ?? [];
  buf.writeUInt32LE(indexes.length, TDEF.logicalIndexesOffset);
  buf.writeUInt32LE(indexes.length, TDEF.realIndexesOffset);
  buf.writeUInt32LE(state.usedPages, TDEF.usedPagesOffset);
  buf.writeUInt32LE(state.freePages, TDEF.freePagesOffset);

  let pos = TDEF.columnsStart;
  for (let i = 0; i < indexes.length; i++) {
    buf.writeUInt32LE(state.rowCount, pos + 4); // rows in the index
    pos += REAL_INDEX_COUNT_ENTRY;
  }
  const systemFlag = layout.def.system ? COLUMN_FLAG.replication : 0;
  for (const col of layout.columns) {
    const e = pos;
    buf[e + TDEF_COLUMN.type] = col.typeCode;
    buf.writeUInt32LE(TDEF.magic, e + TDEF_COLUMN.magic);
    buf.writeUInt16LE(col.number, e + TDEF_COLUMN.number);
    buf.writeUInt16LE(col.varIndex, e + TDEF_COLUMN.variableIndex);
    buf.writeUInt16LE(col.number, e + TDEF_COLUMN.numberAgain);
    if (col.def.type === 'Decimal') {
      buf[e + TDEF_COLUMN.misc] = col.def.precision ?? 18;
      buf[e + TDEF_COLUMN.misc + 1] = col.def.scale ?? 0;
    } else {
      buf.writeUInt16LE(SORT_ORDER_PRC, e + TDEF_COLUMN.misc);
    }
    buf[e + TDEF_COLUMN.flags] = (col.fixed ? COLUMN_FLAG.fixed : 0) | COLUMN_FLAG.nullable | systemFlag;
    buf[e + TDEF_COLUMN.miscFlags] = col.compressible ? COLUMN_MISC_COMPRESSED : 0;
    buf.writeUInt16LE(col.fixed ? col.fixedOffset : 0, e + TDEF_COLUMN.fixedOffset);
    buf.writeUInt16LE(col.length, e + TDEF_COLUMN.length);
    pos += TDEF.columnEntrySize;
  }
  for (const col of layout.columns) {
    const name = Buffer.from(col.def.name, 'utf16le');
    buf.writeUInt16LE(name.length, pos);
    name.copy(buf, pos + 2);
    pos += 2 + name.length;
  }
  for (const idx of indexes) {
    buf.writeUInt32LE(INDEX_PAGE.magic, pos);
    for (let k = 0; k < INDEX_COLUMN_SLOTS; k++) {
      const col = idx.columns[k];
      buf.writeUInt16LE(col ?? 0xffff, pos + 4 + 3 * k);
      buf[pos + 6 + 3 * k] = col === undefined ? 0 : 1; // ascending
    }
    buf.writeUInt32LE(idx.usedPages, pos + 34);
    buf.writeUInt32LE(idx.rootPage, pos + 38);
    buf[pos + 46] = INDEX_FLAG_UNIQUE | INDEX_FLAG_ACCESS2000;
    pos += REAL_INDEX_ENTRY;
  }
  const logical = indexes.map((idx, real) => ({ idx, real })).sort((a, b) => (a.idx.name < b.idx.name ? -1 : a.idx.name > b.idx.name ? 1 : 0));
  for (const { idx, real } of logical) {
    buf.writeUInt32LE(TDEF.magic, pos);
    buf.writeUInt32LE(real, pos + 4);
    buf.writeUInt32LE(real, pos + 8);
    buf.writeInt32LE(-1, pos + 13); // no related index: not a foreign key
    buf[pos + 21] = 0x04; // two flag bytes Access writes on its catalog indexes
    buf[pos + 22] = 0x04;
    buf[pos + 23] = idx.primary ? INDEX_TYPE_PRIMARY : 0;
    pos += LOGICAL_INDEX_ENTRY;
  }
  for (const { idx } of logical) {
    const name = Buffer.from(idx.name, 'utf16le');
    buf.writeUInt16LE(name.length, pos);
    name.copy(buf, pos + 2);
    pos += 2 + name.length;
  }
  for (const m of state.longValueMaps) {
    buf.writeUInt16LE(m.column, pos);
    buf.writeUInt32LE(m.usedPages, pos + 2);
    buf.writeUInt32LE(m.freePages, pos + 6);
    pos += 10;
  }
  // end of the long value column list, then 8 zero bytes, as Access writes it
  buf.writeUInt16LE(0xffff, pos);
  pos += 2 + 8;
  if (pos > PAGE_SIZE) throw new Error(`internal: TDEF of ${layout.def.name} needs ${pos} bytes, more than one page`);
  buf.writeUInt32LE(pos - 8, TDEF.lengthOffset);
  buf.writeUInt16LE(PAGE_SIZE - pos, TDEF.freeSpaceOffset);
  return buf;
}
