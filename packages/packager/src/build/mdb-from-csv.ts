import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getTable, validateRow, type Localized, type PhysicalColumn, type PhysicalTable, type ViolationKind } from '@nyt2539/schema';
import { encodeValue, fromPhysicalTable, layoutTable, MdbValueError, mdbValueProblemText, type ColumnLayout, type MdbTableInput, type MdbValue, type TableLayout } from '../mdb/index.js';
import { readCsvTable, type EncodingFact } from './csv-table.js';
import { IssueLog } from './ingest.js';
import { excelMangled } from './values.js';

/** Where the loader is: the file and line of the record being written, for a writer error no cell check foresees. */
interface CsvPosition {
  file: string;
  line: number;
}

interface CsvLoadOptions {
  /** check each row against the standard (Annex A/B) with validateRow */
  readonly validate?: boolean;
}

export interface CsvLoad {
  /** the tables for writeMdb; rows stream from the files as the writer asks for them */
  readonly inputs: AsyncIterable<MdbTableInput>;
  /** every problem found while the inputs were read, located by file, line (`row`) and field */
  readonly log: IssueLog;
  /** each file's encoding, as detected, once the file has been read */
  readonly encodings: EncodingFact[];
  readonly position: CsvPosition;
  /** `.csv` files that are no table of the schema */
  readonly unused: string[];
}

/** The standard's wording of a validateRow violation kind. */
const VIOLATION: Record<ViolationKind, Localized> = {
  type: { zh: '类型不符', en: 'wrong type' },
  length: { zh: '长度超限', en: 'too long' },
  decimals: { zh: '小数位超限', en: 'too many decimals' },
  domain: { zh: '不在代码表中', en: 'not in the code list' },
  required: { zh: '必填项为空', en: 'required but empty' },
  format: { zh: '格式不符', en: 'wrong format' },
  pattern: { zh: '编码格式不符', en: 'does not match the pattern' },
};

/**
 * The tables of `<dir>/<TABLE>.csv` (header row of field codes, matched case-insensitively; UTF-8 or GBK,
 * detected; empty cell = null, `""` = zero-length text) for writeMdb, each cell converted by the column's
 * physical type. Reading never stops at a problem: every record of every file is read, and each cell that
 * cannot be converted or does not fit its column, each row that breaks the standard (validateRow) and each
 * value Excel seems to have mangled goes into `log`, located. The rows handed to the writer always fit: a
 * cell that cannot be stored is left empty (a blank for a required text column, which the checker then
 * reports), a row that cannot be stored at all is left out. Whether that is a draft worth writing is the
 * caller's decision (`mdb create --draft`).
 */
export function csvTableInputs(dir: string, schema: readonly PhysicalTable[], opts: CsvLoadOptions = {}): CsvLoad {
  const position: CsvPosition = { file: '', line: 0 };
  const log = new IssueLog();
  const encodings: EncodingFact[] = [];
  const byLowerName = new Map(schema.map((t) => [t.name.toLowerCase(), t]));
  const unused: string[] = [];
  const files = new Map<string, string>();
  for (const f of readdirSync(dir).sort()) {
    if (!f.toLowerCase().endsWith('.csv')) continue;
    const t = byLowerName.get(f.slice(0, -4).toLowerCase());
    if (t && !files.has(t.name)) files.set(t.name, f);
    else unused.push(f);
  }
  const tables = schema.filter((t) => files.has(t.name) && existsSync(join(dir, files.get(t.name)!)));
  async function* inputs(): AsyncGenerator<MdbTableInput> {
    for (const t of tables) yield { name: t.name, rows: tableRows(join(dir, files.get(t.name)!), files.get(t.name)!, t, { position, log, encodings, validate: opts.validate === true }) };
  }
  return { inputs: inputs(), log, encodings, position, unused };
}

interface TableContext {
  readonly position: CsvPosition;
  readonly log: IssueLog;
  readonly encodings: EncodingFact[];
  readonly validate: boolean;
}

