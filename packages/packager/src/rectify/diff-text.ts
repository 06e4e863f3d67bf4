import { displayWidth, formatLocation, type DocumentFinding, type FindingsDocument } from '@nyt2539/checker';
import { formatMessage, type Lang } from '@nyt2539/schema';

const t = {
  title: { zh: '复查比对：{name}', en: 'Re-check: {name}' },
  dates: { zh: '基线检查 {baseline} → 本次检查 {current}', en: 'baseline check {baseline} → this check {current}' },
  totals: { zh: '新增 {new} 条，遗留 {persisting} 条，已整改（销号）{fixed} 条', en: '{new} new, {persisting} persisting, {fixed} fixed (closed)' },
  unconfirmed: {
    zh: '另有 {n} 条基线问题无法确认（其规则本次未运行或超出每条规则的列出上限），未销号',
    en: '{n} baseline findings could not be confirmed (their rule did not run or hit its per-rule limit) and stay open',
  },
  category: { zh: '检查类别', en: 'Category' },
  unit: { zh: '责任单位', en: 'Responsible unit' },
  new: { zh: '新增', en: 'New' },
  persisting: { zh: '遗留', en: 'Persisting' },
  fixed: { zh: '已整改', en: 'Fixed' },
  total: { zh: '合计', en: 'Total' },
  listNew: { zh: '新增问题（前 {shown} 条，共 {total} 条）：', en: 'New findings (first {shown} of {total}):' },
  listPersisting: { zh: '遗留问题（前 {shown} 条，共 {total} 条）：', en: 'Persisting findings (first {shown} of {total}):' },
  listFixed: { zh: '已整改（销号）问题（前 {shown} 条，共 {total} 条）：', en: 'Fixed (closed) findings (first {shown} of {total}):' },
  seen: { zh: '首次发现 {first}，连续 {checks} 次检查报告', en: 'first seen {first}, reported by {checks} checks' },
  closed: { zh: '首次发现 {first}，{date} 复查确认销号', en: 'first seen {first}, closed by the check of {date}' },
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  at: { zh: '位置：', en: 'at: ' },
} as const;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => displayWidth(r[i]))));
  const cell = (s: string, i: number) => (i === 0 ? s + ' '.repeat(widths[i] - displayWidth(s)) : ' '.repeat(widths[i] - displayWidth(s)) + s);
  const line = (r: readonly string[]) => r.map(cell).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(head), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1])];
}

/** The diff of a re-checked findings document as text: totals, per category, per responsible unit, then the lists. */
export function renderDiffText(doc: FindingsDocument, lang: Lang, limit = 50): string {
  const d = doc.diff;
  if (!d) return '';
  const out: string[] = [];
  out.push(formatMessage(t.title[lang], { name: doc.package.rootName }));
  out.push(formatMessage(t.dates[lang], { baseline: d.baseline.checkedAt, current: doc.checkedAt }));
  out.push(formatMessage(t.totals[lang], { new: d.new, persisting: d.persisting, fixed: d.fixed }));
  if (d.unconfirmed > 0) out.push(formatMessage(t.unconfirmed[lang], { n: d.unconfirmed }));
  const counts = (c: { new: number; persisting: number; fixed: number }) => [String(c.new), String(c.persisting), String(c.fixed)];
  const head = (first: string) => [first, t.new[lang], t.persisting[lang], t.fixed[lang]];
  const total = [t.total[lang], ...counts(d)];
  out.push('');
  out.push(...table(head(t.category[lang]), [...d.byGroup.map((g) => [g.title[lang], ...counts(g)]), total]));
  out.push('');
  out.push(...table(head(t.unit[lang]), [...d.byUnit.map((u) => [u.unit, ...counts(u)]), total]));
  const list = (title: string, fs: readonly DocumentFinding[], note: (f: DocumentFinding) => string) => {
    if (fs.length === 0) return;
    const shown = fs.slice(0, limit);
    out.push('');
    out.push(formatMessage(title, { shown: shown.length, total: fs.length }));
    shown.forEach((f, i) => {
      out.push(`${i + 1}. [${t[f.severity][lang]}] ${f.ruleId}  ${f.message[lang]}（${note(f)}）`.replace('（', lang === 'zh' ? '（' : ' (').replace(/）$/, lang === 'zh' ? '）' : ')'));
      const where = formatLocation(f, lang);
      if (where) out.push(`   ${t.at[lang]}${where}`);
    });
  };
  const seen = (f: DocumentFinding) => formatMessage(t.seen[lang], { first: f.firstSeen ?? '', checks: f.checks ?? 1 });
  list(t.listNew[lang], doc.findings.filter((f) => f.status === 'new'), seen);
  list(t.listPersisting[lang], doc.findings.filter((f) => f.status === 'persisting'), seen);
  list(t.listFixed[lang], d.fixedFindings, (f) => formatMessage(t.closed[lang], { first: f.firstSeen ?? '', date: f.fixedOn ?? '' }));
  return `${out.join('\n')}\n`;
}
