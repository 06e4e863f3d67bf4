import { join } from 'node:path';
import type { DiscoveredFile } from '../package/discover.js';
import { readSummaryTable, readUnitCodeTable, XlsReadError, type XlsTableRead } from '../readers/xls.js';
import type { LoadContext } from './context.js';
import { errorText } from './issues.js';

/** `xls_rows.table_id` of the 权属单位代码表 (summary tables use their SummaryTableId). */
export const UNIT_CODE_TABLE_ID = 'unitCodeTable';

/** Summary tables and the unit code table into xls_rows / xls_layout. */
export async function loadSources(ctx: LoadContext, root: string, files: readonly DiscoveredFile[]): Promise<void> {
  const insertRow = ctx.db.prepare(
    `INSERT INTO xls_rows (file, table_id, sheet_row, unit_code, unit_name, values_json) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertLayout = ctx.db.prepare(`INSERT INTO xls_layout (file, table_id, issues_json) VALUES (?, ?, ?)`);
  for (const f of files) {
    if (f.source !== 'summaryTable' && f.source !== 'unitCodeTable') continue;
    const tableId = f.source === 'unitCodeTable' ? UNIT_CODE_TABLE_ID : f.summaryTable;
    if (!tableId) continue;
    ctx.onProgress({ phase: 'xls', done: 0, file: f.path });
    let read: XlsTableRead;
    try {
      const abs = join(root, f.path);
      read = f.source === 'unitCodeTable' ? readUnitCodeTable(abs) : readSummaryTable(abs, f.summaryTable!);
    } catch (e) {
      const message =
        e instanceof XlsReadError
          ? { zh: e.describe('zh').replace(e.file, f.path), en: e.describe('en').replace(e.file, f.path) }
          : { zh: `无法读取 ${f.path}：${errorText(e)}`, en: `cannot read ${f.path}: ${errorText(e)}` };
      ctx.issue({ severity: 'error', code: e instanceof XlsReadError ? `xls-${e.problem.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'xls-unreadable', file: f.path, tbl: tableId, message });
      continue;
    }
    ctx.db.transaction(() => {
      for (const r of read.rows) insertRow.run(f.path, tableId, r.rowNumber, r.code, r.name, JSON.stringify(r.values));
      insertLayout.run(
        f.path,
        tableId,
        JSON.stringify(read.issues.map((i) => ({ ...i, file: f.path }))),
      );
    })();
  }
}
