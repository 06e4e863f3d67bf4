import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ruleGroupOrder, ruleGroups } from '@nyt2539/checker';
import { writeFileAtomic } from '@nyt2539/schema';
import type { Lang, Localized } from '@nyt2539/schema';
import type { CountyRecord } from './record.js';
import { xlsxBytes } from '../xlsx/fixed-date.js';

export const OVERVIEW_XLSX = 'province.xlsx';
export const OVERVIEW_HTML = 'province.html';

const VERDICT: Record<CountyRecord['verdict'], Localized> = {
  passed: { zh: '通过', en: 'passed' },
  failed: { zh: '不通过', en: 'failed' },
  unreadable: { zh: '无法检查', en: 'cannot be checked' },
  duplicate: { zh: '重复', en: 'duplicate' },
};

const T = {
  county: { zh: '县级单位', en: 'County' },
  input: { zh: '输入', en: 'Input' },
  verdict: { zh: '结论', en: 'Verdict' },
  note: { zh: '说明', en: 'Note' },
  integrity: { zh: '完整性', en: 'Integrity' },
  errors: { zh: '错误', en: 'Errors' },
  warnings: { zh: '警告', en: 'Warnings' },
  records: { zh: '检查记录数', en: 'Records examined' },
  plots: { zh: '检查地块数', en: 'Plots examined' },
  seconds: { zh: '检查用时（秒）', en: 'Check time (s)' },
  sampleRate: { zh: '抽检错误率', en: 'Spot-check error rate' },
  sampleInterval: { zh: '95% 置信区间', en: '95% interval' },
  sampleVerdict: { zh: '抽检结论', en: 'Spot-check verdict' },
  grade: { zh: '质量等级', en: 'Quality grade' },
  unverified: { zh: '（评分方案未核实）', en: ' (grading scheme unverified)' },
  report: { zh: '报告', en: 'Report' },
  total: { zh: '合计', en: 'Total' },
  title: { zh: '省级汇总：县级汇交成果复核', en: 'Province overview: county submissions re-checked' },
  ok: { zh: '一致', en: 'matches' },
  none: { zh: '无清单', en: 'no manifest' },
  unknown: { zh: '—', en: '—' },
  changed: { zh: '被改动', en: 'changed' },
  missing: { zh: '缺失', en: 'missing' },
  extra: { zh: '多余', en: 'extra' },
  pass: { zh: '合格', en: 'pass' },
  fail: { zh: '不合格', en: 'fail' },
  sameCounty: { zh: '与 {input} 为同一县的另一份成果', en: 'another submission of the same county as {input}' },
  counts: { zh: '{passed} 通过，{failed} 不通过，{unreadable} 无法检查，{duplicate} 重复', en: '{passed} passed, {failed} failed, {unreadable} cannot be checked, {duplicate} duplicates' },
} satisfies Record<string, Localized>;

