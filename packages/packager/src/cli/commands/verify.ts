import { join } from 'node:path';
import { createProgressReporter, findingsDocument, renderJson, renderTextReport, type FindingsDocument } from '@nyt2539/checker';
import { type Lang, localize, type Localized, writeFileAtomic } from '@nyt2539/schema';
import { BundleError } from '../../bundle/errors.js';
import { verifyBundle, type VerifyResult } from '../../bundle/verify.js';
import { renderClaims, renderIntegrity, renderVerdict } from '../../bundle/verify-report.js';
import { UserError, type CliCommand } from '../command.js';
import { installSignalCleanup } from '../signals.js';
import { parseLimit, readProfileOption, withProfileOption, withReportOptions } from '../check-options.js';
import { errnoText, prepareOutDir } from '../out-dir.js';

interface VerifyArgs {
  input: string;
  format: 'text' | 'json';
  profile?: string;
  limit: string;
  mask: boolean;
  out?: string;
  force: boolean;
}

const TEXT = {
  describe: {
    zh: '核验收到的汇交包（zip 或文件夹）：按清单核对每个文件的 SHA-256，再质检，并与清单记录的质检结论比对',
    en: 'Verify a received bundle (zip or folder): every file against the manifest SHA-256, then the check, compared with what the manifest claims',
  },
  input: { zh: '汇交包 .zip 或解压后的县级文件夹', en: 'the bundle .zip, or the unpacked county folder' },
  out: { zh: '输出目录：写入 integrity.json、findings.json 与 report.txt', en: 'output folder: writes integrity.json, findings.json and report.txt' },
  force: { zh: '覆盖 --out 目录中上次的结果', en: 'replace a previous result in the --out folder' },
  written: { zh: '已写入 {path}', en: 'wrote {path}' },
  outFailed: { zh: '无法写入输出目录 {dir}：{reason}', en: 'cannot write to the output folder {dir}: {reason}' },
} satisfies Record<string, Localized>;

const OUT_FILES = ['integrity.json', 'findings.json', 'report.txt'] as const;

/** integrity.json: the files against the manifest, the manifest's claims against the re-check, one verdict. */
function integrityDocument(r: VerifyResult, lang: Lang) {
  return {
    format: 'nyt2539-verify',
    formatVersion: 1,
    inputKind: r.inputKind,
    rootName: r.rootName,
    passed: r.passed,
    verdict: renderVerdict(r, lang),
    integrity: r.integrity,
    claims: r.claims,
  };
}

function renderVerifyText(r: VerifyResult, doc: FindingsDocument, lang: Lang, limit: number): string {
  const parts = [
    renderIntegrity(r.integrity, lang).join('\n'),
    renderClaims(r.claims, lang).join('\n'),
    renderTextReport(doc, { lang, limit, input: r.check.info.input, verdict: false }).trimEnd(),
    renderVerdict(r, lang),
  ];
  return `${parts.join('\n\n')}\n`;
}

export const verifyCommand: CliCommand<VerifyArgs> = {
  command: 'verify <input>',
  describe: TEXT.describe,
  builder: (y, lang) =>
    withReportOptions(withProfileOption(y, lang), lang)
      .positional('input', { type: 'string', describe: TEXT.input[lang] })
      .option('out', { type: 'string', describe: TEXT.out[lang] })
      .option('force', { type: 'boolean', default: false, describe: TEXT.force[lang] }),
  async handler(args) {
    const { lang } = args;
    installSignalCleanup(lang);
    const profile = readProfileOption(args.profile, lang);
    const limit = parseLimit(args.limit, lang);
    const outDir = args.out !== undefined ? prepareOutDir(args.out, OUT_FILES, args.force, lang) : undefined;
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
    const { check } = result;
    const doc = findingsDocument(check.info, check.summary, check.findings, { mask: args.mask, profile: check.profile, context: check.context });
    const integrity = integrityDocument(result, lang);
    if (args.format === 'json') {
      process.stdout.write(`${JSON.stringify({ ...integrity, check: doc }, null, 2)}\n`);
    } else {
      process.stdout.write(renderVerifyText(result, doc, lang, limit));
    }
    if (outDir !== undefined) {
      try {
        writeFileAtomic(join(outDir, 'integrity.json'), `${JSON.stringify(integrity, null, 2)}\n`);
        writeFileAtomic(join(outDir, 'findings.json'), renderJson(doc));
        writeFileAtomic(join(outDir, 'report.txt'), renderVerifyText(result, doc, lang, doc.findings.length));
      } catch (err) {
        throw new UserError(localize(TEXT.outFailed, lang, { dir: outDir, reason: errnoText(err, lang) }));
      }
      process.stderr.write(`${localize(TEXT.written, lang, { path: outDir })}\n`);
    }
    return result.passed ? 0 : 1;
  },
};
