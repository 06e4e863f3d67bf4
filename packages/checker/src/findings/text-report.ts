import { formatMessage, type Lang, type Localized, printable } from '@nyt2539/schema';
import { describeDeviation, type ProfileRecord } from '../engine/profile.js';
import type { PackageInfo } from '../engine/types.js';
import type { Finding } from '../engine/finding.js';
import { findingsDocument, type FindingsDocument } from './json-report.js';
import type { CheckSummary } from '../engine/summary.js';

interface TextReportOptions {
  readonly lang: Lang;
  /** findings listed after the summary (errors come first already) */
  readonly limit: number;
  readonly mask: boolean;
  /** the profile the check ran with (a non-default one is named in the report and in its verdict) */
  readonly profile?: ProfileRecord;
}

interface DocumentTextOptions {
  readonly lang: Lang;
  readonly limit: number;
  /** shown as the title when the document has no root name */
  readonly input?: string;
  /** end with the check's verdict (default true; `verify` prints one overall verdict of its own instead) */
  readonly verdict?: boolean;
  /** lines printed under the header, already worded (the packager's spot-check rate and grade) */
  readonly headerLines?: readonly string[];
}

const t = {
  title: { zh: '质检报告：{name}', en: 'Check report: {name}' },
  pkg: { zh: '县级区划代码 {county}　年份 {year}', en: 'county code {county}, year {year}' },
  category: { zh: '检查类别', en: 'Category' },
  errors: { zh: '错误', en: 'Errors' },
  warnings: { zh: '警告', en: 'Warnings' },
  total: { zh: '合计', en: 'Total' },
  listed: { zh: '问题清单（前 {shown} 条，共 {total} 条，错误在前）：', en: 'Findings (first {shown} of {total}, errors first):' },
  none: { zh: '未发现问题。', en: 'No findings.' },
  dropped: { zh: '另有 {n} 条同类问题只计数未列出（每条规则列出的条数有上限）。', en: '{n} more findings were counted but not listed (per-rule limit).' },
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  at: { zh: '位置', en: 'at' },
  file: { zh: '文件 {v}', en: 'file {v}' },
  table: { zh: '表/图层 {v}', en: 'table/layer {v}' },
  record: { zh: '第 {v} 条记录', en: 'record {v}' },
  recordFid: { zh: '第 {v} 条记录（GIS 中 FID={fid}）', en: 'record {v} (FID {fid} in GIS)' },
  field: { zh: '字段 {v}', en: 'field {v}' },
  cell: { zh: '单元格 {v}', en: 'cell {v}' },
  point: { zh: '坐标 X(北)={x} Y(东)={y}', en: 'point X(north)={x} Y(east)={y}' },
  trust: { zh: '依据', en: 'source of truth' },
  affected: { zh: '共 {n} 处，例如：{sample}', en: '{n} places, e.g. {sample}' },
  causedBy: { zh: '由上一条引起', en: 'follows from the finding above' },
  profile: { zh: '质检方案：非默认质检方案（{n} 项与默认不同，方案指纹 {hash}）：', en: 'Profile: NON-DEFAULT profile ({n} deviations from the default, hash {hash}):' },
  passedProfile: { zh: '结论：通过（非默认质检方案）', en: 'Result: PASSED (non-default profile)' },
  versions: { zh: '质检工具 {tool}，规则集 {rules}', en: 'checker {tool}, rule set {rules}' },
  actual: { zh: '实际值 {v}', en: 'actual {v}' },
  expected: { zh: '应为 {v}', en: 'expected {v}' },
  passed: { zh: '结论：通过', en: 'Result: PASSED' },
  failed: { zh: '结论：不通过', en: 'Result: FAILED' },
  masked: { zh: '（证件号码与电话号码已脱敏）', en: '(ID and phone numbers masked)' },
} as const;

/** Terminal columns a string takes: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

function quote(v: unknown): string {
  return typeof v === 'string' ? `“${v}”` : String(v);
}

/** A record of a shapefile: GIS (QGIS, ArcGIS) shows FID = record number − 1. */
function isLayerFile(file: string | undefined): boolean {
  return file !== undefined && /\.(shp|dbf|shx)$/i.test(file);
}

/** One line naming everything that locates the finding. */
export function formatLocation(f: Finding, lang: Lang): string {
  const l = f.location;
  const parts: string[] = [];
  if (l.file) parts.push(formatMessage(t.file[lang], { v: printable(l.file) }));
  if (l.table) parts.push(formatMessage(t.table[lang], { v: l.table }));
  if (l.record !== undefined) {
    parts.push(isLayerFile(l.file) ? formatMessage(t.recordFid[lang], { v: l.record, fid: l.record - 1 }) : formatMessage(t.record[lang], { v: l.record }));
  }
  for (const [k, v] of Object.entries(l.keys ?? {})) parts.push(`${k}=${v}`);
  if (l.field) parts.push(formatMessage(t.field[lang], { v: l.field }));
  if (l.cell) parts.push(formatMessage(t.cell[lang], { v: l.cell }));
  // the layer's x is the easting: in the Chinese surveying convention that is Y (东), and X is the northing (北)
  if (l.point) parts.push(formatMessage(t.point[lang], { x: l.point[1], y: l.point[0] }));
  if (f.actual !== undefined) parts.push(formatMessage(t.actual[lang], { v: quote(f.actual) }));
  if (f.expected !== undefined) parts.push(formatMessage(t.expected[lang], { v: quote(f.expected) }));
  return parts.join(lang === 'zh' ? '；' : '; ');
}

