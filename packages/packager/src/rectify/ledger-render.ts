import ExcelJS from 'exceljs';
import { LocalizedError } from '@nyt2539/schema';
import { xlsxBytes } from '../xlsx/fixed-date.js';
import { isOverdue, progressByUnit, type Ledger, type LedgerItem, type ManualItemInput, type ManualKind } from './ledger.js';

export const ledgerColumns = ['编号', '问题', '位置', '责任单位', '期限', '状态', '首次发现', '销号日期', '来源', '经办人', '整改说明', '佐证材料'] as const;

const statusText = (i: LedgerItem): string => (i.status === 'closed' ? '已整改' : '遗留');
const sourceText = (i: LedgerItem): string =>
  i.source === 'check' ? `质检 ${i.ruleId}` : i.ruleId === 'manual/provincial-feedback' ? '省级检查反馈' : i.ruleId === 'manual/area-correction' ? '农户面积更正申请' : '手工登记';

function rowOf(i: LedgerItem): (string | number)[] {
  return [i.id, i.problem, i.location, i.unit, i.deadline, statusText(i), i.firstSeen, i.closedOn ?? '', sourceText(i), i.closedBy ?? '', i.note ?? '', i.evidence ?? ''];
}

/** 整改台账 workbook: one row per problem (overdue rows filled red), then the progress per unit. */
export async function ledgerXlsx(ledger: Ledger, asOf: string): Promise<Buffer> {
  return xlsxBytes((wb) => {
    const ws = wb.addWorksheet('整改台账', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = ledgerColumns.map((h, i) => ({ header: h, width: [20, 50, 50, 10, 12, 12, 12, 12, 28, 10, 30, 30][i] ?? 12 }));
    ws.getRow(1).font = { bold: true };
    for (const i of ledger.items) {
      const row = ws.addRow(rowOf(i));
      if (isOverdue(i, asOf)) {
        row.getCell(6).value = '遗留（逾期）';
        for (let c = 1; c <= ledgerColumns.length; c++) row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
      }
      row.commit();
    }
    ws.commit();
    const ps = wb.addWorksheet('整改进度');
    ps.columns = ['责任单位', '问题数', '已整改', '遗留', '逾期', `截至 ${asOf}`].map((h) => ({ header: h, width: 12 }));
    ps.getRow(1).font = { bold: true };
    for (const p of progressByUnit(ledger, asOf)) ps.addRow([p.unit, p.total, p.closed, p.open, p.overdue]).commit();
    ps.commit();
    const cs = wb.addWorksheet('检查记录');
    cs.columns = ['检查日期', '问题数', '来源'].map((h) => ({ header: h, width: 16 }));
    cs.getRow(1).font = { bold: true };
    for (const c of ledger.checks) cs.addRow([c.checkedAt, c.findings, c.source]).commit();
    cs.commit();
  });
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The same ledger as one self-contained HTML page. */
export function ledgerHtml(ledger: Ledger, asOf: string): string {
  const progress = progressByUnit(ledger, asOf)
    .map((p) => `<tr><td>${esc(p.unit)}</td><td>${p.total}</td><td>${p.closed}</td><td>${p.open}</td><td>${p.overdue}</td></tr>`)
    .join('\n');
  const rows = ledger.items
    .map((i) => {
      const overdue = isOverdue(i, asOf);
      const cells = rowOf(i).map((v, k) => `<td>${esc(k === 5 && overdue ? '遗留（逾期）' : String(v))}</td>`).join('');
      return `<tr class="${i.status}${overdue ? ' overdue' : ''}" data-id="${esc(i.id)}">${cells}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>整改台账 ${esc(ledger.package)}</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:1em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #999;padding:2px 6px;font-size:13px;vertical-align:top}tr.overdue td{background:#ffc7ce}tr.closed td{color:#555}</style>
</head><body>
<h1>整改台账：${esc(ledger.package)}</h1>
<p>截至 ${esc(asOf)}；已登记 ${ledger.checks.length} 次检查（${ledger.checks.map((c) => esc(c.checkedAt)).join('、')}）</p>
<h2>整改进度</h2>
<table id="progress"><thead><tr><th>责任单位</th><th>问题数</th><th>已整改</th><th>遗留</th><th>逾期</th></tr></thead><tbody>
${progress}
</tbody></table>
<h2>问题清单</h2>
<table id="items"><thead><tr>${ledgerColumns.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}

const kindOf: Record<string, ManualKind> = { 省级检查反馈: 'provincial-feedback', 省级反馈: 'provincial-feedback', 农户面积更正申请: 'area-correction', 面积更正: 'area-correction' };

/**
 * Items from a workbook the county keeps by hand (first sheet, header row 问题, 位置, 责任单位, 期限, 来源 and
 * optionally 表, 编码, 字段, 更正值 for a data correction). Every unusable row is named by its cell.
 */
export async function importManualItems(bytes: Buffer, file: string, date: string): Promise<ManualItemInput[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new LocalizedError({ zh: `无法读取 ${file}：${(err as Error).message}`, en: `cannot read ${file}: ${(err as Error).message}` }, { code: 'import-unreadable', file });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new LocalizedError({ zh: `${file} 没有工作表`, en: `${file} has no sheet` }, { code: 'import-unreadable', file });
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim());
  const col = (name: string) => header.indexOf(name);
  if (col('问题') < 0 || col('位置') < 0) throw new LocalizedError({ zh: `${file} 第 1 行应有“问题”“位置”两列`, en: `${file} row 1 must have the columns 问题 and 位置` }, { code: 'import-header', file });
  const out: ManualItemInput[] = [];
  const text = (r: ExcelJS.Row, name: string): string => {
    const i = col(name);
    if (i < 0) return '';
    const v = r.getCell(i).value;
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return v === null || v === undefined ? '' : String(typeof v === 'object' && 'text' in v ? (v as { text: string }).text : v).trim();
  };
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const problem = text(r, '问题');
    if (problem === '') return;
    const deadline = text(r, '期限');
    if (deadline !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(deadline)) {
      throw new LocalizedError({ zh: `${file} 第 ${n} 行：期限 ${deadline} 应为 YYYY-MM-DD`, en: `${file} row ${n}: deadline ${deadline} must be YYYY-MM-DD` }, { code: 'import-value', file });
    }
    const kind = kindOf[text(r, '来源')] ?? 'other';
    const field = text(r, '字段');
    out.push({
      kind,
      problem,
      location: text(r, '位置'),
      ...(text(r, '责任单位') ? { unit: text(r, '责任单位') } : {}),
      ...(deadline ? { deadline } : {}),
      date,
      ...(field ? { requested: { table: text(r, '表'), key: text(r, '编码'), field, value: text(r, '更正值') } } : {}),
    });
  });
  return out;
}
