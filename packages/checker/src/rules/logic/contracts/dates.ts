/**
 * SQL that reads a date column as YYYY-MM-DD: typed dates arrive so (store contract), text dates may be
 * YYYYMMDD. Anything else, and Access's empty date (before 1900), gives NULL so comparisons skip it; malformed
 * dates are values/format's.
 */
export function sqlDate(column: string): string {
  const c = `trim(CAST(${column} AS TEXT))`;
  return `(CASE WHEN ${c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND substr(${c}, 1, 10) >= '1900-01-01' THEN substr(${c}, 1, 10)
    WHEN ${c} GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' AND ${c} >= '19000101' THEN substr(${c}, 1, 4) || '-' || substr(${c}, 5, 2) || '-' || substr(${c}, 7, 2)
    ELSE NULL END)`;
}

/** SQL: `column` is text starting YYYY-MM-DD, as typed dates arrive, so sqlDate(column) is its first ten characters. */
function plainDate(column: string): string {
  return `(typeof(${column}) = 'text' AND ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*')`;
}

/**
 * SQL: true only when sqlDate(later) and sqlDate(earlier) are both dates and `later` comes after `earlier` (or on
 * the same day, unless `strict`), read off the stored text of two plain dates without sqlDate's CASE; false when
 * it cannot tell so (then ask sqlDate). A cheap first test: a county's rows are nearly all plain and in order.
 */
export function sqlInOrder(later: string, earlier: string, strict: boolean): string {
  return `(${plainDate(later)} AND ${plainDate(earlier)} AND substr(${earlier}, 1, 10) >= '1900-01-01'
    AND substr(${later}, 1, 10) ${strict ? '>' : '>='} substr(${earlier}, 1, 10))`;
}