async function* tableRows(path: string, name: string, table: PhysicalTable, ctx: TableContext): AsyncGenerator<Record<string, MdbValue>> {
  const { log } = ctx;
  const standard = getTable(table.name);
  const fieldOf = new Map((standard?.fields ?? []).map((f) => [f.code, f]));
  const layout = layoutTable(fromPhysicalTable(table));
  const byCode = new Map(table.columns.map((c) => [c.code.toUpperCase(), c]));
  /** header name → column, for the columns read */
  const columns = new Map<string, PhysicalColumn>();
  const issue = (severity: 'error' | 'warning', row: number, field: string | undefined, message: Localized, kind: string): void =>
    log.add({ severity, file: name, table: table.name, row, ...(field !== undefined ? { field } : {}), message }, kind);
  const read = readCsvTable(path, name, {
    table: table.name,
    onIssue: (i, kind) => log.add(i, kind),
    onHeader: (names, line) => {
      for (const h of names) {
        const col = byCode.get(h.toUpperCase());
        if (!col) issue('error', line, h, { zh: `表头字段 ${h} 不是表 ${table.name} 的字段，该列未读取`, en: `header field ${h} is not a field of table ${table.name}; the column is not read` }, 'header');
        else if (![...columns.values()].includes(col)) columns.set(h, col);
      }
    },
  });
  ctx.encodings.push(read.encoding);
  ctx.position.file = name;
  for await (const { row: line, values } of read.rows) {
    ctx.position.line = line;
    const row: Record<string, MdbValue> = {};
    /** fields of this row already reported: later stages do not repeat them */
    const reported = new Set<string>();
    for (const [h, col] of columns) {
      const converted = convertCell(col, values[h] ?? null);
      if (isProblem(converted)) {
        issue('error', line, col.code, converted.problem, 'convert');
        row[col.code] = null;
        reported.add(col.code);
        continue;
      }
      row[col.code] = converted;
      const field = fieldOf.get(col.code);
      const mangled = field && typeof converted === 'string' ? excelMangled(field, converted) : undefined;
      if (mangled) issue('warning', line, col.code, mangled, 'excel');
    }
    const stored = fitToColumns(layout, row, line, reported, !ctx.validate, issue);
    if (typeof stored === 'string') {
      issue('error', line, stored, { zh: '此行无法写入数据库：该字段必须有值而值无法存入，此行已略去', en: 'this row cannot be stored: the field must have a value and the value cannot be stored; row left out' }, 'row-left-out');
    }
    if (ctx.validate && standard) {
      for (const v of validateRow(standard, row)) {
        if (reported.has(v.field)) continue;
        const message: Localized = {
          zh: `${VIOLATION[v.kind].zh}，应为 ${v.expected}，实际 ${JSON.stringify(v.actual)}`,
          en: `${VIOLATION[v.kind].en}, expected ${v.expected}, got ${JSON.stringify(v.actual)}`,
        };
        issue(v.advisory ? 'warning' : 'error', line, v.field, message, `standard-${v.kind}`);
      }
    }
    if (typeof stored === 'object') yield stored;
  }
}

type Issue = (severity: 'error' | 'warning', row: number, field: string | undefined, message: Localized, kind: string) => void;

function isProblem(v: MdbValue | { problem: Localized }): v is { problem: Localized } {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'problem' in v;
}

/**
 * The row as the writer can store it: each value tried with the writer's own encoder, a value that does not
 * fit (too long, out of range, too many decimals) left empty and reported. A required column left empty takes
 * a blank where Access allows one (the checker then reports the missing value on this very row), else the row
 * is left out: the column is returned. An empty required column is reported here only when the standard's validation,
 * which reports it as 必填项为空, is off.
 */
