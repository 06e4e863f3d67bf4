import { join } from 'node:path';
import { ruleGroupOrder } from '@nyt2539/checker';
import { writeFileAtomic } from '@nyt2539/schema';
import type ExcelJS from 'exceljs';
import { acceptanceFacts, groupTitle, keysText, severityText, valueText, type CountRow, type ReportFinding, type ReportModel } from '../model.js';
import { L, label } from '../text.js';
import type { ReportFormatter } from '../types.js';
import { columnLetter, SheetRows, xlsxBytes } from '../../xlsx/fixed-date.js';
import { reportFormatMeta } from './meta.js';

/** Excel's row limit per sheet (1 048 576) less the header row. */
const XLSX_MAX_ROWS = 1_048_575;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const ERROR_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FFC00000' } };
const FONT = 'SimSun';

interface Column {
  readonly header: string;
  readonly width: number;
  readonly value: (f: ReportFinding, n: number) => string | number | null;
}

function columns(model: ReportModel): Column[] {
  const { lang } = model;
  const point = (f: ReportFinding) => f.location.point ?? (f.location.bbox ? [(f.location.bbox[0] + f.location.bbox[2]) / 2, (f.location.bbox[1] + f.location.bbox[3]) / 2] : undefined);
  const cols: (Column | false)[] = [
    { header: L.no[lang], width: 8, value: (_f, n) => n },
    { header: L.severity[lang], width: 7, value: (f) => severityText(f, lang) },
    model.hasStatus && { header: L.statusCol[lang], width: 8, value: (f) => { const s = model.statusOf(f); return s ? L.status[s][lang] : ''; } },
    { header: L.rule[lang], width: 26, value: (f) => f.ruleId },
    { header: L.ruleTitle[lang], width: 24, value: (f) => model.ruleTitle(f.ruleId) },
    { header: L.message[lang], width: 60, value: (f) => f.message[lang] },
    { header: L.file[lang], width: 30, value: (f) => f.location.file ?? '' },
    { header: L.table[lang], width: 10, value: (f) => f.location.table ?? '' },
    { header: L.record[lang], width: 8, value: (f) => f.location.record ?? null },
    { header: L.keys[lang], width: 30, value: (f) => keysText(f) },
    { header: L.field[lang], width: 10, value: (f) => f.location.field ?? '' },
    { header: L.actual[lang], width: 20, value: (f) => valueText(f.actual) },
    { header: L.expected[lang], width: 20, value: (f) => valueText(f.expected) },
    { header: L.x[lang], width: 14, value: (f) => point(f)?.[1] ?? null },
    { header: L.y[lang], width: 14, value: (f) => point(f)?.[0] ?? null },
    { header: L.town[lang], width: 14, value: (f) => { const p = model.place(f); return p.townName || p.town; } },
    { header: L.village[lang], width: 14, value: (f) => { const p = model.place(f); return p.villageName || p.village; } },
    { header: L.fbfCode[lang], width: 16, value: (f) => model.place(f).fbf },
    { header: L.fbf[lang], width: 18, value: (f) => model.place(f).fbfName },
    { header: L.fixedByCol[lang], width: 10, value: (f) => model.fixedBy(f) },
    { header: L.requirement[lang], width: 40, value: (f) => model.requirement(f) },
    { header: L.fixState[lang], width: 16, value: () => '' },
    { header: L.fixer[lang], width: 10, value: () => '' },
    { header: L.closedOn[lang], width: 12, value: () => '' },
  ];
  return cols.filter((c): c is Column => c !== false);
}

/** Sheet names: ≤ 31 characters, none of []:*?/\ (Excel's rules). */
function sheetName(base: string, part: number): string {
  const clean = base.replace(/[[\]:*?/\\]/g, ' ').slice(0, 26);
  return part === 1 ? clean : `${clean} (${part})`;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { name: FONT, bold: true };
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle', wrapText: true };
}

function countTable(ws: ExcelJS.Worksheet, title: string, head: string, rows: readonly CountRow[], lang: 'zh' | 'en', total: boolean): void {
  ws.addRow([]).commit();
  const t = ws.addRow([title]);
  t.font = { name: FONT, bold: true, size: 12 };
  t.commit();
  const h = ws.addRow([head, L.errors[lang], L.warnings[lang], L.total[lang]]);
  styleHeader(h);
  h.commit();
  for (const r of rows) ws.addRow([r.label, r.errors, r.warnings, r.errors + r.warnings]).commit();
  if (total) {
    const e = rows.reduce((n, r) => n + r.errors, 0);
    const w = rows.reduce((n, r) => n + r.warnings, 0);
    const row = ws.addRow([L.total[lang], e, w, e + w]);
    row.font = { name: FONT, bold: true };
    row.commit();
  }
}

function writeSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, model: ReportModel): void {
  const { lang, doc } = model;
  const ws = wb.addWorksheet(L.summarySheet[lang], { views: [{ showGridLines: false }] });
  ws.columns = [{ width: 36 }, { width: 12 }, { width: 12 }, { width: 12 }];
  const title = ws.addRow([`${model.title}　${L.findingsList[lang]}`]);
  title.font = { name: FONT, bold: true, size: 14 };
  title.commit();
  const facts: [string, string][] = [
    [L.county[lang], `${model.countyName}（${doc.package.county}）`],
    [L.year[lang], doc.package.year],
    [L.package[lang], doc.package.rootName],
    [L.toolVersion[lang], model.toolVersion],
    [L.ruleSetVersion[lang], model.ruleSetVersion],
    ...(model.options.org ? [[L.org[lang], model.options.org] as [string, string]] : []),
    ...(model.options.inspector ? [[L.inspector[lang], model.options.inspector] as [string, string]] : []),
    [L.date[lang], model.date],
    [L.verdict[lang], model.verdict],
    ...acceptanceFacts(model),
  ];
  for (const [k, v] of facts) ws.addRow([k, v]).commit();
  const note = ws.addRow([doc.masked ? L.masked[lang] : L.unmasked[lang]]);
  if (!doc.masked) note.font = { name: FONT, bold: true, ...ERROR_FONT };
  note.commit();
  countTable(ws, L.results[lang], L.category[lang], model.byGroup, lang, true);
  const listed = doc.findings.length;
  if (doc.summary.dropped > 0) ws.addRow([label(L.dropped, lang, { n: doc.summary.dropped, listed })]).commit();
  if (model.hasStatus) countTable(ws, L.byStatus[lang], L.statusCol[lang], model.byStatus, lang, true);
  countTable(ws, L.byFixedBy[lang], L.fixedByCol[lang], model.byFixedBy, lang, true);
  countTable(ws, L.byTown[lang], L.town[lang], model.byTown, lang, true);
  countTable(ws, L.byVillage[lang], L.village[lang], model.byVillage, lang, true);
  ws.commit();
}

/** The 问题清单 for the field team: a summary sheet, then one sheet per category; rows continue on a next sheet past Excel's limit. */
async function writeXlsx(model: ReportModel, path: string): Promise<void> {
  const { lang, doc } = model;
  const bytes = await xlsxBytes((wb) => {
    writeSummary(wb, model);

    const cols = columns(model);
    const perSheet = Math.max(1, Math.min(model.options.xlsxRowsPerSheet ?? XLSX_MAX_ROWS, XLSX_MAX_ROWS));
    const byGroup = new Map<string, ReportFinding[]>();
    for (const f of doc.findings) {
      const list = byGroup.get(f.group);
      if (list) list.push(f);
      else byGroup.set(f.group, [f]);
    }
    const groups = [...byGroup.keys()].sort((a, b) => ruleGroupOrder.indexOf(a as never) - ruleGroupOrder.indexOf(b as never));
    const lastColumn = columnLetter(cols.length);
    for (const group of groups) {
      const list = byGroup.get(group) as ReportFinding[];
      for (let start = 0, part = 1; start < list.length; start += perSheet, part++) {
        const ws = wb.addWorksheet(sheetName(groupTitle(group, lang), part), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
        ws.columns = cols.map((c) => ({ width: c.width }));
        const end = Math.min(list.length, start + perSheet);
        ws.autoFilter = `A1:${lastColumn}${end - start + 1}`;
        const head = ws.addRow(cols.map((c) => c.header));
        styleHeader(head);
        head.commit();
        // 100k rows: written as sheet XML, not as exceljs Row objects (SheetRows)
        const rows = new SheetRows(ws, cols.length);
        const errorStyles = cols.map((_c, i) => (i === 1 ? rows.styleId({ font: ERROR_FONT }, 'string') : 0));
        for (let i = start; i < end; i++) {
          const f = list[i];
          rows.add(cols.map((c) => c.value(f, i + 1)), f.severity === 'error' ? errorStyles : undefined);
        }
        rows.close();
        ws.commit();
      }
    }
  });
  writeFileAtomic(path, bytes);
}

export const xlsxFormatter: ReportFormatter = {
  ...reportFormatMeta.xlsx,
  async write(model, outDir) {
    const path = join(outDir, this.files[model.lang][0]);
    await writeXlsx(model, path);
    return [path];
  },
};
