import type { IssueCodes } from './issues.js';

/**
 * Every code stored for an .mdb (mdb-reader throws; the loader turns what it threw, and what the file declares,
 * into these), with its message template: apart from the reader, so the rules that own the codes
 * (rules/support/reader-issues.ts) do not load mdb-reader with them.
 */
export const mdbIssueCodes = {
  'mdb-unreadable': {
    zh: '无法读取 Access 数据库 {file}：文件损坏、被截断或不是 .mdb 文件（{reason}）',
    en: 'cannot read Access database {file}: the file is corrupt, truncated or not an .mdb ({reason})',
  },
  'mdb-format-jet3': {
    zh: '{file} 是 Access 97 (Jet3) 格式：其文本按西文代码页存储，中文可能读成乱码；应为 Access 2000-2003 (.mdb, Jet4) 格式',
    en: '{file} is in Access 97 (Jet3) format: its text is stored in a Western code page, so Chinese may read as garbage; Access 2000-2003 (.mdb, Jet4) is expected',
  },
  'mdb-table-unreadable': {
    zh: '读取 {file} 的表 {table} 时出错（已读 {rowsRead} 行）：{reason}',
    en: 'error reading table {table} of {file} after {rowsRead} rows: {reason}',
  },
  'mdb-truncated': {
    zh: 'Access 数据库 {file} 被截断（{bytes} 字节，缺少第 {missingFrom} 页起的数据页）：{tables} 个表无法读取（{names}），这些表的内容均未检查',
    en: 'Access database {file} is cut short ({bytes} bytes, the pages from page {missingFrom} on are missing): {tables} tables cannot be read ({names}) and their contents were not checked',
  },
  'mdb-table-cut': {
    zh: '表 {table} 位于 {file} 被截断的部分（已读 {rowsRead} 行）：{reason}',
    en: 'table {table} lies in the cut-off part of {file} ({rowsRead} rows read): {reason}',
  },
  'mdb-row-count-mismatch': {
    zh: '{file} 的表 {table} 声明 {declared} 行，实际读出 {loaded} 行',
    en: 'table {table} of {file} declares {declared} rows but {loaded} were read',
  },
} as const satisfies IssueCodes;
