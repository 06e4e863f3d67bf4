/**
 * Deterministic byte mutations of one package file. A mutant is fully described by (target, operator, seed), so
 * any failure the campaign finds is replayed from those three values (test/fuzz/seeds.json keeps the ones that
 * found bugs).
 */

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; the same seed gives the same mutant on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const operators = ['flip', 'bytes', 'int', 'double', 'truncate', 'empty', 'duplicate', 'delete'] as const;
export type Operator = (typeof operators)[number];

/**
 * Operators whose result is damaged beyond doubt for every reader: the check must then say something (a finding
 * or exit 2). Bit flips may land in a value that stays valid (a name, a coordinate), so they only must not crash.
 */
export const mustDetect: ReadonlySet<Operator> = new Set(['truncate', 'empty']);

const INTERESTING_INT = [0, 1, -1, 0x7fffffff, -0x80000000, 0xffff, 0x10000, 100, 9994, 1000];
const INTERESTING_DOUBLE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e308, -1e308, 5e-324];

/** Headers carry the structure: half of the point mutations land in the first 128 bytes. */
function position(r: () => number, size: number): number {
  if (size === 0) return 0;
  return r() < 0.5 ? Math.floor(r() * Math.min(size, 128)) : Math.floor(r() * size);
}

export function mutate(bytes: Buffer, op: Operator, seed: number): Buffer {
  const r = rng(seed);
  const out = Buffer.from(bytes);
  const size = out.length;
  switch (op) {
    case 'flip': {
      const n = 1 + Math.floor(r() * 8);
      for (let i = 0; i < n && size > 0; i++) out[position(r, size)] ^= 1 << Math.floor(r() * 8);
      return out;
    }
    case 'bytes': {
      const n = 1 + Math.floor(r() * 16);
      for (let i = 0; i < n && size > 0; i++) out[position(r, size)] = Math.floor(r() * 256);
      return out;
    }
    case 'int': {
      if (size < 4) return out;
      const at = Math.min(size - 4, position(r, size) & ~3);
      const v = r() < 0.2 ? size * (r() < 0.5 ? 2 : 0.5) : INTERESTING_INT[Math.floor(r() * INTERESTING_INT.length)];
      if (r() < 0.5) out.writeInt32LE(v | 0, at);
      else out.writeInt32BE(v | 0, at);
      return out;
    }
    case 'double': {
      if (size < 8) return out;
      const at = Math.min(size - 8, position(r, size) & ~3);
      out.writeDoubleLE(INTERESTING_DOUBLE[Math.floor(r() * INTERESTING_DOUBLE.length)], at);
      return out;
    }
    case 'truncate':
      return out.subarray(0, Math.floor(r() * 0.9 * size));
    case 'empty':
      return Buffer.alloc(0);
    case 'duplicate': {
      const at = Math.floor(r() * size);
      const len = Math.min(size - at, 1 + Math.floor(r() * 512));
      return Buffer.concat([out.subarray(0, at + len), out.subarray(at, at + len), out.subarray(at + len)]);
    }
    case 'delete': {
      const at = Math.floor(r() * size);
      const len = Math.min(size - at, 1 + Math.floor(r() * 64));
      return Buffer.concat([out.subarray(0, at), out.subarray(at + len)]);
    }
  }
}
