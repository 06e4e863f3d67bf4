import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { LocalizedError, type Lang } from '@nyt2539/schema';
import type { FindingsDocument } from '@nyt2539/checker';
import { reportFormatMeta, type ReportFormatId } from './formats/meta.js';
import { buildModel, type ReportDocument, type ReportOptions } from './model.js';
import type { ReportFormatter } from './types.js';

export type { ReportFormatter } from './types.js';
export { buildModel, fbfCodeOf, type ReportDocument, type ReportFinding, type ReportModel, type ReportOptions, type Place, type CountRow, type FindingStatus } from './model.js';

/** Each format's renderer, loaded when that format is written (see formats/meta.ts). */
const renderers: Record<ReportFormatId, () => Promise<ReportFormatter>> = {
  json: () => import('./formats/json.js').then((m) => m.jsonFormatter),
  text: () => import('./formats/text.js').then((m) => m.textFormatter),
  html: () => import('./formats/html.js').then((m) => m.htmlFormatter),
  docx: () => import('./formats/docx.js').then((m) => m.docxFormatter),
  xlsx: () => import('./formats/xlsx.js').then((m) => m.xlsxFormatter),
  geojson: () => import('./formats/map.js').then((m) => m.geojsonFormatter),
  shp: () => import('./formats/map.js').then((m) => m.shpFormatter),
};

/** Every report format, in the order they are written (a user opening the folder sees them in this order). */
export const reportFormatters: readonly ReportFormatter[] = (Object.keys(reportFormatMeta) as ReportFormatId[]).map((id) => ({
  ...reportFormatMeta[id],
  async write(model, outDir) {
    return (await renderers[id]()).write(model, outDir);
  },
}));

/** What `check --out`, `report` and `pack` write unless told otherwise: everything. */
export const defaultReportFormats: readonly string[] = reportFormatters.map((f) => f.id);

function getReportFormatter(id: string): ReportFormatter | undefined {
  return reportFormatters.find((f) => f.id === id);
}

export interface WriteReportsOptions extends Partial<ReportOptions> {
  /** format ids (see `reportFormatters`); default all */
  readonly formats?: readonly string[];
}

export interface WrittenReport {
  readonly format: string;
  readonly files: readonly string[];
}

/** `--format html,docx`: split, trimmed, checked against the registry; an unknown id is one located message. */
export function parseReportFormats(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [...defaultReportFormats];
  const ids = (typeof value === 'string' ? value.split(',') : value.flatMap((v) => v.split(','))).map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !getReportFormatter(id));
  if (unknown.length > 0) {
    const known = defaultReportFormats.join(', ');
    throw new LocalizedError(
      { zh: `--format：未知的报告格式 ${unknown.join(', ')}（可用：${known}）`, en: `--format: unknown report format ${unknown.join(', ')} (known: ${known})` },
      { code: 'report-format' },
    );
  }
  return [...new Set(ids)];
}

/**
 * Render one findings document into every requested format in `outDir`. The document is the one choke point of
 * masking: formats render it as it is, so a masked document gives masked reports, and a `--no-mask` one says so
 * in each report. Each file is written atomically; same document and options, same bytes.
 */
export async function writeReports(doc: FindingsDocument | ReportDocument, outDir: string, options: WriteReportsOptions = {}): Promise<WrittenReport[]> {
  const formats = parseReportFormats(options.formats);
  const lang: Lang = options.lang ?? 'zh';
  const model = buildModel(doc as ReportDocument, { ...options, lang });
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const written: WrittenReport[] = [];
  for (const id of formats) {
    const formatter = getReportFormatter(id) as ReportFormatter;
    written.push({ format: id, files: await formatter.write(model, dir) });
  }
  return written;
}

/** The file names `writeReports` writes for these formats and language (for manifests and listings). */
export function reportFileNames(formats: readonly string[] = defaultReportFormats, lang: Lang = 'zh'): string[] {
  return formats.flatMap((id) => getReportFormatter(id)?.files[lang] ?? []);
}
