import { formatMessage, type Localized, LocalizedError } from '@nyt2539/schema';
import { NOT_REGULAR_CODE } from '../io/read-bounded.js';

/**
 * The one contract between every reader (shapefile, .shx, .dbf, .prj, .cpg, .mdb, .xls, metadata XML, package
 * discovery) and the rules: a reader tells WHAT it met (a stable code), WHERE (file, table or layer, record,
 * field) and the values its message needs (params). It never says how bad that is: the reader-issue rule that
 * owns the code declares a default severity in its `meta.readerCodes`, and a profile may change it.
 */
export interface ReaderIssue {
  /** stable machine id, e.g. 'dbf-truncated'; declared with its message template in the reader's code list */
  readonly code: string;
  /** package-relative path once stored (a reader may give the path it was handed; the loader makes it relative) */
  readonly file?: string;
  /** table, layer or sheet the issue is in */
  readonly table?: string;
  /** 1-based record (or spreadsheet row, or XML line) */
  readonly record?: number;
  /** field, cell address or element path */
  readonly field?: string;
  /** values for the message template (never a location: those come from the fields above) */
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * Message templates of one reader's codes. `{file}`, `{table}`, `{record}`, `{field}` are filled from the issue's
 * location, any other `{name}` from its params. Adding a code = one line here (and one in the owning rule's meta).
 */
export type IssueCodes = Readonly<Record<string, Localized>>;

/** Why a whole file was not read, as the bounded readers (xls, metadata) word it ({detail}: errno or size). */
export const FILE_READ_MESSAGES = {
  missing: { zh: '文件不存在（可能已被移走或删除）', en: 'the file does not exist (moved or deleted?)' },
  denied: { zh: '没有读取权限，无法打开', en: 'no permission to read the file' },
  notFile: { zh: '不是普通文件（是文件夹、命名管道或设备），未读取', en: 'not a regular file (a folder, named pipe or device); not read' },
  unreadable: { zh: '读取文件时发生系统错误（{detail}）', en: 'a system error while reading the file ({detail})' },
  tooLarge: { zh: '文件大小 {detail} 字节超过上限', en: 'file size {detail} bytes exceeds the limit' },
} as const satisfies Record<string, Localized>;

/**
 * The templates of the ways a file cannot be read at all: each problem's code with its message after `where`
 * (the placeholders that locate it, e.g. `{file}{inSheet}`).
 */
export function readFailureCodes<P extends string>(codes: Readonly<Record<P, string>>, messages: Readonly<Record<P, Localized>>, where: Localized): IssueCodes {
  return Object.fromEntries((Object.keys(codes) as P[]).map((p) => [codes[p], { zh: `${where.zh}: ${messages[p].zh}`, en: `${where.en}: ${messages[p].en}` }]));
}

/** The issue's message in both languages; a bilingual param ({zh, en}, e.g. from errorText) gives each its side. */
export function issueMessage(template: Localized, issue: ReaderIssue): Localized {
  // the location is the issue's own: a param of the same name never replaces it
  const data = { ...issue.params, file: issue.file, table: issue.table, record: issue.record, field: issue.field };
  return { zh: formatMessage(template.zh, data, 'zh'), en: formatMessage(template.en, data, 'en') };
}

/**
 * Why a file could not be opened, as one of a few cases each reader gives its own issue code and words: the
 * errno code alone (EACCES, EISDIR) means nothing to a user, and the error's own text names the absolute path.
 * `io` is every other system error; its errno code goes into the message as a detail, never alone.
 */
export type OpenFailure = 'missing' | 'denied' | 'notFile' | 'io';

export function openFailure(e: unknown): OpenFailure {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'missing';
    case 'EACCES':
    case 'EPERM':
      return 'denied';
    case 'EISDIR':
    case NOT_REGULAR_CODE:
      return 'notFile';
    default:
      return 'io';
  }
}

/** The errno code of an `io` open failure, for its message ('?' when the error has none). */
export function errnoCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : '?';
}

/** The same cases in words, for a message built in one piece (the zip reader's refusals). */
export const openFailureText: Readonly<Record<OpenFailure, Localized>> = {
  missing: { zh: '文件不存在（可能已被移走或删除）', en: 'the file does not exist (moved or deleted?)' },
  denied: { zh: '没有读取权限', en: 'no permission to read it' },
  notFile: { zh: '不是普通文件（是文件夹、命名管道或设备）', en: 'not a regular file (a folder, named pipe or device)' },
  io: { zh: '读取时发生系统错误（{errno}）', en: 'a system error while reading it ({errno})' },
};

/**
 * What a damaged file made a parser trip over: an engine error (a read past the end of a buffer, a missing part
 * dereferenced) says nothing to a user and names internals, so it becomes this located-by-the-issue sentence.
 */
export const DAMAGED_STRUCTURE: Localized = {
  zh: '文件内部结构损坏（记录、页或字段指向了不存在或超出文件范围的数据）',
  en: 'the file\'s internal structure is damaged (a record, page or field points at data that is missing or beyond the file)',
};

/** Names of the JavaScript engine's own error classes; none of them may reach a user's message. */
export const JS_ERROR_CLASSES = ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError', 'InternalError', 'AggregateError'] as const;

const ENGINE_TEXT = /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|outside the bounds|out of range|Invalid array length|Invalid typed array length|Maximum call stack|\bundefined\b|\bnull\b|\bNaN\b/;

/**
 * The reason of an unknown thrown value, for an issue's params: a system error in words with its errno code (the
 * file is already the issue's location, so the absolute path in the message is left out); an engine error or a
 * message that only makes sense to a programmer gives {@link DAMAGED_STRUCTURE}; a located error its own text; a
 * parser's own sentence is kept, inside a Chinese sentence when it is English (mdb-reader's "Wrong page type…").
 */
export function errorText(e: unknown): string | Localized {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) {
    const kind = openFailure(e);
    const words = openFailureText[kind];
    if (kind === 'io') return { zh: formatMessage(words.zh, { errno: code }), en: formatMessage(words.en, { errno: code }) };
    return { zh: `${words.zh}（${code}）`, en: `${words.en} (${code})` };
  }
  if (!(e instanceof Error)) return DAMAGED_STRUCTURE;
  if (e instanceof LocalizedError) return e.text;
  if ((JS_ERROR_CLASSES as readonly string[]).includes(e.name) || e.constructor === TypeError || e instanceof RangeError) return DAMAGED_STRUCTURE;
  const msg = e.message;
  if (msg === '' || ENGINE_TEXT.test(msg) || (JS_ERROR_CLASSES as readonly string[]).some((n) => msg.includes(n))) return DAMAGED_STRUCTURE;
  if (/[\u3400-\u9fff]/.test(msg)) return msg;
  return { zh: `文件无法读取（读取程序提示：${msg}）`, en: `the file cannot be read (the reader says: ${msg})` };
}
