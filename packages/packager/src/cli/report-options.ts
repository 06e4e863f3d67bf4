import type { Argv } from 'yargs';
import type { Lang, Localized } from '@nyt2539/schema';
import { defaultReportFormats, parseReportFormats, type WriteReportsOptions } from '../reports/index.js';

/** Options of every command that writes the report set (report, check --out, pack, demo): one wording. */
export const reportOptionText = {
  reports: {
    zh: `写出的报告格式，逗号分隔（默认全部：${defaultReportFormats.join(',')}；none 不写）`,
    en: `report formats to write, comma-separated (default all: ${defaultReportFormats.join(',')}; none for none)`,
  },
  title: { zh: '报告标题', en: 'report title' },
  org: { zh: '质检单位（写在报告封面）', en: 'inspecting organisation (on the report cover)' },
  inspector: { zh: '质检人（写在报告封面）', en: 'inspector (on the report cover)' },
} satisfies Record<string, Localized>;

export interface ReportArgs {
  title?: string;
  org?: string;
  inspector?: string;
}

/** `--title`, `--org`, `--inspector`. */
export function withReportDocOptions(y: Argv, lang: Lang): Argv {
  return y
    .option('title', { type: 'string', describe: reportOptionText.title[lang] })
    .option('org', { type: 'string', describe: reportOptionText.org[lang] })
    .option('inspector', { type: 'string', describe: reportOptionText.inspector[lang] });
}

/** The formats named by a `--reports`/`--format` value; `none` gives none. */
export function reportFormatsOption(value: string | undefined): string[] {
  if (value !== undefined && value.trim() === 'none') return [];
  return parseReportFormats(value);
}

/** The cover given on the command line, recorded in findings.json so a report rendered again keeps it. */
export function reportCoverOf(args: ReportArgs): ReportArgs {
  return {
    ...(args.title !== undefined ? { title: args.title } : {}),
    ...(args.org !== undefined ? { org: args.org } : {}),
    ...(args.inspector !== undefined ? { inspector: args.inspector } : {}),
  };
}

export function reportWriteOptions(args: ReportArgs & { lang: Lang }, formats: readonly string[]): WriteReportsOptions {
  return {
    formats,
    lang: args.lang,
    ...reportCoverOf(args),
  };
}