function fitToColumns(layout: TableLayout, row: Record<string, MdbValue>, line: number, reported: Set<string>, reportEmpty: boolean, issue: Issue): Record<string, MdbValue> | string {
  const site = { table: layout.def.name, row: line };
  for (const col of layout.columns) {
    const name = col.def.name;
    const e = encodingError(col, row[name], site);
    if (!e) continue;
    if (e.problem !== 'notNull') {
      issue('error', line, name, mdbValueProblemText(e), 'fit');
      reported.add(name);
      row[name] = null;
      if (!encodingError(col, null, site)) continue;
    }
    if (reportEmpty && !reported.has(name)) {
      issue('error', line, name, mdbValueProblemText(e.problem === 'notNull' ? e : new MdbValueError('notNull', site.table, line, name)), 'fit');
      reported.add(name);
    }
    if (col.def.type === 'Text' && col.def.allowZeroLength !== false) {
      row[name] = '';
      continue;
    }
    return name;
  }
  return row;
}

function encodingError(col: ColumnLayout, value: MdbValue, site: { table: string; row: number }): MdbValueError | undefined {
  try {
    encodeValue(col, value, site);
    return undefined;
  } catch (e) {
    if (e instanceof MdbValueError) return e;
    throw e;
  }
}

/** A cell converted by the column's physical type, or why it cannot be. */
function convertCell(col: PhysicalColumn, cell: string | null): MdbValue | { problem: Localized } {
  if (cell === null) return null;
  const q = { zh: `“${cell}”`, en: JSON.stringify(cell) };
  switch (col.type) {
    case 'Text':
    case 'Memo':
    case 'Decimal': // exact decimal text; the writer's encoder checks precision and scale
      return cell;
    case 'Integer':
    case 'Long':
      return /^\s*[+-]?\d+\s*$/.test(cell) ? Number(cell) : { problem: { zh: `${q.zh} 不是整数`, en: `${q.en} is not an integer` } };
    case 'Double': {
      const n = Number(cell);
      return cell.trim() !== '' && Number.isFinite(n) ? n : { problem: { zh: `${q.zh} 不是数值`, en: `${q.en} is not a number` } };
    }
    case 'Boolean': {
      const v = cell.trim().toLowerCase();
      if (['1', 'true', 'yes', '是', '-1'].includes(v)) return true;
      if (['0', 'false', 'no', '否'].includes(v)) return false;
      return { problem: { zh: `${q.zh} 不是是/否值`, en: `${q.en} is not a yes/no value` } };
    }
    case 'DateTime': {
      const d = parseDate(cell);
      if (d) return d;
      const serial = excelDateSerial(cell);
      return {
        problem: serial
          ? { zh: `${q.zh} 不是日期，像是 Excel 的日期序列号（${serial}）：请在原表中把该列设为日期格式后再导出`, en: `${q.en} is not a date; it looks like an Excel date serial (${serial}): format the column as a date in the source sheet and export again` }
          : { zh: `${q.zh} 不是日期（YYYY-MM-DD[ HH:MM[:SS]] 或 YYYYMMDD）`, en: `${q.en} is not a date (YYYY-MM-DD[ HH:MM[:SS]] or YYYYMMDD)` },
      };
    }
  }
}

/** The day an Excel date serial (days since 1899-12-30 in the 1900 date system) stands for, for 1955–2080. */
function excelDateSerial(cell: string): string | undefined {
  const m = /^\s*(\d{5})(?:\.\d+)?\s*$/.exec(cell);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n < 20000 || n > 65000) return undefined;
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`, optionally with ` HH:MM[:SS]` or `THH:MM[:SS]`; a real calendar date. */
function parseDate(s: string): Date | undefined {
  const m = /^\s*(\d{4})(?:([-/])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2}))(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[3] ?? m[5]), Number(m[4] ?? m[6])];
  const [h, mi, sec] = [Number(m[7] ?? 0), Number(m[8] ?? 0), Number(m[9] ?? 0)];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  date.setUTCFullYear(y);
  const ok = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && sec < 60;
  return ok ? date : undefined;
}

