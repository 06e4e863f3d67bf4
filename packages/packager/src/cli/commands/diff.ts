import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkDate, createProgressReporter, renderJson } from '@nyt2539/checker';
import { writeFileAtomic } from '@nyt2539/schema';
import type { Localized } from '@nyt2539/schema';
import type { CliCommand } from '../command.js';
import { parseLimit, readProfileOption, withProfileOption, withReportOptions } from '../check-options.js';
import { diffDocuments } from '../../rectify/diff.js';
import { renderDiffText } from '../../rectify/diff-text.js';
import { readFindingsFile } from '../../rectify/findings-file.js';
import { findingsOf } from '../../rectify/recheck.js';
import { parseReportFormats, writeReports } from '../../reports/index.js';

interface DiffArgs {
  old: string;
  new: string;
  format: 'text' | 'json';
  out?: string;
  profile?: string;
  mask: boolean;
  limit: string;
  date?: string;
  reports: string;
}

const TEXT = {
  describe: {
    zh: '复查比对：与上次的 findings.json 比较，逐条标出新增、遗留与已整改（销号）',
    en: 'Re-check diff: compare with an earlier findings.json; each finding new, persisting or fixed (closed)',
  },
  old: { zh: '上次检查的 findings.json（基线）', en: 'findings.json of the earlier check (baseline)' },
  new: { zh: '本次检查的 findings.json，或要重新检查的汇交成果（文件夹或 .zip）', en: 'findings.json of this check, or the package (folder or .zip) to check now' },
  out: { zh: '输出目录：写入带整改状态的报告（findings.json、report.txt、质检报告.html、问题清单.xlsx 等，见 --reports）与 diff.txt', en: 'output folder: the reports with the statuses (findings.json, report.txt, HTML, XLSX…, see --reports) and diff.txt' },
  date: { zh: '本次检查日期 YYYY-MM-DD（重新检查时；默认 NYT2539_DATE，否则为当天）', en: 'date of this check, YYYY-MM-DD (when checking now; default NYT2539_DATE, else today)' },
  reports: { zh: '--out 中写出的报告格式（报告注册表：json,text,html,docx,xlsx,geojson,shp），均带整改状态', en: 'report formats written into --out (the report registry: json,text,html,docx,xlsx,geojson,shp), each with the statuses' },
  written: { zh: '已写入 {path}', en: 'wrote {path}' },
} satisfies Record<string, Localized>;

export const diffCommand: CliCommand<DiffArgs> = {
  command: 'diff <old> <new>',
  describe: TEXT.describe,
  builder: (y, lang) =>
    withReportOptions(withProfileOption(y, lang), lang)
      .positional('old', { type: 'string', describe: TEXT.old[lang] })
      .positional('new', { type: 'string', describe: TEXT.new[lang] })
      .option('out', { type: 'string', describe: TEXT.out[lang] })
      .option('date', { type: 'string', describe: TEXT.date[lang] })
      .option('reports', { type: 'string', default: 'json,text,html,xlsx', describe: TEXT.reports[lang] }),
  async handler(args) {
    const { lang } = args;
    const formats = parseReportFormats(args.reports);
    const baseline = readFindingsFile(resolve(args.old));
    const checkedAt = checkDate(args.date);
    const profile = readProfileOption(args.profile, lang);
    const progress = createProgressReporter(process.stderr, lang);
    let current;
    try {
      current = await findingsOf(resolve(args.new), { mask: args.mask, checkedAt, check: { ...(profile ? { profile } : {}), lang, onProgress: progress.onProgress } });
    } finally {
      progress.stop();
    }
    const doc = diffDocuments(baseline, current);
    // the terminal shows one of the two; a county's JSON is a ~100 MB string, built only when asked for
    const limit = Math.min(parseLimit(args.limit, args.lang), Number.MAX_SAFE_INTEGER);
    process.stdout.write(args.format === 'json' ? renderJson(doc) : renderDiffText(doc, lang, limit));
    if (args.out !== undefined) {
      const dir = resolve(args.out);
      mkdirSync(dir, { recursive: true });
      // findings.json, report.txt, 质检报告.html, 问题清单.xlsx … through the report registry, each showing the status
      await writeReports(doc, dir, { formats, lang });
      writeFileAtomic(join(dir, 'diff.txt'), renderDiffText(doc, lang, Number.MAX_SAFE_INTEGER));
      process.stderr.write(`${TEXT.written[lang].replace('{path}', join(dir, 'findings.json'))}\n`);
    }
    return doc.passed ? 0 : 1;
  },
};
