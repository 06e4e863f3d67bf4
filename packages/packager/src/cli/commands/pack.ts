import { basename, dirname, resolve } from 'node:path';
import { createProgressReporter, describeDeviation, eols, safeFileName, type Eol } from '@nyt2539/checker';
import { printable } from '@nyt2539/schema';
import { formatMessage, localize, type Localized } from '@nyt2539/schema';
import { BundleError } from '../../bundle/errors.js';
import { packSubmission } from '../../bundle/pack.js';
import { UserError, type CliCommand } from '../command.js';
import { installSignalCleanup } from '../signals.js';
import { checkOptionText, readProfileOption, withProfileOption } from '../check-options.js';
import { zipNameEncodings, type ZipNameEncoding } from '../../bundle/zip-writer.js';
import { reportFormatsOption, reportOptionText, reportWriteOptions, withReportDocOptions, type ReportArgs } from '../report-options.js';

interface PackArgs extends ReportArgs {
  folder: string;
  out?: string;
  force: boolean;
  date?: string;
  profile?: string;
  zipNames: ZipNameEncoding;
  eol: Eol;
  reports?: string;
}

const TEXT = {
  describe: {
    zh: '打包汇交成果：先质检，再生成清单（manifest.json）与可复现的 zip',
    en: 'Pack a county folder for submission: check it, then write the manifest and a reproducible zip',
  },
  folder: { zh: '县级汇交成果文件夹（<6位县代码><县名>）', en: 'the county folder (<6-digit county code><county name>)' },
  out: { zh: '输出 zip 文件（默认：文件夹旁的 <县文件夹名>.zip）', en: 'output zip (default: <county folder>.zip beside the folder)' },
  force: { zh: '质检有错误时仍然打包（清单记录为强制打包及错误数）', en: 'pack even if the check finds errors (the manifest records it as forced, with the counts)' },
  zipNames: {
    zh: 'zip 内文件名的编码：utf8（默认，带 UTF-8 标志）或 gbk（中文 Windows 自带的压缩文件夹按 GBK 读取无标志的文件名）',
    en: 'entry-name encoding: utf8 (default, flagged) or gbk (what Chinese Windows\' built-in zip folder reads for unflagged names)',
  },
  date: { zh: '清单日期与 zip 条目日期（YYYY-MM-DD；默认不记录日期）', en: 'date for the manifest and the zip entries (YYYY-MM-DD; default: none)' },
  refused: {
    zh: '质检发现 {errors} 个错误，未打包（查看 {report}；确需打包请加 --force）',
    en: 'the check found {errors} errors; not packed (see {report}; use --force to pack anyway)',
  },
  forced: { zh: '注意：质检有 {errors} 个错误，已按 --force 强制打包', en: 'note: packed with --force despite {errors} errors' },
  nonDefault: {
    zh: '注意：按非默认质检方案质检（{n} 项与默认不同，方案指纹 {hash}），清单与报告均已记录：',
    en: 'note: checked with a NON-DEFAULT profile ({n} deviations from the default, hash {hash}), recorded in the manifest and the report:',
  },
  passedNonDefault: { zh: '质检结论：通过（非默认质检方案）', en: 'check result: PASSED (non-default profile)' },
  packed: { zh: '已打包 {zip}（{entries} 个条目，{bytes} 字节，sha256 {sha256}）', en: 'packed {zip} ({entries} entries, {bytes} bytes, sha256 {sha256})' },
  manifest: { zh: '计算校验值 {done}/{total}', en: 'hashing {done}/{total}' },
  zip: { zh: '写入 zip {done}/{total}', en: 'zipping {done}/{total}' },
  reports: { zh: '质检结果：{findings}、{report}；报告：{dir}（质检报告、问题清单与问题图层同时放入汇交包的 文字报告/）', en: 'check results: {findings}, {report}; reports: {dir} (the inspection report, findings list and map layers also go into the bundle\'s 文字报告/)' },
  excluded: { zh: '已排除 {count} 个 Office/系统临时文件（未打包）：{paths}', en: 'left out {count} Office/OS junk files (not packed): {paths}' },
} satisfies Record<string, Localized>;

