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
  const data = { ...issue.params, file: issue.file, table: issue.table, record: issue.record, field: issue.field };
  return { zh: formatMessage(template.zh, data), en: formatMessage(template.en, data) };
}

/** The message of an unknown thrown value, for an issue's params. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
