import type { TableLayout } from './columns.js';
import { COLUMN_FLAG, COLUMN_MISC_COMPRESSED, PAGE_SIZE, PAGE_TYPE, SORT_ORDER_PRC, TDEF, TDEF_COLUMN } from './format.js';

export interface TdefState {
  readonly rowCount: number;
  /** page/row pointers to the usage map rows */
  readonly usedPages: number;
  readonly freePages: number;
  /** per Memo/OLE column: its own long value usage maps */
  readonly longValueMaps: readonly { column: number; usedPages: number; freePages: number }[];
}

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
  buf.writeUInt32LE(0, TDEF.logicalIndexesOffset);
  buf.writeUInt32LE(0, TDEF.realIndexesOffset);
  buf.writeUInt32LE(state.usedPages, TDEF.usedPagesOffset);
  buf.writeUInt32LE(state.freePages, TDEF.freePagesOffset);

  let pos = TDEF.columnsStart;
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
