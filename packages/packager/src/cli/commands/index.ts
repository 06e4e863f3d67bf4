import type { CliCommand } from '../command.js';

/** Every subcommand of `nyt2539`; each lives in its own module. */
export const commands: CliCommand<any>[] = [];
