import { statSync } from 'node:fs';
import type { ReaderIssue } from '../readers/issues.js';
import { readRegularFile } from '../io/read-bounded.js';
import type { Value } from 'mdb-reader';
import { MdbFile, type MdbColumnDef } from '../readers/mdb.js';
import type { LoadContext } from './context.js';
import { type Affinity, type DataColumn, type DataRow, DataTableWriter, reservedColumns } from './data-table.js';
import { errorText } from '../readers/issues.js';
import { isStoreWriteFailure } from './write-errors.js';
import { formatDateTime, withTime } from './values.js';

/** Store affinity of an mdb-reader column type. */
function mdbAffinity(type: string): Affinity {
  switch (type) {
    case 'integer':
    case 'long':
    case 'byte':
    case 'boolean':
    case 'bigint':
      return 'INTEGER';
    case 'numeric':
    case 'currency':
    case 'float':
    case 'double':
      return 'REAL';
    case 'binary':
    case 'ole':
      return 'BLOB';
    default:
      return 'TEXT';
  }
}

/** [typed value, raw text] of one mdb value. Decimals come from mdb-reader as exact strings. */
export function mdbValue(v: Value, type: string): [unknown, string | null] {
  const values: unknown[] = [null];
  const raws: (string | null)[] = [null];
  setMdbCell(v, type, values, raws, 0);
  return [values[0], raws[0]];
}

/** Sets values[i] and raws[i] to the typed value and raw text of one mdb value (no pair per cell to collect). */
function setMdbCell(v: Value, type: string, values: unknown[], raws: (string | null)[], i: number): void {
  if (v === null || v === undefined) {
    values[i] = null;
    raws[i] = null;
  } else if (typeof v === 'string') {
    if (type === 'numeric' || type === 'currency') {
      const n = Number(v);
      values[i] = Number.isFinite(n) ? n : null;
    } else {
      values[i] = v;
    }
    raws[i] = v;
  } else if (typeof v === 'number') {
    values[i] = v;
    raws[i] = String(v);
  } else if (v instanceof Date) {
    const short = formatDateTime(v);
    values[i] = short;
    raws[i] = withTime(short);
  } else if (Buffer.isBuffer(v)) {
    values[i] = v;
    raws[i] = v.toString('hex');
  } else if (typeof v === 'boolean') {
    values[i] = v ? 1 : 0;
    raws[i] = v ? 'true' : 'false';
  } else if (typeof v === 'bigint') {
    values[i] = v;
    raws[i] = v.toString();
  } else if (Array.isArray(v)) {
    const json = JSON.stringify(v.map((a) => ({ name: a.name, type: a.type, size: a.data.length })));
    values[i] = json;
    raws[i] = json;
  } else {
    values[i] = v;
    raws[i] = String(v);
  }
}

/** A Jet4 database cannot exceed 2 GB. */
const MDB_MAX_BYTES = 2 * 1024 ** 3;

/** Reads an .mdb file for loading (throws when it cannot be read or is not a Jet database). */
export function openMdb(absPath: string): MdbFile {
  return new MdbFile(readRegularFile(absPath, MDB_MAX_BYTES));
}

/**
 * Loads every user table of one .mdb (the 12 standard ones and any others) into the store: column definitions
 * into src_columns, rows into a data table of the same name. An unreadable file or table becomes a load issue.
 * `open` reads the file (a caller that has already read it passes it in).
 */
export function loadMdb(ctx: LoadContext, absPath: string, relPath: string, open: () => MdbFile = () => openMdb(absPath)): void {
  let mdb: MdbFile;
  let tableNames: string[];
  try {
    mdb = open();
    tableNames = mdb.tableNames();
  } catch (e) {
    ctx.issue({ code: 'mdb-unreadable', file: relPath, params: { reason: errorText(e) } });
    return;
  }
  if (mdb.format === 'Jet3') {
    ctx.issue({ code: 'mdb-format-jet3', file: relPath, params: { format: mdb.format } });
  }
  // a file cut short fails in every table whose pages lie past the cut: one finding at the file, not one per
  // table, its row count and everything the rules would then miss in the empty tables
  const held: ReaderIssue[] = [];
  for (const name of tableNames) loadMdbTable(ctx, mdb, name, relPath, (i) => held.push(i));
  const pageSize = mdb.format === 'Jet3' ? 2048 : 4096;
  let bytes = -1;
  try {
    bytes = statSync(absPath).size;
  } catch {
    // read from memory only: judged by the missing pages alone
  }
  const missingPage = (i: ReaderIssue): number | undefined => {
    const m = /Page (\d+) does not exist/.exec(String(i.params?.reason ?? ''));
    return m ? Number(m[1]) : undefined;
  };
  const failed = held.filter((i) => i.code === 'mdb-table-unreadable');
  const cutPages = failed.map(missingPage).filter((n): n is number => n !== undefined);
  const truncated = failed.length > 0 && ((bytes >= 0 && bytes % pageSize !== 0) || cutPages.length > 0);
  if (!truncated) {
    for (const i of held) ctx.issue(i);
    return;
  }
  const cut = new Set(failed.map((i) => i.table));
  const names = [...cut].sort();
  ctx.issue({
    code: 'mdb-truncated',
    file: relPath,
    params: {
      bytes: bytes >= 0 ? bytes : '?',
      missingFrom: bytes >= 0 ? Math.floor(bytes / pageSize) : Math.min(...cutPages),
      tables: names.length,
      names: names.length > 6 ? `${names.slice(0, 6).join('、')} …` : names.join('、'),
    },
  });
  for (const i of held) {
    if (i.code === 'mdb-table-unreadable') ctx.issue({ ...i, code: 'mdb-table-cut' });
    else if (i.code === 'mdb-row-count-mismatch' && cut.has(i.table)) continue;
    else ctx.issue(i);
  }
}

