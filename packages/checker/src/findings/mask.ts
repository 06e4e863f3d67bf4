import { allTables } from '@nyt2539/schema';
import type { Finding, FindingValue } from '../engine/finding.js';

/**
 * Masking for shareable reports. Field-aware, not pattern-based: an 18-digit CBFBM looks exactly like an
 * 18-digit ID number, and JZDH (界址点号) ends like LXDH. The sensitive fields are read from the standard's own
 * field names: every 证件号码 field (CBFZJHM, CYZJHM, FZRZJHM, QZLQRZJHM, …) and every 电话 field (LXDH).
 *
 * ID numbers keep the first 6 (region) and last 4 characters, like bank and government notices do:
 * `110101********123X`. Phone numbers keep the first 3 and last 4: `138****5678`.
 */
const idNumberFields = new Set(allTables.flatMap((t) => t.fields.filter((f) => f.name.includes('证件号码')).map((f) => f.code)));
const phoneFields = new Set(allTables.flatMap((t) => t.fields.filter((f) => f.name.includes('电话')).map((f) => f.code)));

export function isIdNumberField(field: string): boolean {
  return idNumberFields.has(field.toUpperCase());
}

export function isPhoneField(field: string): boolean {
  return phoneFields.has(field.toUpperCase());
}

export function maskIdNumber(value: string): string {
  const n = [...value];
  if (n.length >= 11) return n.slice(0, 6).join('') + '*'.repeat(n.length - 10) + n.slice(-4).join('');
  if (n.length >= 5) return n.slice(0, 2).join('') + '*'.repeat(n.length - 4) + n.slice(-2).join('');
  return '*'.repeat(n.length);
}

export function maskPhone(value: string): string {
  const n = [...value];
  if (n.length >= 8) return n.slice(0, 3).join('') + '*'.repeat(n.length - 7) + n.slice(-4).join('');
  if (n.length >= 3) return '*'.repeat(n.length - 2) + n.slice(-2).join('');
  return '*'.repeat(n.length);
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
  for (const [from, to] of replacements) if (from.length >= 5) out = out.split(from).join(to);
  return out;
}

/** A copy of the finding with ID and phone values masked in actual/expected, keys and the rendered message. */
export function maskFinding(f: Finding): Finding {
  const replacements = new Map<string, string>();
  const maskValue = (v: FindingValue | undefined): FindingValue | undefined => {
    const masker = maskerFor(f.location.field);
    if (masker === undefined || v === undefined || v === null) return v;
    // spaces around the value are often the finding itself: keep them, mask what is between
    const s = String(v);
    const core = s.trim();
    const masked = masker(core);
    replacements.set(core, masked);
    return s.replace(core, masked);
  };
  const actual = maskValue(f.actual);
  const expected = maskValue(f.expected);
  let keys = f.location.keys;
  if (keys) {
    const maskedKeys: Record<string, string> = {};
    for (const [k, v] of Object.entries(keys)) {
      const masker = maskerFor(k);
      maskedKeys[k] = masker ? masker(v) : v;
      if (masker) replacements.set(v, maskedKeys[k]);
    }
    keys = maskedKeys;
  }
  if (replacements.size === 0) return f;
  return {
    ...f,
    message: { zh: replaceAll(f.message.zh, replacements), en: replaceAll(f.message.en, replacements) },
    location: keys ? { ...f.location, keys } : f.location,
    ...(actual !== undefined ? { actual } : {}),
    ...(expected !== undefined ? { expected } : {}),
  };
}
