import { LONG_TERM_END_PUBLISHED, validatePostcode, type FieldDef } from '@nyt2539/schema';
import { ident } from '../../store/facts.js';
import type { Rule } from '../../engine/types.js';
import { filled } from '../support/sql.js';
import { checkedTables, isTextSource, presentFields, sourceColumn, type CheckedTable } from '../support/tables.js';
import { asValue, at, scanTable, type FieldCheck } from './scan.js';

type FormatKind = 'dateText' | 'dateTyped' | 'pattern' | 'postcode';

/** 长久不变 contract terms: the draft writes 9999-01-01 (a real date); the published text 9999-99-99 (not a date). */
const PERPETUAL_PUBLISHED = new Set([LONG_TERM_END_PUBLISHED, LONG_TERM_END_PUBLISHED.replaceAll('-', '')]);

function isCalendarDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** A date written as text: YYYYMMDD (the standard) or YYYY-MM-DD; returns what is wrong, or undefined. */
export function textDateProblem(v: string): 'format' | 'calendar' | 'perpetualVariant' | undefined {
  if (PERPETUAL_PUBLISHED.has(v)) return 'perpetualVariant';
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(v);
  if (!m || (v.includes('-') && v.length !== 10)) return 'format';
  return isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? undefined : 'calendar';
}

/** SQL: the value is certainly a good postcode — six digits as stored (validatePostcode accepts them). */
export function certainPostcode(c: string): string {
  return `coalesce(${c} GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]', 0)`;
}

/**
 * SQL: the value is certainly a good text date — YYYYMMDD or YYYY-MM-DD, years 1000–9999, that SQLite's date()
 * returns unchanged (it rolls 02-30 over to March). Such values leave the scan in SQL; the rest (spaces, other
 * years, the perpetual variants, anything odd) go to textDateProblem, so only offenders and oddities are
 * read into JS instead of every date of a 150k-row table.
 */
export function certainDate(c: string): string {
  const iso = `(CASE WHEN ${c} GLOB '[1-9][0-9][0-9][0-9][01][0-9][0-3][0-9]' THEN substr(${c}, 1, 4) || '-' || substr(${c}, 5, 2) || '-' || substr(${c}, 7, 2) WHEN ${c} GLOB '[1-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' THEN ${c} END)`;
  return `coalesce(date(${iso}) = ${iso}, 0)`;
}

function formatChecks(t: CheckedTable, f: FieldDef): FieldCheck<FormatKind> | undefined {
  const c = ident(f.code);
  const hasValue = filled(c);
  const text = isTextSource(sourceColumn(t, f.code));
  if (f.type === 'Date') {
    // typed dates (mdb DateTime, DBF D) arrive as YYYY-MM-DD; before 1900 is Access's empty date 1899-12-30
    return text ? { field: f, predicate: `NOT ${certainDate(c)} AND ${hasValue}`, tag: 'dateText' } : { field: f, predicate: `typeof(${c}) = 'text' AND ${c} < '1900-01-01'`, tag: 'dateTyped' };
  }
  if (f.type !== 'Char' || !text) return undefined;
  // six digits as stored are a good postcode (validatePostcode); only the rest are read into JS
  if (f.name.includes('邮政编码')) return { field: f, predicate: `NOT ${certainPostcode(c)} AND ${hasValue}`, tag: 'postcode' };
  if (f.domain?.kind === 'pattern') return { field: f, predicate: hasValue, tag: 'pattern' };
  return undefined;
}

/** Dates are real YYYYMMDD dates, 邮政编码 six digits, and pattern 值域 hold. */
export const rule: Rule = {
  meta: {
    id: 'values/format',
    group: 'values',
    severity: 'error',
    title: { zh: '字段值格式错误', en: 'Value in the wrong format' },
    messages: {
      format: { zh: '{table}.{field} 的值 {actual} 不是 YYYYMMDD 格式的日期', en: '{table}.{field} value {actual} is not a YYYYMMDD date' },
      calendar: { zh: '{table}.{field} 的值 {actual} 不是有效日期', en: '{table}.{field} value {actual} is not a valid date' },
      perpetualVariant: {
        zh: '{table}.{field} 的值 {actual} 是正式版标准的“长久”写法，不是有效日期（征求意见稿为 9999-01-01）',
        en: '{table}.{field} value {actual} is the published "perpetual" notation, not a valid date (the draft uses 9999-01-01)',
      },
      implausible: { zh: '{table}.{field} 的日期 {actual} 早于 1900 年（Access 空日期）', en: '{table}.{field} date {actual} is before 1900 (Access empty date)' },
      postcode: { zh: '{table}.{field} 的值 {actual} 不是 6 位数字邮政编码', en: '{table}.{field} value {actual} is not a 6-digit postcode' },
      pattern: { zh: '{table}.{field} 的值 {actual} 不符合格式 {text}', en: '{table}.{field} value {actual} does not match {text}' },
    },
    spec: 'NY/T 2539-2016 §5.3, 附录B (日期 YYYYMMDD, 邮政编码)',
    basis: 'qc-rules.md INF-C2 (valid YYYYMMDD, perpetual sentinel); official-rules.md §3 (YLT: 邮政编码不符合数字要求 = 错误); published-vs-draft.md (9999-99-99 tolerated as a warning)',
    basisKind: 'official-qc',
    fixedBy: '村组',
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      const checks = presentFields(t)
        .map((f) => formatChecks(t, f))
        .filter((c): c is FieldCheck<FormatKind> => c !== undefined);
      scanTable(ctx, t, checks, (ref, check, value) => {
        const v = typeof value === 'string' ? value.trim() : String(value);
        const f = check.field;
        const where = { ...at(ref, f), actual: asValue(value) };
        switch (check.tag) {
          case 'dateText': {
            const problem = textDateProblem(v);
            if (problem === 'perpetualVariant') ctx.report({ messageId: problem, ...where, severity: 'warning' });
            else if (problem) ctx.report({ messageId: problem, ...where });
            return;
          }
          case 'dateTyped':
            ctx.report({ messageId: 'implausible', ...where, severity: 'warning' });
            return;
          case 'postcode':
            if (!validatePostcode(v).ok) ctx.report({ messageId: 'postcode', ...where });
            return;
          case 'pattern': {
            const d = f.domain;
            if (d?.kind === 'pattern' && !new RegExp(d.pattern).test(v)) ctx.report({ messageId: 'pattern', ...where, data: { text: d.text } });
            return;
          }
        }
      });
    }
  },
};
