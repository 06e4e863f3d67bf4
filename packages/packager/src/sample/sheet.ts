import { xlsxBytes } from '../xlsx/fixed-date.js';
import { maskIdNumber } from '@nyt2539/checker';
import { codeName } from '@nyt2539/schema';
import { BUILTIN_GRADING, gradingLabel, gradingText } from './grading.js';
import type { Sample } from './draw.js';

/** 与户主关系 by its GB/T 4761 name (the schema's code table), the code itself when unknown. */
export function relationName(code: string): string {
  return codeName('GB/T 4761', code) ?? code;
}

export const SHEET_NAME = '抽检核查表';
export const INFO_SHEET = '抽样说明';
/** 抽样说明 row holding the grading scheme's numbers as JSON, so `--results` grades with what the sample was drawn with */
export const GRADING_INFO_KEY = '评分方案参数';
/** Columns of the spot-check sheet; the last four are filled in by the inspector. */
export const SHEET_COLUMNS = [
  '序号',
  '分层编码',
  '分层名称',
  '承包方编码',
  '承包方名称',
  '证件号码',
  '家庭成员',
  '成员数',
  '经营权证编号',
  '承包合同编码',
  '地块编码',
  '地块名称',
  '实测面积（平方米）',
  '实测面积（亩）',
  '合同面积（亩）',
  '东至',
  '南至',
  '西至',
  '北至',
  '核查结果',
  '差异说明',
  '核查人',
  '日期',
] as const;

const RESULT_HELP =
  '核查结果填写：无误；或 A类/B类/C类/D类（GB/T 24356 错漏分类：严重/重/较重/轻微）；或 有误（未分类，计为 C 类）。未填写的行不计入。';

export function schemeText(s: Sample): string {
  const scheme = s.scheme.scheme === 'gbt24356' ? `${gradingText(gradingLabel(s.scheme.grading ?? BUILTIN_GRADING), 'zh')}；每层为一批` : `按比例 ${(s.scheme.share * 100).toFixed(1)}%，全县至少 ${s.scheme.min} 户，每层至少 1 户`;
  return `抽样方案：${scheme}；分层：${s.by}；每户地块：${s.plotsPerHousehold}；随机种子：${s.seed}`;
}

/** What the inspector verifies, one row per sampled plot (a household without plots gets one row). */
export function sampleSheet(s: Sample, options: { mask: boolean }): Promise<Buffer> {
  const idText = (v: string): string => (options.mask ? maskIdNumber(v) : v);
  return xlsxBytes((wb) => {
    const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 3 }] });
    ws.columns = SHEET_COLUMNS.map((_, i) => ({ width: [6, 14, 12, 22, 10, 22, 40, 8, 22, 22, 22, 12, 12, 10, 10, 12, 12, 12, 12, 10, 24, 10, 12][i] ?? 12 }));
    const title = ws.addRow([`${s.rootName} 承包方抽检核查表（随机种子 ${s.seed}）`]);
    title.font = { bold: true, size: 14 };
    title.commit();
    ws.addRow([`${schemeText(s)}。${RESULT_HELP}${options.mask ? '' : ' 本表未脱敏（--no-mask）。'}`]).commit();
    const head = ws.addRow([...SHEET_COLUMNS]);
    head.font = { bold: true };
    head.commit();
    let n = 0;
    for (const st of s.strata) {
      for (const h of st.sampled) {
        const members = h.members.map((m) => `${m.CYXM}（${relationName(m.YHZGX)}）`).join('、');
        const plots = h.sampledPlots.length > 0 ? h.sampledPlots : [undefined];
        for (const p of plots) {
          n++;
          ws.addRow([
            n,
            st.code,
            st.name,
            h.CBFBM,
            h.CBFMC,
            idText(h.CBFZJHM),
            members,
            h.members.length,
            h.CBJYQZBM,
            h.CBHTBM,
            p?.DKBM ?? '',
            p?.DKMC ?? '',
            p?.SCMJ ?? '',
            p?.SCMJM ?? '',
            p?.HTMJM ?? '',
            p?.DKDZ ?? '',
            p?.DKNZ ?? '',
            p?.DKXZ ?? '',
            p?.DKBZ ?? '',
          ]).commit();
        }
      }
    }
    ws.commit();
    const grading = s.scheme.grading ?? BUILTIN_GRADING;
    const info = wb.addWorksheet(INFO_SHEET);
    info.columns = [{ width: 14 }, { width: 60 }, { width: 10 }, { width: 10 }];
    const rows: [string, string | number][] = [
      ['县级单位', s.rootName],
      ['县代码', s.county],
      ['随机种子', s.seed],
      ['抽样方案', s.scheme.scheme],
      ['评分方案', gradingText(gradingLabel(grading), 'zh')],
      ['评分方案已核实', grading.verified ? '是' : '否（数值未对照标准原文核实）'],
      [GRADING_INFO_KEY, JSON.stringify(grading)],
      ['比例', s.scheme.share],
      ['全县最少户数', s.scheme.min],
      ['分层', s.by],
      ['每户地块数', s.plotsPerHousehold],
      ['承包方总数', s.households],
      ['抽中户数', s.strata.reduce((a, st) => a + st.sampled.length, 0)],
      ['说明', schemeText(s)],
      ['抽取方法', '每层内按 SHA-256("<种子>:<承包方编码>") 升序取前 n 户；每户按 SHA-256("<种子>:<承包方编码>:<地块编码>") 升序取地块。与输入顺序无关，同一种子结果相同。'],
    ];
    for (const r of rows) info.addRow(r).commit();
    info.addRow([]).commit();
    const sh = info.addRow(['分层编码', '分层名称', '承包方数', '抽中户数']);
    sh.font = { bold: true };
    sh.commit();
    for (const st of s.strata) info.addRow([st.code, st.name, st.size, st.sampled.length]).commit();
    info.commit();
  });
}
