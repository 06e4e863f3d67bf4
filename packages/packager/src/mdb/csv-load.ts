import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getTable, localize, LocalizedError, validateRow, type Lang, type Localized, type PhysicalColumn, type PhysicalTable, type Violation } from '@nyt2539/schema';
import { CsvError, csvMessages, readCsv, type CsvProblem } from './csv.js';
import type { MdbValue } from './values.js';
import type { MdbTableInput } from './writer.js';

/** Where the CSV loader is: the file and line of the record being written, for located messages. */
export interface CsvPosition {
  file: string;
  line: number;
}

type LoadProblem = 'header' | 'duplicateHeader' | 'cellCount' | 'integer' | 'number' | 'date' | 'boolean' | CsvProblem;

const MESSAGES: Record<LoadProblem, Localized> = {
  header: { zh: '表头字段 {column} 不属于表 {table}', en: 'header field {column} is not a field of table {table}' },
  duplicateHeader: { zh: '表头字段 {column} 重复', en: 'header field {column} appears twice' },
  cellCount: { zh: '有 {actual} 个单元格，表头有 {expected} 个', en: '{actual} cells, the header has {expected}' },
  integer: { zh: '字段 {column}: “{value}” 不是整数', en: 'field {column}: "{value}" is not an integer' },
  number: { zh: '字段 {column}: “{value}” 不是数值', en: 'field {column}: "{value}" is not a number' },
  date: { zh: '字段 {column}: “{value}” 不是日期（YYYY-MM-DD[ HH:MM[:SS]] 或 YYYYMMDD）', en: 'field {column}: "{value}" is not a date (YYYY-MM-DD[ HH:MM[:SS]] or YYYYMMDD)' },
  boolean: { zh: '字段 {column}: “{value}” 不是是/否值', en: 'field {column}: "{value}" is not a yes/no value' },
  ...csvMessages,
};

/** A CSV that cannot be loaded, located by file, line and (where known) field. */
export class CsvLoadError extends LocalizedError {
  constructor(
    override readonly file: string,
    readonly line: number,
    readonly problem: LoadProblem,
    readonly data: Readonly<Record<string, unknown>> = {},
  ) {
    super({ zh: `${file}:${line}: ${localize(MESSAGES[problem], 'zh', data)}`, en: `${file}:${line}: ${localize(MESSAGES[problem], 'en', data)}` }, { code: `csv-${problem}`, file });
    this.name = 'CsvLoadError';
  }
}

/** A row that breaks a rule of the standard (validateRow), located in its CSV. */
export interface LocatedViolation extends Violation {
  readonly file: string;
  readonly line: number;
  readonly table: string;
}

export interface CsvLoadOptions {
  /** check each row against the standard (Annex A/B) with validateRow */
  readonly validate?: boolean;
  readonly onViolation?: (v: LocatedViolation) => void;
}

/**
 * Table inputs for writeMdb from `<dir>/<TABLE>.csv` (UTF-8, header row of field codes, empty cell = null,
 * `""` = zero-length string), converting each cell by the column's physical type. `position` tracks the
 * record being written so writer errors can be located in the file.
 */
export function csvTableInputs(dir: string, schema: readonly PhysicalTable[], opts: CsvLoadOptions = {}): { inputs: MdbTableInput[]; position: CsvPosition; unused: string[] } {
  const position: CsvPosition = { file: '', line: 0 };
  const names = new Set(schema.map((t) => t.name));
  const unused = readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.csv') && !names.has(f.slice(0, -4)));
  const inputs = schema
    .filter((t) => existsSync(join(dir, `${t.name}.csv`)))
    .map((t) => ({ name: t.name, rows: tableRows(join(dir, `${t.name}.csv`), t, position, opts) }));
  return { inputs, position, unused };
}

async function* tableRows(file: string, table: PhysicalTable, position: CsvPosition, opts: CsvLoadOptions): AsyncGenerator<Record<string, MdbValue>> {
  const byCode = new Map(table.columns.map((c) => [c.code, c]));
  const standard = opts.validate ? getTable(table.name) : undefined;
  let header: PhysicalColumn[] | undefined;
  position.file = file;
  try {
    for await (const rec of readCsv(file)) {
      position.line = rec.line;
      if (!header) {
        const seen = new Set<string>();
        header = rec.cells.map((cell) => {
          const code = (cell ?? '').trim();
          const col = byCode.get(code);
          if (!col) throw new CsvLoadError(file, rec.line, 'header', { column: code, table: table.name });
          if (seen.has(code)) throw new CsvLoadError(file, rec.line, 'duplicateHeader', { column: code });
          seen.add(code);
          return col;
        });
        continue;
      }
      if (rec.cells.length !== header.length) throw new CsvLoadError(file, rec.line, 'cellCount', { actual: rec.cells.length, expected: header.length });
      const row: Record<string, MdbValue> = {};
      for (let k = 0; k < header.length; k++) row[header[k].code] = convertCell(header[k], rec.cells[k], file, rec.line);
      if (standard && opts.onViolation) {
        for (const v of validateRow(standard, row)) opts.onViolation({ ...v, file: basename(file), line: rec.line, table: table.name });
      }
      yield row;
    }
  } catch (err) {
    if (err instanceof CsvError) throw new CsvLoadError(file, err.line, err.reason);
    throw err;
  }
}

function convertCell(col: PhysicalColumn, cell: string | null, file: string, line: number): MdbValue {
  if (cell === null) return null;
  const fail = (problem: LoadProblem): never => {
    throw new CsvLoadError(file, line, problem, { column: col.code, value: cell });
  };
  switch (col.type) {
    case 'Text':
    case 'Memo':
    case 'Decimal': // exact decimal text; the writer checks precision and scale
      return cell;
    case 'Integer':
    case 'Long':
      return /^\s*[+-]?\d+\s*$/.test(cell) ? Number(cell) : fail('integer');
    case 'Double': {
      const n = Number(cell);
      return cell.trim() !== '' && Number.isFinite(n) ? n : fail('number');
    }
    case 'Boolean': {
      const v = cell.trim().toLowerCase();
      if (['1', 'true', 'yes', '是', '-1'].includes(v)) return true;
      if (['0', 'false', 'no', '否'].includes(v)) return false;
      return fail('boolean');
    }
    case 'DateTime':
      return parseDate(cell) ?? fail('date');
  }
}

/** `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`, optionally with ` HH:MM[:SS]` or `THH:MM[:SS]`; a real calendar date. */
export function parseDate(s: string): Date | undefined {
  const m = /^\s*(\d{4})(?:([-/])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2}))(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[3] ?? m[5]), Number(m[4] ?? m[6])];
  const [h, mi, sec] = [Number(m[7] ?? 0), Number(m[8] ?? 0), Number(m[9] ?? 0)];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  date.setUTCFullYear(y);
  const ok = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && sec < 60;
  return ok ? date : undefined;
}
