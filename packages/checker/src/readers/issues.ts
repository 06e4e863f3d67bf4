import { formatMessage, type Localized } from '@nyt2539/schema';

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

/** The issue's message in both languages. */
export function issueMessage(template: Localized, issue: ReaderIssue): Localized {
  const zh: Record<string, unknown> = { file: issue.file, table: issue.table, record: issue.record, field: issue.field };
  const en: Record<string, unknown> = { ...zh };
  // A param may itself be bilingual ({zh, en}, e.g. from errorText): each language takes its own side.
  for (const [k, v] of Object.entries(issue.params ?? {})) {
    if (k in zh) continue;
    if (isLocalized(v)) {
      zh[k] = v.zh;
      en[k] = v.en;
    } else zh[k] = en[k] = v;
  }
  return { zh: formatMessage(template.zh, zh), en: formatMessage(template.en, en) };
}

function isLocalized(v: unknown): v is Localized {
  return typeof v === 'object' && v !== null && typeof (v as Localized).zh === 'string' && typeof (v as Localized).en === 'string';
}

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
 * The reason of an unknown thrown value, for an issue's params: a system error gives its errno code (the file is
 * already the issue's location, so the absolute path in the message is left out); an engine error or a message
 * that only makes sense to a programmer gives {@link DAMAGED_STRUCTURE}; a parser's own sentence is kept.
 */
export function errorText(e: unknown): string | Localized {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) return code;
  if (!(e instanceof Error)) return DAMAGED_STRUCTURE;
  if ((JS_ERROR_CLASSES as readonly string[]).includes(e.name) || e.constructor === TypeError || e instanceof RangeError) return DAMAGED_STRUCTURE;
  const msg = e.message;
  if (msg === '' || ENGINE_TEXT.test(msg) || (JS_ERROR_CLASSES as readonly string[]).some((n) => msg.includes(n))) return DAMAGED_STRUCTURE;
  return msg;
}
