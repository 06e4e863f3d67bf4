import type { Lang, Localized } from './i18n.js';

/**
 * The one error type users see: a located, localized message and the exit code the CLI should return.
 * Readers, writers and commands throw it (or a subclass that only adds fields); the CLI edge prints
 * `localized(lang)` as one line and never a stack trace (only with `--debug`).
 */
export class LocalizedError extends Error {
  readonly text: Localized;
  /** a stable machine code, e.g. `zip-traversal`, `mdb-damaged` */
  readonly code: string;
  /** the file the message is about, package-relative where there is a package */
  readonly file?: string;
  readonly exitCode: number;

  constructor(text: Localized, options: { code?: string; file?: string; exitCode?: number; cause?: unknown } = {}) {
    super(text.zh, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LocalizedError';
    this.text = text;
    this.code = options.code ?? 'error';
    this.file = options.file;
    this.exitCode = options.exitCode ?? 2;
  }

  localized(lang: Lang): string {
    return this.text[lang];
  }
}