function renderSummaryTable(
  summary: Pick<CheckSummary, 'errors' | 'warnings'> & { readonly byGroup: readonly { readonly title: Localized; readonly errors: number; readonly warnings: number }[] },
  lang: Lang,
): string[] {
  const rows: [string, string, string][] = summary.byGroup.map((g) => [g.title[lang], String(g.errors), String(g.warnings)]);
  rows.push([t.total[lang], String(summary.errors), String(summary.warnings)]);
  const head: [string, string, string] = [t.category[lang], t.errors[lang], t.warnings[lang]];
  const w0 = Math.max(...[head, ...rows].map((r) => displayWidth(r[0])));
  const w1 = Math.max(...[head, ...rows].map((r) => displayWidth(r[1])));
  const w2 = Math.max(...[head, ...rows].map((r) => displayWidth(r[2])));
  const line = (r: [string, string, string]) => `${padEnd(r[0], w0)} | ${padStart(r[1], w1)} | ${padStart(r[2], w2)}`;
  const rule = `${'-'.repeat(w0)}-+-${'-'.repeat(w1)}-+-${'-'.repeat(w2)}`;
  return [line(head), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1])];
}

/** The text report of an unmasked check: builds the (masked) findings document and renders from it. */
export function renderText(info: PackageInfo, summary: CheckSummary, findings: readonly Finding[], options: TextReportOptions): string {
  const doc = findingsDocument(info, summary, findings, { mask: options.mask, ...(options.profile ? { profile: options.profile } : {}) });
  return renderTextReport(doc, { lang: options.lang, limit: options.limit, input: info.input });
}

/** The text report, rendered from the findings document (already masked when `doc.masked`). */
export function renderTextReport(doc: FindingsDocument, options: DocumentTextOptions): string {
  return `${[...textReportLines(doc, options)].join('\n')}\n`;
}

/** {@link renderTextReport}'s lines (without their line ends), one at a time: a county's report is written as they come. */
export function* textReportLines(doc: FindingsDocument, options: DocumentTextOptions): Generator<string> {
  const { lang } = options;
  const summary = doc.summary;
  const findings = doc.findings;
  yield formatMessage(t.title[lang], { name: printable(doc.package.rootName || options.input || '') });
  yield formatMessage(t.pkg[lang], { county: doc.package.county || '?', year: doc.package.year || '?' }) + (doc.masked ? ` ${t.masked[lang]}` : '');
  if (doc.toolVersion && doc.ruleSetVersion) yield formatMessage(t.versions[lang], { tool: doc.toolVersion, rules: doc.ruleSetVersion });
  const nonDefault = doc.profile !== undefined && !doc.profile.default;
  if (nonDefault && doc.profile) {
    yield formatMessage(t.profile[lang], { n: doc.profile.deviations.length, hash: doc.profile.hash });
    for (const d of doc.profile.deviations) yield `  - ${describeDeviation(d, lang)}`;
  }
  if (options.headerLines) yield* options.headerLines;
  yield '';
  yield* renderSummaryTable(summary, lang);
  yield '';
  const total = summary.errors + summary.warnings;
  if (total === 0) {
    yield t.none[lang];
  } else {
    const shown = findings.length <= options.limit ? findings : findings.slice(0, Math.max(0, options.limit));
    yield formatMessage(t.listed[lang], { shown: shown.length, total });
    for (let i = 0; i < shown.length; i++) {
      const f = shown[i];
      // a consequence listed right after its root cause is indented under it
      const prev = i > 0 ? shown[i - 1] : undefined;
      const under = f.rootCause !== undefined && prev !== undefined && (prev.fingerprint === f.rootCause || prev.rootCause === f.rootCause || `${prev.ruleId}#${prev.messageId}` === f.rootCause);
      const indent = under ? '   ' : '';
      yield `${indent}${i + 1}. [${t[f.severity][lang]}] ${f.ruleId}  ${f.message[lang]}${under ? `（${t.causedBy[lang]}）` : ''}`;
      const where = formatLocation(f, lang);
      if (where) yield `${indent}   ${t.at[lang]}${lang === 'zh' ? '：' : ': '}${where}`;
      if (f.affected) yield `${indent}   ${formatMessage(t.affected[lang], { n: f.affected.count, sample: f.affected.sample.join(lang === 'zh' ? '、' : ', ') })}`;
      if (f.trust) yield `${indent}   ${t.trust[lang]}${lang === 'zh' ? '：' : ': '}${f.trust[lang]}`;
    }
    if (summary.dropped > 0) yield formatMessage(t.dropped[lang], { n: summary.dropped });
  }
  if (options.verdict !== false) {
    yield '';
    yield doc.passed ? (nonDefault ? t.passedProfile[lang] : t.passed[lang]) : t.failed[lang];
  }
}
