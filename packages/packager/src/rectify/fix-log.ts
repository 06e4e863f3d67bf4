import ExcelJS from 'exceljs';
import { writeFileAtomic } from '@nyt2539/checker';
import type { Lang } from '@nyt2539/schema';
import type { FixLog } from './fix.js';

const head = {
  changes: { zh: ['文件', '表', '记录（编码）', '字段', '修改前', '修改后', '规则'], en: ['File', 'Table', 'Record (codes)', 'Field', 'Before', 'After', 'Rule'] },
  notFixed: { zh: ['文件', '表', '记录（编码）', '字段', '实际值', '按记录应为', '规则', '未修改的原因'], en: ['File', 'Table', 'Record (codes)', 'Field', 'Actual', 'From the records', 'Rule', 'Why it was not changed'] },
  sheets: { zh: ['修改记录', '未修改（需人工核实）'], en: ['Changes', 'Not changed (to verify)'] },
} as const;

export function renderFixLogJson(log: FixLog): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The change log as a workbook: the changes, and the disagreements left to people with their likely cause. */
export async function fixLogXlsx(log: FixLog, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // fixed dates: the same log gives the same workbook properties
  wb.created = new Date(Date.UTC(2016, 0, 1));
  wb.modified = wb.created;
  wb.creator = 'nyt2539';
  const changes = wb.addWorksheet(head.sheets[lang][0]);
  changes.addRow([...head.changes[lang]]).font = { bold: true };
  for (const c of log.changes) changes.addRow([c.file, c.table, c.key, c.field, c.before, c.after, c.rule]);
  const refused = wb.addWorksheet(head.sheets[lang][1]);
  refused.addRow([...head.notFixed[lang]]).font = { bold: true };
  for (const r of log.notFixed) refused.addRow([r.file, r.table, r.key, r.field, r.actual, r.expected, r.rule, r.cause[lang]]);
  for (const ws of [changes, refused]) {
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((col, i) => (col.width = [28, 14, 40, 12, 18, 18, 26, 60][i] ?? 16));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeFixLog(log: FixLog, jsonPath: string, xlsxPath: string, lang: Lang): Promise<void> {
  writeFileAtomic(jsonPath, renderFixLogJson(log));
  writeFileAtomic(xlsxPath, await fixLogXlsx(log, lang));
}
