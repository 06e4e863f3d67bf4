import { createHash } from 'node:crypto';
import { LocalizedError } from '@nyt2539/schema';
import type { FindingLocation } from './finding.js';

/** What identifies a finding across checks of successive versions of a package. */
interface FingerprintInput {
  readonly ruleId: string;
  readonly messageId: string;
  readonly location: FindingLocation;
  /** the other party of a pair finding (an overlapping plot, the contractor sharing an ID), by its key code */
  readonly other?: string;
}

/**
 * The stable identity of a finding: rule, message, table/layer (the file where there is none), the row's key
 * codes, the field and the other party of a pair (the pair sorted, so A–B and B–A are one problem). Record numbers
 * shift when rows are added or removed, so they count only for rows that carry no key code at all. BSM (标识码)
 * is left out beside a real code: tools renumber it when rows are inserted. Computed from the unmasked finding and
 * hashed, so it carries no personal data.
 */
export function fingerprintOf(f: FingerprintInput): string {
  const loc = f.location;
  const all = loc.keys ?? {};
  const keys = Object.entries(all)
    .filter(([k, v]) => v !== '' && (k !== 'BSM' || Object.keys(all).length === 1))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const other = f.other ?? '';
  let self: string;
  if (other !== '') {
    // a pair is named by one bare code on each side (the row's most specific key: keys come most specific
    // first), sorted, so either side reporting it gives the same identity
    self = keys.length > 0 ? (Object.entries(all).find(([k, v]) => v !== '' && (k !== 'BSM' || keys.length === 1))?.[1] ?? '') : '';
  } else {
    self = keys.map(([k, v]) => `${k}=${v}`).join('&');
  }
  if (keys.length === 0 && loc.record !== undefined) self = `#${loc.record}`;
  const pair = other !== '' ? [self, other].sort() : [self, ''];
  const parts = [f.ruleId, f.messageId, loc.table ?? loc.file ?? '', pair[0], loc.field ?? '', pair[1]];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/**
 * The date a check ran, YYYY-MM-DD: the given one (`--date`), else NYT2539_DATE, else today (UTC). A fixed date
 * keeps outputs reproducible and lets a county record a check on the day it was made.
 */
export function checkDate(given?: string): string {
  const raw = given ?? process.env.NYT2539_DATE;
  if (raw === undefined || raw === '') return new Date().toISOString().slice(0, 10);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  const d = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`) : undefined;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw.trim()) {
    throw new LocalizedError(
      { zh: `检查日期 ${raw} 无效，应为 YYYY-MM-DD（如 2026-12-03）`, en: `check date ${raw} is not a valid YYYY-MM-DD date (e.g. 2026-12-03)` },
      { code: 'bad-date' },
    );
  }
  return raw.trim();
}
