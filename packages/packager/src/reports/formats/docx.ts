import { join } from 'node:path';
import { formatLocation, getRule, type Finding } from '@nyt2539/checker';
import { writeFileAtomic } from '@nyt2539/schema';
import * as XLSX from '@e965/xlsx';
import { ZipArchive } from 'archiver';
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { CountRow, ReportModel } from '../model.js';
import { coverFacts, deviationText, severityText } from '../model.js';
import { L, label } from '../text.js';
import type { ReportFormatter } from '../types.js';
import { reportFormatMeta } from './meta.js';

/** Findings listed in the 附表 unless told otherwise; the Excel list has them all. */
const DOCX_DEFAULT_ROWS = 200;

/** Latin text in Times New Roman, Chinese in 宋体 (SimSun): what Word and WPS expect of a 质检报告; LibreOffice substitutes a CJK font it has. */
const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: 'SimSun' } as const;
const HEADING_FONT = { ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial', eastAsia: 'SimHei' } as const;
const FIXED_DATE = new Date(Date.UTC(2016, 0, 1));
const FIXED_STAMP = '2016-01-01T00:00:00Z';

function p(text: string, options: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; color?: string; pageBreakBefore?: boolean; spacingAfter?: number } = {}): Paragraph {
  return new Paragraph({
    ...(options.heading ? { heading: options.heading } : {}),
    ...(options.align ? { alignment: options.align } : {}),
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
    spacing: { after: options.spacingAfter ?? 80 },
    children: [new TextRun({ text, ...(options.bold ? { bold: true } : {}), ...(options.size ? { size: options.size } : {}), ...(options.color ? { color: options.color } : {}) })],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' } as const;

/** A cell whose text is filled in after docx has written the XML (see {@link RowTemplates}). */
interface Slot {
  readonly slot: string;
  readonly right: boolean;
}
type CellValue = string | number | Slot;

function table(head: readonly string[] | null, rows: readonly (readonly CellValue[])[], widths?: readonly number[]): Table {
  const cell = (v: CellValue, isHead: boolean, i: number) => {
    const right = typeof v === 'number' || (typeof v === 'object' && v.right);
    return new TableCell({
      ...(widths ? { width: { size: widths[i], type: WidthType.PERCENTAGE } } : {}),
      ...(isHead ? { shading: { type: ShadingType.CLEAR, fill: 'DDEBF7', color: 'auto' } } : {}),
      children: [new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text: typeof v === 'object' ? v.slot : String(v), size: 18, ...(isHead ? { bold: true } : {}) })] })],
    });
  };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    // the grid on the table, not on each cell: the same lines, a quarter of the XML per row
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [...(head ? [new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, true, i)) })] : []), ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, false, i)) }))],
  });
}

const xmlText = (v: string | number): string =>
  // characters XML 1.0 cannot hold are dropped (a name read from a damaged table must not break the report)
  String(v).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/**
 * The long tables of the report (a county has ~5,000 发包方) as ONE row each in the docx model, whose XML is then
 * repeated once per data row with the cell texts filled in: docx keeps ~40 bytes of objects per byte of XML it
 * writes, hundreds of MiB for a county's tables if every row went through it. The row XML is docx's own, so
 * the rows look exactly like the ones it writes.
 */
class RowTemplates {
  private readonly tables: (readonly (readonly (string | number)[])[])[] = [];

  /** A row of slots standing for `rows` (numbers right-aligned, as `table` aligns them). */
  row(rows: readonly (readonly (string | number)[])[], right: readonly boolean[]): Slot[] {
    const k = this.tables.length;
    this.tables.push(rows);
    return right.map((r, c) => ({ slot: `NYT2539ROW${k}C${c}END`, right: r }));
  }

  /** document.xml with each slot row replaced by its rows. */
  expand(xml: string): string {
    let out = xml;
    this.tables.forEach((rows, k) => {
      const at = out.indexOf(`NYT2539ROW${k}C0END`);
      if (at < 0) throw new Error(`docx: row template ${k} not found`);
      const start = out.lastIndexOf('<w:tr>', at);
      const end = out.indexOf('</w:tr>', at) + '</w:tr>'.length;
      const parts = out.slice(start, end).split(new RegExp(`NYT2539ROW${k}C(\\d+)END`));
      const filled = rows.map((r) => parts.map((part, i) => (i % 2 === 0 ? part : xmlText(r[Number(part)]))).join(''));
      out = `${out.slice(0, start)}${filled.join('')}${out.slice(end)}`;
    });
    return out;
  }
}

