import { join } from 'node:path';
import type { DiscoveredFile } from '../package/discover.js';
import { MALFORMED_UNPARSABLE, MetadataReadError, readVectorMetadata, type VectorMetadataRead } from '../readers/metadata.js';
import { readSummaryTable, readUnitCodeTable, XlsReadError, type XlsTableRead } from '../readers/xls.js';
import type { LoadContext } from './context.js';
import { UNIT_CODE_TABLE_ID } from './schema.js';

/** Summary tables and the unit code table into xls_rows (their layout problems into load_issues); the vector metadata into meta_xml. */
export async function loadSources(ctx: LoadContext, root: string, files: readonly DiscoveredFile[]): Promise<void> {
  loadXls(ctx, root, files);
  loadMetadata(ctx, root, files);
}

function loadXls(ctx: LoadContext, root: string, files: readonly DiscoveredFile[]): void {
  const insertRow = ctx.db.prepare(
    `INSERT INTO xls_rows (file, table_id, sheet_row, unit_code, unit_name, values_json) VALUES (?, ?, ?, ?, ?, ?)`,
  );
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
      // a raw error past the reader (SheetJS tripping over a damaged record) says nothing a user can act on
      ctx.issue(e instanceof XlsReadError ? e.issue(f.path, tableId) : new XlsReadError('corrupt', f.path).issue(f.path, tableId));
      continue;
    }
    ctx.db.transaction(() => {
      for (const r of read.rows) insertRow.run(f.path, tableId, r.rowNumber, r.code, r.name, JSON.stringify(r.values));
      for (const i of read.issues) ctx.issue({ ...i, file: f.path });
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
    ctx.issue(e instanceof MetadataReadError ? e.issue(f.path) : new MetadataReadError('malformed', f.path, MALFORMED_UNPARSABLE).issue(f.path));
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
