import { type Lang, localize, type Localized, LocalizedError, type SummaryColumn, summaryTable, type SummaryTableId, UNIT_CODE_LENGTH, unitCodeTable, writeFileAtomic } from '@nyt2539/schema';
import { type SummaryRow, type UnitCodeRow } from '@nyt2539/checker';
import { AREA_FORMAT, buildSheetXls, COUNT_FORMAT, type DataCell } from './sheetWriter.js';

/**
 * Writers for the six 汇总表格 and the 权属单位代码表 (package-layout.md §2, §5), laid out cell for cell from
 * `@nyt2539/schema` summaryTables / unitCodeTable. Rows usually come from `computeSummaries` in the checker.
 */

interface CountyRef {
  /** 6-digit GB/T 2260 county code; every row's code must start with it */
  readonly countyCode: string;
  readonly countyName: string;
}

type XlsWriteProblem = 'badCode' | 'outsideCounty' | 'emptyName' | 'missingValue' | 'notInteger' | 'badCounty' | 'tooManyRows';

const MESSAGES: Record<XlsWriteProblem, Localized> = {
  badCode: { zh: '权属单位代码“{value}”不是 14 位数字', en: 'unit code "{value}" is not 14 digits' },
  outsideCounty: { zh: '权属单位代码“{value}”不属于县 {county}', en: 'unit code "{value}" is not inside county {county}' },
  emptyName: { zh: '权属单位名称为空', en: 'unit name is empty' },
  missingValue: { zh: '缺少数值（得到“{value}”）', en: 'missing number (got "{value}")' },
  notInteger: { zh: '数量 {value} 不是非负整数', en: 'count {value} is not a non-negative integer' },
  badCounty: { zh: '县级代码“{value}”不是 6 位数字', en: 'county code "{value}" is not 6 digits' },
  tooManyRows: { zh: '{value} 行超过 .xls 工作表上限', en: '{value} rows exceed the .xls sheet limit' },
};

/** A row that cannot be written; located by file, table, spreadsheet row (1-based) and column header. */
export class XlsWriteError extends LocalizedError {
  constructor(
    readonly problem: XlsWriteProblem,
    override readonly file: string,
    readonly table: string,
    readonly row: number | undefined,
    readonly column: string | undefined,
    readonly details: { value?: unknown; county?: string } = {},
  ) {
    const text = (lang: Lang) => {
      const where = [file, table, row === undefined ? '' : lang === 'zh' ? `第 ${row} 行` : `row ${row}`, column ?? ''].filter(Boolean).join(lang === 'zh' ? '，' : ', ');
      return `${where}: ${localize(MESSAGES[problem], lang, { value: String(details.value), county: details.county ?? '' })}`;
    };
    super({ zh: text('zh'), en: text('en') }, { code: `xls-write-${problem}`, file });
    this.name = 'XlsWriteError';
  }
}

const CODE_PATTERN = new RegExp(`^\\d{${UNIT_CODE_LENGTH}}$`);

function textCell(v: string): DataCell {
  return { t: 's', v };
}

function numberCell(file: string, table: string, rowNo: number, col: SummaryColumn, value: unknown): DataCell {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new XlsWriteError('missingValue', file, table, rowNo, col.header, { value });
  if (col.kind === 'count') {
    if (!Number.isInteger(value) || value < 0) throw new XlsWriteError('notInteger', file, table, rowNo, col.header, { value });
    return { t: 'n', v: value, z: COUNT_FORMAT };
  }
  // sums of 2-decimal figures carry float noise (0.1 + 0.2); store the 2-decimal value
  return { t: 'n', v: Math.round(value * 100) / 100, z: AREA_FORMAT };
}

function unitCells(file: string, table: string, rowNo: number, row: { code: string; name: string }, countyCode: string | undefined): DataCell[] {
  const code = String(row.code ?? '');
  if (!CODE_PATTERN.test(code)) throw new XlsWriteError('badCode', file, table, rowNo, '权属单位代码', { value: code });
  if (countyCode !== undefined && !code.startsWith(countyCode)) throw new XlsWriteError('outsideCounty', file, table, rowNo, '权属单位代码', { value: code, county: countyCode });
  const name = String(row.name ?? '').trim();
  if (!name) throw new XlsWriteError('emptyName', file, table, rowNo, '权属单位名称');
  // 14-digit codes are TEXT cells so no reader turns them into 2.2058E+13
  return [textCell(code), textCell(name)];
}

function checkCounty(file: string, table: string, county: CountyRef): void {
  if (!/^\d{6}$/.test(county.countyCode)) throw new XlsWriteError('badCounty', file, table, undefined, undefined, { value: county.countyCode });
}

/** Write one of the six 汇总表格 to `path` (BIFF8, atomic, deterministic). */
export function writeSummaryXls(path: string, tableId: SummaryTableId, county: CountyRef, rows: readonly SummaryRow[]): void {
  const def = summaryTable(tableId);
  checkCounty(path, def.title, county);
  const cells = rows.map((row, i) => {
    const rowNo = def.layout.dataStartRow + i + 1;
    const [code, name] = unitCells(path, def.title, rowNo, row, county.countyCode);
    return [code, name, ...def.columns.slice(2).map((col) => numberCell(path, def.title, rowNo, col, row.values?.[col.key]))];
  });
  writeFileAtomic(path, build(path, def.title, def.layout, cells));
}

/** Write the 权属单位代码表 (`<county6><year4>权属单位代码表.xls`) to `path`. */
export function writeUnitCodeTableXls(path: string, units: readonly UnitCodeRow[], county?: CountyRef): void {
  if (county) checkCounty(path, unitCodeTable.title, county);
  const cells = units.map((u, i) => unitCells(path, unitCodeTable.title, unitCodeTable.layout.dataStartRow + i + 1, u, county?.countyCode));
  writeFileAtomic(path, build(path, unitCodeTable.title, unitCodeTable.layout, cells));
}

function build(path: string, table: string, layout: Parameters<typeof buildSheetXls>[0], cells: DataCell[][]): Buffer {
  try {
    return buildSheetXls(layout, cells);
  } catch (e) {
    if (e instanceof RangeError) throw new XlsWriteError('tooManyRows', path, table, undefined, undefined, { value: cells.length });
    throw e;
  }
}