function loadMdbTable(ctx: LoadContext, mdb: MdbFile, name: string, relPath: string, issue: (i: ReaderIssue) => void): void {
  // rows written so far: the record number of the last row added (kept there by addMdbRows, also when a row throws)
  const row: RecordRow = { file: relPath, rec: 0, deleted: false, values: [], raws: [], geom: null, bbox: undefined };
  let declared: number | undefined;
  let writer: DataTableWriter | undefined;
  try {
    const table = mdb.table(name);
    declared = table.declaredRowCount;
    if (!ctx.claimTable(name, relPath)) return;
    const columns = table.columns.filter((c) => keepColumn(ctx, c, name, relPath));
    ctx.recordColumns(
      name,
      table.columns.map((c) => ({ name: c.name, srcType: c.type, size: c.size, precision: c.precision, scale: c.scale, nullable: c.nullable })),
    );
    const dataColumns: DataColumn[] = columns.map((c) => ({ name: c.name, affinity: mdbAffinity(c.type) }));
    writer = new DataTableWriter(ctx.db, name, dataColumns, { layer: false });
    ctx.onProgress({ phase: 'mdb', done: 0, total: declared, file: `${relPath}#${name}` });
    const names = columns.map((c) => c.name);
    const types = columns.map((c) => c.type);
    // one pair of arrays for every row: the writer binds them before `add` returns
    row.values = new Array(columns.length).fill(null);
    row.raws = new Array(columns.length).fill(null);
    for (const batch of table.batches()) {
      addMdbRows(batch, names, types, row, writer);
      writer.flush();
      ctx.onProgress({ phase: 'mdb', done: row.rec, total: declared, file: `${relPath}#${name}` });
    }
  } catch (e) {
    if (isStoreWriteFailure(e)) throw e;
    writer?.flush();
    issue({ code: 'mdb-table-unreadable', file: relPath, table: name, record: row.rec + 1, params: { reason: errorText(e), rowsRead: row.rec } });
  } finally {
    if (writer) {
      writer.flush();
      ctx.recordTable({
        name,
        origin: 'mdb',
        files: [relPath],
        recordCount: row.rec,
        encoding: mdb.format === 'Jet3' ? 'cp1252' : 'ucs-2',
        encodingSource: 'mdb-format',
        extra: { format: mdb.format, declaredRowCount: declared ?? null },
      });
    }
  }
  if (declared !== undefined && writer && row.rec !== declared) {
    issue({ code: 'mdb-row-count-mismatch', file: relPath, table: name, params: { declared, loaded: row.rec } });
  }
}

/**
 * The writer's row that `loadMdbTable` fills again for each record (its number and cells). Made with `geom` and
 * `bbox` as a layer's rows are, so `add` sees one row shape.
 */
type RecordRow = Omit<DataRow, 'rec' | 'values' | 'raws'> & { rec: number; values: unknown[]; raws: (string | null)[] };

/**
 * Adds one batch of records through `row`. A function of its own, called per batch: V8 optimizes this loop once
 * for all tables, instead of optimizing loadMdbTable mid-loop (on-stack replacement) and again after each table's
 * setup code or new row shape took that code back to the interpreter (~40 ms of compiles on the example).
 */
function addMdbRows(batch: readonly Record<string, Value>[], names: readonly string[], types: readonly string[], row: RecordRow, writer: DataTableWriter): void {
  const { values, raws } = row;
  for (const source of batch) {
    for (let i = 0; i < names.length; i++) setMdbCell(source[names[i]!] ?? null, types[i]!, values, raws, i);
    row.rec++;
    writer.add(row);
  }
}

function keepColumn(ctx: LoadContext, c: MdbColumnDef, table: string, file: string): boolean {
  if (!reservedColumns.has(c.name.toLowerCase()) && !c.name.endsWith('$raw')) return true;
  ctx.issue({ code: 'column-name-reserved', file, table, field: c.name });
  return false;
}
