import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime, withTime } from './values.js';

/** The plain field-by-field form formatDateTime's fast paths must agree with. */
function reference(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const y = d.getUTCFullYear();
  const date = `${y < 0 ? '-' : ''}${String(Math.abs(y)).padStart(4, '0')}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? date : `${date} ${p2(h)}:${p2(m)}:${p2(s)}`;
}

describe('formatDateTime', () => {
  it('writes the UTC date, and the time when it is not midnight', () => {
    expect(formatDateTime(new Date(Date.UTC(2016, 0, 2)))).toBe('2016-01-02');
    expect(formatDateTime(new Date(Date.UTC(2016, 0, 2, 13, 4, 5)))).toBe('2016-01-02 13:04:05');
    expect(formatDateTime(new Date(Date.UTC(2016, 0, 2, 0, 0, 0, 500)))).toBe('2016-01-02'); // milliseconds are not shown
    expect(formatDateTime(new Date(Date.UTC(1899, 11, 30)))).toBe('1899-12-30'); // Access's day 0, before 1970
    expect(formatDateTime(new Date(Number.NaN))).toBeNull();
    expect(withTime('2016-01-02')).toBe('2016-01-02 00:00:00');
    expect(withTime('2016-01-02 13:04:05')).toBe('2016-01-02 13:04:05');
    expect(withTime(null)).toBeNull();
  });

  it('agrees with the field-by-field form on any date, whole days included', () => {
    const day = 86_400_000;
    const ms = fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.integer({ min: -1e8, max: 1e8 }).map((n) => n * day));
    fc.assert(
      fc.property(ms, (t) => {
        expect(formatDateTime(new Date(t))).toBe(reference(new Date(t)));
      }),
      { numRuns: 5000 },
    );
  });
});
