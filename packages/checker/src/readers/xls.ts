import { statSync } from 'node:fs';
import { readRegularFile } from '../io/read-bounded.js';
import * as XLSX from '@e965/xlsx';
import {
  localize,
  LocalizedError,
  summaryTable,
  unitCodeTable,
  UNIT_CODE_LENGTH,
  type Lang,
  type Localized,
  type SheetLayout,
  type SummaryColumn,
  type SummaryTableId,
} from '@nyt2539/schema';
import { errnoCode, openFailure, type ReaderIssue } from './issues.js';
import { type LayoutIssueCode, READ_CODES, READ_MESSAGES, type XlsReadProblem } from './xls-issues.js';

/**
 * Reader for the BIFF8 .xls files of a 汇交 package (the six 汇总表格 and the 权属单位代码表).
 *
 * Spreadsheets come from outside, so parsing is guarded: only a compound file (CFB/OLE2 signature) is
 * accepted — SheetJS would otherwise happily read CSV/HTML/SYLK text; the file size and the row count are
 * capped; SheetJS runs in dense mode (rows are arrays, no cell-address keys) with formulas, styles and VBA off,
 * on the fixed 0.20.3 build (earlier builds had a prototype-pollution flaw on crafted files); parsed objects are
 * copied value by value into fresh arrays, never merged into plain objects; and the built-in prototypes are
 * compared before and after parsing. Problems become one located `XlsReadError`; layout problems of a readable
 * file become located issues. A reader knows bytes, not rules: rules decide what an issue means.
 */

type XlsCell = string | number | null;

interface XlsSheet {
  readonly name: string;
  /** 0-based rows of cell values; booleans come back as 'TRUE'/'FALSE' text, errors as null */
  readonly rows: readonly (readonly XlsCell[])[];
  /** A1 ranges, e.g. `A1:H1` */
  readonly merges: readonly string[];
}

interface XlsWorkbook {
  readonly file: string;
  readonly sheets: readonly XlsSheet[];
  /** what SheetJS complained about while parsing (unknown records in a damaged file, …), first 20 */
  readonly parseWarnings: readonly string[];
}

interface XlsReadOptions {
  /** refuse files larger than this many bytes (default 64 MiB) */
  readonly maxBytes?: number;
  /** refuse sheets with more rows than this (default 70 000: above the 65 536 rows BIFF8 allows) */
  readonly maxRows?: number;
}

const XLS_DEFAULT_LIMITS = { maxBytes: 64 * 1024 * 1024, maxRows: 70_000 } as const;

/** MS-CFB 2.2 header signature. */
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);


/** The file could not be read as a spreadsheet; located by file (and sheet when known). */
export class XlsReadError extends LocalizedError {
  constructor(
    readonly problem: XlsReadProblem,
    override readonly file: string,
    readonly sheet?: string,
    readonly detail: string = '',
  ) {
    super(xlsReadText(problem, file, sheet, detail), { code: READ_CODES[problem], file });
    this.name = 'XlsReadError';
  }

  /** The error as the one issue stored for the file (`file` as the package names it). */
  issue(file: string, table?: string): ReaderIssue {
    return { code: READ_CODES[this.problem], file, ...(table ? { table } : {}), params: { inSheet: this.sheet === undefined ? '' : ` [${this.sheet}]`, detail: this.detail } };
  }

}

function xlsReadText(problem: XlsReadProblem, file: string, sheet: string | undefined, detail: string): Localized {
  const where = sheet === undefined ? file : `${file} [${sheet}]`;
  const text = (lang: Lang) => `${where}: ${localize(READ_MESSAGES[problem], lang, { detail })}`;
  return { zh: text('zh'), en: text('en') };
}

function prototypeSnapshot(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(','))
    .join('|');
}

/** Undo and report any property a parse added to the built-in prototypes. */
function restorePrototypes(before: Map<object, Set<string>>): string[] {
  const added: string[] = [];
  for (const [proto, names] of before) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (names.has(name)) continue;
      added.push(name);
      delete (proto as Record<string, unknown>)[name];
    }
  }
  return added;
}

function cellValue(cell: XLSX.CellObject | undefined): XlsCell {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'n':
      return typeof cell.v === 'number' && Number.isFinite(cell.v) ? cell.v : null;
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString() : null;
    default:
      return null; // 'z' stub, 'e' error
  }
}

