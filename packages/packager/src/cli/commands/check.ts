import { join, resolve } from 'node:path';
import {
  applyEol,
  checkDate,
  createProgressReporter,
  findingsDocument,
  InputError,
  defaultProfile,
  renderJson,
  renderTextReport,
  rules,
  runCheck,
  writeJsonAtomic,
  type CheckResult,
  type Eol,
} from '@nyt2539/checker';
import { localize, LocalizedError, type Localized, writeFileAtomic } from '@nyt2539/schema';
import { writeReports } from '../../reports/index.js';
import { reportCoverOf, reportFormatsOption, reportOptionText, reportWriteOptions, withReportDocOptions, type ReportArgs } from '../report-options.js';
import { UserError, type CliCommand } from '../command.js';
import { installSignalCleanup } from '../signals.js';
import { parseLimit, readProfileOption, withEolOption, withProfileOption, withReportOptions } from '../check-options.js';
import { errnoText, prepareOutDir } from '../out-dir.js';
import { diffDocuments } from '../../rectify/diff.js';
import { renderDiffText } from '../../rectify/diff-text.js';
import { readFindingsFile } from '../../rectify/findings-file.js';

interface CheckArgs extends ReportArgs {
  input?: string;
  printProfile: boolean;
  format: 'text' | 'json';
  out?: string;
  profile?: string;
  keepStore: boolean;
  workDir?: string;
  mask: boolean;
  limit: string;
  force: boolean;
  eol: Eol;
  date?: string;
  baseline?: string;
  reports?: string;
}

const TEXT = {
  describe: { zh: '质检汇交成果（文件夹或 .zip）：读取、按规则检查并输出报告', en: 'Check a county package (folder or .zip): load it, run the rules, report' },
  input: { zh: '县级汇交成果文件夹或其 .zip', en: 'the county package folder, or a .zip of it' },
  out: { zh: '输出目录：写入 findings.json、report.txt 与全部报告（质检报告、问题清单、问题图层，见 --reports）', en: 'output folder: writes findings.json, report.txt and every report (inspection report, findings list, map layers; see --reports)' },
  force: { zh: '覆盖 --out 目录中上次的结果', en: 'replace a previous result in the --out folder' },
  keepStore: { zh: '保留工作库 store.sqlite（在 --work-dir 中）', en: 'keep the working store store.sqlite (in --work-dir)' },
  workDir: { zh: '工作目录（默认在系统临时目录下新建）', en: 'working folder (default: a new one under the system temp folder)' },
  mask: {
    zh: '报告中的证件号码（保留前 6 位与后 4 位）与电话号码（保留前 3 位与后 4 位）脱敏，--no-mask 关闭',
    en: 'mask ID numbers (first 6 and last 4 kept) and phone numbers (first 3 and last 4 kept) in reports; --no-mask to disable',
  },
  printProfile: {
    zh: '输出默认质检方案（全部规则的级别与选项，JSON），可另存后修改用于 --profile',
    en: 'print the default profile (every rule with its severity and options, JSON) to edit for --profile',
  },
  date: { zh: '检查日期 YYYY-MM-DD（写入 findings.json 的 checkedAt；默认取 NYT2539_DATE，否则为当天）', en: 'date of the check, YYYY-MM-DD (findings.json checkedAt; default NYT2539_DATE, else today)' },
  baseline: {
    zh: '与上次检查的 findings.json 比对：逐条标出新增、遗留与已整改（销号），写入 findings.json 与 diff.txt',
    en: 'compare with an earlier findings.json: each finding new, persisting or fixed (closed), in findings.json and diff.txt',
  },
  noInput: { zh: '请指定要检查的汇交成果文件夹或 .zip', en: 'give the package folder or .zip to check' },
  storeKept: { zh: '工作库已保留：{path}', en: 'working store kept: {path}' },
  written: { zh: '已写入 {path}', en: 'wrote {path}' },
  outFailed: { zh: '无法写入输出目录 {dir}：{reason}', en: 'cannot write to the output folder {dir}: {reason}' },
} satisfies Record<string, Localized>;

/** What `check --out` writes. */
const OUT_FILES = ['findings.json', 'report.txt'] as const;

