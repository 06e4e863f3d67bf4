import { formatMessage, type Lang, type Localized } from '@nyt2539/schema';
import type { ClaimDifference, IntegrityReport, VerifyResult } from './verify.js';

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

const C = {
  agree: { zh: '清单声明与复检一致（结论、质检方案、规则、错误数、版本）', en: 'the manifest\'s claims agree with the re-check (verdict, profile, rules, counts, versions)' },
  differ: { zh: '清单声明与复检不符（{n} 处）：', en: 'the manifest\'s claims differ from the re-check ({n}):' },
  passed: { zh: '  结论：清单称{claimed}，复检{found}', en: '  verdict: the manifest says {claimed}, the re-check {found}' },
  forced: { zh: '  清单记为强制打包（--force），但复检没有错误', en: '  the manifest says forced (--force), but the re-check finds no error' },
  profile: { zh: '  质检方案：清单 {claimed}，复检 {found}', en: '  profile: manifest {claimed}, re-check {found}' },
  rules: { zh: '  运行的规则数：清单 {claimed}，复检 {found}', en: '  rules run: manifest {claimed}, re-check {found}' },
  errors: { zh: '  错误数：清单 {claimed}，复检 {found}', en: '  errors: manifest {claimed}, re-check {found}' },
  warnings: { zh: '  警告数：清单 {claimed}，复检 {found}', en: '  warnings: manifest {claimed}, re-check {found}' },
  ruleCounts: { zh: '  规则 {ruleId} 的错误/警告数：清单 {claimed}，复检 {found}', en: '  rule {ruleId} errors/warnings: manifest {claimed}, re-check {found}' },
  toolVersion: { zh: '  质检工具版本：清单 {claimed}，复检 {found}', en: '  tool version: manifest {claimed}, re-check {found}' },
  ruleSetVersion: { zh: '  规则集版本：清单 {claimed}，复检 {found}', en: '  rule-set version: manifest {claimed}, re-check {found}' },
  noClaim: { zh: '  清单没有记录打包时的质检结论', en: '  the manifest records no check of its own' },
  verdictPassed: { zh: '总结论：通过（清单核对通过，复检无错误）', en: 'Overall result: PASSED (manifest check passed, re-check found no errors)' },
  verdictPassedProfile: { zh: '总结论：通过（清单核对通过，复检无错误；非默认质检方案）', en: 'Overall result: PASSED (manifest check passed, no errors in the re-check; non-default profile)' },
  verdictFailed: { zh: '总结论：不通过（{reasons}）', en: 'Overall result: FAILED ({reasons})' },
  integrityFailed: { zh: '清单核对不通过', en: 'manifest check failed' },
  checkFailed: { zh: '复检发现 {n} 个错误', en: 're-check found {n} errors' },
} satisfies Record<string, Localized>;

const yesNo = (v: string, lang: Lang) => (v === 'true' ? (lang === 'zh' ? '通过' : 'passed') : v === 'false' ? (lang === 'zh' ? '不通过' : 'failed') : v);

/** The claims part of `verify`'s report: agreement, or one line per difference. */
export function renderClaims(claims: readonly ClaimDifference[], lang: Lang): string[] {
  if (claims.length === 0) return [C.agree[lang]];
  const lines = [formatMessage(C.differ[lang], { n: claims.length })];
  for (const c of claims) {
    const data = { claimed: c.what === 'passed' ? yesNo(c.claimed, lang) : c.claimed, found: c.what === 'passed' ? yesNo(c.found, lang) : c.found, ruleId: c.ruleId ?? '' };
    lines.push(formatMessage(C[c.what][lang], data));
  }
  return lines;
}

/** THE verdict of `verify`: integrity and re-check in one line. */
export function renderVerdict(r: Pick<VerifyResult, 'passed' | 'integrity' | 'check'>, lang: Lang): string {
  if (r.passed) return r.check.profile.default ? C.verdictPassed[lang] : C.verdictPassedProfile[lang];
  const reasons: string[] = [];
  if (!r.integrity.ok) reasons.push(C.integrityFailed[lang]);
  if (!r.check.summary.passed) reasons.push(formatMessage(C.checkFailed[lang], { n: r.check.summary.errors }));
  return formatMessage(C.verdictFailed[lang], { reasons: reasons.join(lang === 'zh' ? '；' : '; ') });
}
