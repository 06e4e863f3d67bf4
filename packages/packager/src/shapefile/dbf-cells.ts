import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { DBF_RECORD_ACTIVE } from '@nyt2539/checker';
import { LocalizedError } from '@nyt2539/schema';
import { dbfNumberText } from './writer.js';

/** Where the cells of a .dbf lie, as `openShapefile(...).info` reports them. */
export interface DbfLayout {
  readonly headerLength: number;
  readonly recordLength: number;
  /** `offset` = byte offset inside a record, counting the deletion flag (the first field is at 1) */
  readonly fields: readonly { readonly name: string; readonly type: string; readonly length: number; readonly decimals: number; readonly offset: number }[];
}

export interface DbfNumberUpdate {
  /** 1-based record number (= the .shp record) */
  readonly record: number;
  readonly field: string;
  readonly value: number;
}

/**
 * Rewrite numeric cells of an existing .dbf in place, each with the bytes the shapefile writer gives that value
 * (`dbfNumberText`): every other byte of the file — header, other cells, the .shp/.shx — stays as it was, so a
 * fixed layer differs from its input only in the changed cells. Only for a file the caller owns (fix works on
 * its own copy of the package). Refuses records that are not active and fields that are not N/F.
 */
export function updateDbfNumbers(path: string, layout: DbfLayout, layer: string, updates: readonly DbfNumberUpdate[]): void {
  if (updates.length === 0) return;
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    const flag = Buffer.alloc(1);
    for (const u of updates) {
      const f = layout.fields.find((x) => x.name === u.field);
      if (!f || (f.type !== 'N' && f.type !== 'F')) {
        throw new LocalizedError({ zh: `${layer} 没有数值字段 ${u.field}`, en: `${layer} has no numeric field ${u.field}` }, { code: 'dbf-update', file: path });
      }
      const start = layout.headerLength + (u.record - 1) * layout.recordLength;
      if (u.record < 1 || start + layout.recordLength > size) {
        throw new LocalizedError({ zh: `${layer} 没有第 ${u.record} 条记录`, en: `${layer} has no record ${u.record}` }, { code: 'dbf-update', file: path });
      }
      readSync(fd, flag, 0, 1, start);
      if (flag[0] !== DBF_RECORD_ACTIVE) {
        throw new LocalizedError({ zh: `${layer} 第 ${u.record} 条记录已删除，不改写`, en: `${layer} record ${u.record} is deleted and is not rewritten` }, { code: 'dbf-update', file: path });
      }
      const text = dbfNumberText(u.value, f, u.record, layer);
      writeSync(fd, Buffer.from(text, 'latin1'), 0, f.length, start + f.offset);
    }
  } finally {
    closeSync(fd);
  }
}
