import type { CodeResult } from '@nyt2539/schema';
import type { RuleContext } from '../../engine/types.js';
import { eachRawRow, rowLocator, tableWith, value, type Row } from '../support/rows.js';
import { col, ident, filled, live } from '../support/sql.js';

/** A code field checked with one of the schema's NY/T 2538 validators (never re-implemented here). */
interface CodeTarget {
  readonly table: string;
  readonly field: string;
  /** other fields of the row the validator needs (e.g. CBFLX, CBFS) */
  readonly with?: readonly string[];
  validate(code: unknown, row: Row): CodeResult<{ readonly county?: string }>;
}

/** Messages every code rule shares: what the validator said, and a county prefix that is not the package's. */
export const codeMessages = {
  invalid: { zh: '{table}.{field} 的值 {actual} 不符合编码规则：{reasonZh}', en: '{table}.{field} value {actual} breaks the coding rule: {reasonEn}' },
  county: {
    zh: '{table}.{field} 的值 {actual} 的县级区划代码 {county} 与汇交包的县级代码 {expected} 不符',
    en: '{table}.{field} value {actual} starts with county code {county}, not the package county {expected}',
  },
} as const;

const NO_FIELDS: Row = Object.freeze({});

/**
 * One pass per target: stream the filled values (empty ones are values/required's) and run the validator.
 * Optional fields the validator reads are passed only when the table holds them. The pass reads only the
 * value (and those fields) as arrays, in pages; a row's location columns are read back only when it fails,
 * since a located row object per value cost as much as the validator at county scale (~1M codes).
 */

export function checkCodes(ctx: RuleContext<unknown>, targets: readonly CodeTarget[]): void {
  for (const target of targets) {
    const t = tableWith(ctx.db, target.table, target.field);
    if (!t) continue;
    const extra = (target.with ?? []).filter((f) => t.present.has(f));
    const sql = `SELECT t._rid, ${col('t', target.field)}${extra.map((f) => `, ${col('t', f)}`).join('')}
      FROM ${ident(t.name)} t WHERE ${live()} AND ${filled(col('t', target.field))}`;
    const at = rowLocator(ctx.db, t, target.field);
    eachRawRow(ctx, sql, ([rid, v, ...with_]) => {
      const row: Row = extra.length === 0 ? NO_FIELDS : Object.fromEntries(extra.map((f, i) => [f, with_[i]]));
      const code = typeof v === 'string' ? v.trim() : v;
      const result = target.validate(code, row);
      if (!result.ok) {
        ctx.report({ messageId: 'invalid', ...at(rid), actual: value(v), data: { reasonZh: result.reason.zh, reasonEn: result.reason.en } });
      } else if (ctx.info.county && result.parts.county !== undefined && result.parts.county !== ctx.info.county) {
        ctx.report({ messageId: 'county', ...at(rid), actual: value(v), expected: ctx.info.county, data: { county: result.parts.county } });
      }
    });
  }
}

/** A row field as text, or undefined when empty. */
export function textOf(row: Row, field: string): string | undefined {
  const v = row[field];
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}
