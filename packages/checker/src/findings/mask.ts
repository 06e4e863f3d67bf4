import { allTables, validateIdNumber } from '@nyt2539/schema';
import type { Finding, FindingValue } from '../engine/finding.js';

/**
 * Masking for shareable reports, applied at one choke point: `findingsDocument` (json-report.ts) masks every
 * finding, and every report (text, JSON and the formats of the packager's reports registry) renders from that
 * document. Two layers:
 *
 * 1. Field-aware: a value of an ID field (every 证件号码 field of the standard: CBFZJHM, CYZJHM, FZRZJHM, …) or a
 *    phone field (LXDH) is masked wherever it appears — actual, expected, keys, and the rendered message —
 *    whether or not it is a valid number (an invalid one is still someone's number).
 * 2. Pattern-based, on every text of the finding: a valid 18-character 公民身份号码 (GB 11643 check character and
 *    a real birth date) or an 11-digit mobile number (1[3-9]…) in a message parameter that is not an ID field
 *    (`persons/sex-id` names the number while its field is CYXB). A code key of the finding (an 18-digit CBFBM
 *    that happens to pass the ID check) is left alone: it is how the user finds the row.
 *
 * ID numbers keep the first 6 (region) and last 4 characters, like bank and government notices do:
 * `110101********123X`. Phone numbers keep the first 3 and last 4: `138****5678`. Only letters and digits are
 * masked: punctuation and spaces stay, so a finding about a stray '-' or space still shows it.
 */
const idNumberFields = new Set(allTables.flatMap((t) => t.fields.filter((f) => f.name.includes('证件号码')).map((f) => f.code)));
const phoneFields = new Set(allTables.flatMap((t) => t.fields.filter((f) => f.name.includes('电话')).map((f) => f.code)));

export function isIdNumberField(field: string): boolean {
  return idNumberFields.has(field.toUpperCase());
}

export function isPhoneField(field: string): boolean {
  return phoneFields.has(field.toUpperCase());
}

/** Star the letters and digits of `chars` outside the first `head` and last `tail` characters. */
function starMiddle(value: string, head: number, tail: number): string {
  const n = [...value];
  return n.map((ch, i) => (i < head || i >= n.length - tail || !/[\p{L}\p{N}]/u.test(ch) ? ch : '*')).join('');
}

export function maskIdNumber(value: string): string {
  const n = [...value].length;
  if (n >= 11) return starMiddle(value, 6, 4);
  if (n >= 5) return starMiddle(value, 2, 2);
  return starMiddle(value, 0, 0);
}

export function maskPhone(value: string): string {
  const n = [...value].length;
  if (n >= 8) return starMiddle(value, 3, 4);
  if (n >= 3) return starMiddle(value, 0, 2);
  return starMiddle(value, 0, 0);
}

const idPattern = /(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/g;
const mobilePattern = /(?<![0-9])1[3-9]\d{9}(?![0-9])/g;

/** A valid 18-character 公民身份号码 (region, birth date, check character): what the pattern layer masks. */
function isValidIdNumber(text: string): boolean {
  const r = validateIdNumber(text);
  return r.ok && !r.parts.legacy;
}

/**
 * Mask every valid ID number and mobile number in free text. `keep` lists values the caller knows are codes
 * (a finding's non-personal keys), never masked.
 */
function maskSensitiveText(text: string, keep: ReadonlySet<string> = new Set()): string {
  return text
    .replace(idPattern, (m) => (keep.has(m) || !isValidIdNumber(m) ? m : maskIdNumber(m)))
    .replace(mobilePattern, (m) => (keep.has(m) ? m : maskPhone(m)));
}

function maskerFor(field: string | undefined): ((v: string) => string) | undefined {
  if (!field) return undefined;
  if (isIdNumberField(field)) return maskIdNumber;
  if (isPhoneField(field)) return maskPhone;
  return undefined;
}

/** Short values (a 1-digit code) would corrupt unrelated text, and are masked to all stars anyway. */
function replaceAll(text: string, replacements: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of replacements) if ([...from].length >= 5) out = out.split(from).join(to);
  return out;
}

/** A copy of the finding with ID and phone values masked in actual/expected, keys and the rendered message. */
export function maskFinding(f: Finding): Finding {
  const replacements = new Map<string, string>();
  const keep = new Set<string>();
  const fieldMasker = maskerFor(f.location.field);
  let keys = f.location.keys;
  let keysChanged = false;
  if (keys) {
    const maskedKeys: Record<string, string> = {};
    for (const [k, v] of Object.entries(keys)) {
      const masker = maskerFor(k);
      maskedKeys[k] = masker ? masker(v) : v;
      if (maskedKeys[k] !== v) keysChanged = true;
      if (masker) replacements.set(v.trim(), masker(v.trim()));
      else keep.add(v);
    }
    if (keysChanged) keys = maskedKeys;
  }
  const maskValue = (v: FindingValue | undefined): FindingValue | undefined => {
    if (v === undefined || v === null) return v;
    if (typeof v !== 'string') {
      if (typeof v !== 'number' || !fieldMasker) return v;
      // an ID or phone number read as a number (a DBF N field, an Excel cell): mask its text form
      const s = String(v);
      replacements.set(s, fieldMasker(s));
      return fieldMasker(s);
    }
    if (fieldMasker) {
      // spaces around the value are often the finding itself: keep them, mask what is between
      const core = v.trim();
      if (core === '') return v;
      replacements.set(core, fieldMasker(core));
      return v.replace(core, fieldMasker(core));
    }
    return maskSensitiveText(v, keep);
  };
  const actual = maskValue(f.actual);
  const expected = maskValue(f.expected);
  const text = (s: string) => maskSensitiveText(replaceAll(s, replacements), keep);
  const message = { zh: text(f.message.zh), en: text(f.message.en) };
  const trust = f.trust ? { zh: text(f.trust.zh), en: text(f.trust.en) } : undefined;
  const sample = f.affected ? f.affected.sample.map(text) : undefined;
  const changed =
    message.zh !== f.message.zh || message.en !== f.message.en || actual !== f.actual || expected !== f.expected || keysChanged ||
    (trust !== undefined && (trust.zh !== f.trust?.zh || trust.en !== f.trust?.en)) ||
    (sample !== undefined && sample.some((s, i) => s !== f.affected?.sample[i]));
  if (!changed) return f;
  return {
    ...f,
    message,
    ...(trust ? { trust } : {}),
    ...(f.affected && sample ? { affected: { count: f.affected.count, sample } } : {}),
    location: keys ? { ...f.location, keys } : f.location,
    ...(actual !== undefined ? { actual } : {}),
    ...(expected !== undefined ? { expected } : {}),
  };
}
