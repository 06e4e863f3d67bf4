import { LocalizedError, type Localized } from '@nyt2539/schema';

/**
 * The bundle cannot be built or verified at all (not a county folder, unreadable file, output inside the
 * package). The text names the file; the CLI prints it in the user's language and exits with 2.
 */
export class BundleError extends LocalizedError {
  constructor(text: Localized, file?: string) {
    super(text, { code: 'bundle', exitCode: 2, ...(file !== undefined ? { file } : {}) });
    this.name = 'BundleError';
  }
}
