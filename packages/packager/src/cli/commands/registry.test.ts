import { describe, expect, it } from 'vitest';
import { collectCommandMeta } from '../command.js';
import { commandName } from '../main-args.js';
import { commands } from './index.js';

describe('the command registry', () => {
  it('names each lazily loaded module by the first word of its command, with both languages described', async () => {
    const meta = await collectCommandMeta(commands);
    expect(meta.map((m) => m.name)).toEqual(Object.keys(commands));
    for (const m of meta) {
      expect(m.command.split(' ')[0]).toBe(m.name);
      expect(m.describe.zh.length).toBeGreaterThan(0);
      expect(m.describe.en.length).toBeGreaterThan(0);
    }
  });

  it('refuses a registry line whose module is another command', async () => {
    await expect(collectCommandMeta({ pack: commands.check })).rejects.toThrow(/'pack' loads a module whose command is 'check/);
  });

  it('finds the subcommand on the command line past options and --lang’s value', () => {
    expect(commandName(['check', 'x'])).toBe('check');
    expect(commandName(['--lang', 'en', 'check', 'x'])).toBe('check');
    expect(commandName(['--lang=en', '--debug', 'pack', 'x'])).toBe('pack');
    expect(commandName(['--help'])).toBeUndefined();
    expect(commandName(['--', 'check'])).toBeUndefined();
  });
});
