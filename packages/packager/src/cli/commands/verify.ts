import { resolve } from 'node:path';
import { createProgressReporter, findingsDocument, loadProfile, ProfileError, renderJson, renderText, rules, type Profile } from '@nyt2539/checker';
import { type Localized } from '@nyt2539/schema';
import { BundleError } from '../../bundle/errors.js';
import { verifyBundle, type VerifyResult } from '../../bundle/verify.js';
import { renderIntegrity } from '../../bundle/verify-report.js';
import { UserError, type CliCommand } from '../command.js';

interface VerifyArgs {
  input: string;
  format: 'text' | 'json';
  profile?: string;
  limit: number;
  mask: boolean;
}

const TEXT = {
  describe: {
    zh: '核验收到的汇交包（zip 或文件夹）：按清单核对每个文件的 SHA-256，再质检',
    en: 'Verify a received bundle (zip or folder): every file against the manifest SHA-256, then the check',
  },
  input: { zh: '汇交包 .zip 或解压后的县级文件夹', en: 'the bundle .zip, or the unpacked county folder' },
  format: { zh: '标准输出的报告格式', en: 'report format on standard output' },
  profile: { zh: '质检方案 JSON 文件（规则级别与选项）', en: 'profile JSON file (rule severities and options)' },
  limit: { zh: '文本报告列出的问题条数', en: 'findings listed in the text report' },
  mask: { zh: '报告中的证件号码与电话号码脱敏（--no-mask 关闭）', en: 'mask ID and phone numbers in reports (--no-mask to disable)' },
} satisfies Record<string, Localized>;

function renderVerifyJson(r: VerifyResult, mask: boolean): string {
  const { check } = r;
  const doc = {
    format: 'nyt2539-verify',
    formatVersion: 1,
    inputKind: r.inputKind,
    rootName: r.rootName,
    passed: r.passed,
    integrity: r.integrity,
    check: JSON.parse(renderJson(findingsDocument(check.info, check.summary, check.findings, { mask }))) as unknown,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export const verifyCommand: CliCommand<VerifyArgs> = {
  command: 'verify <input>',
  describe: TEXT.describe,
  builder: (y, lang) =>
    y
      .positional('input', { type: 'string', describe: TEXT.input[lang] })
      .option('format', { choices: ['text', 'json'] as const, default: 'text', describe: TEXT.format[lang] })
      .option('profile', { type: 'string', describe: TEXT.profile[lang] })
      .option('limit', { type: 'number', default: 50, describe: TEXT.limit[lang] })
      .option('mask', { type: 'boolean', default: true, describe: TEXT.mask[lang] }),
  async handler(args) {
    const { lang } = args;
    let profile: Profile | undefined;
    if (args.profile !== undefined) {
      try {
        profile = loadProfile(resolve(args.profile), rules, lang);
      } catch (err) {
        if (err instanceof ProfileError) throw new UserError(err.message);
        throw err;
      }
    }
    const progress = createProgressReporter(process.stderr, lang);
    let result: VerifyResult;
    try {
      result = await verifyBundle(args.input, { check: { lang, onProgress: progress.onProgress, ...(profile ? { profile } : {}) } });
    } catch (err) {
      if (err instanceof BundleError) throw new UserError(err.localized(lang));
      throw err;
    } finally {
      progress.stop();
    }
    if (args.format === 'json') {
      process.stdout.write(renderVerifyJson(result, args.mask));
    } else {
      const { info, summary, findings } = result.check;
      process.stdout.write(`${renderIntegrity(result.integrity, lang).join('\n')}\n\n`);
      process.stdout.write(renderText(info, summary, findings, { lang, limit: Math.max(0, args.limit), mask: args.mask }));
    }
    return result.passed ? 0 : 1;
  },
};
