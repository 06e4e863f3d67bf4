/**
 * What the shapefile reader (.shp, .shx, .dbf, .cpg, .prj of one layer) tells about a file it could read only
 * partly (a ReaderIssue), or could not open at all (ReaderError). Readers record facts; rules decide severity.
 */
import { LocalizedError } from '@nyt2539/schema';
import { issueMessage, type IssueCodes, type ReaderIssue } from '../issues.js';

export type { ReaderIssue } from '../issues.js';

/** A file that cannot be read at all; the loader stores it as one issue at its root, never a stack trace. */
export class ReaderError extends LocalizedError {
  declare readonly code: ShapefileIssueCode;
  declare readonly file: string;
  readonly params: Readonly<Record<string, unknown>>;

  constructor(code: ShapefileIssueCode, file: string, params: Readonly<Record<string, unknown>> = {}) {
    super(issueMessage(shapefileIssueCodes[code], { code, file, params }), { code, file });
    this.name = 'ReaderError';
    this.params = params;
  }
}

/** Every code the shapefile reader emits, with its message template (`{file}`, `{record}`, `{field}` from the location). */
export const shapefileIssueCodes = {
  'shp-missing': { zh: '找不到 .shp 文件：{file}', en: 'No .shp file: {file}' },
  'shp-unreadable': { zh: '无法读取文件 {file}：{reason}', en: 'Cannot read {file}: {reason}' },
  'shp-bad-header': { zh: '{file} 不是有效的 shapefile：{reason}', en: '{file} is not a valid shapefile: {reason}' },
  'shp-bad-version': { zh: '{file} 的文件头不规范：{reason}', en: '{file} has a non-standard header: {reason}' },
  'shp-length-short': {
    zh: '{file} 文件头记录的长度为 {declared} 字节，实际只有 {actual} 字节（文件被截断）',
    en: '{file}: header says {declared} bytes, the file has only {actual} bytes (truncated)',
  },
  'shp-length-mismatch': {
    zh: '{file} 文件头记录的长度为 {declared} 字节，实际为 {actual} 字节',
    en: '{file}: header says {declared} bytes, file has {actual} bytes',
  },
  'shp-truncated': {
    zh: '{file} 在第 {record} 条记录处被截断（偏移 {offset}）',
    en: '{file} is truncated at record {record} (offset {offset})',
  },
  'shp-misaligned': {
    zh: '{file} 自第 {record} 条记录起错位：文件大小与文件头不符（文件中有字节缺失或多出），偏移 {offset} 处的记录头记录号为 {actual}、长度与索引不符；自该处起的 {unread} 条记录未读取，其逐条的几何问题不再报告',
    en: '{file} is misaligned from record {record} on: its size disagrees with its header (bytes were lost or added) and the record header at offset {offset} carries number {actual} and a length the index does not give; the {unread} records from there on are not read, so their geometry is not reported one by one',
  },
  'shp-bad-record': { zh: '{file} 第 {record} 条记录几何无效：{reason}', en: '{file} record {record}: invalid geometry: {reason}' },
  'shx-length-mismatch': {
    zh: '{file} 第 {record} 条记录：{reason}',
    en: '{file} record {record}: {reason}',
  },
  'shp-record-bbox': {
    zh: '{file} 第 {record} 条记录自身的外包矩形含非数值或无穷大（{actual}），GIS 软件按它选择和索引要素',
    en: '{file} record {record}: its own bounding box holds NaN or infinity ({actual}); GIS software selects and indexes features by it',
  },
  'shp-record-number': {
    zh: '{file} 第 {record} 条记录的记录号为 {actual}',
    en: '{file} record {record} carries record number {actual}',
  },
  'shp-type-mismatch': {
    zh: '{file} 第 {record} 条记录的几何类型为 {actual}，文件头为 {expected}（其后同类型的记录不再逐条报告）',
    en: '{file} record {record} has shape type {actual}, the header says {expected} (later records of that type are not reported one by one)',
  },
  'shp-unknown-type': { zh: '{file} 的几何类型代码 {actual} 未定义', en: '{file} has undefined shape type code {actual}' },
  'shp-zm': {
    zh: '{file} 的几何类型为 {actual}（带 Z/M 值），仅读取 X/Y',
    en: '{file} has shape type {actual} (with Z/M values); only X/Y are used',
  },
  'shx-missing': {
    zh: '缺少索引文件 {file}，已按顺序读取 .shp',
    en: 'Index file {file} is missing; the .shp was read sequentially',
  },
  'shx-bad': { zh: '索引文件 {file} 无效：{reason}，已按顺序读取 .shp', en: 'Index file {file} is invalid: {reason}; the .shp was read sequentially' },
  'shx-offset-mismatch': {
    zh: '{file} 第 {record} 条记录在 .shx 中的偏移 {expected} 与 .shp 中的实际位置 {actual} 不一致',
    en: '{file} record {record}: .shx offset {expected} differs from its position {actual} in the .shp',
  },
  'count-mismatch': {
    zh: '{file} 的几何记录数 {shp} 与属性记录数 {dbf} 不一致',
    en: '{file}: {shp} shapes but {dbf} attribute records',
  },
  'dbf-missing': { zh: '找不到属性表文件 {file}', en: 'No attribute table file {file}' },
  'dbf-bad-header': { zh: '属性表 {file} 的文件头无效：{reason}', en: 'Attribute table {file} has an invalid header: {reason}' },
  'dbf-header-length': {
    zh: '属性表 {file} 的文件头长度为 {actual}，按 {fields} 个字段应为 {expected}',
    en: 'Attribute table {file}: header length {actual}, expected {expected} for {fields} fields',
  },
  'dbf-record-length': {
    zh: '属性表 {file} 的记录长度为 {actual}，按字段宽度之和应为 {expected}',
    en: 'Attribute table {file}: record length {actual}, the field widths add up to {expected}',
  },
  'dbf-count-mismatch': {
    zh: '属性表 {file} 文件头记录数为 {declared}，按文件大小应为 {actual}',
    en: 'Attribute table {file}: the header says {declared} records, the file size holds {actual}',
  },
  'dbf-truncated': {
    zh: '属性表 {file} 被截断：文件头记录数 {declared}，完整记录只有 {actual} 条',
    en: 'Attribute table {file} is truncated: header says {declared} records, only {actual} are complete',
  },
  'dbf-no-eof': { zh: '属性表 {file} 末尾缺少结束符 0x1A', en: 'Attribute table {file} lacks the 0x1A end-of-file marker' },
  'dbf-misaligned': {
    zh: '属性表 {file} 自第 {record} 条记录起错位：文件大小与文件头相差 {bytes} 字节（不是整条记录，文件中有字节缺失或多出），{reason}；自该记录起的 {unread} 条记录未读取，其逐条的值问题不再报告',
    en: 'Attribute table {file} is misaligned from record {record} on: its size differs from its header by {bytes} bytes (not whole records: bytes were lost or added) and {reason}; the {unread} records from there on are not read, so their values are not reported one by one',
  },
  'dbf-fields-misaligned': {
    zh: '属性表 {file} 的字段宽度之和 {expected} 与记录长度 {actual} 不符，自第 {record} 条记录起字段 {fields} 连续无法解读（字段描述已损坏，值不在其位置上）；自该记录起的 {unread} 条记录未读取，其逐条的值问题不再报告',
    en: 'Attribute table {file}: the field widths add up to {expected} but the record length is {actual}, and from record {record} on fields {fields} cannot be read record after record (damaged field descriptors: values are not where they say); the {unread} records from there on are not read, so their values are not reported one by one',
  },
  'dbf-deleted-flag': {
    zh: '属性表 {file} 第 {record} 条记录的删除标记为无效字节 {actual}',
    en: 'Attribute table {file} record {record} has an invalid deletion flag byte {actual}',
  },
  'dbf-unsupported-type': {
    zh: '属性表 {file} 字段 {field} 的类型 {actual} 不受支持，按原始文本读取',
    en: 'Attribute table {file} field {field} has unsupported type {actual}; read as raw text',
  },
  'dbf-duplicate-field': { zh: '属性表 {file} 字段名 {field} 重复', en: 'Attribute table {file} has duplicate field name {field}' },
  'dbf-bad-number': {
    zh: '属性表 {file} 第 {record} 条记录字段 {field} 的值“{actual}”不是数字',
    en: 'Attribute table {file} record {record} field {field}: "{actual}" is not a number',
  },
  'dbf-negative-zero': {
    zh: '属性表 {file} 第 {record} 条记录字段 {field} 的值为负零“{actual}”：多为计算结果为负数后被舍入，请核实',
    en: 'Attribute table {file} record {record} field {field} holds negative zero "{actual}": usually a negative result rounded; verify it',
  },
  'dbf-numeric-overflow': {
    zh: '属性表 {file} 第 {record} 条记录字段 {field} 为星号填充（数值超出字段宽度）',
    en: 'Attribute table {file} record {record} field {field} is filled with * (the value overflowed the field width)',
  },
  'dbf-bad-date': {
    zh: '属性表 {file} 第 {record} 条记录字段 {field} 的值“{actual}”不是 YYYYMMDD 日期',
    en: 'Attribute table {file} record {record} field {field}: "{actual}" is not a YYYYMMDD date',
  },
  'dbf-bad-text': {
    zh: '属性表 {file} 第 {record} 条记录字段 {field} 含有 {encoding} 编码下无效的字节',
    en: 'Attribute table {file} record {record} field {field} has bytes that are invalid in {encoding}',
  },
  'cpg-unknown': {
    zh: '编码文件 {file} 的内容“{actual}”不是已知的代码页，已改用其他方式判断编码',
    en: 'Code page file {file} says "{actual}", which is not a known code page; the encoding was detected otherwise',
  },
  'cpg-ldid-conflict': {
    zh: '编码文件 {file} 声明 {cpg}，而 .dbf 语言驱动标识 0x{ldid} 表示 {ldidEncoding}；按 .cpg 读取',
    en: 'Code page file {file} says {cpg} but the .dbf language driver id 0x{ldid} means {ldidEncoding}; the .cpg wins',
  },
  'encoding-guessed': {
    zh: '{file} 未声明编码（无 .cpg，语言驱动标识 0x{ldid}），按内容判断为 {encoding}',
    en: '{file} declares no encoding (no .cpg, language driver id 0x{ldid}); the content looks like {encoding}',
  },
  'prj-contradiction': {
    zh: '坐标系文件 {file} 所称的坐标系 {named} 的 {param} 应为 {expected}，文件中的参数为 {actual}：名称（代码）与参数必有一处错误；坐标按参数解释，请按数据实际所在分带核实后改正错误的一方',
    en: 'Projection file {file}: the system it names, {named}, has {param} = {expected}, but the file gives {actual}: either the name (code) or the parameter is wrong; coordinates are read by the parameter: check which zone the data lie in and correct the wrong side',
  },
  'layer-part-mismatch': {
    zh: '图层分块 {file} 的{what}与第一块 {first} 不一致',
    en: 'Layer part {file} has a different {what} than the first part {first}',
  },
} as const satisfies IssueCodes;

export type ShapefileIssueCode = keyof typeof shapefileIssueCodes;

export function issue(
  code: ShapefileIssueCode,
  file: string,
  params: Readonly<Record<string, unknown>> = {},
  where: { record?: number; field?: string } = {},
): ReaderIssue {
  return {
    code,
    file,
    ...(where.record !== undefined ? { record: where.record } : {}),
    ...(where.field !== undefined ? { field: where.field } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
  };
}

export function readerError(code: ShapefileIssueCode, file: string, params: Readonly<Record<string, unknown>> = {}): ReaderError {
  return new ReaderError(code, file, params);
}
