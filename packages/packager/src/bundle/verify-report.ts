import { formatMessage, type Lang, type Localized } from '@nyt2539/schema';
import type { IntegrityReport } from './verify.js';

const T = {
  ok: { zh: '清单核对：通过（{n} 个文件与清单一致）', en: 'manifest check: passed ({n} files match the manifest)' },
  failed: {
    zh: '清单核对：不通过（缺少 {missing} 个、多出 {extra} 个、内容不符 {changed} 个文件）',
    en: 'manifest check: FAILED ({missing} missing, {extra} extra, {changed} changed files)',
  },
  missing: { zh: '  缺少：{path}（清单中有，未收到）', en: '  missing: {path} (in the manifest, not received)' },
  extra: { zh: '  多出：{path}（收到，清单中没有）', en: '  extra: {path} (received, not in the manifest)' },
  changed: {
    zh: '  内容不符：{path}（清单 {es} 字节 sha256 {eh}，实际 {as} 字节 sha256 {ah}）',
    en: '  changed: {path} (manifest {es} bytes sha256 {eh}; received {as} bytes sha256 {ah})',
  },
} satisfies Record<string, Localized>;

/** The integrity part of `verify`'s report: one headline, then one line per file, each naming its path. */
export function renderIntegrity(report: IntegrityReport, lang: Lang): string[] {
  const lines: string[] = [];
  if (report.manifestProblem) lines.push(report.manifestProblem[lang]);
  if (report.ok) {
    lines.push(formatMessage(T.ok[lang], { n: report.listed }));
    return lines;
  }
  if (report.manifestProblem && report.listed === 0) return lines;
  lines.push(formatMessage(T.failed[lang], { missing: report.missing.length, extra: report.extra.length, changed: report.changed.length }));
  for (const path of report.missing) lines.push(formatMessage(T.missing[lang], { path }));
  for (const path of report.extra) lines.push(formatMessage(T.extra[lang], { path }));
  for (const c of report.changed) {
    lines.push(formatMessage(T.changed[lang], { path: c.path, es: c.expected.size, eh: c.expected.sha256, as: c.actual.size, ah: c.actual.sha256 }));
  }
  return lines;
}
