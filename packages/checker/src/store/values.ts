/** Conversions from source values to the store's typed columns (see data-table.ts). */

/** `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when the time part is not midnight. Reads UTC fields: mdb-reader
 * returns Access's zone-less DateTime as if it were UTC. */
export function formatDateTime(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const y = d.getUTCFullYear();
  const date = `${y < 0 ? '-' : ''}${String(Math.abs(y)).padStart(4, '0')}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? date : `${date} ${p2(h)}:${p2(m)}:${p2(s)}`;
}

/** Always the full `YYYY-MM-DD HH:MM:SS`: the raw form of an mdb DateTime. */
export function formatDateTimeFull(d: Date): string | null {
  const short = formatDateTime(d);
  return short === null || short.length > 10 ? short : `${short} 00:00:00`;
}

/** DBF `D` field `YYYYMMDD` → `YYYY-MM-DD`; anything else (blank, malformed) → null (the raw text keeps it). */
export function dbfDate(raw: string): string | null {
  const t = raw.trim();
  return /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : null;
}
