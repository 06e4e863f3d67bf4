import { describe, expect, it } from 'vitest';
import yargs from 'yargs';
import { skipHelpCache } from './main-args.js';

type Usage = { hasCachedHelpMessage(): boolean };
const usageOf = (cli: object): Usage => (cli as { getInternalMethods(): { getUsageInstance(): Usage } }).getInternalMethods().getUsageInstance();

describe('skipHelpCache', () => {
  const cli = (skip: boolean) => {
    let ran = '';
    const y = yargs(['check', 'pkg']).command(
      'check <input>',
      '质检',
      (b) => b.option('profile', { type: 'string', describe: '规则配置文件' }),
      (a) => {
        ran = String(a.input);
      },
    );
    if (skip) skipHelpCache(y);
    return { y, ran: () => ran };
  };

  it('keeps yargs from rendering the command help after the handler, which still runs with its arguments', async () => {
    const plain = cli(false);
    await plain.y.parseAsync();
    // what the skip is for: yargs' own behaviour renders (and caches) the whole help text
    expect(usageOf(plain.y).hasCachedHelpMessage()).toBe(true);
    const skipped = cli(true);
    await skipped.y.parseAsync();
    expect(skipped.ran()).toBe('pkg');
    expect(usageOf(skipped.y).hasCachedHelpMessage()).toBe(false);
  });

  it('leaves --help as it was', async () => {
    const help = async (skip: boolean): Promise<string> => {
      const y = yargs().command('check <input>', '质检', (b) => b.option('profile', { type: 'string', describe: '规则配置文件' })).exitProcess(false);
      if (skip) skipHelpCache(y);
      let out = '';
      await y.parseAsync(['check', '--help'], {}, (_err, _argv, output) => {
        out = output;
      });
      return out;
    };
    const shown = await help(true);
    expect(shown).toContain('规则配置文件');
    expect(shown).toBe(await help(false));
  });

  it('does nothing to an object without yargs’ internal methods', () => {
    const other = { getInternalMethods: undefined };
    skipHelpCache(other);
    expect(other).toEqual({ getInternalMethods: undefined });
  });
});
