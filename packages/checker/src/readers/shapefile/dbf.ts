/** dBase III table (.dbf) of a shapefile: header parsing and record decoding. Knows bytes, not the standard. */
import { TextFieldDecoder } from '../encoding.js';
import {
  DBF_EOF,
  DBF_FIELD_DESCRIPTOR_BYTES,
  DBF_FIELD_NAME_BYTES,
  DBF_FIELD_OFFSET,
  DBF_HEADER_BYTES,
  DBF_HEADER_TERMINATOR,
  DBF_OFFSET,
  DBF_RECORD_ACTIVE,
  DBF_RECORD_DELETED,
  dbfHeaderLength,
} from './format.js';
import { issue, readerError, type ReaderIssue } from './issues.js';

/** A field as the .dbf declares it. `type` is the raw type letter: C, N, F, D, L, I, M, B, O, @, +, … */
export interface DbfField {
  readonly name: string;
  readonly type: string;
  /** width in bytes */
  readonly length: number;
  readonly decimals: number;
  /** byte offset of the field inside a record (after the deletion flag) */
  readonly offset: number;
}

export interface DbfHeader {
  readonly version: number;
  /** header date as YYYYMMDD (years since 1900 in the file) */
  readonly date: string;
  /** record count the header declares */
  readonly declaredRecordCount: number;
  /** complete records the file actually holds, capped at the declared count */
  readonly recordCount: number;
  readonly headerLength: number;
  readonly recordLength: number;
  readonly ldid: number;
  readonly fields: readonly DbfField[];
  readonly hasEofMarker: boolean;
  /** the file's last byte is the 0x1A end marker (wherever the records end) */
  readonly endsWithEof: boolean;
}

export type AttributeValue = string | number | null;

const SUPPORTED_TYPES = new Set(['C', 'N', 'F', 'D', 'L', 'I', 'M', 'B', 'O', '+']);

/**
 * Parses the header of a .dbf. `head` holds at least the first min(size, headerLength) bytes;
 * `lastByte` is the file's final byte (for the 0x1A check) or undefined for an empty file.
 */
export function parseDbfHeader(file: string, head: Buffer, size: number, lastByte: number | undefined, issues: ReaderIssue[]): DbfHeader {
  if (head.length < DBF_HEADER_BYTES) throw readerError('dbf-bad-header', file, { reason: `文件只有 ${size} 字节 / only ${size} bytes` });
  const version = head[DBF_OFFSET.version]!;
  const declaredRecordCount = head.readUInt32LE(DBF_OFFSET.recordCount);
  const headerLength = head.readUInt16LE(DBF_OFFSET.headerLength);
  const recordLength = head.readUInt16LE(DBF_OFFSET.recordLength);
  const ldid = head[DBF_OFFSET.ldid]!;
  const yy = 1900 + head[DBF_OFFSET.year]!;
  const date = `${yy}${pad2(head[DBF_OFFSET.month]!)}${pad2(head[DBF_OFFSET.day]!)}`;
  if (headerLength < DBF_HEADER_BYTES + 1 || headerLength > size) {
    throw readerError('dbf-bad-header', file, { reason: `文件头长度 ${headerLength} 无效 / header length ${headerLength} is invalid` });
  }
  if (recordLength < 1) throw readerError('dbf-bad-header', file, { reason: `记录长度 ${recordLength} 无效 / record length ${recordLength} is invalid` });

  const fields: DbfField[] = [];
  const seen = new Set<string>();
  let offset = 1; // after the deletion flag
  for (let p = DBF_HEADER_BYTES; p + DBF_FIELD_DESCRIPTOR_BYTES <= headerLength && head[p] !== DBF_HEADER_TERMINATOR; p += DBF_FIELD_DESCRIPTOR_BYTES) {
    const rawName = head.subarray(p + DBF_FIELD_OFFSET.name, p + DBF_FIELD_OFFSET.name + DBF_FIELD_NAME_BYTES);
    const nul = rawName.indexOf(0);
    const name = rawName.subarray(0, nul === -1 ? rawName.length : nul).toString('latin1').trim();
    const type = String.fromCharCode(head[p + DBF_FIELD_OFFSET.type]!).toUpperCase();
    const length = head[p + DBF_FIELD_OFFSET.length]!;
    const decimals = head[p + DBF_FIELD_OFFSET.decimals]!;
    if (seen.has(name.toUpperCase())) issues.push(issue('dbf-duplicate-field', file, {}, { field: name }));
    seen.add(name.toUpperCase());
    if (!SUPPORTED_TYPES.has(type)) issues.push(issue('dbf-unsupported-type', file, { actual: type }, { field: name }));
    fields.push({ name, type, length, decimals, offset });
    offset += length;
  }
  if (fields.length === 0) throw readerError('dbf-bad-header', file, { reason: '没有字段 / no fields' });
  if (offset > recordLength) {
    throw readerError('dbf-bad-header', file, {
      reason: `字段宽度之和 ${offset} 超过记录长度 ${recordLength} / field widths ${offset} exceed record length ${recordLength}`,
    });
  }
  if (offset !== recordLength) issues.push(issue('dbf-record-length', file, { actual: recordLength, expected: offset }));
  const expectedHeader = dbfHeaderLength(fields.length);
  if (headerLength !== expectedHeader) {
    issues.push(issue('dbf-header-length', file, { actual: headerLength, expected: expectedHeader, fields: fields.length }));
  }

  const dataBytes = size - headerLength;
  const fitting = Math.floor(dataBytes / recordLength);
  let recordCount = declaredRecordCount;
  if (fitting < declaredRecordCount) {
    recordCount = fitting;
    issues.push(issue('dbf-truncated', file, { declared: declaredRecordCount, actual: fitting }));
  } else {
    const trailing = dataBytes - declaredRecordCount * recordLength;
    if (trailing > 1 || (trailing === 1 && lastByte !== DBF_EOF)) {
      issues.push(issue('dbf-count-mismatch', file, { declared: declaredRecordCount, actual: fitting }));
    } else if (trailing === 0) {
      issues.push(issue('dbf-no-eof', file));
    }
  }
  const hasEofMarker = lastByte === DBF_EOF && dataBytes - recordCount * recordLength === 1;
  return { version, date, declaredRecordCount, recordCount, headerLength, recordLength, ldid, fields, hasEofMarker, endsWithEof: lastByte === DBF_EOF };
}

