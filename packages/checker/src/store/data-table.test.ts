import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rawIfDiffers } from './data-table.js';

describe('rawIfDiffers', () => {
  it('drops the raw text the typed value already says, keeps any other', () => {
    expect(rawIfDiffers('王五', '王五      ')).toBeNull(); // DBF text padded to its width
    expect(rawIfDiffers('王五', '王五')).toBeNull(); // mdb text
    expect(rawIfDiffers(null, '     ')).toBeNull(); // blank DBF field
    expect(rawIfDiffers(null, null)).toBeNull();
    expect(rawIfDiffers(12.5, '      12.5')).toBeNull(); // DBF number, right-aligned
    expect(rawIfDiffers(7, '7')).toBeNull();
    expect(rawIfDiffers(12n, '12')).toBeNull();
    expect(rawIfDiffers(12.5, '     12.50')).toBe('     12.50');
    expect(rawIfDiffers(null, '  abc')).toBe('  abc'); // a number the reader could not read
    expect(rawIfDiffers('王五', '王五\0\0')).toBe('王五\0\0'); // NUL padding is not blank padding
    expect(rawIfDiffers(' 王五', ' 王五  ')).toBeNull(); // leading blanks of text are content, kept in the value
    expect(rawIfDiffers('王五', ' 王五')).toBe(' 王五');
    expect(rawIfDiffers('王五　', '王五')).toBe('王五'); // full-width space is not padding
    expect(rawIfDiffers('2016-01-02', '2016-01-02 00:00:00')).toBe('2016-01-02 00:00:00');
    expect(rawIfDiffers(Buffer.from('ab'), '6162')).toBe('6162');
  });

  it('keeps enough to restore the raw text exactly', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.integer(), fc.constant(null)), fc.nat(4), fc.nat(4), (value, left, right) => {
        const text = value === null ? '' : String(value);
        const raw = `${typeof value === 'number' ? ' '.repeat(left) : ''}${text}${' '.repeat(right)}`;
        const kept = rawIfDiffers(value, raw);
        // what a reader of the store does: the raw column, else the value's text (blank padding is not restored)
        const restored = kept ?? (value === null ? '' : String(value));
        const unpad = (s: string): string => s.replace(/^ +| +$/g, '');
        expect(typeof value === 'string' ? restored.replace(/ +$/, '') : unpad(restored)).toBe(typeof value === 'string' ? raw.replace(/ +$/, '') : unpad(raw));
      }),
    );
  });
});
