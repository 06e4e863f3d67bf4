import type { Lang, Localized } from '@nyt2539/schema';

/**
 * The input cannot be read at all (missing path, unreadable or hostile zip). Everything else a package can get
 * wrong is loaded and left to the rules. The CLI prints `text` in the user's language and exits with 2.
 */
export class InputError extends Error {
  readonly exitCode = 2;

  constructor(
    readonly text: Localized,
    /** the file the message is about (the input itself, or an entry inside a zip) */
    readonly file?: string,
  ) {
    super(text.zh);
    this.name = 'InputError';
  }

  localized(lang: Lang): string {
    return this.text[lang];
  }
}
