import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  geometryAreaTolerance,
  MU_FACTOR_TOLERANCE,
  MU_ROUNDING_TOLERANCE,
  roundDecimal,
  SQM_PER_MU,
  surveyedAreaTolerance,
  toMu,
  toSquareMetres,
} from './area.js';

describe('toMu', () => {
  it('is exact on the decimal value where float arithmetic is not', () => {
    // the float trap: 690 × 0.0015 = 1.035 exactly, but the double product is 1.03499…
    expect(Math.round(690 * 0.0015 * 100) / 100).toBe(1.03);
    expect(toMu(690)).toBe(1.04);
    expect(toMu(1630)).toBe(2.45);
    expect(toMu(5550)).toBe(8.33);
    expect(toMu(10)).toBe(0.02);
    expect(toMu(30)).toBe(0.05); // 0.045
    expect(toMu(16.7)).toBe(0.03); // 0.02505
    expect(toMu(1.67)).toBe(0); // 0.002505
    expect(toMu(3.34)).toBe(0.01); // 0.00501
    expect(toMu(3.33)).toBe(0); // 0.004995
    expect(toMu(123456.78)).toBe(185.19); // 185.18517 (÷666.67 would give 185.18)
    expect(toMu(100000)).toBe(150);
    expect(toMu(666.67)).toBe(1);
    expect(toMu(0)).toBe(0);
    expect(toMu(1003.33)).toBe(1.5); // 1.504995
    expect(toMu(1010)).toBe(1.52); // 1.515 exactly
  });

  it('accepts the exact decimal strings of Access Decimal columns and exponent forms', () => {
    expect(toMu('1010.00')).toBe(1.52);
    expect(toMu(' 10 ')).toBe(0.02);
    expect(toMu('1e3')).toBe(1.5);
    expect(toMu(1e21)).toBe(1.5e18);
    expect(toMu('.5')).toBe(0); // 0.00075
  });

  it('rounds negative values half away from zero', () => {
    expect(toMu(-10)).toBe(-0.02);
    expect(Object.is(toMu(-1), -0)).toBe(false);
  });

  it('rejects what is not a number', () => {
    for (const bad of ['', 'abc', '1,5', '1.2.3', NaN, Infinity]) expect(() => toMu(bad)).toThrow(RangeError);
  });

  it('agrees with integer arithmetic on every 2-decimal area (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
        // 亩 × 100 = cents × 15 / 10000, rounded half up — all in exact integers.
        const expectedHundredths = Math.floor((cents * 15 * 2 + 10_000) / 20_000);
        expect(toMu((cents / 100).toFixed(2))).toBe(expectedHundredths / 100);
        expect(toMu(cents / 100)).toBe(expectedHundredths / 100);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with BigInt arithmetic on plain decimals of any length, on both sides of its 14-digit double path (property)', () => {
    // round(±int.frac × 0.0015, 2) half away from zero, in BigInt: the reference for the double path and beyond it
    const exact = (negative: boolean, int: string, frac: string): number => {
      const product = BigInt(int + frac) * 15n;
      const divisor = 10n ** BigInt(frac.length + 2);
      const q = product / divisor;
      const units = (product % divisor) * 2n >= divisor ? q + 1n : q;
      const v = Number(units) / 100;
      return negative && v !== 0 ? -v : v;
    };
    const digitText = (max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: max }).map((d) => d.join(''));
    fc.assert(
      fc.property(fc.boolean(), digitText(12), fc.option(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 8 }).map((d) => d.join(''))), (negative, int, frac) => {
        const text = `${negative ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`;
        expect(toMu(text)).toBe(exact(negative, int, frac ?? ''));
        // the double the text parses to takes the same path through its own shortest text
        const n = Number(text);
        const shortest = String(Math.abs(n));
        if (!shortest.includes('e')) {
          const [i, f = ''] = shortest.split('.');
          expect(toMu(n)).toBe(exact(n < 0 || Object.is(n, -0), i, f));
        }
      }),
      { numRuns: 5000 },
    );
    // 14 digits take the double path, 15 the BigInt one: both exact at the edge (…5 rounds up)
    expect(toMu('99999999999.995')).toBe(exact(false, '99999999999', '995'));
    expect(toMu('999999999999.995')).toBe(exact(false, '999999999999', '995'));
    expect(toMu('-0')).toBe(0);
  });
});

describe('roundDecimal', () => {
  it('rounds half away from zero on the decimal value', () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1); // the float trap
    expect(roundDecimal(1.005)).toBe(1.01);
    expect(roundDecimal(2.675, 2)).toBe(2.68);
    expect(roundDecimal(-2.675, 2)).toBe(-2.68);
    expect(roundDecimal(2.674999, 2)).toBe(2.67);
    expect(roundDecimal('0.125', 2)).toBe(0.13);
    expect(roundDecimal(12.5, 0)).toBe(13);
    expect(roundDecimal(7, 3)).toBe(7);
    expect(roundDecimal('1.23456e2', 1)).toBe(123.5);
  });
});

describe('toSquareMetres', () => {
  it('inverts the factor at 2 decimals', () => {
    expect(toSquareMetres(150)).toBe(100000);
    expect(toSquareMetres(1)).toBe(666.67);
    expect(toSquareMetres(0.01)).toBe(6.67);
    expect(toSquareMetres('2.5')).toBe(1666.67);
    expect(toSquareMetres(-1)).toBe(-666.67);
  });
});

describe('tolerances', () => {
  it('are named with their sizes', () => {
    expect(SQM_PER_MU).toBeCloseTo(666.6667, 4);
    expect(MU_ROUNDING_TOLERANCE).toBe(0.01);
    expect(MU_FACTOR_TOLERANCE).toBe(0.05);
    // ÷666.6 on 100000 m² is outside the rounding tolerance but inside the factor warning band
    const crude = roundDecimal(100000 / 666.6, 2);
    expect(crude).toBe(150.02);
    expect(Math.abs(crude - toMu(100000))).toBeGreaterThan(MU_ROUNDING_TOLERANCE);
    expect(Math.abs(crude - toMu(100000))).toBeLessThanOrEqual(MU_FACTOR_TOLERANCE);
  });

  it('scale with the area', () => {
    expect(geometryAreaTolerance(50)).toBe(0.01);
    expect(geometryAreaTolerance(10000)).toBe(1);
    expect(surveyedAreaTolerance(50)).toBe(1);
    expect(surveyedAreaTolerance(1000)).toBe(10);
  });
});
