import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { rawIfDiffers } from '../../store/data-table.js';
import { TextFieldDecoder } from '../encoding.js';
import { DbfRecordDecoder, type DbfField } from './dbf.js';

/** One field of each kind the decoder tells apart, laid out after the deletion flag. */
const layout: [string, string, number, number][] = [
  ['BSM', 'N', 10, 0],
  ['XZBZ', 'N', 18, 3],
  ['RATE', 'F', 8, 2],
  ['NAME', 'C', 12, 0],
  ['CODE', 'C', 4, 0],
  ['NOTE', 'C', 40, 0],
  ['MEMO', 'M', 6, 0],
  ['SEQ', 'I', 4, 0],
  ['AREA', 'B', 8, 0],
  ['WIDE', 'B', 6, 0],
  ['DATE', 'D', 8, 0],
  ['FLAG', 'L', 1, 0],
];
const fields: DbfField[] = [];
let offset = 1;
for (const [name, type, length, decimals] of layout) {
  fields.push({ name, type, length, decimals, offset });
  offset += length;
}
const recordLength = offset;

const fast = new DbfRecordDecoder('t.dbf', fields, new TextFieldDecoder('gb18030'));
const reference = new DbfRecordDecoder('t.dbf', fields, new TextFieldDecoder('gb18030'), false);

/** Field bytes as writers and damage make them: numbers in many spellings, ASCII and GBK text, padding, junk. */
const numberText = fc.oneof(
  fc.stringMatching(/^-?\d{0,17}(\.\d{0,6})?$/),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -1e9, max: 1e9 }).map((n) => (n / 1000).toFixed(3)),
  fc.constantFrom('', '-', '.', '-0', '-0.00', '0.0000001', '0.000001', '5.', '.5', '007', '1e5', '+3', '**', '1 2', '0x10'),
);
const cell = fc.oneof(
  numberText.map((t) => Buffer.from(t, 'latin1')),
  fc.string({ unit: 'grapheme-ascii', maxLength: 14 }).map((t) => Buffer.from(t, 'latin1')),
  fc.constantFrom('梅机港路', '张三', '东坡地', '䶮').map((t) => iconv.encode(t, 'gb18030')),
  fc.uint8Array({ maxLength: 14 }).map((a) => Buffer.from(a)),
);
const padded = fc.tuple(fc.nat(4), cell, fc.nat(24), fc.constantFrom(0x20, 0x00, -1)).map(([left, content, right, pad]) => {
  const tail = pad === -1 ? Buffer.from(' \0 '.slice(0, Math.min(right, 3)), 'latin1') : Buffer.alloc(right, pad);
  return Buffer.concat([Buffer.alloc(left, 0x20), content, tail]);
});
// records lie anywhere in the reader's window: padding is skipped by aligned words, so the offset varies
const record = fc.tuple(fc.constantFrom(0x20, 0x2a, 0x41), fc.array(padded, { minLength: fields.length, maxLength: fields.length }), fc.nat(15)).map(([flag, cells, shift]) => {
  const bytes = Buffer.alloc(recordLength + shift, 0x20).subarray(shift);
  bytes[0] = flag;
  // a cell wider than its field is cut, a narrower one right-aligned or left-aligned by the padding it carries
  cells.forEach((c, i) => c.copy(bytes, fields[i]!.offset, 0, Math.min(c.length, fields[i]!.length)));
  return bytes;
});

function check(bytes: Buffer): void {
  const want = reference.decodeRow(bytes, 7, 'exact');
  expect(fast.decodeRow(bytes, 7, 'exact')).toEqual(want);
  expect(fast.decodeRow(bytes, 7, 'none')).toEqual({ ...want, raws: undefined });
  const differs = fast.decodeRow(bytes, 7, 'differs');
  expect(differs.values).toEqual(want.values);
  expect(differs.issues).toEqual(want.issues);
  // a raw left out is one the store would drop; one given is the exact text
  differs.raws!.forEach((raw, i) => {
    if (raw === null) expect(rawIfDiffers(want.values[i], want.raws![i]!)).toBeNull();
    else expect(raw).toBe(want.raws![i]);
  });
}

describe('DbfRecordDecoder fast paths', () => {
  it('give the general path’s values, raws and issues for any field bytes', () => {
    fc.assert(fc.property(record, check), { numRuns: 3000 });
  });

  it('read plain numbers as Number() does and leave out only raws the store drops', () => {
    const numbers = ['  727.69', '0.5', '.5', '5.', '-0.00', '-0', '007', '1e5', '0.0000001', '0.000001', '123456789012345', '1234567890123456', '-12.30', '-12.3', '0', '3417769.436'];
    for (const n of numbers) {
      const bytes = Buffer.alloc(recordLength, 0x20);
      Buffer.from(n.padStart(18), 'latin1').copy(bytes, fields[1]!.offset);
      check(bytes);
      expect(fast.decodeRow(bytes, 1, 'exact').values[1]).toBe(Number(n.trim()) === 0 && n.trim().startsWith('-') ? -0 : Number(n.trim()));
    }
  });
});
