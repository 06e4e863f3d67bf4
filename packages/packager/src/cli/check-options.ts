import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { eols, loadProfile, rules, type Profile } from '@nyt2539/checker';
import { localize, type Lang, type Localized } from '@nyt2539/schema';
import { UserError } from './command.js';

/** Options shared by every command that runs the checker (check, pack, verify): one wording, one behaviour. */
export const checkOptionText = {
  format: { zh: '标准输出的报告格式', en: 'report format on standard output' },
  profile: { zh: '质检方案 JSON 文件（规则级别与选项）', en: 'profile JSON file (rule severities and options)' },
  limit: { zh: '终端文本报告列出的问题条数：正整数，或 all 列出全部', en: 'findings listed in the text report on the terminal: a positive integer, or all' },
  badLimit: { zh: '--limit 应为正整数或 all，实际为“{value}”', en: '--limit must be a positive integer or all, not "{value}"' },
  mask: { zh: '报告中的证件号码与电话号码脱敏（--no-mask 关闭）', en: 'mask ID and phone numbers in reports (--no-mask to disable)' },
  eol: { zh: '写出的文本文件的换行符（crlf 供 Windows 记事本等使用）', en: 'line endings of the text files written (crlf for Windows Notepad and the like)' },
} satisfies Record<string, Localized>;

export function withProfileOption(y: Argv, lang: Lang): Argv {
  return y.option('profile', { type: 'string', describe: checkOptionText.profile[lang] });
}

/** `--eol lf|crlf`: line endings of the text files a command writes. */
export function withEolOption(y: Argv, lang: Lang): Argv {
  return y.option('eol', { choices: eols, default: 'lf', describe: checkOptionText.eol[lang] });
}

/** `--format`, `--limit`, `--mask` of the commands that print a findings report. */
export function withReportOptions(y: Argv, lang: Lang): Argv {
  return y
    .option('format', { choices: ['text', 'json'] as const, default: 'text', describe: checkOptionText.format[lang] })
    .option('limit', { type: 'string', default: '50', describe: checkOptionText.limit[lang] })
    .option('mask', { type: 'boolean', default: true, describe: checkOptionText.mask[lang] });
}

/** The `--profile` file, validated against the rule catalog; a bad file is one located line (exit 2). */
export function readProfileOption(path: string | undefined, lang: Lang): Profile | undefined {
  if (path === undefined) return undefined;
  // a bad file throws ProfileError, a LocalizedError the CLI edge prints
  return loadProfile(resolve(path), rules, lang);
}

/** `--limit`: a positive integer, or `all` (every finding); anything else is one clear line (exit 2). */
export function parseLimit(value: unknown, lang: Lang): number {
  const text = String(value ?? '').trim();
  if (/^all$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^[1-9]\d*$/.test(text)) return Number(text);
  throw new UserError(localize(checkOptionText.badLimit, lang, { value: text }));
}