function countTable(model: ReportModel, head: string, rows: readonly CountRow[], templates: RowTemplates): Table {
  const { lang } = model;
  const e = rows.reduce((n, r) => n + r.errors, 0);
  const w = rows.reduce((n, r) => n + r.warnings, 0);
  const slots = templates.row(rows.map((r) => [r.label, r.errors, r.warnings]), [false, true, true]);
  return table([head, L.errors[lang], L.warnings[lang]], [slots, [L.total[lang], e, w]], [60, 20, 20]);
}

function buildDocument(model: ReportModel, templates: RowTemplates): Document {
  const { lang, doc } = model;
  const pkg = doc.package;
  const children: (Paragraph | Table)[] = [];
  const H1 = HeadingLevel.HEADING_1;
  const H2 = HeadingLevel.HEADING_2;

  // cover
  children.push(p('', { spacingAfter: 1600 }));
  children.push(p(`${model.countyName}`, { bold: true, size: 36, align: AlignmentType.CENTER }));
  children.push(p(model.title, { bold: true, size: 44, align: AlignmentType.CENTER, spacingAfter: 1200 }));
  const cover: [string, string][] = [[L.countyCode[lang], pkg.county], ...coverFacts(model), [L.verdict[lang], model.verdict]];
  children.push(table(null, cover, [35, 65]));
  children.push(p(doc.masked ? L.masked[lang] : L.unmasked[lang], { ...(doc.masked ? {} : { bold: true, color: 'C00000' }) }));

  // 一、检查依据
  children.push(p(L.basis[lang], { heading: H1, pageBreakBefore: true }));
  for (const line of L.basisDocs[lang]) children.push(p(`· ${line}`));
  children.push(p(`· ${label(L.ruleSet, lang, { version: model.ruleSetVersion, rules: doc.summary.rulesRun })}`));
  const profile = doc.profile;
  if (profile && profile.default === false) {
    children.push(p(label(L.profileCustom, lang, { hash: profile.hash ?? '' })));
    for (const d of profile.deviations ?? []) children.push(p(`  – ${deviationText(d, lang)}`));
  } else children.push(p(L.profileDefault[lang]));

  // 二、检查内容
  children.push(p(L.content[lang], { heading: H1 }));
  children.push(p(L.contentIntro[lang]));
  const rulesByGroup = new Map<string, string[]>();
  for (const r of doc.summary.byRule) {
    const list = rulesByGroup.get(r.group) ?? [];
    list.push(getRule(r.ruleId)?.meta.title[lang] ?? r.ruleId);
    rulesByGroup.set(r.group, list);
  }
  children.push(
    table(
      [L.category[lang], L.rules[lang], L.rule[lang]],
      doc.summary.byGroup.map((g) => [g.title[lang], g.rules, (rulesByGroup.get(g.group) ?? []).join(lang === 'zh' ? '、' : '; ')]),
      [20, 10, 70],
    ),
  );
  const records = doc.context?.records ?? [];
  if (records.length > 0) {
    children.push(p(''));
    children.push(table([L.table[lang], L.origin[lang], L.records[lang]], records.map((r) => [r.table, r.origin, r.count]), [40, 20, 40]));
  }

  // 三、检查结果
  children.push(p(L.results[lang], { heading: H1 }));
  children.push(countTable(model, L.category[lang], model.byGroup, templates));
  if (doc.summary.dropped > 0) children.push(p(label(L.dropped, lang, { n: doc.summary.dropped, listed: doc.findings.length })));
  if (model.hasStatus) {
    children.push(p(L.byStatus[lang], { heading: H2 }));
    children.push(countTable(model, L.statusCol[lang], model.byStatus, templates));
  }
  children.push(p(L.byTown[lang], { heading: H2 }));
  children.push(countTable(model, L.town[lang], model.byTown, templates));
  children.push(p(L.byVillage[lang], { heading: H2 }));
  children.push(countTable(model, L.village[lang], model.byVillage, templates));
  children.push(p(L.byFbf[lang], { heading: H2 }));
  children.push(countTable(model, L.fbf[lang], model.byFbf, templates));
  children.push(p(L.byFixedBy[lang], { heading: H2 }));
  children.push(countTable(model, L.fixedByCol[lang], model.byFixedBy, templates));

  // 四、结论
  children.push(p(L.conclusion[lang], { heading: H1 }));
  const facts = { county: model.countyName, code: pkg.county, year: pkg.year, errors: doc.summary.errors, warnings: doc.summary.warnings };
  children.push(p(label(doc.passed ? L.conclusionPassed : L.conclusionFailed, lang, facts), { bold: true }));
  children.push(p(`${L.verdict[lang]}：${model.verdict}`, { bold: true, size: 28 }));
  children.push(p('', { spacingAfter: 600 }));
  children.push(p(L.signature[lang]));

  // 附表
  const limit = Math.max(0, model.options.docxRows ?? DOCX_DEFAULT_ROWS);
  const shown = doc.findings.slice(0, limit);
  const total = doc.findings.length;
  const xlsxName = lang === 'zh' ? '问题清单.xlsx' : 'findings.xlsx';
  children.push(p(shown.length < total ? label(L.annex, lang, { shown: shown.length, total, file: xlsxName }) : label(L.annexAll, lang, { total }), { heading: H1, pageBreakBefore: true }));
  if (shown.length > 0) {
    children.push(
      table(
        [L.no[lang], L.severity[lang], L.rule[lang], L.message[lang], L.location[lang], L.fbf[lang], L.fixedByCol[lang]],
        shown.map((f, i) => {
          const pl = model.place(f);
          return [i + 1, severityText(f, lang), f.ruleId, f.message[lang], formatLocation(f as Finding, lang), pl.fbfName || pl.fbf, model.fixedBy(f)];
        }),
        [6, 7, 14, 30, 25, 10, 8],
      ),
    );
  }

  return new Document({
    creator: 'nyt2539',
    lastModifiedBy: 'nyt2539',
    title: model.title,
    styles: {
      default: {
        document: { run: { font: FONT, size: 21, language: { value: lang === 'zh' ? 'zh-CN' : 'en-US', eastAsia: 'zh-CN' } } },
        heading1: { run: { font: HEADING_FONT, size: 30, bold: true }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: HEADING_FONT, size: 24, bold: true }, paragraph: { spacing: { before: 200, after: 100 } } },
      },
    },
    sections: [{ properties: { page: { margin: { top: 1440, bottom: 1440, left: 1200, right: 1200 } } }, children }],
  });
}