export const checkCommand: CliCommand<CheckArgs> = {
  command: 'check [input]',
  describe: TEXT.describe,
  builder: (y, lang) =>
    withEolOption(withReportDocOptions(withReportOptions(withProfileOption(y, lang), lang), lang), lang)
      .positional('input', { type: 'string', describe: TEXT.input[lang] })
      .option('out', { type: 'string', describe: TEXT.out[lang] })
      .option('force', { type: 'boolean', default: false, describe: TEXT.force[lang] })
      .option('keep-store', { type: 'boolean', default: false, describe: TEXT.keepStore[lang] })
      .option('work-dir', { type: 'string', describe: TEXT.workDir[lang] })
      .option('print-profile', { type: 'boolean', default: false, describe: TEXT.printProfile[lang] })
      .option('mask', { type: 'boolean', default: true, describe: TEXT.mask[lang] })
      .option('date', { type: 'string', describe: TEXT.date[lang] })
      .option('baseline', { type: 'string', describe: TEXT.baseline[lang] })
      .option('reports', { type: 'string', describe: reportOptionText.reports[lang] }),
  async handler(args) {
    const { lang } = args;
    installSignalCleanup(lang);
    if (args.printProfile) {
      process.stdout.write(`${JSON.stringify({ $schema: 'https://nyt2539.dev/schema/checker-profile.schema.json', ...defaultProfile(rules) }, null, 2)}\n`);
      return 0;
    }
    if (args.input === undefined) throw new UserError(localize(TEXT.noInput, lang));
    const input = args.input;
    const profile = readProfileOption(args.profile, lang);
    const limit = parseLimit(args.limit, lang);
    const checkedAt = checkDate(args.date);
    const reportFormats = reportFormatsOption(args.reports);
    // read before checking: a wrong baseline should not cost a county-scale check
    const baseline = args.baseline !== undefined ? readFindingsFile(resolve(args.baseline)) : undefined;
    // the output folder is checked before the long check, not after it
    const outFiles = baseline ? [...OUT_FILES, 'diff.txt'] : OUT_FILES;
    const outDir = args.out !== undefined ? prepareOutDir(args.out, outFiles, args.force, lang) : undefined;
    const progress = createProgressReporter(process.stderr, lang);
    let result: CheckResult;
    try {
      result = await runCheck(input, {
        ...(args.workDir !== undefined ? { workDir: args.workDir } : {}),
        ...(profile ? { profile } : {}),
        keepStore: args.keepStore,
        lang,
        onProgress: progress.onProgress,
      });
    } catch (err) {
      if (err instanceof InputError) throw new UserError(err.localized(lang));
      throw err;
    } finally {
      progress.stop();
    }
    const { findings, summary, info } = result;
    // every output renders from the one (masked) findings document
    const checked = findingsDocument(info, summary, findings, { mask: args.mask, profile: result.profile, checkedAt, context: result.context, cover: reportCoverOf(args) });
    const doc = baseline ? diffDocuments(baseline, checked) : checked;
    // the terminal shows one of the two; a county's JSON is a ~100 MB string, built only when asked for
    if (args.format === 'json') process.stdout.write(renderJson(doc));
    else {
      const diffText = baseline ? `\n${renderDiffText(doc, lang, Math.min(limit, Number.MAX_SAFE_INTEGER))}` : '';
      process.stdout.write(renderTextReport(doc, { lang, limit, input: info.input }) + diffText);
    }
    if (outDir !== undefined) {
      const dir = outDir;
      try {
        writeJsonAtomic(join(dir, 'findings.json'), doc, { eol: args.eol });
        // the file report lists every kept finding; the terminal only the first --limit
        writeFileAtomic(join(dir, 'report.txt'), applyEol(renderTextReport(doc, { lang, limit: findings.length, input: info.input }), args.eol));
        if (baseline) writeFileAtomic(join(dir, 'diff.txt'), applyEol(renderDiffText(doc, lang, Number.MAX_SAFE_INTEGER), args.eol));
      } catch (err) {
        throw new UserError(localize(TEXT.outFailed, lang, { dir, reason: errnoText(err, lang) }));
      }
      // findings.json and report.txt are written above (with the diff text); the registry adds the rest
      const formats = reportFormats.filter((f) => f !== 'json' && f !== 'text');
      try {
        await writeReports(doc, dir, reportWriteOptions(args, formats));
      } catch (err) {
        if (err instanceof LocalizedError) throw err;
        throw new UserError(localize(TEXT.outFailed, lang, { dir, reason: (err as NodeJS.ErrnoException).code ?? String(err) }));
      }
      process.stderr.write(`${localize(TEXT.written, lang, { path: join(dir, 'findings.json') })}\n`);
    }
    if (result.storePath) process.stderr.write(`${localize(TEXT.storeKept, lang, { path: result.storePath })}\n`);
    return summary.passed ? 0 : 1;
  },
};
