import { closeSync, fsyncSync, openSync } from 'node:fs';
import { atomicTarget, type PhysicalTable, physicalTables } from '@nyt2539/schema';
import { EMPTY_SYSTEM_TABLES, MSYS_OBJECTS, catalogRows, type CatalogTable } from './catalog.js';
import { buildCatalogIndexes } from './catalog-index.js';
import { fromPhysicalTable, layoutTable, type MdbTableDef } from './columns.js';
import { MdbValueError } from './errors.js';
import { JET4_MAX_FILE_BYTES, PAGE_SIZE } from './format.js';
import { buildHeaderPage } from './header.js';
import { PageFile, RowPage } from './pages.js';
import { buildDatabasePropertyBlob, buildPropertyBlob } from './props.js';
import { TableWriter, type RowInput } from './table-writer.js';
import { buildGlobalUsageMapRow } from './usage-map.js';
import type { MdbValue } from './values.js';

type MaybeAsync<T> = Iterable<T> | AsyncIterable<T>;

export interface MdbTableInput {
  readonly name: string;
  readonly rows: MaybeAsync<Readonly<Record<string, MdbValue>>>;
}

export interface WriteMdbOptions {
  /** tables to create, in catalog order; default the standard's `physicalTables` */
  readonly schema?: readonly PhysicalTable[];
  /** creation date written in the header and catalog; default fixed so output is reproducible */
  readonly createdAt?: Date;
  /** refuse to grow the file past this many bytes; default (and maximum) the Jet4 limit of 2 GB */
  readonly maxFileBytes?: number;
  /** Access table Description property by table name (the template describes CBDKXX only) */
  readonly tableDescriptions?: Readonly<Record<string, string>>;
}

export interface WriteMdbResult {
  readonly rowCounts: Record<string, number>;
  readonly bytes: number;
}

/** Fixed default creation date: output depends only on the input rows. */
export const DEFAULT_CREATED_AT = new Date(Date.UTC(2016, 0, 1));

/**
 * Write a Jet4 (.mdb, Access 2000–2003) database holding `schema`'s tables, filled from `tables` (tables
 * not given are created empty). Rows stream to disk page by page; the file appears atomically at `path`.
 * Throws MdbValueError (table, row, column) for values that do not fit, MdbSizeLimitError past 2 GB.
 */
export async function writeMdb(path: string, tables: MaybeAsync<MdbTableInput>, opts: WriteMdbOptions = {}): Promise<WriteMdbResult> {
  const schema = (opts.schema ?? physicalTables).map((t) => {
    const def = fromPhysicalTable(t);
    const description = opts.tableDescriptions?.[t.name];
    return description === undefined ? def : { ...def, description };
  });
  const createdAt = opts.createdAt ?? DEFAULT_CREATED_AT;
  const target = atomicTarget(path);
  const fd = openSync(target.tmp, 'w');
  let closed = false;
  try {
    const file = new PageFile(fd, Math.min(opts.maxFileBytes ?? JET4_MAX_FILE_BYTES, JET4_MAX_FILE_BYTES));
    const result = await writeDatabase(file, schema, tables, createdAt);
    fsyncSync(fd);
    closeSync(fd);
    closed = true;
    target.commit();
    return result;
  } catch (err) {
    if (!closed) closeSync(fd);
    target.abort();
    throw err;
  }
}

async function writeDatabase(file: PageFile, schema: readonly MdbTableDef[], tables: MaybeAsync<MdbTableInput>, createdAt: Date): Promise<WriteMdbResult> {
  file.allocate(2); // page 0 header, page 1 global usage map
  const reserve = (def: MdbTableDef): TableWriter => {
    const tdef = file.allocate();
    return new TableWriter(file, layoutTable(def), tdef, file.allocate());
  };
  const catalog = reserve(MSYS_OBJECTS); // TDEF on page 2, as every reader expects
  const systemWriters = EMPTY_SYSTEM_TABLES.map(reserve);
  const userWriters = new Map(schema.map((def) => [def.name, reserve(def)]));

  const entries: CatalogTable[] = [catalog, ...systemWriters].map((w) => ({ name: w.layout.def.name, tdefPage: w.tdefPage, system: true }));
  for (const w of userWriters.values()) {
    entries.push({ name: w.layout.def.name, tdefPage: w.tdefPage, system: false, lvProp: buildPropertyBlob(w.layout.def) });
  }
  const rows = catalogRows(entries, createdAt, buildDatabasePropertyBlob());
  const placed = rows.map((row) => ({ row, at: catalog.add(row) }));
  catalog.finish(buildCatalogIndexes(file, catalog.tdefPage, placed));
  for (const w of systemWriters) w.finish();

  const done = new Set<string>();
  for await (const input of tables as AsyncIterable<MdbTableInput>) {
    const writer = userWriters.get(input.name);
    if (!writer) throw new MdbValueError('unknownTable', input.name, undefined, undefined);
    if (done.has(input.name)) throw new MdbValueError('duplicateTable', input.name, undefined, undefined);
    done.add(input.name);
    if (Symbol.iterator in input.rows) {
      for (const row of input.rows as Iterable<RowInput>) writer.add(row);
    } else {
      for await (const row of input.rows) writer.add(row);
    }
    writer.finish();
  }
  const rowCounts: Record<string, number> = {};
  for (const [name, w] of userWriters) {
    if (!done.has(name)) w.finish();
    rowCounts[name] = w.rowCount;
  }

  const global = new RowPage(1);
  global.add(buildGlobalUsageMapRow(file.pageCount));
  // a second, empty map row follows the global map on page 1 in Access-written files
  global.add(Buffer.alloc(buildGlobalUsageMapRow(0).length));
  file.write(1, global.buf);
  file.write(0, buildHeaderPage(createdAt));
  return { rowCounts, bytes: file.pageCount * PAGE_SIZE };
}
