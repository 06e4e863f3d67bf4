import { describe, expect, it } from 'vitest';
import { SharedColumnBuilder } from './shared-column.js';

describe('SharedColumnBuilder', () => {
  it('gives back every value as pushed: ASCII codes, text with non-ASCII after an ASCII start, numbers, null', () => {
    const values = ['34071110120100001', null, 12.5, '郊区', 'J12东', '', 'A/B,C', 0, '𠀋x'];
    const b = new SharedColumnBuilder(values.length);
    for (const v of values) b.push(v);
    const col = b.finish();
    expect(Array.from({ length: values.length }, (_, i) => col.get(i))).toEqual(values);
    expect(col.text(2)).toBeUndefined();
    expect(col.data.kind.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(col.data.start.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(col.data.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('grows past its first buffer without losing what was written', () => {
    const n = 20_000;
    const b = new SharedColumnBuilder(n);
    for (let i = 0; i < n; i++) b.push(i % 7 === 0 ? `界址点${i}` : `JZD${i}`);
    const col = b.finish();
    for (let i = 0; i < n; i++) expect(col.get(i)).toBe(i % 7 === 0 ? `界址点${i}` : `JZD${i}`);
  });

  it('a growing builder takes more rows than its first guess, or fewer, and hands over exactly the rows pushed', () => {
    for (const n of [0, 3, 5_000]) {
      const b = new SharedColumnBuilder(4, true);
      const values = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i % 3 === 1 ? i / 2 : `DK${i}界`));
      for (const v of values) b.push(v);
      const col = b.finish();
      expect(col.length).toBe(n);
      expect(col.data.kind.length).toBe(n);
      expect(col.data.start.length).toBe(n + 1);
      expect(col.data.kind.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from({ length: n }, (_, i) => col.get(i))).toEqual(values);
    }
  });

  it('refuses more rows than an exact builder was given', () => {
    const b = new SharedColumnBuilder(1);
    b.push('a');
    expect(() => b.push('b')).toThrow(RangeError);
  });
});
