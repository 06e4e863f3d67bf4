import { localize, LocalizedError, type Lang, type Localized } from '@nyt2539/schema';

/** Why a value could not be written. */
export type MdbValueProblem =
  | 'textTooLong'
  | 'decimalOverflow'
  | 'decimalScale'
  | 'integerRange'
  | 'notNull'
  | 'badValue'
  | 'unknownColumn'
  | 'unknownTable'
  | 'duplicateTable'
  | 'rowTooLarge';

const MESSAGES: Record<MdbValueProblem, Localized> = {
  textTooLong: { zh: '文本长度 {actual} 超过字段长度 {limit}', en: 'text length {actual} exceeds the field size {limit}' },
  decimalOverflow: { zh: '数值 {value} 超出精度 {limit}', en: 'value {value} exceeds precision {limit}' },
  decimalScale: { zh: '数值 {value} 的小数位多于 {limit} 位', en: 'value {value} has more than {limit} decimal places' },
  integerRange: { zh: '整数 {value} 超出范围 {limit}', en: 'integer {value} is outside {limit}' },
  notNull: { zh: '必填字段为空', en: 'required field is empty' },
  badValue: { zh: '值 {value} 不是有效的{limit}', en: 'value {value} is not a valid {limit}' },
  unknownColumn: { zh: '表中没有此字段', en: 'the table has no such field' },
  unknownTable: { zh: '数据库结构中没有此表', en: 'the database schema has no such table' },
  duplicateTable: { zh: '同一张表给出了两次', en: 'the same table was given twice' },
  rowTooLarge: { zh: '记录长度 {actual} 字节超过 Jet4 上限 {limit}', en: 'row of {actual} bytes exceeds the Jet4 limit {limit}' },
};

/** A value (or table/row) that does not fit the physical schema; located by table, 1-based row number and column. */
export class MdbValueError extends LocalizedError {
  constructor(
    readonly problem: MdbValueProblem,
    readonly table: string,
    readonly row: number | undefined,
    readonly column: string | undefined,
    readonly details: { value?: unknown; actual?: number; limit?: string | number } = {},
  ) {
    const e = { problem, table, row, column, details };
    super({ zh: describeMdbValueError(e, 'zh'), en: describeMdbValueError(e, 'en') }, { code: 'mdb-value' });
    this.name = 'MdbValueError';
  }
}

/** What is wrong with the value, without its location (for callers that locate it by file and line themselves). */
export function mdbValueProblemText(e: MdbValueError): Localized {
  const value = e.details.value === undefined ? '' : JSON.stringify(String(e.details.value)).slice(0, 60);
  return { zh: localize(MESSAGES[e.problem], 'zh', { ...e.details, value }), en: localize(MESSAGES[e.problem], 'en', { ...e.details, value }) };
}

function describeMdbValueError(
  e: Pick<MdbValueError, 'problem' | 'table' | 'row' | 'column' | 'details'>,
  lang: Lang,
): string {
  const where = [
    lang === 'zh' ? `表 ${e.table}` : `table ${e.table}`,
    e.row !== undefined ? (lang === 'zh' ? `第 ${e.row} 条记录` : `row ${e.row}`) : undefined,
    e.column !== undefined ? (lang === 'zh' ? `字段 ${e.column}` : `field ${e.column}`) : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(lang === 'zh' ? '，' : ', ');
  const value = e.details.value === undefined ? '' : JSON.stringify(String(e.details.value)).slice(0, 60);
  const what = localize(MESSAGES[e.problem], lang, { ...e.details, value });
  return `${where}: ${what}`;
}

/** Writing would take the file past the Jet4 2 GB limit (or a smaller limit given for tests). */
export class MdbSizeLimitError extends LocalizedError {
  constructor(
    readonly limitBytes: number,
    readonly table: string | undefined,
    readonly row: number | undefined,
  ) {
    super({ zh: describeSizeLimit(limitBytes, table, row, 'zh'), en: describeSizeLimit(limitBytes, table, row, 'en') }, { code: 'mdb-size-limit' });
    this.name = 'MdbSizeLimitError';
  }
}

function describeSizeLimit(limit: number, table: string | undefined, row: number | undefined, lang: Lang): string {
  const where =
    table === undefined
      ? ''
      : lang === 'zh'
        ? `表 ${table}${row !== undefined ? `，第 ${row} 条记录` : ''}: `
        : `table ${table}${row !== undefined ? `, row ${row}` : ''}: `;
  return lang === 'zh'
    ? `${where}写入将使 .mdb 超过 Jet4 文件上限 ${limit} 字节，已停止（未留下输出文件）`
    : `${where}writing would take the .mdb past the Jet4 file limit of ${limit} bytes; stopped (no output file left)`;
}