/**
 * How much raw text a decoded row carries: none; each field's text exactly as stored ('exact'); or that text only
 * where the typed value does not already say it ('differs'): a null raw then means the stored text is the value's
 * own text (`String(value)`, or nothing for null) padded with spaces — numbers on either side, text on the right.
 */
export type RawMode = 'none' | 'exact' | 'differs';

/** One record's values in field order (index i = fields[i]), without per-name objects. */
export interface DecodedRow {
  readonly deleted: boolean;
  readonly values: AttributeValue[];
  /** by field index; undefined in 'none' mode */
  readonly raws: (string | null)[] | undefined;
  readonly issues: ReaderIssue[];
}

const SPACE = 0x20;
const NUL = 0x00;
const MINUS = 0x2d;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
/** 10^k, exact as a double for k ≤ 22 */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** decimal digits that always make an exact integer double (< 2^53) */
const EXACT_DIGITS = 15;

/** How a field is decoded: text, decimal number, binary int32 or double, or only by the general path (D, L, …). */
const Kind = { Text: 0, Number: 1, Int32: 2, Double: 3, Other: 4 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

/** Turns record bytes into typed values. Text fields go through one decoder chosen for the whole file. */
export class DbfRecordDecoder {
  private readonly kinds: Kind[];

  constructor(
    private readonly file: string,
    private readonly fields: readonly DbfField[],
    private readonly text: TextFieldDecoder,
    /** false: every field through the general path (the reference the fast paths are tested against) */
    private readonly fastPaths = true,
  ) {
    this.kinds = fields.map((f) => {
      switch (f.type) {
        case 'N':
        case 'F':
          return Kind.Number;
        case 'I':
        case '+':
          return Kind.Int32;
        case 'B':
        case 'O':
          return f.length === 8 ? Kind.Double : Kind.Other;
        case 'D':
        case 'L':
          return Kind.Other;
        default:
          return Kind.Text;
      }
    });
  }

  /**
   * The record's values by field index. Plain ASCII text and plain decimal numbers (the bulk of a county's cells)
   * are read straight from the bytes; anything else takes the general path, which alone reports problems, so both
   * give the same values and issues.
   */
  decodeRow(bytes: Buffer, recordNumber: number, rawMode: RawMode, at = 0, size = bytes.length - at): DecodedRow {
    const issues: ReaderIssue[] = [];
    const flag = bytes[at];
    if (flag !== DBF_RECORD_ACTIVE && flag !== DBF_RECORD_DELETED) {
      issues.push(issue('dbf-deleted-flag', this.file, { actual: `0x${hex2(flag ?? 0)}` }, { record: recordNumber }));
    }
    const fields = this.fields;
    const count = fields.length;
    const values: AttributeValue[] = new Array(count);
    const raws: (string | null)[] | undefined = rawMode === 'none' ? undefined : new Array(count);
    const exact = rawMode === 'exact';
    for (let i = 0; i < count; i++) {
      const field = fields[i]!;
      const start = at + field.offset;
      const end = at + Math.min(field.offset + field.length, size);
      const kind = this.fastPaths ? this.kinds[i]! : Kind.Other;
      if (kind === Kind.Int32) {
        const value = end - start === 4 ? bytes.readInt32LE(start) : null;
        values[i] = value;
        if (raws) raws[i] = exact ? (value === null ? '' : String(value)) : null;
        continue;
      }
      if (kind === Kind.Double && end - start === 8) {
        const value = bytes.readDoubleLE(start);
        values[i] = value;
        if (raws) raws[i] = exact ? String(value) : null;
        continue;
      }
      // trailing blanks (space, or NUL from some writers) are padding: decode only the content before them
      const last = contentEnd(bytes, start, end);
      const nulPadded = sawNul;
      if (kind === Kind.Text && isAsciiRange(bytes, start, last)) {
        const text = last <= start ? '' : latin1(bytes, start, last);
        values[i] = text === '' ? null : text;
        if (raws) raws[i] = !exact && !nulPadded ? null : last === end ? text : text + padding(bytes, last, end);
        continue;
      }
      if (kind === Kind.Number && !nulPadded && plainNumber(bytes, start, last, end, i, values, raws, exact)) continue;
      this.general(bytes, i, start, last, end, recordNumber, issues, values, raws, exact);
    }
    return { deleted: flag === DBF_RECORD_DELETED, values, raws, issues };
  }

  /** Any field, any form: the decoder's text, then the typed value and its problems. */
  private general(
    bytes: Buffer,
    i: number,
    start: number,
    last: number,
    end: number,
    recordNumber: number,
    issues: ReaderIssue[],
    values: AttributeValue[],
    raws: (string | null)[] | undefined,
    exact: boolean,
  ): void {
    const field = this.fields[i]!;
    if (field.type === 'I' || field.type === '+') {
      const value = end - start === 4 ? bytes.readInt32LE(start) : null;
      values[i] = value;
      if (raws) raws[i] = value === null ? '' : String(value);
      return;
    }
    if ((field.type === 'B' || field.type === 'O') && end - start === 8) {
      const value = bytes.readDoubleLE(start);
      values[i] = value;
      if (raws) raws[i] = String(value);
      return;
    }
    const decoded = this.text.decodeRange(bytes, start, last);
    if (!decoded.valid) issues.push(issue('dbf-bad-text', this.file, { encoding: this.text.encoding }, { record: recordNumber, field: field.name }));
    const value = this.typed(field, decoded.text, recordNumber, issues);
    values[i] = value;
    if (!raws) return;
    // text kept as decoded: with plain space padding and no trailing space of its own the value says it all
    const implied = !exact && this.kinds[i] === Kind.Text && (last === end || isSpaces(bytes, last, end)) && !endsWithSpace(decoded.text);
    raws[i] = implied ? null : last === end ? decoded.text : decoded.text + padding(bytes, last, end);
  }

  /** `value` has no trailing blanks. */
  private typed(field: DbfField, value: string, record: number, issues: ReaderIssue[]): AttributeValue {
    switch (field.type) {
      case 'N':
      case 'F': {
        const t = value.trim();
        if (t === '') return null;
        const n = Number(t);
        if (Number.isFinite(n) && NUMBER.test(t)) {
          // "-0.00": a value computed negative and rounded (a sign error), not the 0 an unfilled field holds; the
          // store cannot keep the sign (SQLite reads -0.0 back as 0), so the reader says it here
          if (n === 0 && t.startsWith('-')) issues.push(issue('dbf-negative-zero', this.file, { actual: t }, { record, field: field.name }));
          return n;
        }
        if (/^\*+$/.test(t)) issues.push(issue('dbf-numeric-overflow', this.file, {}, { record, field: field.name }));
        else issues.push(issue('dbf-bad-number', this.file, { actual: t }, { record, field: field.name }));
        return null;
      }
      case 'D': {
        const t = value.trim();
        if (t === '' || /^0+$/.test(t)) return null;
        if (!/^\d{8}$/.test(t)) issues.push(issue('dbf-bad-date', this.file, { actual: t }, { record, field: field.name }));
        return t;
      }
      case 'L': {
        const t = value.trim().toUpperCase();
        if (t === '' || t === '?') return null;
        return t === 'T' || t === 'Y' ? 'T' : t === 'F' || t === 'N' ? 'F' : t;
      }
      default:
        // C and anything unknown: text without trailing blanks; all-blank = null (a DBF cannot tell '' from null)
        return value === '' ? null : value;
    }
  }
}

/**
 * A number written as spaces, an optional '-', at most 15 digits with an optional '.', then spaces: m / 10^k of two
 * exact doubles is the correctly rounded value, as Number() gives. False (nothing set) for any other form.
 */
function plainNumber(
  bytes: Buffer,
  start: number,
  last: number,
  end: number,
  i: number,
  values: AttributeValue[],
  raws: (string | null)[] | undefined,
  exact: boolean,
): boolean {
  let p = start;
  while (p < last && bytes[p] === SPACE) p++;
  if (p === last) return false; // blank: the general path (null, raw = the blanks)
  const negative = bytes[p] === MINUS;
  if (negative) p++;
  let mantissa = 0;
  let digits = 0;
  let intDigits = 0;
  let fracDigits = 0;
  let dot = false;
  let leadingZero = false;
  let lastDigit = -1;
  for (; p < last; p++) {
    const c = bytes[p]!;
    if (c === DOT) {
      if (dot) return false;
      dot = true;
      continue;
    }
    const d = c - DIGIT_0;
    if (d < 0 || d > 9) return false;
    if (dot) fracDigits++;
    else {
      if (intDigits === 0 && d === 0) leadingZero = true;
      intDigits++;
    }
    mantissa = mantissa * 10 + d;
    lastDigit = d;
    digits++;
  }
  if (digits === 0 || digits > EXACT_DIGITS) return false;
  // -0 is a finding of its own (dbf-negative-zero): the general path reports it
  if (negative && mantissa === 0) return false;
  const magnitude = fracDigits === 0 ? mantissa : mantissa / POW10[fracDigits]!;
  values[i] = negative ? -magnitude : magnitude;
  if (raws) {
    // the text is String(value) exactly when it is the shortest form — no leading zero but a lone one, no '.'
    // without digits after it or with a trailing zero, not small enough for exponent notation — as ≤ 15 digits
    // round-trip; the padding is spaces here
    const canonical =
      !exact &&
      intDigits > 0 &&
      (!leadingZero || intDigits === 1) &&
      (!dot || (fracDigits > 0 && lastDigit !== 0)) &&
      (magnitude === 0 || magnitude >= 1e-6);
    raws[i] = canonical ? null : last === end ? latin1(bytes, start, last) : latin1(bytes, start, last) + padding(bytes, last, end);
  }
  return true;
}

/** Set by `contentEnd`: the padding it skipped held a NUL. */
let sawNul = false;
/** Eight spaces read as one little-endian double (a normal number: equal only to the same bits). */
const SPACES8 = new Float64Array(new Uint8Array(8).fill(SPACE).buffer)[0]!;
let wordsOf: ArrayBufferLike | undefined;
let words: Float64Array<ArrayBufferLike> = new Float64Array(0);

/**
 * Where a field's content ends: before its trailing spaces and NULs. Most of a county's record bytes are such
 * padding (254-byte fields holding a few characters), so whole aligned words of spaces are skipped eight at a time.
 */
function contentEnd(bytes: Buffer, start: number, end: number): number {
  sawNul = false;
  let last = end;
  const base = bytes.byteOffset;
  for (; last > start && ((base + last) & 7) !== 0; last--) {
    const c = bytes[last - 1];
    if (c === NUL) sawNul = true;
    else if (c !== SPACE) return last;
  }
  if (last - start >= 8) {
    if (bytes.buffer !== wordsOf) {
      wordsOf = bytes.buffer;
      words = new Float64Array(wordsOf, 0, wordsOf.byteLength >>> 3);
    }
    const first = Math.ceil((base + start) / 8);
    let w = (base + last) / 8; // base + last is a multiple of 8 here
    while (w > first && words[w - 1] === SPACES8) w--;
    last = w * 8 - base;
  }
  for (; last > start; last--) {
    const c = bytes[last - 1];
    if (c === NUL) sawNul = true;
    else if (c !== SPACE) break;
  }
  return last;
}

type Latin1Slicing = Buffer & { latin1Slice?(start: number, end: number): string };

/**
 * buffer.toString('latin1', start, end) without its argument handling (hot: most cells are plain ASCII), through
 * the Buffer method toString itself ends in; toString where a Node lacks it. Callers pass start < end ≤ length.
 */
const latin1: (bytes: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as Latin1Slicing).latin1Slice === 'function'
    ? (bytes, start, end) => (bytes as Latin1Slicing).latin1Slice!(start, end)
    : (bytes, start, end) => bytes.toString('latin1', start, end);

function isAsciiRange(bytes: Buffer, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (bytes[p]! >= 0x80) return false;
  return true;
}

function isSpaces(bytes: Buffer, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (bytes[p] !== SPACE) return false;
  return true;
}

function endsWithSpace(text: string): boolean {
  return text.length > 0 && text.charCodeAt(text.length - 1) === SPACE;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPACES: string[] = [];

/** The raw text of trailing padding bytes; all-space runs come from a shared table. */
function padding(bytes: Buffer, from: number, to: number): string {
  const n = to - from;
  for (let i = from; i < to; i++) if (bytes[i] !== 0x20) return bytes.toString('latin1', from, to);
  return (SPACES[n] ??= ' '.repeat(n));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
