import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { PhysicalTable } from '@nyt2539/schema';
import { writeMdb } from './index.js';
import { decimalText, openMdb, tempDir } from './test-support.js';

const tmp = tempDir('mdb-prop');
afterAll(() => tmp.remove());

/** One column of every type the writer supports, with the edge cases of each. */
const schema: PhysicalTable[] = [
  {
    name: 'ALLTYPES',
    columns: [
      { code: 'TXT', type: 'Text', size: 255, required: false, allowZeroLength: true, description: '文本' },
      { code: 'CODE', type: 'Text', size: 6, required: true, allowZeroLength: true, description: '代码' },
      { code: 'MEMO', type: 'Memo', required: false, description: '备注' },
      { code: 'I16', type: 'Integer', required: false, description: '整数' },
      { code: 'I32', type: 'Long', required: false, description: '长整数' },
      { code: 'DEC', type: 'Decimal', precision: 15, scale: 2, required: false, defaultValue: '0', description: '面积' },
      { code: 'DEC28', type: 'Decimal', precision: 28, scale: 6, required: false, description: '高精度' },
      { code: 'DT', type: 'DateTime', required: false, description: '日期' },
      { code: 'FLAG', type: 'Boolean', required: false, description: '标志' },
      { code: 'DBL', type: 'Double', required: false, description: '双精度' },
    ],
  },
];

// pieces chosen to hit every text path: compressible ASCII, CJK, characters whose low byte is 0x00
// (一 U+4E00, Ā U+0100: never compressible), Latin-1 with high bit, non-BMP surrogate pairs
const pieces = ['a', 'Z9', ' ', '-', 'é', 'ÿ', '张三', '承包地', '一', '丁', 'Ā', '𠀀', '𪚥', '😀', '，', '\n'];
const text = (maxPieces: number) => fc.array(fc.constantFrom(...pieces), { maxLength: maxPieces }).map((a) => a.join(''));
const memo = fc.oneof(
  text(40),
  fc.tuple(text(6).filter((s) => s.length > 0), fc.integer({ min: 10, max: 4000 })).map(([s, n]) => s.repeat(n)),
);
const decimal = (precision: number) => fc.bigInt({ min: -(10n ** BigInt(precision)) + 1n, max: 10n ** BigInt(precision) - 1n });
const scaled = (v: bigint, scale: number): string => {
  const s = (v < 0n ? -v : v).toString().padStart(scale + 1, '0');
  return `${v < 0n ? '-' : ''}${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
};
const date = fc.oneof(
  fc.constantFrom(new Date(Date.UTC(9999, 0, 1)), new Date(Date.UTC(1899, 11, 30)), new Date(Date.UTC(2016, 1, 29, 23, 59, 59))),
  fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }),
);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });

const row = fc.record({
  TXT: opt(text(120).map((s) => s.slice(0, 255)).filter((s) => !/[\uD800-\uDBFF]$/.test(s))),
  CODE: text(3).map((s) => s.slice(0, 6)).filter((s) => !/[\uD800-\uDBFF]$/.test(s)),
  MEMO: opt(memo),
  I16: opt(fc.integer({ min: -32768, max: 32767 })),
  I32: opt(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
  DEC: opt(decimal(15).map((v) => scaled(v, 2))),
  DEC28: opt(decimal(28).map((v) => scaled(v, 6))),
  DT: opt(date),
  FLAG: opt(fc.boolean()),
  DBL: opt(fc.double({ noNaN: true, noDefaultInfinity: true })),
});

describe('writeMdb property: random rows read back exactly by mdb-reader', () => {
  it('every type, nulls, empty strings, long memos, non-BMP, 9999-01-01 and maximal decimals', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 60 }), async (rows) => {
        const out = tmp.path(`p${run++}.mdb`);
        const result = await writeMdb(out, [{ name: 'ALLTYPES', rows }], { schema });
        expect(result.rowCounts.ALLTYPES).toBe(rows.length);
        const data = openMdb(out).getTable('ALLTYPES').getData();
        expect(data).toEqual(
          rows.map((r) => ({
            ...r,
            DEC: r.DEC === null ? null : decimalText(r.DEC, 2),
            DEC28: r.DEC28 === null ? null : decimalText(r.DEC28, 6),
            FLAG: r.FLAG === true,
          })),
        );
      }),
      { numRuns: 40, seed: 2539 },
    );
  });
});
