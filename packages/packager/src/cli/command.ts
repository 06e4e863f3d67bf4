import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { Lang, Localized } from '@nyt2539/schema';

/** Options every subcommand receives from the CLI edge. */
export interface GlobalOptions {
  lang: Lang;
  debug: boolean;
}

/**
 * A subcommand of `nyt2539`. Descriptions are localized; the handler returns the process exit code
 * (0 ok, 1 findings/errors reported, 2 could not run) so the edge owns `process.exit`.
 */
export interface CliCommand<A = Record<string, unknown>> {
  readonly command: string;
  readonly describe: Localized;
  builder(yargs: Argv, lang: Lang): Argv;
  handler(args: ArgumentsCamelCase<A> & GlobalOptions): Promise<number>;
}

/** An error whose message is already fit for the user (located, localized); printed without a stack. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
