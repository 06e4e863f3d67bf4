import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * mdb-reader 3.2.0 is patched (patches/mdb-reader@3.2.0.patch) to decode Jet4 Decimal with BigInt. This test keeps
 * the ORIGINAL 40-digit array algorithm (copied from mdb-reader 3.2.0 lib/node/array.js, data/numeric.js,
 * data/util.js) and checks the patched decoder gives the same string on random values.
 */
function doCarry(values: number[]): number[] {
  const result = [...values];
  for (let i = 0; i < result.length - 1; ++i) {
    result[i + 1] += Math.floor(result[i] / 10);
    result[i] %= 10;
  }
  result[result.length - 1] %= 10;
  return result;
}
function multiplyArray(a: number[], b: number[]): number[] {
  const result = new Array<number>(a.length).fill(0);
  for (let i = 0; i < a.length; ++i) {
    if (a[i] === 0) continue;
    for (let j = 0; j < b.length; j++) result[i + j] += a[i] * b[j];
  }
  return doCarry(result.slice(0, a.length));
}
function addArray(a: number[], b: number[]): number[] {
  return doCarry(a.map((v, i) => v + b[i]));
}
function toArray(v: number, length: number): number[] {
  return doCarry([v, ...new Array<number>(length - 1).fill(0)]);
}
function buildValue(array: number[], scale: number, negative: boolean): string {
  let value = negative ? '-' : '';
  let top = array.length;
  while (top > 0 && top - 1 > scale && !array[top - 1]) top--;
  if (top === 0) return `${value}0`;
  for (let i = top; i > 0; i--) {
    if (i === scale) value += '.';
    value += array[i - 1].toString();
  }
  return value;
}
function originalReadNumeric(buffer: Buffer, column: { scale: number }): string {
  let product = toArray(0, 40);
  let multiplier = toArray(1, 40);
  const bytes = buffer.subarray(1, 17);
  for (let i = 0; i < bytes.length; ++i) {
    const byte = bytes[12 - 4 * Math.floor(i / 4) + (i % 4)];
    product = addArray(product, multiplyArray(multiplier, toArray(byte, 40)));
    multiplier = multiplyArray(multiplier, toArray(256, 40));
  }
  return buildValue(product, column.scale, !!(buffer[0] & 0x80));
}

type ReadNumeric = (buffer: Buffer, column: { scale: number }) => string;

async function patchedReadNumeric(): Promise<ReadNumeric> {
  // the decoder is internal to mdb-reader: load it by file path next to the package entry point
  const entry = fileURLToPath(import.meta.resolve('mdb-reader'));
  const mod = (await import(pathToFileURL(join(dirname(entry), 'data', 'numeric.js')).href)) as { readNumeric: ReadNumeric };
  return mod.readNumeric;
}

describe('patched mdb-reader Decimal decoder', () => {
  it('is the BigInt version (the patch is applied)', async () => {
    const readNumeric = await patchedReadNumeric();
    expect(readNumeric.toString()).toContain('BigInt');
  });

  it('matches the original algorithm on random 16-byte decimals and scales 0..28', async () => {
    const readNumeric = await patchedReadNumeric();
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 17, maxLength: 17 }),
        fc.integer({ min: 0, max: 28 }),
        (bytes, scale) => {
          const buffer = Buffer.from(bytes);
          expect(readNumeric(buffer, { scale })).toBe(originalReadNumeric(buffer, { scale }));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('matches on small magnitudes, zero and negative zero (the common Access values)', async () => {
    const readNumeric = await patchedReadNumeric();
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.boolean(), fc.integer({ min: 0, max: 6 }), (v, neg, scale) => {
        const buffer = Buffer.alloc(17);
        buffer[0] = neg ? 0x80 : 0;
        // least significant word last, each word little-endian
        for (let word = 0; word < 4; word++) buffer.writeUInt32LE(Number((v >> BigInt(32 * (3 - word))) & 0xffffffffn), 1 + 4 * word);
        const got = readNumeric(buffer, { scale });
        expect(got).toBe(originalReadNumeric(buffer, { scale }));
      }),
      { numRuns: 3000 },
    );
    const zero = Buffer.alloc(17);
    expect(readNumeric(zero, { scale: 2 })).toBe('0.00');
    zero[0] = 0x80;
    expect(readNumeric(zero, { scale: 0 })).toBe('-0');
  });
});
