import type { TableLayout } from './columns.js';
import type { EncodedValue } from './values.js';

/**
 * Jet4 row (HACKING "Jet4 Row Definition"): column count, fixed columns, variable columns, then from the
 * end: null mask (1 = present; Boolean values live here), variable column count, the offset table in
 * reverse order with the end-of-data offset first.
 */
export function packRow(layout: TableLayout, values: readonly EncodedValue[]): Buffer {
  const nCols = layout.columns.length;
  const maskLen = (nCols + 7) >> 3;
  let varBytes = 0;
  for (const col of layout.columns) {
    const v = values[col.number];
    if (!col.fixed && v instanceof Buffer) varBytes += v.length;
  }
  const trailer = layout.varCount > 0 ? 2 + 2 * layout.varCount + 2 : 0;
  const size = 2 + layout.fixedSize + varBytes + trailer + maskLen;
  const buf = Buffer.alloc(size);
  buf.writeUInt16LE(nCols, 0);
  const maskAt = size - maskLen;
  const tableAt = maskAt - 2;
  let pos = 2 + layout.fixedSize;
  for (const col of layout.columns) {
    const v = values[col.number];
    const present = v instanceof Buffer || v === true;
    if (present) buf[maskAt + (col.number >> 3)] |= 1 << (col.number & 7);
    if (col.fixed) {
      if (v instanceof Buffer) v.copy(buf, 2 + col.fixedOffset);
      continue;
    }
    buf.writeUInt16LE(pos, tableAt - 2 - 2 * col.varIndex);
    if (v instanceof Buffer) {
      v.copy(buf, pos);
      pos += v.length;
    }
  }
  if (layout.varCount > 0) {
    buf.writeUInt16LE(layout.varCount, tableAt);
    buf.writeUInt16LE(pos, tableAt - 2 - 2 * layout.varCount);
  }
  return buf;
}
