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
