import type { FieldDef } from '@nyt2539/schema';
import type { RuleContext } from '../../engine/types.js';
import { refColumns, refOf, type Row, type RowLocation } from '../support/rows.js';
import { ident, live } from '../support/sql.js';
import type { CheckedTable } from '../support/tables.js';

/** One per-field test, as an SQL predicate over a row (true = the row fails it). */
export interface FieldCheck<T = unknown> {
  readonly field: FieldDef;
  readonly predicate: string;
  /** carried to `onHit` unchanged */
  readonly tag?: T;
}

/**
 * One pass over a data table for many field checks: a single scan with the checks OR-ed, instead of a scan per
 * field, because county tables have 500k rows and Annex A/B tables 10–25 fields. Rows stream (`iterate`).
 * `rowFilter`, when given, replaces the OR-ed checks in WHERE: a cheaper whole-row test (SQL over the table's
 * columns) that every failing row passes; the per-check flags still decide which checks fail.
 */
export function scanTable<T>(
  ctx: RuleContext,
  t: CheckedTable,
  checks: readonly FieldCheck<T>[],
  onHit: (ref: RowLocation, check: FieldCheck<T>, value: unknown) => void,
  rowFilter?: string,
): void {
  if (checks.length === 0) return;
  const flags = checks.map((c, i) => `(${c.predicate}) AS "_hit${i}"`);
  const values = [...new Set(checks.map((c) => c.field.code))].map((code) => `${ident(code)} AS ${ident(`_val_${code}`)}`);
  const sql = `SELECT ${refColumns(t)}, ${values.join(', ')}, ${flags.join(', ')} FROM ${ident(t.def.name)} t WHERE ${live()} AND (${rowFilter ?? checks.map((c) => `(${c.predicate})`).join(' OR ')}) ORDER BY t._rid`;
  for (const row of ctx.db.prepare(sql).iterate() as IterableIterator<Row>) {
    const ref = refOf(t, row);
    checks.forEach((c, i) => {
      if (row[`_hit${i}`] === 1) onHit(ref, c, row[`_val_${c.field.code}`]);
    });
  }
}

/** The location part of a report for a row and field. */
export function at(ref: RowLocation, field: FieldDef): RowLocation {
  return { ...ref, field: field.code };
}

/** A value as it goes into `actual`: text and numbers as they are, anything else as text. */
export function asValue(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}
