/**
 * A layer split over several files (DK2205812016-1.shp, DK2205812016-2.shp, …) read as one stream,
 * each record keeping where it came from.
 */
import { issue, type ReaderIssue } from './issues.js';
import type { RawMode } from './dbf.js';
import { openShapefile, type ShapefileHandle, type ShapeRecord, type ShapeRow } from './reader.js';

export interface LayerRecord extends ShapeRecord {
  /** the .shp file the record is in */
  readonly file: string;
  /** 0-based index of that file in the list given to openLayer */
  readonly part: number;
}

export interface LayerRows {
  /** 0-based index of the part the rows are in */
  readonly part: number;
  readonly rows: readonly ShapeRow[];
}

export interface LayerHandle {
  /** one handle per file, in the order given */
  readonly parts: readonly ShapefileHandle[];
  /** file-level issues of all parts plus cross-part ones (different fields or shape types between parts) */
  readonly issues: ReaderIssue[];
  /** records of every part in order; `recordNumber` stays the number within its own file */
  records(options?: { raw?: boolean }): AsyncIterable<LayerRecord>;
  /**
   * The same records in batches of rows (values by the index of the part's own `info.fields`), each batch from one
   * part: what the store loader reads. End-of-stream issues join `issues` as with `records`.
   */
  rows(options: { raw: RawMode }): AsyncIterable<LayerRows>;
  close(): Promise<void>;
}

export async function openLayer(paths: readonly string[]): Promise<LayerHandle> {
  const parts: ShapefileHandle[] = [];
  try {
    for (const path of paths) parts.push(await openShapefile(path));
  } catch (error) {
    await Promise.all(parts.map((p) => p.close()));
    throw error;
  }
  const issues: ReaderIssue[] = [];
  const first = parts[0];
  for (const part of parts) {
    issues.push(...part.info.issues);
    if (!first || part === first) continue;
    if (part.info.shapeType !== first.info.shapeType) {
      issues.push(issue('layer-part-mismatch', part.info.files.shp, { what: '几何类型 / shape type', first: first.info.files.shp }));
    }
    const sig = (h: ShapefileHandle) => h.info.fields.map((f) => `${f.name}:${f.type}:${f.length}:${f.decimals}`).join('|');
    if (sig(part) !== sig(first)) {
      issues.push(issue('layer-part-mismatch', part.info.files.shp, { what: '字段结构 / field structure', first: first.info.files.shp }));
    }
  }
  return {
    parts,
    issues,
    records: (options) => layerRecords(parts, issues, options),
    rows: (options) => layerRows(parts, issues, options),
    close: async () => {
      await Promise.all(parts.map((p) => p.close()));
    },
  };
}

async function* layerRecords(parts: readonly ShapefileHandle[], issues: ReaderIssue[], options?: { raw?: boolean }): AsyncGenerator<LayerRecord> {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const before = part.info.issues.length;
    for await (const record of part.records(options)) yield { ...record, file: part.info.files.shp, part: i };
    // end-of-stream issues the part found while reading
    issues.push(...part.info.issues.slice(before));
  }
}

async function* layerRows(parts: readonly ShapefileHandle[], issues: ReaderIssue[], options: { raw: RawMode }): AsyncGenerator<LayerRows> {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const before = part.info.issues.length;
    for await (const rows of part.rows(options)) yield { part: i, rows };
    issues.push(...part.info.issues.slice(before));
  }
}