/** Read every sheet of a BIFF8 workbook into plain arrays. */
export function readXls(path: string, options: XlsReadOptions = {}): XlsWorkbook {
  const file = path;
  const maxBytes = options.maxBytes ?? XLS_DEFAULT_LIMITS.maxBytes;
  const maxRows = options.maxRows ?? XLS_DEFAULT_LIMITS.maxRows;
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > maxBytes) throw new XlsReadError('tooLarge', file, undefined, String(size));
    bytes = readRegularFile(path, maxBytes);
  } catch (e) {
    if (e instanceof XlsReadError) throw e;
    const failure = openFailure(e);
    throw new XlsReadError(failure === 'io' ? 'unreadable' : failure, file, undefined, failure === 'io' ? errnoCode(e) : '');
  }
  if (bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) throw new XlsReadError('isXlsx', file);
  if (bytes.length < 512 || !bytes.subarray(0, 8).equals(CFB_SIGNATURE)) throw new XlsReadError('notXls', file);

  const protos = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
  const before = new Map<object, Set<string>>(protos.map((p) => [p, new Set(Object.getOwnPropertyNames(p))]));
  const snapshot = prototypeSnapshot();
  let wb: XLSX.WorkBook;
  // SheetJS reports damaged records on the console; keep them as facts instead of printing them
  const parseWarnings: string[] = [];
  const saved = { error: console.error, warn: console.warn, log: console.log };
  const collect = (...args: unknown[]): void => {
    if (parseWarnings.length < 20) parseWarnings.push(args.map(String).join(' '));
  };
  console.error = console.warn = console.log = collect;
  try {
    wb = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      // only a cell's type and value are read: its display text (SheetJS formats every number for it) is not,
      // and formatting took half the parse
      cellText: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
      bookDeps: false,
      sheetRows: maxRows + 1,
      WTF: false,
    });
  } catch (e) {
    const added = restorePrototypes(before);
    if (added.length) throw new XlsReadError('hostile', file, undefined, added.join(', '));
    // a TypeError/RangeError is SheetJS tripping over missing structure; its text means nothing to users
    const detail = e instanceof TypeError || e instanceof RangeError || !(e instanceof Error) ? '' : `(${e.message})`;
    throw new XlsReadError('corrupt', file, undefined, detail);
  } finally {
    Object.assign(console, saved);
  }
  if (prototypeSnapshot() !== snapshot) {
    throw new XlsReadError('hostile', file, undefined, restorePrototypes(before).join(', '));
  }

  const names = Array.isArray(wb.SheetNames) ? wb.SheetNames.map(String) : [];
  if (names.length === 0) throw new XlsReadError('noSheet', file);
  const sheets: XlsSheet[] = names.map((name) => {
    // own property only: a sheet called "__proto__" must not resolve to Object.prototype
    const ws = Object.getOwnPropertyDescriptor(wb.Sheets, name)?.value as XLSX.WorkSheet | undefined;
    if (!ws) return { name, rows: [], merges: [] };
    const dense = ws['!data'];
    const source: unknown[] = Array.isArray(dense) ? dense : [];
    if (source.length > maxRows) throw new XlsReadError('tooManyRows', file, name, String(maxRows));
    const rows: XlsCell[][] = [];
    for (let r = 0; r < source.length; r++) {
      const src = source[r];
      const row: XlsCell[] = [];
      if (Array.isArray(src)) for (let c = 0; c < src.length; c++) row.push(cellValue(src[c] as XLSX.CellObject | undefined));
      while (row.length && row[row.length - 1] === null) row.pop();
      rows.push(row);
    }
    while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
    const merges = Array.isArray(ws['!merges']) ? ws['!merges'].map((m) => XLSX.utils.encode_range(m)) : [];
    return { name, rows, merges };
  });
  return { file, sheets, parseWarnings };
}

// ---------------------------------------------------------------------------------------------------------
// Summary tables and the 权属单位代码表, located by their layout

interface XlsDataRow {
  /** 1-based spreadsheet row number (provenance) */
  readonly rowNumber: number;
  readonly code: string;
  readonly name: string;
  /** by column key; null when the cell is empty or not a number */
  readonly values: Readonly<Record<string, number | null>>;
}

export interface XlsTableRead {
  readonly file: string;
  readonly sheet: string;
  readonly rows: readonly XlsDataRow[];
  readonly issues: readonly ReaderIssue[];
}



/** Header texts are compared without whitespace: '发包方\n数量' and '发包方数量' are the same header. */
function normalize(text: XlsCell): string {
  return text === null ? '' : String(text).replace(/\s+/g, '');
}

function a1(r: number, c: number): string {
  return XLSX.utils.encode_cell({ r, c });
}

interface LayoutSpec {
  readonly title: string;
  readonly layout: SheetLayout;
  readonly columns: readonly SummaryColumn[];
}

/** Row index of '权属单位代码' in column A near where the layout expects it. */
function findHeaderRow(rows: readonly (readonly XlsCell[])[], expected: number): number | undefined {
  if (normalize(rows[expected]?.[0] ?? null) === '权属单位代码') return expected;
  for (let r = 0; r < Math.min(rows.length, expected + 10); r++) if (normalize(rows[r]?.[0] ?? null) === '权属单位代码') return r;
  return undefined;
}

