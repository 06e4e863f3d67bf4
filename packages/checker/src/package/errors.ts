import { LocalizedError, type Localized } from '@nyt2539/schema';

/**
 * The input cannot be read at all (missing path, unreadable or hostile zip). Everything else a package can get
 * wrong is loaded and left to the rules. The CLI prints the text in the user's language and exits with 2.
 */
export class InputError extends LocalizedError {
  constructor(text: Localized, file?: string) {
    super(text, { code: 'input-unreadable', exitCode: 2, ...(file !== undefined ? { file } : {}) });
    this.name = 'InputError';
  }
}
