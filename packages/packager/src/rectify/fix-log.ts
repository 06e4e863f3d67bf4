import type { Lang } from '@nyt2539/schema';
import { writeFileAtomic } from '@nyt2539/schema';
import type { FixLog } from './fix.js';
import { xlsxBytes } from '../xlsx/fixed-date.js';

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
  return xlsxBytes((wb) => {
    const sheet = (name: string, header: readonly string[], rows: readonly (readonly unknown[])[], widths: readonly number[]) => {
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 16 }));
      ws.getRow(1).font = { bold: true };
      for (const r of rows) ws.addRow([...r]).commit();
      ws.commit();
    };
    sheet(head.sheets[lang][0], head.changes[lang], log.changes.map((c) => [c.file, c.table, c.key, c.field, c.before, c.after, c.rule]), [28, 14, 40, 12, 18, 18, 26]);
    sheet(head.sheets[lang][1], head.notFixed[lang], log.notFixed.map((r) => [r.file, r.table, r.key, r.field, r.actual, r.expected, r.rule, r.cause[lang]]), [28, 14, 40, 12, 18, 18, 26, 60]);
  });
}

export async function writeFixLog(log: FixLog, jsonPath: string, xlsxPath: string, lang: Lang): Promise<void> {
  writeFileAtomic(jsonPath, renderFixLogJson(log));
  writeFileAtomic(xlsxPath, await fixLogXlsx(log, lang));
}
