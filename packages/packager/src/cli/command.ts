import type { Argv, ArgumentsCamelCase } from 'yargs';
import { LocalizedError, type Lang, type Localized } from '@nyt2539/schema';

/** Options every subcommand receives from the CLI edge. */
interface GlobalOptions {
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

/** A command's refusal, already worded in the interface language (usage, options, output folder). */
export class UserError extends LocalizedError {
  constructor(message: string, exitCode = 2) {
    super({ zh: message, en: message }, { code: 'usage', exitCode });
    this.name = 'UserError';
  }
}

/** Loads one subcommand's module (a dynamic import, so the module and what it imports load only when used). */
type CommandLoader = () => Promise<CliCommand<any>>;

/** The registry of subcommands: name (the first word of its `command`) → loader. */
export type CommandLoaders = Readonly<Record<string, CommandLoader>>;

/** What `--help` needs of a subcommand without loading it: collected from the modules when the CLI is built. */
export interface CommandMeta {
  readonly name: string;
  readonly command: string;
  readonly describe: Localized;
}

/** The metadata of every registered subcommand, in registry order (loads every module: build time and dev only). */
export async function collectCommandMeta(loaders: CommandLoaders): Promise<CommandMeta[]> {
  const out: CommandMeta[] = [];
  for (const [name, load] of Object.entries(loaders)) {
    const c = await load();
    const first = c.command.split(/\s+/)[0];
    if (first !== name) throw new Error(`command registry: '${name}' loads a module whose command is '${c.command}'`);
    out.push({ name, command: c.command, describe: c.describe });
  }
  return out;
}
