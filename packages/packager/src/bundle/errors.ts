import type { Lang, Localized } from '@nyt2539/schema';

/**
 * The bundle cannot be built or verified at all (not a county folder, unreadable file, output inside the
 * package). The text names the file; the CLI prints it in the user's language and exits with 2.
 */
export class BundleError extends Error {
  constructor(
    readonly text: Localized,
    /** the file or folder the message is about */
    readonly file?: string,
  ) {
    super(text.zh);
    this.name = 'BundleError';
  }

  localized(lang: Lang): string {
    return this.text[lang];
  }
}