function fill(text: string, data: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

export function integrityText(r: CountyRecord, lang: Lang): string {
  const i = r.integrity;
  if (i.status === 'ok') return T.ok[lang];
  if (i.status === 'none') return T.none[lang];
  if (i.status === 'unknown') return T.unknown[lang];
  const sep = lang === 'zh' ? '；' : '; ';
  const parts: string[] = [];
  if (i.manifestProblem) parts.push(i.manifestProblem[lang]);
  if (i.changed.length) parts.push(`${T.changed[lang]}: ${i.changed.join(', ')}`);
  if (i.missing.length) parts.push(`${T.missing[lang]}: ${i.missing.join(', ')}`);
  if (i.extra.length) parts.push(`${T.extra[lang]}: ${i.extra.join(', ')}`);
  return parts.join(sep);
}

function noteText(r: CountyRecord, lang: Lang): string {
  const parts: string[] = [];
  if (r.reason) parts.push(r.reason[lang]);
  if (r.sameCountyAs) parts.push(fill(T.sameCounty[lang], { input: r.sameCountyAs }));
  return parts.join(lang === 'zh' ? '；' : '; ');
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The overview as plain rows (header + one row per county + totals): what both the sheet and the page show. */
export interface OverviewTable {
  readonly header: readonly string[];
  /** numeric columns (sortable as numbers, summed in the totals) */
  readonly numeric: readonly boolean[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly totals: readonly (string | number)[];
  /** each row's report link relative to the output folder, if any */
  readonly links: readonly (string | undefined)[];
}

/** Counted rows: duplicates repeat another row's numbers, so they are left out of the totals. */
export function overviewTable(records: readonly CountyRecord[], lang: Lang, out?: string): OverviewTable {
  const groups = ruleGroupOrder;
  const header = [
    T.county[lang],
    T.input[lang],
    T.verdict[lang],
    T.note[lang],
    T.integrity[lang],
    T.errors[lang],
    T.warnings[lang],
    ...groups.flatMap((g) => [`${ruleGroups[g][lang]} ${T.errors[lang]}`, `${ruleGroups[g][lang]} ${T.warnings[lang]}`]),
    T.records[lang],
    T.plots[lang],
    T.seconds[lang],
    T.sampleRate[lang],
    T.sampleInterval[lang],
    T.sampleVerdict[lang],
    T.grade[lang],
  ];
  const numericFrom = 5;
  const numericTo = 7 + groups.length * 2 + 3; // exclusive
  const numeric = header.map((_, i) => i >= numericFrom && i < numericTo);
  const rows = records.map((r) => [
    r.rootName ?? r.dir,
    r.input,
    VERDICT[r.verdict][lang],
    noteText(r, lang),
    integrityText(r, lang),
    r.errors,
    r.warnings,
    ...groups.flatMap((g) => [r.byGroup[g]?.errors ?? 0, r.byGroup[g]?.warnings ?? 0]),
    r.records,
    r.plots,
    r.seconds,
    r.sample ? pct(r.sample.rate) : '',
    r.sample ? `${pct(r.sample.interval[0])}–${pct(r.sample.interval[1])}` : '',
    r.sample ? (r.sample.passed ? T.pass[lang] : T.fail[lang]) : '',
    r.sample?.grade ? `${r.sample.grade}${r.sample.grading && !r.sample.grading.verified ? T.unverified[lang] : ''}` : '',
  ]);
  const counted = records.map((r) => r.verdict !== 'duplicate');
  const count = (v: CountyRecord['verdict']): number => records.filter((r) => r.verdict === v).length;
  const totals = header.map((_, c) => {
    if (c === 0) return T.total[lang];
    if (c === 2) return fill(T.counts[lang], { passed: count('passed'), failed: count('failed'), unreadable: count('unreadable'), duplicate: count('duplicate') });
    if (!numeric[c]) return '';
    const sum = rows.reduce((n, row, i) => n + (counted[i] ? (row[c] as number) : 0), 0);
    return Math.round(sum * 100) / 100;
  });
  const links = records.map((r) => {
    if (r.verdict === 'unreadable') return undefined;
    for (const name of ['质检报告.html', 'inspection-report.html', 'report.txt']) {
      if (!out || existsSync(join(out, r.dir, name))) return encodeURI(`${r.dir}/${name}`);
    }
    return undefined;
  });
  return { header, numeric, rows, totals, links };
}

/** province.xlsx: one sheet, frozen header, filter, totals row; no clock in the file. */
export function overviewXlsx(table: OverviewTable, lang: Lang): Promise<Buffer> {
  return xlsxBytes((wb) => {
    const ws = wb.addWorksheet(lang === 'zh' ? '省级汇总' : 'Province', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
    ws.columns = table.header.map((_, i) => ({ width: i < 5 ? 24 : 12 }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: table.rows.length + 1, column: table.header.length } };
    const head = ws.addRow([...table.header]);
    head.font = { bold: true };
    head.commit();
    table.rows.forEach((row, i) => {
      const added = ws.addRow([...row]);
      const link = table.links[i];
      if (link) added.getCell(1).value = { text: String(row[0]), hyperlink: link };
      added.commit();
    });
    const totals = ws.addRow([...table.totals]);
    totals.font = { bold: true };
    totals.commit();
    ws.commit();
  });
}

const esc = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** province.html: one self-contained page (no external files), a table sortable by any column, totals in tfoot. */
export function overviewHtml(table: OverviewTable, lang: Lang): string {
  const head = table.header.map((h, i) => `<th data-col="${i}"${table.numeric[i] ? ' data-num="1"' : ''}>${esc(h)}</th>`).join('');
  const body = table.rows
    .map((row, r) => {
      const cells = row.map((v, c) => {
        const link = c === 0 ? table.links[r] : undefined;
        const inner = link ? `<a href="${esc(link)}">${esc(v)}</a>` : esc(v);
        return `<td${table.numeric[c] ? ' class="n"' : ''}>${inner}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const foot = table.totals.map((v, c) => `<td${table.numeric[c] ? ' class="n"' : ''}>${esc(v)}</td>`).join('');
  const title = T.title[lang];
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1em}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top}
th{background:#eee;cursor:pointer;position:sticky;top:0}
th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
td.n{text-align:right}
tfoot td{font-weight:bold;background:#f6f6f6}
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<table id="overview">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
<tfoot><tr>${foot}</tr></tfoot>
</table>
<script>
(function () {
  var table = document.getElementById('overview');
  var tbody = table.tBodies[0];
  table.tHead.addEventListener('click', function (e) {
    var th = e.target.closest('th');
    if (!th) return;
    var col = Number(th.dataset.col), num = th.dataset.num === '1';
    var asc = !th.classList.contains('asc');
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.classList.remove('asc', 'desc'); });
    th.classList.add(asc ? 'asc' : 'desc');
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].textContent, y = b.cells[col].textContent;
      var d = num ? Number(x) - Number(y) : x.localeCompare(y, 'zh-CN');
      return asc ? d : -d;
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  });
})();
</script>
</body>
</html>
`;
}

/** Writes `<out>/province.xlsx` and `<out>/province.html` from the batch's county records. */
export async function writeOverview(out: string, records: readonly CountyRecord[], lang: Lang): Promise<{ xlsx: string; html: string }> {
  const table = overviewTable(records, lang, out);
  const xlsx = join(out, OVERVIEW_XLSX);
  const html = join(out, OVERVIEW_HTML);
  writeFileAtomic(xlsx, await overviewXlsx(table, lang));
  writeFileAtomic(html, overviewHtml(table, lang));
  return { xlsx, html };
}
