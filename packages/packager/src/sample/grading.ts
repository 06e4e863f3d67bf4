import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createRequire } from 'node:module';
import { LocalizedError, type Localized } from '@nyt2539/schema';

export type ErrorClass = 'A' | 'B' | 'C' | 'D';
export type Grade = '优' | '良' | '合格' | '不合格';

/**
 * The numbers of a GB/T 24356-style acceptance: batch size → sample size, the 错漏 deductions of a 100-point unit
 * score, and the grade cut-offs. The built-in numbers are NOT verified against the standard's text (see
 * `BUILTIN_GRADING`); a province that has the standard supplies its own with `--grading <file.yaml>`.
 */
export interface GradingScheme {
  /** what the scheme follows, in the user's words (printed in every output) */
  readonly name: string;
  /** true only when the scheme's author states its numbers were checked against the standard's text */
  readonly verified: boolean;
  /** 'built-in', or the file name it was read from */
  readonly source: string;
  /** [largest batch size, sample size] rows, ascending */
  readonly sampleSizes: readonly (readonly [number, number])[];
  /** a stratum larger than this is split into ⌈N / maxBatch⌉ batches as equal as possible */
  readonly maxBatch: number;
  /** points one error of each class takes from a unit's 100 */
  readonly deductions: Readonly<Record<ErrorClass, number>>;
  /** lowest mean score of each passing grade */
  readonly grades: Readonly<Record<Exclude<Grade, '不合格'>, number>>;
}

/** The fields of a scheme that every output names it by. */
export interface GradingLabel {
  readonly name: string;
  readonly verified: boolean;
  readonly source: string;
  /** SHA-256 (first 16 hex) of the scheme's numbers: two outputs with the same hash used the same numbers */
  readonly hash: string;
}

/**
 * What third-party material consulted for this project confirms (exam keys and textbook pages quoting the
 * standard, not its text): four grades 优/良/合格/不合格 on a 100-point unit score; an A-class error makes a unit
 * 不合格; when the sample size reaches the batch size the whole batch is checked; the 2023 edition changed the
 * sampling method (its 5.1, 5.2 against 2009's 6.1). The table rows, the deductions and the cut-offs below were
 * NOT found in any source consulted and are entered from memory of the 2009 edition: every output says so.
 */
export const BUILTIN_GRADING: GradingScheme = {
  name: 'GB/T 24356-2009 表1 及错漏扣分（数值凭记忆录入，未对照标准原文核实；2023 版已更改抽样方法）',
  verified: false,
  source: 'built-in',
  sampleSizes: [
    [20, 3],
    [40, 5],
    [60, 7],
    [80, 9],
    [100, 10],
    [120, 11],
    [140, 12],
    [160, 13],
    [180, 14],
    [200, 15],
  ],
  maxBatch: 200,
  deductions: { A: 42, B: 12, C: 4, D: 1 },
  grades: { 优: 90, 良: 75, 合格: 60 },
};

export const UNVERIFIED_NOTE: Localized = {
  zh: '评分方案数值未经核实（未对照 GB/T 24356 原文），仅供参考；可用 --grading <方案.yaml> 换成本省核实过的方案',
  en: 'grading numbers unverified (not checked against the text of GB/T 24356), for reference only; --grading <scheme.yaml> replaces them with a verified scheme',
};

function numbersOf(s: GradingScheme): string {
  return JSON.stringify([s.sampleSizes, s.maxBatch, s.deductions, s.grades]);
}

export function gradingLabel(s: GradingScheme): GradingLabel {
  return { name: s.name, verified: s.verified, source: s.source, hash: createHash('sha256').update(numbersOf(s)).digest('hex').slice(0, 16) };
}

/** The scheme's name with the unverified note when it applies: the one line outputs print. */
export function gradingText(label: GradingLabel, lang: 'zh' | 'en'): string {
  return label.verified ? `${label.name}（${label.hash}）` : `${label.name}（${label.hash}）— ${UNVERIFIED_NOTE[lang]}`;
}

export function unitScore(s: GradingScheme, errors: Readonly<Record<ErrorClass, number>>): number {
  return Math.max(0, 100 - (Object.keys(s.deductions) as ErrorClass[]).reduce((sum, c) => sum + s.deductions[c] * errors[c], 0));
}

export function gradeOf(s: GradingScheme, score: number): Grade {
  return score >= s.grades.优 ? '优' : score >= s.grades.良 ? '良' : score >= s.grades.合格 ? '合格' : '不合格';
}

/** Sample size of one batch of `n` ≤ maxBatch units (never more than the batch: a whole batch is checked then). */
function tableSize(s: GradingScheme, n: number): number {
  if (n <= 0) return 0;
  const row = s.sampleSizes.find(([max]) => n <= max) ?? s.sampleSizes[s.sampleSizes.length - 1]!;
  return Math.min(n, row[1]);
}

/** The sizes of ⌈n / maxBatch⌉ batches as equal as possible (the first ones one larger). */
export function gradingBatches(s: GradingScheme, n: number): number[] {
  if (n <= 0) return [];
  const k = Math.ceil(n / s.maxBatch);
  const small = Math.floor(n / k);
  return Array.from({ length: k }, (_, i) => small + (i < n % k ? 1 : 0));
}

