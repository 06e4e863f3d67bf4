import type { ColumnLayout } from './columns.js';
import { MdbValueError } from './errors.js';
import { ACCESS_EPOCH_DAYS, MEMO_COMPRESS_MAX_CHARS, MS_PER_DAY } from './format.js';
import { encodeText, encodeUcs2 } from './text.js';

/** What a row may carry for a column. Dates: a JS Date whose UTC fields are the Access local date/time. */
export type MdbValue = string | number | bigint | boolean | Date | null | undefined;

/** Where a value comes from, for located errors. */
interface ValueSite {
  readonly table: string;
  /** 1-based row number within the table */
  readonly row: number;
}

/**
 * A value ready for the row: bytes for a fixed or variable column, `true`/`false` for Boolean (stored in
 * the null mask), `null` for null. Memo/OLE bytes are the long value data, placed by the row writer.
 */
export type EncodedValue = Buffer | boolean | null;

const INT16 = [-32768, 32767] as const;
const INT32 = [-2147483648, 2147483647] as const;

/** Called once per value on the hot path, so no per-call closures: errors go through `failAt`. */
export function encodeValue(col: ColumnLayout, input: MdbValue | Uint8Array, site: ValueSite): EncodedValue {
  const def = col.def;
  let value = input;
  if (value === undefined && def.defaultValue !== undefined) value = def.defaultValue;
  if (value === null || value === undefined) {
    if (def.type === 'Boolean') return false;
    if (def.required) failAt('notNull', col, site);
    return null;
  }
  switch (def.type) {
    case 'Text':
    case 'Memo': {
      if (value instanceof Uint8Array || value instanceof Date) return failAt('badValue', col, site, { value, limit: 'text' });
      const s = typeof value === 'string' ? value : String(value);
      if (s.length === 0 && def.allowZeroLength === false) failAt('badValue', col, site, { value: s, limit: def.type === 'Text' ? 'non-empty text' : 'non-empty memo' });
      if (def.type === 'Text') {
        const limit = def.size ?? 255;
        if (s.length > limit) failAt('textTooLong', col, site, { actual: s.length, limit });
        return encodeText(s, col.compressible);
      }
      const data = encodeText(s, s.length <= MEMO_COMPRESS_MAX_CHARS);
      if (data.length > 0xffffff) failAt('textTooLong', col, site, { actual: s.length, limit: 0xffffff / 2 });
      return data;
    }
    case 'Binary':
    case 'OLE': {
      if (!(value instanceof Uint8Array)) return failAt('badValue', col, site, { value, limit: 'binary' });
      if (def.type === 'Binary' && value.length > (def.size ?? 255)) failAt('textTooLong', col, site, { actual: value.length, limit: def.size ?? 255 });
      return Buffer.from(value);
    }
    case 'Boolean': {
      if (typeof value === 'boolean') return value;
      if (value === 0 || value === 1) return value === 1;
      return failAt('badValue', col, site, { value, limit: 'boolean' });
    }
    case 'Byte':
    case 'Integer':
    case 'Long': {
      const n = toInteger(value) ?? failAt('badValue', col, site, { value, limit: 'integer' });
      const [lo, hi] = def.type === 'Byte' ? [0, 255] : def.type === 'Integer' ? INT16 : INT32;
      if (n < lo || n > hi) failAt('integerRange', col, site, { value, limit: `${lo}..${hi}` });
      const b = Buffer.alloc(def.type === 'Byte' ? 1 : def.type === 'Integer' ? 2 : 4);
      if (def.type === 'Byte') b.writeUInt8(n);
      else if (def.type === 'Integer') b.writeInt16LE(n);
      else b.writeInt32LE(n);
      return b;
    }
    case 'Double': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) failAt('badValue', col, site, { value, limit: 'number' });
      const b = Buffer.alloc(8);
      b.writeDoubleLE(n);
      return b;
    }
    case 'DateTime': {
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) return failAt('badValue', col, site, { value, limit: 'date' });
      const b = Buffer.alloc(8);
      b.writeDoubleLE(value.getTime() / MS_PER_DAY + ACCESS_EPOCH_DAYS);
      return b;
    }
    case 'Decimal':
      return encodeDecimal(value, def.precision ?? 18, def.scale ?? 0, col, site);
  }
}

function toInteger(value: MdbValue | Uint8Array): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'bigint') return value >= -(2n ** 53n) && value <= 2n ** 53n ? Number(value) : Number.MAX_SAFE_INTEGER;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value);
  if (typeof value === 'boolean') return value ? -1 : 0;
  return undefined;
}

function failAt(problem: MdbValueError['problem'], col: ColumnLayout, site: ValueSite, details: MdbValueError['details'] = {}): never {
  throw new MdbValueError(problem, site.table, site.row, col.def.name, details);
}

/**
 * Jet4 Decimal (type 0x10, 17 bytes): sign byte (0x80 = negative), then the unscaled integer as four
 * little-endian 32-bit words, most significant word first (mdbtools money.c, mdb-reader numeric.js).
 */
function encodeDecimal(value: MdbValue | Uint8Array, precision: number, scale: number, col: ColumnLayout, site: ValueSite): Buffer {
  const parsed = parseDecimal(value, scale) ?? failAt('badValue', col, site, { value, limit: 'decimal' });
  if (parsed === 'scale') return failAt('decimalScale', col, site, { value, limit: scale });
  const { negative, unscaled } = parsed;
  if (unscaled >= 10n ** BigInt(precision)) failAt('decimalOverflow', col, site, { value, limit: `${precision},${scale}` });
  const b = Buffer.alloc(17);
  b[0] = negative && unscaled !== 0n ? 0x80 : 0;
  for (let word = 0; word < 4; word++) {
    const w = Number((unscaled >> BigInt(32 * word)) & 0xffffffffn);
    b.writeUInt32LE(w, 1 + (3 - word) * 4);
  }
  return b;
}

function parseDecimal(value: MdbValue | Uint8Array, scale: number): { negative: boolean; unscaled: bigint } | 'scale' | undefined {
  if (typeof value === 'bigint') return { negative: value < 0n, unscaled: (value < 0n ? -value : value) * 10n ** BigInt(scale) };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const factor = 10 ** scale;
    const rounded = Math.round(Math.abs(value) * factor);
    // binary floating point: accept a number that is its decimal within a few ulps, never silently round
    if (Math.abs(rounded / factor - Math.abs(value)) > Number.EPSILON * 8 * Math.max(1, Math.abs(value))) return 'scale';
    if (!Number.isSafeInteger(rounded)) return parseDecimal(value.toFixed(scale), scale);
    return { negative: value < 0, unscaled: BigInt(rounded) };
  }
  if (typeof value !== 'string') return undefined;
  const m = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/.exec(value);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale))) return 'scale';
  const digits = (m[2] || '0') + frac.slice(0, scale).padEnd(scale, '0');
  return { negative: m[1] === '-', unscaled: BigInt(digits) };
}

/** Plain UCS-2 for names and property strings. */
export { encodeUcs2 };
