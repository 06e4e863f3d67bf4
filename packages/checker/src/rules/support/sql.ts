import type { Condition } from '@nyt2539/schema';
import { ident } from '../../store/facts.js';

/** SQL fragments every rule family composes its one set-based question from. */

export { ident };

/** `alias."FIELD"` */
export function col(alias: string, field: string): string {
  return `${alias}.${ident(field)}`;
}

/** Live rows (DBF records flagged deleted are not data) of table alias `alias`. */
export function live(alias = 't'): string {
  return `${alias}._deleted = 0`;
}

/**
 * SQL: the expression holds nothing (NULL, '', or text of nothing but half- and full-width spaces). trim() runs only
 * on text that starts with a space, since it copies the value and this predicate runs on every row of every field;
 * CASE stops at the first decisive test and unicode() reads only the first character.
 */
export function blank(expr: string): string {
  return `(CASE WHEN ${expr} IS NULL THEN 1 WHEN ${expr} = '' THEN 1 WHEN unicode(${expr}) IN (32, 12288) THEN typeof(${expr}) = 'text' AND trim(${expr}, ' 　') = '' ELSE 0 END)`;
}

/** SQL: the expression holds something other than NULL or blanks. */
export function filled(expr: string): string {
  return `NOT ${blank(expr)}`;
}

/** A text literal. */
export function sqlText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** Lists up to this long are tested value by value, in their own order (the standard's: common codes first). */
const LINEAR_CODES = 8;

/**
 * SQL: `expr` (text) equals one of `values`, as `expr IN (values)` gives it (NULL for NULL). A constant list of more
 * than two values is looked up in an ephemeral index per row; a short list costs less as a chain of equalities.
 */
export function sqlOneOf(expr: string, values: readonly string[]): string {
  if (values.length > LINEAR_CODES) return `${expr} IN (${values.map(sqlText).join(', ')})`;
  return `(${values.map((v) => `${expr} = ${sqlText(v)}`).join(' OR ') || '0'})`;
}

/**
 * SQL for a row-level condition of a C field, or undefined when it cannot be decided from the row (then the
 * field is not required by this rule; cross-table rules decide it). Fields the source lacks make it false.
 */
export function sqlCondition(c: Condition, present: ReadonlySet<string>): string | undefined {
  switch (c.kind) {
    case 'fieldEquals':
      if (!present.has(c.field)) return '0';
      return `trim(CAST(${ident(c.field)} AS TEXT)) IN (${c.values.map(sqlText).join(', ')})`;
    case 'fieldPresent':
      return present.has(c.field) ? filled(ident(c.field)) : '0';
    case 'anyOf': {
      const parts = c.conditions.map((x) => sqlCondition(x, present));
      if (parts.some((p) => p === undefined)) return undefined;
      return `(${parts.join(' OR ')})`;
    }
    default:
      return undefined;
  }
}
