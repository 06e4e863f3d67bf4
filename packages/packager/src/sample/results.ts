import ExcelJS from 'exceljs';
import { LocalizedError } from '@nyt2539/schema';
import type { SampleOutcome } from '../batch/record.js';
import { BUILTIN_GRADING, gradeOf, gradingLabel, gradingText, parseGradingScheme, unitScore, type ErrorClass, type Grade, type GradingLabel, type GradingScheme } from './grading.js';
import { GRADING_INFO_KEY, INFO_SHEET, SHEET_NAME } from './sheet.js';

export type { ErrorClass, Grade } from './grading.js';

/** 95% Wilson score interval of `k` successes in `n` trials (z = 1.959964): stays inside [0, 1] for small n and k = 0. */
export function wilsonInterval(k: number, n: number, z = 1.959964): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

interface RateSummary {
  readonly checked: number;
  readonly erroneous: number;
  readonly rate: number;
  readonly interval: readonly [number, number];
}

interface StratumResult extends RateSummary {
  readonly code: string;
  readonly name: string;
}

export interface SampleResults {
  readonly format: 'nyt2539-sample-results';
  readonly formatVersion: 1;
  readonly rootName: string;
  readonly seed: number;
  readonly scheme: string;
  readonly acceptableRate: number;
  readonly strata: readonly StratumResult[];
  readonly overall: RateSummary;
  readonly classes: Readonly<Record<ErrorClass, number>>;
  /** mean household score (GB/T 24356 scheme) */
  readonly score?: number;
  readonly grade?: Grade;
  /** the deductions and cut-offs the score and grade come from (GB/T 24356 scheme) */
  readonly grading?: GradingLabel;
  readonly passed: boolean;
}

/** A filled 核查结果 cell: ok, an error of a class (unclassified 有误 counts as C), or not checked. */
function parseResult(value: unknown): { ok: true } | { ok: false; cls: ErrorClass } | undefined {
  const v = String(value ?? '').trim().toUpperCase();
  if (v === '') return undefined;
  if (/^(无误|一致|正确|合格|通过|OK)$/.test(v)) return { ok: true };
  const m = /^([ABCD])\s*类?/.exec(v);
  if (m) return { ok: false, cls: m[1] as ErrorClass };
  if (/^(有误|不一致|错误|不合格|ERROR)/.test(v)) return { ok: false, cls: 'C' };
  return undefined;
}

function rate(erroneous: number, checked: number): RateSummary {
  return { checked, erroneous, rate: checked ? erroneous / checked : 0, interval: wilsonInterval(erroneous, checked) };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
}

function badSheet(file: string, what: string): LocalizedError {
  return new LocalizedError({ zh: `${file}：不是 nyt2539 抽检核查表（${what}）`, en: `${file}: not an nyt2539 spot-check sheet (${what})` }, { code: 'sample-sheet', file });
}

/**
 * Reads a filled spot-check sheet (as Excel or WPS saved it) and computes, per stratum and overall, the share of
 * checked households with at least one error, its 95% Wilson interval, and — for the GB/T 24356 scheme — the mean
 * household score and the grade; `passed` = rate ≤ acceptable rate (and not 不合格). The grading scheme is
 * `options.grading`, else the one the sheet was drawn with (its 抽样说明 records it), else the built-in one.
 */
