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

interface DecodedRecord {
  readonly deleted: boolean;
  readonly attributes: Record<string, AttributeValue>;
  readonly rawAttributes?: Record<string, string>;
  readonly issues: ReaderIssue[];
}

/** Turns record bytes into typed values. Text fields go through one decoder chosen for the whole file. */
export class DbfRecordDecoder {
  constructor(
    private readonly file: string,
    private readonly fields: readonly DbfField[],
    private readonly text: TextFieldDecoder,
    private readonly keepRaw: boolean,
  ) {}

  decode(bytes: Buffer, recordNumber: number): DecodedRecord {
    const issues: ReaderIssue[] = [];
    const flag = bytes[0];
    if (flag !== DBF_RECORD_ACTIVE && flag !== DBF_RECORD_DELETED) {
      issues.push(issue('dbf-deleted-flag', this.file, { actual: `0x${hex2(flag ?? 0)}` }, { record: recordNumber }));
    }
    const attributes: Record<string, AttributeValue> = {};
    const raw: Record<string, string> | undefined = this.keepRaw ? {} : undefined;
    for (const field of this.fields) {
      const start = field.offset;
      const end = Math.min(start + field.length, bytes.length);
      if (field.type === 'I' || field.type === '+') {
        const value = end - start === 4 ? bytes.readInt32LE(start) : null;
        attributes[field.name] = value;
        if (raw) raw[field.name] = value === null ? '' : String(value);
        continue;
      }
      if ((field.type === 'B' || field.type === 'O') && end - start === 8) {
        const value = bytes.readDoubleLE(start);
        attributes[field.name] = value;
        if (raw) raw[field.name] = String(value);
        continue;
      }
      // trailing blanks (space, or NUL from some writers) are padding: decode only the content before them
      let last = end;
      while (last > start && (bytes[last - 1] === 0x20 || bytes[last - 1] === 0x00)) last--;
      const decoded = this.text.decodeRange(bytes, start, last);
      if (!decoded.valid) issues.push(issue('dbf-bad-text', this.file, { encoding: this.text.encoding }, { record: recordNumber, field: field.name }));
      if (raw) raw[field.name] = last === end ? decoded.text : decoded.text + padding(bytes, last, end);
      attributes[field.name] = this.typed(field, decoded.text, recordNumber, issues);
    }
    return { deleted: flag === DBF_RECORD_DELETED, attributes, ...(raw ? { rawAttributes: raw } : {}), issues };
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
