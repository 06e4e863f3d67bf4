import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { LocalizedError, type Lang } from '@nyt2539/schema';
import type { FindingsDocument } from '@nyt2539/checker';
import { docxFormatter } from './formats/docx.js';
import { htmlFormatter } from './formats/html.js';
import { jsonFormatter } from './formats/json.js';
import { geojsonFormatter, shpFormatter } from './formats/map.js';
import { textFormatter } from './formats/text.js';
import { xlsxFormatter } from './formats/xlsx.js';
import { buildModel, type ReportDocument, type ReportOptions } from './model.js';
import type { ReportFormatter } from './types.js';

export type { ReportFormatter } from './types.js';
export { buildModel, fbfCodeOf, type ReportDocument, type ReportFinding, type ReportModel, type ReportOptions, type Place, type CountRow, type FindingStatus } from './model.js';
export { findingGeometry, fitGbk } from './formats/map.js';
export { XLSX_MAX_ROWS } from './formats/xlsx.js';
export { DOCX_DEFAULT_ROWS } from './formats/docx.js';

/** Every report format, in the order they are written (a user opening the folder sees them in this order). */
export const reportFormatters: readonly ReportFormatter[] = [jsonFormatter, textFormatter, htmlFormatter, docxFormatter, xlsxFormatter, geojsonFormatter, shpFormatter];

/** What `check --out`, `report` and `pack` write unless told otherwise: everything. */
export const defaultReportFormats: readonly string[] = reportFormatters.map((f) => f.id);

export function getReportFormatter(id: string): ReportFormatter | undefined {
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