export async function importResults(file: string, options: { acceptableRate: number; grading?: GradingScheme }): Promise<SampleResults> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new LocalizedError({ zh: `${file}：无法读取 xlsx（${(e as Error).message}）`, en: `${file}: cannot read the xlsx (${(e as Error).message})` }, { code: 'sample-sheet', file });
  }
  const ws = wb.getWorksheet(SHEET_NAME);
  const info = wb.getWorksheet(INFO_SHEET);
  if (!ws || !info) throw badSheet(file, `缺少工作表 ${SHEET_NAME} 或 ${INFO_SHEET}`);
  const meta = new Map<string, string>();
  info.eachRow((row) => meta.set(cellText(row.getCell(1).value), cellText(row.getCell(2).value)));
  const seed = Number(meta.get('随机种子'));
  const scheme = meta.get('抽样方案') ?? '';
  if (!Number.isInteger(seed) || !scheme) throw badSheet(file, '抽样说明 缺少 随机种子 或 抽样方案');
  let grading = options.grading;
  const recorded = meta.get(GRADING_INFO_KEY);
  if (!grading && recorded) {
    let raw: unknown;
    try {
      raw = JSON.parse(recorded);
    } catch {
      throw badSheet(file, `抽样说明 的 ${GRADING_INFO_KEY} 不是有效的 JSON`);
    }
    grading = parseGradingScheme(raw, `${file}!${INFO_SHEET}`);
  }
  grading ??= BUILTIN_GRADING;
  const names = new Map<string, string>();
  let headerRow = 0;
  const col: Record<string, number> = {};
  ws.eachRow((row, r) => {
    if (headerRow) return;
    row.eachCell((c, i) => {
      col[cellText(c.value)] = i;
    });
    if (col['核查结果'] && col['承包方编码']) headerRow = r;
  });
  if (!headerRow) throw badSheet(file, '找不到 核查结果 列');
  // household → its errors; a household counts as checked when any of its rows has a result
  const households = new Map<string, { stratum: string; checked: boolean; errors: Record<ErrorClass, number> }>();
  const unparsed: string[] = [];
  ws.eachRow((row, r) => {
    if (r <= headerRow) return;
    const cbfbm = cellText(row.getCell(col['承包方编码']!).value).trim();
    if (!cbfbm) return;
    const stratum = cellText(row.getCell(col['分层编码']!).value).trim();
    names.set(stratum, cellText(row.getCell(col['分层名称']!).value).trim());
    let h = households.get(cbfbm);
    if (!h) households.set(cbfbm, (h = { stratum, checked: false, errors: { A: 0, B: 0, C: 0, D: 0 } }));
    const raw = row.getCell(col['核查结果']!).value;
    const res = parseResult(cellText(raw));
    if (res === undefined) {
      if (cellText(raw).trim() !== '') unparsed.push(`${SHEET_NAME}!${row.getCell(col['核查结果']!).address}`);
      return;
    }
    h.checked = true;
    if (!res.ok) h.errors[res.cls]++;
  });
  if (unparsed.length) {
    throw new LocalizedError(
      { zh: `${file}：核查结果无法识别（应为 无误、A类…D类 或 有误）：${unparsed.slice(0, 5).join('、')}`, en: `${file}: unrecognised 核查结果 (expected 无误, A类…D类 or 有误): ${unparsed.slice(0, 5).join(', ')}` },
      { code: 'sample-result', file },
    );
  }
  const checked = [...households.values()].filter((h) => h.checked);
  const isError = (h: (typeof checked)[number]): boolean => h.errors.A + h.errors.B + h.errors.C + h.errors.D > 0;
  const strata = [...new Set(checked.map((h) => h.stratum))].sort().map((code) => {
    const inS = checked.filter((h) => h.stratum === code);
    return { code, name: names.get(code) ?? code, ...rate(inS.filter(isError).length, inS.length) };
  });
  const overall = rate(checked.filter(isError).length, checked.length);
  const classes = { A: 0, B: 0, C: 0, D: 0 };
  for (const h of checked) for (const c of Object.keys(classes) as ErrorClass[]) classes[c] += h.errors[c];
  let score: number | undefined;
  let grade: Grade | undefined;
  if (scheme === 'gbt24356' && checked.length > 0) {
    const scores = checked.map((h) => unitScore(grading, h.errors));
    score = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
    const failedUnit = checked.some((h, i) => h.errors.A > 0 || scores[i]! < grading.grades.合格);
    grade = failedUnit ? '不合格' : gradeOf(grading, score);
  }
  return {
    format: 'nyt2539-sample-results',
    formatVersion: 1,
    rootName: meta.get('县级单位') ?? '',
    seed,
    scheme,
    acceptableRate: options.acceptableRate,
    strata,
    overall,
    classes,
    ...(score !== undefined ? { score } : {}),
    ...(grade !== undefined ? { grade, grading: gradingLabel(grading) } : {}),
    passed: overall.rate <= options.acceptableRate && grade !== '不合格',
  };
}

export function sampleOutcome(r: SampleResults): SampleOutcome {
  return {
    scheme: r.scheme,
    seed: r.seed,
    checked: r.overall.checked,
    erroneous: r.overall.erroneous,
    rate: r.overall.rate,
    interval: r.overall.interval,
    acceptableRate: r.acceptableRate,
    passed: r.passed,
    ...(r.grade ? { grade: r.grade } : {}),
    ...(r.score !== undefined ? { score: r.score } : {}),
    ...(r.grading ? { grading: r.grading } : {}),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

export function renderResults(r: SampleResults): string {
  const lines = [`${r.rootName} 抽检结果（随机种子 ${r.seed}，方案 ${r.scheme}，可接受错误率 ${pct(r.acceptableRate)}）`, '分层\t名称\t核查户数\t有误户数\t错误率\t95% 置信区间'];
  for (const s of r.strata) lines.push(`${s.code}\t${s.name}\t${s.checked}\t${s.erroneous}\t${pct(s.rate)}\t${pct(s.interval[0])}–${pct(s.interval[1])}`);
  const o = r.overall;
  lines.push(`合计\t\t${o.checked}\t${o.erroneous}\t${pct(o.rate)}\t${pct(o.interval[0])}–${pct(o.interval[1])}`);
  lines.push(`错漏：A类 ${r.classes.A}，B类 ${r.classes.B}，C类 ${r.classes.C}，D类 ${r.classes.D}`);
  if (r.grade) lines.push(`评分：平均 ${r.score} 分，质量等级 ${r.grade}；评分方案：${r.grading ? gradingText(r.grading, 'zh') : ''}`);
  lines.push(`结论：${r.passed ? '合格' : '不合格'}`);
  return `${lines.join('\n')}\n`;
}
