#!/usr/bin/env node
// its own entry point: a command that does not check must not pay for loading the whole checker
import { tuneCompiler } from '@nyt2539/checker/compiler';
import { closePrestartedThreads, prestartCheckThreads } from '@nyt2539/checker/prestart';
import { LocalizedError, printable, resolveLang, type Lang } from '@nyt2539/schema';
import { commands } from './commands/index.js';
import { UserError, type CommandMeta } from './command.js';
import { commandName, skipHelpCache } from './main-args.js';

/** Set by the compiled build (esbuild `define`): the tool version and every subcommand's help metadata. */
declare const NYT2539_BUILD: { readonly version: string; readonly commands: readonly CommandMeta[] } | undefined;
const build = typeof NYT2539_BUILD === 'undefined' ? undefined : NYT2539_BUILD;

/** Pre-scan argv for --lang so help texts come out in the chosen language. */
function langFromArgv(argv: string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return resolveLang(undefined);
  const v = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  return resolveLang(v);
}

async function toolVersion(): Promise<string> {
  return build ? build.version : (await import('@nyt2539/checker')).toolVersion;
}

async function main(argv: string[]): Promise<number> {
  const lang = langFromArgv(argv);
  const debug = argv.includes('--debug');
  let exitCode = 0;
  const name = commandName(argv);
  const selected = name !== undefined && Object.hasOwn(commands, name) ? name : undefined;
  // a command's own run: V8 tuned for the many short-lived hot functions of a check (before any thread starts)
  if (selected !== undefined) tuneCompiler();
  // a check's rule thread compiles its code on the other core while this thread loads yargs (~35 ms, hence imported
  // here, not at the top) and the checker's code
  if (selected === 'check') prestartCheckThreads(argv.slice(argv.indexOf(selected) + 1).filter((w) => !w.startsWith('-')));
  // the command's modules are requested before yargs, so their reads overlap yargs' loading (~20 ms sooner)
  const load = selected !== undefined ? [commands[selected]] : build ? [] : Object.values(commands);
  const loading = Promise.all(load.map((l) => l()));
  // handled where it is awaited, below; this keeps a failure during yargs' loading from counting as unhandled
  loading.catch(() => undefined);
  const { default: yargs } = await import('yargs');
  const cli = yargs(argv)
    .scriptName('nyt2539')
    .locale(lang === 'zh' ? 'zh_CN' : 'en')
    .usage(lang === 'zh' ? '$0 <子命令> [选项]\n\nNY/T 2539-2016 农村土地承包经营权确权登记数据库 质检与汇交工具' : '$0 <command> [options]\n\nNY/T 2539-2016 contract-rights database checker and packager')
    .option('lang', { type: 'string', choices: ['zh', 'en'], default: lang, describe: lang === 'zh' ? '界面语言' : 'interface language' })
    .option('debug', { type: 'boolean', default: false, describe: lang === 'zh' ? '出错时显示调用栈' : 'show stack traces on errors' })
    .demandCommand(1, lang === 'zh' ? '请指定一个子命令（--help 查看）' : 'Give a command (see --help)')
    .strict()
    .help()
    // the version costs loading the checker in the dev path: read only when asked for
    .version(...((argv.includes('--version') ? [await toolVersion()] : [false]) as [string]))
    .fail((msg, err) => {
      throw err ?? new UserError(msg, 2);
    });
  skipHelpCache(cli);
  if (selected === undefined && build) {
    // help, version or an unknown word: list every command from the build's metadata, loading none of them
    for (const m of build.commands) cli.command(m.command, m.describe[lang]);
  }
  const loaded = await loading;
  for (const c of loaded) {
    cli.command(
      c.command,
      c.describe[lang],
      (y) => c.builder(y, lang),
      async (args) => {
        exitCode = await c.handler({ ...args, lang, debug } as never);
      },
    );
  }
  try {
    await cli.parseAsync();
    return exitCode;
  } catch (err) {
    // every error a user must read (readers, writers, commands) is a LocalizedError: one line, no stack
    if (err instanceof LocalizedError) {
      // one line: a name inside it cannot add another
      process.stderr.write(`${printable(err.localized(lang))}\n`);
      if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(`${lang === 'zh' ? '内部错误' : 'internal error'}: ${e?.message ?? String(err)}\n`);
    if (debug && e?.stack) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

// the words after `node <script>`, as yargs' hideBin gives them for a Node.js program (yargs loads later, in main)
main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 2;
    },
  )
  // a thread started for a check that never ran (help, a bad option, --print-profile) would keep the process alive
  .finally(closePrestartedThreads);
