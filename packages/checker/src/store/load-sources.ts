import { join } from 'node:path';
import type { DiscoveredFile } from '../package/discover.js';
import { MetadataReadError, readVectorMetadata, type VectorMetadataRead } from '../readers/metadata.js';
import { readSummaryTable, readUnitCodeTable, XlsReadError, type XlsTableRead } from '../readers/xls.js';
import type { LoadContext } from './context.js';
import { errorText } from './issues.js';

/** `xls_rows.table_id` of the 权属单位代码表 (summary tables use their SummaryTableId). */
export const UNIT_CODE_TABLE_ID = 'unitCodeTable';

/** Summary tables and the unit code table into xls_rows / xls_layout; the vector metadata into meta_xml. */
export async function loadSources(ctx: LoadContext, root: string, files: readonly DiscoveredFile[]): Promise<void> {
  loadXls(ctx, root, files);
  loadMetadata(ctx, root, files);
}

function loadXls(ctx: LoadContext, root: string, files: readonly DiscoveredFile[]): void {
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

/**
 * The vector metadata (SL…xml; the one in 矢量数据 when there are several): every element value as
 * (`section/element`, value) in document order, plus `@file` and `@encoding`; layer names into meta_xml_layers;
 * the reader's issues into load_issues.
 */
function loadMetadata(ctx: LoadContext, root: string, files: readonly DiscoveredFile[]): void {
  const candidates = files.filter((f) => f.source === 'vectorMetadata');
  const f = candidates.find((c) => c.path.startsWith('矢量数据/')) ?? candidates[0];
  if (!f) return;
  ctx.onProgress({ phase: 'metadata', done: 0, file: f.path });
  const abs = join(root, f.path);
  let read: VectorMetadataRead;
  try {
    read = readVectorMetadata(abs);
  } catch (e) {
    const message =
      e instanceof MetadataReadError
        ? { zh: e.describe('zh').replace(e.file, f.path), en: e.describe('en').replace(e.file, f.path) }
        : { zh: `无法读取 ${f.path}：${errorText(e)}`, en: `cannot read ${f.path}: ${errorText(e)}` };
    ctx.issue({ severity: 'error', code: e instanceof MetadataReadError ? `metadata-${e.problem.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'metadata-unreadable', file: f.path, message });
    return;
  }
  const put = ctx.db.prepare(`INSERT INTO meta_xml (key, value) VALUES (?, ?)`);
  const layer = ctx.db.prepare(`INSERT INTO meta_xml_layers (name) VALUES (?)`);
  ctx.db.transaction(() => {
    put.run('@file', f.path);
    put.run('@encoding', read.encoding);
    for (const [key, values] of Object.entries(read.elements)) for (const v of values) put.run(key, v);
    for (const name of read.layers) layer.run(name);
  })();
  for (const i of read.issues) ctx.issue({ ...i, file: f.path });
}