function readLayoutTable(path: string, spec: LayoutSpec, options: XlsReadOptions): XlsTableRead {
  const wb = readXls(path, options);
  const sheet = wb.sheets[0];
  const issues: ReaderIssue[] = [];
  const issue = (code: LayoutIssueCode, record: number | undefined, field: string | undefined, params: Record<string, unknown>): void => {
    issues.push({
      code,
      file: path,
      table: spec.title,
      ...(record !== undefined ? { record } : {}),
      ...(field !== undefined ? { field } : {}),
      params: { sheet: sheet.name, ...params },
    });
  };
  for (const w of wb.parseWarnings) issue('xls-parse-warning', undefined, undefined, { actual: w });
  if (wb.sheets.length > 1) issue('xls-extra-sheets', undefined, undefined, { actual: wb.sheets.length, expected: sheet.name });

  // The column-A header sits on the first header row: row 3 (r2) in the summary tables, row 1 in the code table.
  const firstHeaderRow = spec.layout.cells.find((c) => c.text === '权属单位代码')!;
  const expectedHeader = XLSX.utils.decode_cell(firstHeaderRow.ref).r;
  const found = findHeaderRow(sheet.rows, expectedHeader);
  if (found === undefined) {
    issue('xls-header-missing', undefined, undefined, {});
    return { file: path, sheet: sheet.name, rows: [], issues };
  }
  const shift = found - expectedHeader;
  if (shift !== 0) issue('xls-header-moved', found + 1, undefined, { actual: found + 1, expected: expectedHeader + 1 });

  for (const cell of spec.layout.cells) {
    const { r, c } = XLSX.utils.decode_cell(cell.ref);
    const at = r + shift;
    const actual = sheet.rows[at]?.[c] ?? null;
    if (normalize(actual) !== normalize(cell.text)) {
      issue('xls-header-mismatch', at + 1, a1(at, c), { cell: a1(at, c), expected: cell.text.replace(/\n/g, ''), actual: actual ?? '' });
    }
  }
  const merges = new Set(sheet.merges);
  for (const m of spec.layout.merges) {
    const range = XLSX.utils.decode_range(m);
    range.s.r += shift;
    range.e.r += shift;
    const moved = XLSX.utils.encode_range(range);
    if (!merges.has(moved)) issue('xls-merge-missing', range.s.r + 1, moved, { expected: moved });
  }

  const rows: XlsDataRow[] = [];
  const firstSeen = new Map<string, number>();
  const width = spec.columns.length;
  for (let r = spec.layout.dataStartRow + shift; r < sheet.rows.length; r++) {
    const src = sheet.rows[r];
    if (src.every((v) => v === null || normalize(v) === '')) continue;
    const rowNumber = r + 1;
    const rawCode = src[0] ?? null;
    let code = '';
    if (typeof rawCode === 'number') {
      code = String(rawCode);
      issue('xls-code-not-text', rowNumber, '权属单位代码', { actual: code });
    } else if (rawCode !== null) code = rawCode.trim();
    if (!new RegExp(`^\\d{${UNIT_CODE_LENGTH}}$`).test(code)) issue('xls-code-format', rowNumber, '权属单位代码', { actual: code, expected: UNIT_CODE_LENGTH });
    const name = src[1] === null || src[1] === undefined ? '' : String(src[1]).trim();
    if (!name) issue('xls-name-empty', rowNumber, '权属单位名称', {});
    if (code) {
      const first = firstSeen.get(code);
      // SII writes a second row with the same code for a village-level 发包方's own figures (§2.2): only the
      // code table must be unique
      if (first !== undefined && spec.columns.length === 2) issue('xls-duplicate-code', rowNumber, '权属单位代码', { actual: code, expected: first });
      else if (first === undefined) firstSeen.set(code, rowNumber);
    }
    const values: Record<string, number | null> = {};
    for (let c = 2; c < width; c++) {
      const col = spec.columns[c];
      const label = col.header.replace(/\n/g, '');
      const v = src[c] ?? null;
      if (v === null || normalize(v) === '') {
        values[col.key] = null;
        issue('xls-value-missing', rowNumber, a1(r, c), { expected: label });
      } else if (typeof v === 'number') {
        values[col.key] = v;
      } else {
        const n = Number(v.trim());
        if (v.trim() !== '' && Number.isFinite(n)) {
          values[col.key] = n;
          issue('xls-value-as-text', rowNumber, a1(r, c), { expected: label, actual: v });
        } else {
          values[col.key] = null;
          issue('xls-value-not-number', rowNumber, a1(r, c), { expected: label, actual: v });
        }
      }
    }
    for (let c = width; c < src.length; c++) {
      if (src[c] !== null && normalize(src[c]) !== '') issue('xls-extra-cell', rowNumber, a1(r, c), { cell: a1(r, c), actual: src[c] });
    }
    rows.push({ rowNumber, code, name, values });
  }
  return { file: path, sheet: sheet.name, rows, issues };
}

/** Read one of the six 汇总表格: data rows keyed by column key, with layout problems as issues. */
export function readSummaryTable(path: string, tableId: SummaryTableId, options: XlsReadOptions = {}): XlsTableRead {
  const def = summaryTable(tableId);
  return readLayoutTable(path, { title: def.title, layout: def.layout, columns: def.columns }, options);
}

/** Read the 权属单位代码表: one row per unit (code, name), with layout problems as issues. */
export function readUnitCodeTable(path: string, options: XlsReadOptions = {}): XlsTableRead {
  return readLayoutTable(path, { title: unitCodeTable.title, layout: unitCodeTable.layout, columns: unitCodeTable.columns }, options);
}
