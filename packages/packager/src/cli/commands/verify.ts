import { createProgressReporter, findingsDocument, renderJson, renderText } from '@nyt2539/checker';
import { type Localized } from '@nyt2539/schema';
import { BundleError } from '../../bundle/errors.js';
import { verifyBundle, type VerifyResult } from '../../bundle/verify.js';
import { renderIntegrity } from '../../bundle/verify-report.js';
import { UserError, type CliCommand } from '../command.js';
import { readProfileOption, withProfileOption, withReportOptions } from '../check-options.js';

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
    check: JSON.parse(renderJson(findingsDocument(check.info, check.summary, check.findings, { mask, context: check.context }))) as unknown,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export const verifyCommand: CliCommand<VerifyArgs> = {
  command: 'verify <input>',
  describe: TEXT.describe,
  builder: (y, lang) =>
    withReportOptions(withProfileOption(y, lang), lang)
      .positional('input', { type: 'string', describe: TEXT.input[lang] }),
  async handler(args) {
    const { lang } = args;
    const profile = readProfileOption(args.profile, lang);
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