export const packCommand: CliCommand<PackArgs> = {
  command: 'pack <folder>',
  describe: TEXT.describe,
  builder: (y, lang) =>
    withReportDocOptions(withProfileOption(y, lang), lang)
      .option('reports', { type: 'string', describe: reportOptionText.reports[lang] })
      .positional('folder', { type: 'string', describe: TEXT.folder[lang] })
      .option('out', { type: 'string', describe: TEXT.out[lang] })
      .option('force', { type: 'boolean', default: false, describe: TEXT.force[lang] })
      .option('date', { type: 'string', describe: TEXT.date[lang] })
      .option('zip-names', { choices: zipNameEncodings, default: 'utf8', describe: TEXT.zipNames[lang] })
      .option('eol', { choices: eols, default: 'lf', describe: checkOptionText.eol[lang] }),
  async handler(args) {
    const { lang } = args;
    installSignalCleanup(lang);
    const folder = resolve(args.folder);
    const out = args.out !== undefined ? resolve(args.out) : resolve(dirname(folder), `${safeFileName(basename(folder))}.zip`);
    const profile = readProfileOption(args.profile, lang);
    const reportFormats = reportFormatsOption(args.reports);
    const progress = createProgressReporter(process.stderr, lang);
    let result;
    try {
      result = await packSubmission(folder, out, {
        force: args.force,
        lang,
        zipNames: args.zipNames,
        eol: args.eol,
        reports: reportFormats.length ? reportWriteOptions(args, reportFormats) : false,
        ...(args.date !== undefined ? { date: args.date } : {}),
        check: { onProgress: progress.onProgress, ...(profile ? { profile } : {}) },
        onProgress: ({ phase, done, total }) => {
          // one line per tenth: a county's scans take minutes to hash and zip, and logs should stay short
          if (done === total || Math.floor((done * 10) / total) !== Math.floor(((done - 1) * 10) / total)) {
            process.stderr.write(`${localize(TEXT[phase], lang, { done, total })}\n`);
          }
        },
      });
    } catch (err) {
      if (err instanceof BundleError) throw new UserError(err.localized(lang));
      throw err;
    } finally {
      progress.stop();
    }
    const { summary, profile: used } = result.check;
    process.stderr.write(`${localize(TEXT.reports, lang, { findings: result.findingsPath, report: result.reportPath, dir: result.reportsDir ?? '' })}\n`);
    // a package checked with rules off or lowered is never called 通过 without saying so
    if (!used.default) {
      process.stderr.write(`${localize(TEXT.nonDefault, lang, { n: used.deviations.length, hash: used.hash })}\n`);
      for (const d of used.deviations) process.stderr.write(`  - ${describeDeviation(d, lang)}\n`);
      if (summary.passed) process.stderr.write(`${localize(TEXT.passedNonDefault, lang)}\n`);
    }
    if (result.refused) {
      process.stderr.write(`${localize(TEXT.refused, lang, { errors: summary.errors, report: result.reportPath })}\n`);
      return 1;
    }
    if (!summary.passed) process.stderr.write(`${localize(TEXT.forced, lang, { errors: summary.errors })}\n`);
    const excluded = result.excluded ?? [];
    if (excluded.length > 0) {
      const paths = excluded.slice(0, 5).map(printable).join(', ') + (excluded.length > 5 ? ' …' : '');
      process.stderr.write(`${localize(TEXT.excluded, lang, { count: excluded.length, paths })}\n`);
    }
    const b = result.bundle!;
    process.stdout.write(`${formatMessage(TEXT.packed[lang], { zip: b.zipPath, entries: b.entries, bytes: b.bytes, sha256: b.sha256 })}\n`);
    return 0;
  },
};