/**
 * docx stamps the clock into docProps/core.xml and into every zip entry. Rewrite the zip with fixed stamps so the
 * same findings give the same bytes (entry order untouched), filling in the long tables' rows on the way.
 */
async function reproducible(bytes: Buffer, templates: RowTemplates): Promise<Buffer> {
  const cfb = XLSX.CFB.read(bytes, { type: 'buffer' }) as { FileIndex: { type: number; content: Uint8Array }[]; FullPaths: string[] };
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  archive.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', () => resolve());
    archive.on('error', reject);
  });
  const entries = cfb.FileIndex.map((entry: { type: number; content: Uint8Array }, i: number) => ({ entry, name: cfb.FullPaths[i].replace(/^Root Entry\//, '') }))
    .filter(({ entry, name }) => entry.type === 2 && !name.startsWith('\x01'))
    // [Content_Types].xml first, as Word writes it
    .sort((a, b) => Number(b.name === '[Content_Types].xml') - Number(a.name === '[Content_Types].xml'));
  entries.forEach(({ entry, name }) => {
    let content = Buffer.from(entry.content as Uint8Array);
    if (name === 'word/document.xml') content = Buffer.from(templates.expand(content.toString('utf8')), 'utf8');
    if (name === 'docProps/core.xml') {
      content = Buffer.from(content.toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${FIXED_STAMP}$2`), 'utf8');
    }
    archive.append(content, { name, date: FIXED_DATE });
  });
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

export const docxFormatter: ReportFormatter = {
  ...reportFormatMeta.docx,
  async write(model, outDir) {
    const path = join(outDir, this.files[model.lang][0]);
    const templates = new RowTemplates();
    writeFileAtomic(path, await reproducible(await Packer.toBuffer(buildDocument(model, templates)), templates));
    return [path];
  },
};
