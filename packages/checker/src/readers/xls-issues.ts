import type { Localized } from '@nyt2539/schema';
import { FILE_READ_MESSAGES, type IssueCodes, readFailureCodes } from './issues.js';

/**
 * The .xls reader's issue codes and their messages (xls.ts emits them): apart from the reader, so the rules that
 * own the codes (rules/support/reader-issues.ts) do not load the spreadsheet library with them.
 */

export type XlsReadProblem = 'missing' | 'denied' | 'notFile' | 'unreadable' | 'tooLarge' | 'notXls' | 'isXlsx' | 'corrupt' | 'tooManyRows' | 'hostile' | 'noSheet';

export const READ_MESSAGES: Record<XlsReadProblem, Localized> = {
  ...FILE_READ_MESSAGES,
  notXls: { zh: '不是 Excel 97-2003 (.xls, BIFF8) 文件', en: 'not an Excel 97-2003 (.xls, BIFF8) file' },
  isXlsx: { zh: '是 .xlsx 文件，汇交要求 Excel 97-2003 .xls 格式', en: 'is an .xlsx file; the package requires Excel 97-2003 .xls' },
  corrupt: { zh: '文件已损坏或被截断，无法解析{detail}', en: 'file is corrupt or truncated and cannot be parsed{detail}' },
  tooManyRows: { zh: '工作表行数超过上限 {detail}', en: 'sheet has more rows than the limit {detail}' },
  hostile: { zh: '文件内容试图篡改程序对象（{detail}），已拒绝', en: 'file content tried to alter program objects ({detail}); refused' },
  noSheet: { zh: '文件中没有工作表', en: 'the file has no worksheet' },
};

/** The issue code of each way a workbook cannot be read at all. */
export const READ_CODES = {
  missing: 'xls-open-missing',
  denied: 'xls-open-denied',
  notFile: 'xls-open-not-file',
  unreadable: 'xls-unreadable',
  tooLarge: 'xls-too-large',
  notXls: 'xls-not-xls',
  isXlsx: 'xls-is-xlsx',
  corrupt: 'xls-corrupt',
  tooManyRows: 'xls-too-many-rows',
  hostile: 'xls-hostile',
  noSheet: 'xls-no-sheet',
} as const satisfies Record<XlsReadProblem, string>;

const LAYOUT_MESSAGES = {
  'xls-header-mismatch': { zh: '表头单元格 {cell} 应为“{expected}”，实为“{actual}”', en: 'header cell {cell} should read "{expected}" but reads "{actual}"' },
  'xls-header-moved': { zh: '表头位于第 {actual} 行，模板为第 {expected} 行', en: 'the header is on row {actual}; the template has it on row {expected}' },
  'xls-header-missing': { zh: '找不到表头“权属单位代码”', en: 'header "权属单位代码" not found' },
  'xls-merge-missing': { zh: '缺少模板中的合并单元格 {expected}', en: 'merged range {expected} of the template is missing' },
  'xls-code-not-text': { zh: '权属单位代码 {actual} 存为数值，应为文本', en: 'unit code {actual} is stored as a number, not text' },
  'xls-code-format': { zh: '权属单位代码“{actual}”应为 {expected} 位数字', en: 'unit code "{actual}" should be {expected} digits' },
  'xls-name-empty': { zh: '权属单位名称为空', en: 'unit name is empty' },
  'xls-value-missing': { zh: '“{expected}”为空', en: '"{expected}" is empty' },
  'xls-value-not-number': { zh: '“{expected}”的值“{actual}”不是数值', en: '"{expected}" value "{actual}" is not a number' },
  'xls-value-as-text': { zh: '“{expected}”的值 {actual} 存为文本，应为数值', en: '"{expected}" value {actual} is stored as text, not a number' },
  'xls-extra-cell': { zh: '模板列之外的单元格 {cell} 有内容“{actual}”', en: 'cell {cell} outside the template columns holds "{actual}"' },
  'xls-duplicate-code': { zh: '权属单位代码 {actual} 重复（首次出现在第 {expected} 行）', en: 'unit code {actual} repeats (first on row {expected})' },
  'xls-extra-sheets': { zh: '文件有 {actual} 个工作表，只读取第一个“{expected}”', en: 'the file has {actual} sheets; only the first, "{expected}", is read' },
  'xls-parse-warning': { zh: '文件结构可能已损坏：{actual}', en: 'the file structure may be damaged: {actual}' },
} satisfies Record<string, Localized>;

export type LayoutIssueCode = keyof typeof LAYOUT_MESSAGES;

/** Every code the .xls reader emits, with its message template (a located layout problem, or a workbook that cannot be read). */
export const xlsIssueCodes: IssueCodes = { ...LAYOUT_MESSAGES, ...readFailureCodes(READ_CODES, READ_MESSAGES, { zh: '{file}{inSheet}', en: '{file}{inSheet}' }) };
