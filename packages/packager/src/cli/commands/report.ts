import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkDate, type FindingsDocument } from '@nyt2539/checker';
import { localize, type Localized } from '@nyt2539/schema';
import { writeReports } from '../../reports/index.js';
import { readFindingsFile } from '../../rectify/findings-file.js';
import { readProfileOption, withProfileOption } from '../check-options.js';
import { UserError, type CliCommand } from '../command.js';
import { reportFormatsOption, reportWriteOptions, withReportDocOptions, type ReportArgs } from '../report-options.js';
import { checkForCli } from '../run-check.js';

interface ReportCmdArgs extends ReportArgs {
  input?: string;
  out?: string;
  format?: string;
  mask: boolean;
  profile?: string;
  date?: string;
  workDir?: string;
}

const TEXT = {
  describe: {
    zh: '由质检结果写出报告：质检报告（DOCX、HTML）、Excel 问题清单、问题图层（GeoJSON、Shapefile）',
    en: 'write the reports of a check: inspection report (DOCX, HTML), Excel findings list, map layers (GeoJSON, shapefile)',
  },
  input: { zh: 'findings.json，或汇交成果文件夹/.zip（先质检）', en: 'a findings.json, or a package folder/.zip (checked first)' },
  out: { zh: '报告输出目录', en: 'output folder for the reports' },
  format: { zh: '报告格式，逗号分隔：json,text,html,docx,xlsx,geojson,shp（默认全部）', en: 'report formats, comma-separated: json,text,html,docx,xlsx,geojson,shp (default all)' },
  mask: { zh: '对包输入质检时证件号码与电话号码脱敏（--no-mask 关闭，并在报告中注明）', en: 'mask ID and phone numbers when checking a package (--no-mask disables it and the reports say so)' },
  date: { zh: '质检日期 YYYY-MM-DD（包输入；默认今天）', en: 'check date YYYY-MM-DD (package input; default today)' },
  workDir: { zh: '工作目录（包输入）', en: 'working folder (package input)' },
  noInput: { zh: '请指定 findings.json 或汇交成果文件夹/.zip', en: 'give a findings.json or a package folder/.zip' },
  noOut: { zh: '请用 --out 指定报告输出目录', en: 'give the output folder with --out' },
  missing: { zh: '找不到 {path}', en: 'not found: {path}' },
  maskedFile: {
    zh: '注意：{path} 未脱敏（由 --no-mask 生成），报告同样未脱敏并已注明',
    en: 'note: {path} is not masked (made with --no-mask); the reports are not masked either and say so',
  },
  written: { zh: '已写入 {path}', en: 'wrote {path}' },
} satisfies Record<string, Localized>;

export const reportCommand: CliCommand<ReportCmdArgs> = {
  command: 'report [input]',
  describe: TEXT.describe,
  builder: (y, lang) =>
    withReportDocOptions(withProfileOption(y, lang), lang)
      .positional('input', { type: 'string', describe: TEXT.input[lang] })
      .option('out', { type: 'string', describe: TEXT.out[lang] })
      .option('format', { type: 'string', describe: TEXT.format[lang] })
      .option('mask', { type: 'boolean', default: true, describe: TEXT.mask[lang] })
      .option('date', { type: 'string', describe: TEXT.date[lang] })
      .option('work-dir', { type: 'string', describe: TEXT.workDir[lang] }),
  async handler(args) {
    const { lang } = args;
    if (args.input === undefined) throw new UserError(localize(TEXT.noInput, lang));
    if (args.out === undefined) throw new UserError(localize(TEXT.noOut, lang));
    const formats = reportFormatsOption(args.format);
    const input = resolve(args.input);
    let isFile = false;
    try {
      isFile = statSync(input).isFile();
    } catch {
      throw new UserError(localize(TEXT.missing, lang, { path: input }));
    }
    let doc: FindingsDocument;
    if (isFile && /\.json$/i.test(input)) {
      // a findings file is rendered as it is: it was masked (or not) when it was written
      doc = readFindingsFile(input);
      if (!doc.masked) process.stderr.write(`${localize(TEXT.maskedFile, lang, { path: input })}\n`);
    } else {
      const profile = readProfileOption(args.profile, lang);
      ({ doc } = await checkForCli(input, {
        lang,
        mask: args.mask,
        checkedAt: checkDate(args.date),
        ...(args.workDir !== undefined ? { workDir: args.workDir } : {}),
        ...(profile ? { profile } : {}),
      }));
    }
    const written = await writeReports(doc, resolve(args.out), reportWriteOptions(args, formats));
    for (const w of written) for (const path of w.files) if (!/\.(shx|dbf|cpg|prj)$/.test(path)) process.stderr.write(`${localize(TEXT.written, lang, { path })}\n`);
    // the reports were written: whether the package passed is in them
    return 0;
  },
};
