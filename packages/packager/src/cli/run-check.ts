import { createProgressReporter, findingsDocument, InputError, runCheck, type CheckResult, type FindingsDocument, type Profile } from '@nyt2539/checker';
import type { Lang } from '@nyt2539/schema';
import { UserError } from './command.js';

interface CliCheckOptions {
  readonly lang: Lang;
  readonly profile?: Profile;
  readonly workDir?: string;
  readonly keepStore?: boolean;
  readonly mask: boolean;
  readonly checkedAt: string;
}

/**
 * The check as the CLI runs it (check, report on a package): progress on stderr, unreadable input as one located
 * line, and the findings document with its report context — masked here, the one place reports read from.
 */
export async function checkForCli(input: string, options: CliCheckOptions): Promise<{ result: CheckResult; doc: FindingsDocument }> {
  const progress = createProgressReporter(process.stderr, options.lang);
  let result: CheckResult;
  try {
    result = await runCheck(input, {
      ...(options.workDir !== undefined ? { workDir: options.workDir } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
      keepStore: options.keepStore ?? false,
      lang: options.lang,
      onProgress: progress.onProgress,
    });
  } catch (err) {
    if (err instanceof InputError) throw new UserError(err.localized(options.lang));
    throw err;
  } finally {
    progress.stop();
  }
  const doc = findingsDocument(result.info, result.summary, result.findings, { mask: options.mask, checkedAt: options.checkedAt, context: result.context });
  return { result, doc };
}