export function gradingSampleSize(s: GradingScheme, n: number): number {
  return gradingBatches(s, n).reduce((sum, b) => sum + tableSize(s, b), 0);
}

function bad(file: string, what: Localized): LocalizedError {
  return new LocalizedError({ zh: `${file}：评分方案无效：${what.zh}`, en: `${file}: invalid grading scheme: ${what.en}` }, { code: 'grading-scheme', file });
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isScore = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;

/** Validates a scheme read from YAML or JSON (the object form of `GradingScheme` without `source`). */
export function parseGradingScheme(raw: unknown, file: string): GradingScheme {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad(file, { zh: '应为一个对象（name、verified、sampleSizes、maxBatch、deductions、grades）', en: 'expected a mapping (name, verified, sampleSizes, maxBatch, deductions, grades)' });
  const o = raw as Record<string, unknown>;
  const known = ['name', 'verified', 'sampleSizes', 'maxBatch', 'deductions', 'grades', 'source'];
  const unknown = Object.keys(o).filter((k) => !known.includes(k));
  if (unknown.length) throw bad(file, { zh: `未知的键 ${unknown.join('、')}`, en: `unknown keys ${unknown.join(', ')}` });
  if (typeof o.name !== 'string' || o.name.trim() === '') throw bad(file, { zh: 'name 应为非空文字（所依据的标准及版本）', en: 'name must be non-empty text (the standard and edition followed)' });
  if (typeof o.verified !== 'boolean') throw bad(file, { zh: 'verified 应为 true 或 false（是否已对照标准原文核实）', en: 'verified must be true or false (checked against the standard text?)' });
  const rows = o.sampleSizes;
  if (!Array.isArray(rows) || rows.length === 0) throw bad(file, { zh: 'sampleSizes 应为 [批量上限, 样本量] 的列表', en: 'sampleSizes must be a list of [largest batch size, sample size]' });
  let prev = 0;
  rows.forEach((r, i) => {
    if (!Array.isArray(r) || r.length !== 2 || !isCount(r[0]) || !isCount(r[1]) || r[1] < 1) throw bad(file, { zh: `sampleSizes 第 ${i + 1} 行应为两个正整数 [批量上限, 样本量]`, en: `sampleSizes row ${i + 1} must be two positive whole numbers [largest batch size, sample size]` });
    if (r[0] <= prev) throw bad(file, { zh: `sampleSizes 第 ${i + 1} 行的批量上限应大于上一行`, en: `sampleSizes row ${i + 1}: the batch size must exceed the row before` });
    prev = r[0];
  });
  const last = (rows[rows.length - 1] as number[])[0]!;
  if (!isCount(o.maxBatch) || o.maxBatch < 1 || o.maxBatch > last) throw bad(file, { zh: `maxBatch 应为不超过表中最大批量（${last}）的正整数`, en: `maxBatch must be a positive whole number no larger than the table's largest batch (${last})` });
  const d = o.deductions as Record<string, unknown> | undefined;
  if (!d || typeof d !== 'object' || !(['A', 'B', 'C', 'D'] as const).every((c) => isScore(d[c])) || Object.keys(d).length !== 4) throw bad(file, { zh: 'deductions 应为 A、B、C、D 四类各自的扣分（0–100）', en: 'deductions must give the points of each of A, B, C, D (0–100)' });
  const g = o.grades as Record<string, unknown> | undefined;
  if (!g || typeof g !== 'object' || !(['优', '良', '合格'] as const).every((k) => isScore(g[k])) || Object.keys(g).length !== 3) throw bad(file, { zh: 'grades 应为 优、良、合格 各自的最低分（0–100）', en: 'grades must give the lowest score of 优, 良 and 合格 (0–100)' });
  if (!((g.优 as number) >= (g.良 as number) && (g.良 as number) >= (g.合格 as number))) throw bad(file, { zh: 'grades 应满足 优 ≥ 良 ≥ 合格', en: 'grades must satisfy 优 ≥ 良 ≥ 合格' });
  return {
    name: o.name.trim(),
    verified: o.verified,
    source: typeof o.source === 'string' ? o.source : basename(file),
    sampleSizes: (rows as [number, number][]).map(([a, b]) => [a, b] as const),
    maxBatch: o.maxBatch,
    deductions: { A: d.A as number, B: d.B as number, C: d.C as number, D: d.D as number },
    grades: { 优: g.优 as number, 良: g.良 as number, 合格: g.合格 as number },
  };
}

/** Reads `--grading <file>` (YAML or JSON). */
export function loadGradingScheme(file: string): GradingScheme {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new LocalizedError({ zh: `${file}：无法读取评分方案（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, en: `${file}: cannot read the grading scheme (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }, { code: 'grading-scheme', file });
  }
  let raw: unknown;
  try {
    // yaml is loaded only for a --grading file: the reports import this module, and start-up should not pay for yaml
    raw = (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);
  } catch (e) {
    throw bad(file, { zh: `不是有效的 YAML（${(e as Error).message.split('\n')[0]}）`, en: `not valid YAML (${(e as Error).message.split('\n')[0]})` });
  }
  return parseGradingScheme(raw, file);
}
