import { formatMessage, type Lang } from '@nyt2539/schema';
import { printable } from '../io/printable.js';
import type { PackageInfo } from '../engine/types.js';
import type { Finding } from '../engine/finding.js';
import { maskFinding } from './mask.js';
import type { CheckSummary } from '../engine/summary.js';

export interface TextReportOptions {
  readonly lang: Lang;
  /** findings listed after the summary (errors come first already) */
  readonly limit: number;
  readonly mask: boolean;
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
  field: { zh: '字段 {v}', en: 'field {v}' },
  point: { zh: '坐标 {v}', en: 'point {v}' },
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

/** One line naming everything that locates the finding. */
export function formatLocation(f: Finding, lang: Lang): string {
  const l = f.location;
  const parts: string[] = [];
  if (l.file) parts.push(formatMessage(t.file[lang], { v: printable(l.file) }));
  if (l.table) parts.push(formatMessage(t.table[lang], { v: l.table }));
  if (l.record !== undefined) parts.push(formatMessage(t.record[lang], { v: l.record }));
  for (const [k, v] of Object.entries(l.keys ?? {})) parts.push(`${k}=${v}`);
  if (l.field) parts.push(formatMessage(t.field[lang], { v: l.field }));
  if (l.point) parts.push(formatMessage(t.point[lang], { v: l.point.join(', ') }));
  if (f.actual !== undefined) parts.push(formatMessage(t.actual[lang], { v: quote(f.actual) }));
  if (f.expected !== undefined) parts.push(formatMessage(t.expected[lang], { v: quote(f.expected) }));
  return parts.join(lang === 'zh' ? '；' : '; ');
}

export function renderSummaryTable(summary: CheckSummary, lang: Lang): string[] {
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

export function renderText(info: PackageInfo, summary: CheckSummary, findings: readonly Finding[], options: TextReportOptions): string {
  const { lang } = options;
  const out: string[] = [];
  out.push(formatMessage(t.title[lang], { name: printable(info.rootName || info.input) }));
  out.push(formatMessage(t.pkg[lang], { county: info.county || '?', year: info.year || '?' }) + (options.mask ? ` ${t.masked[lang]}` : ''));
  out.push('');
  out.push(...renderSummaryTable(summary, lang));
  out.push('');
  const total = summary.errors + summary.warnings;
  if (total === 0) {
    out.push(t.none[lang]);
  } else {
    const shown = findings.slice(0, options.limit);
    out.push(formatMessage(t.listed[lang], { shown: shown.length, total }));
    shown.forEach((raw, i) => {
      const f = options.mask ? maskFinding(raw) : raw;
      out.push(`${i + 1}. [${t[f.severity][lang]}] ${f.ruleId}  ${f.message[lang]}`);
      const where = formatLocation(f, lang);
      if (where) out.push(`   ${t.at[lang]}：${where}`.replace('：', lang === 'zh' ? '：' : ': '));
    });
    if (summary.dropped > 0) out.push(formatMessage(t.dropped[lang], { n: summary.dropped }));
  }
  out.push('');
  out.push(summary.passed ? t.passed[lang] : t.failed[lang]);
  return `${out.join('\n')}\n`;
}
