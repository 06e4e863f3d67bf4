/** Conversions from source values to the store's typed columns (see data-table.ts). */

/** Two digits of 0..99 (every field but the year). */
function p2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when the time part is not midnight. Reads UTC fields: mdb-reader
 * returns Access's zone-less DateTime as if it were UTC. */
export function formatDateTime(d: Date): string | null {
  const t = d.getTime();
  if (Number.isNaN(t)) return null;
  const y = d.getUTCFullYear();
  const year = y >= 1000 && y <= 9999 ? String(y) : `${y < 0 ? '-' : ''}${String(Math.abs(y)).padStart(4, '0')}`;
  const date = `${year}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  // whole UTC days: no time part (the common case in a county's dates)
  if (t % 86_400_000 === 0) return date;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? date : `${date} ${p2(h)}:${p2(m)}:${p2(s)}`;
}

/** A formatDateTime result in full `YYYY-MM-DD HH:MM:SS` form: the raw form of an mdb DateTime. */
export function withTime(short: string | null): string | null {
  return short === null || short.length > 10 ? short : `${short} 00:00:00`;
}

/** DBF `D` field `YYYYMMDD` → `YYYY-MM-DD`; anything else (blank, malformed) → null (the raw text keeps it). */
export function dbfDate(raw: string): string | null {
  const t = raw.trim();
  return /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : null;
}
