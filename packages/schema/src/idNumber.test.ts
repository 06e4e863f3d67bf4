import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeResult } from './coding.js';
import {
  birthDateFromId,
  convert15To18,
  idCheckChar,
  makeIdNumber,
  sexFromId,
  validateIdNumber,
  type IdParts,
} from './idNumber.js';

function problemOf(r: CodeResult<IdParts>): string {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.parts)}`);
  expect(r.reason.zh).not.toMatch(/\{\w+\}/);
  expect(r.reason.en).not.toMatch(/\{\w+\}/);
  return r.problem;
}

function partsOf(r: CodeResult<IdParts>): IdParts {
  if (!r.ok) throw new Error(`expected success, got ${r.reason.en}`);
  return r.parts;
}

describe('18-digit numbers', () => {
  it('accepts the standard examples with their check characters', () => {
    expect(partsOf(validateIdNumber('11010519491231002X'))).toEqual({
      value: '11010519491231002X',
      legacy: false,
      region: '110105',
      birthDate: '1949-12-31',
      sequence: '002',
      sex: '2',
      checkChar: 'X',
      lowercaseX: false,
    });
    const p = partsOf(validateIdNumber('440524188001010014'));
    expect([p.birthDate, p.sex, p.checkChar]).toEqual(['1880-01-01', '1', '4']);
  });

  it('check characters computed independently (Σ dᵢ·Wᵢ mod 11 → 10X98765432)', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
    expect(idCheckChar('22058119850615123')).toBe('X');
    expect(idCheckChar('22058119850615124')).toBe('8');
    expect(idCheckChar('52010119900101001')).toBe('1');
    expect(() => idCheckChar('1234')).toThrow(RangeError);
  });

  it('accepts a lower-case x but says so', () => {
    const p = partsOf(validateIdNumber('22058119850615123x'));
    expect([p.lowercaseX, p.checkChar, p.sex]).toEqual([true, 'X', '1']);
  });

  it('rejects a wrong check character, naming the right one', () => {
    const r = validateIdNumber('110105194912310021');
    expect(problemOf(r)).toBe('checksum');
    if (!r.ok) expect(r.reason.zh).toBe('证件号码“110105194912310021”校验码错误：末位应为X');
    expect(problemOf(validateIdNumber('220581198506151238'))).toBe('checksum'); // 8 belongs to sequence 124
    expect(problemOf(validateIdNumber('22058119850615124X'))).toBe('checksum'); // right for 123, wrong for 124
  });

  it('rejects impossible birth dates (the regex alone would pass them)', () => {
    expect(problemOf(validateIdNumber('320826199902300014'))).toBe('birthDate'); // 1999-02-30, check char right
    expect(problemOf(validateIdNumber('320826190002290010'))).toBe('birthDate'); // 1900 is not a leap year
    expect(problemOf(validateIdNumber('320826202302290010'))).toBe('birthDate');
    expect(problemOf(validateIdNumber('320826199913010010'))).toBe('birthDate'); // month 13
    expect(problemOf(validateIdNumber('320826199901000010'))).toBe('birthDate'); // day 00
    expect(problemOf(validateIdNumber('320826170001010010'))).toBe('birthDate'); // year 1700
    expect(partsOf(validateIdNumber('320826200002290020')).birthDate).toBe('2000-02-29'); // 2000 is
  });

  it('rejects a birth date after notAfter (e.g. the survey date)', () => {
    expect(validateIdNumber('22058119850615123X', { notAfter: '19850615' }).ok).toBe(true);
    expect(problemOf(validateIdNumber('22058119850615123X', { notAfter: '1985-06-14' }))).toBe('birthDate');
  });

  it('rejects bad shapes with located messages', () => {
    expect(problemOf(validateIdNumber(''))).toBe('empty');
    expect(problemOf(validateIdNumber(null))).toBe('empty');
    expect(problemOf(validateIdNumber('22058119850615123'))).toBe('length');
    expect(problemOf(validateIdNumber('22058119850615123X '))).toBe('length');
    expect(problemOf(validateIdNumber('2205811985061512XX'))).toBe('characters');
    expect(problemOf(validateIdNumber('22058119850615123Y'))).toBe('characters');
    expect(problemOf(validateIdNumber('020581198506151238'))).toBe('region');
    expect(problemOf(validateIdNumber('910581198506151238'))).toBe('region');
    const r = validateIdNumber('1234', { name: '成员证件号码' });
    if (!r.ok) expect(r.reason.zh).toBe('成员证件号码“1234”应为18位（或旧版15位），实际为4位');
    else throw new Error('expected failure');
  });

  it('sexFromId and birthDateFromId', () => {
    expect(sexFromId('11010519491231002X')).toBe('2');
    expect(sexFromId('440524188001010014')).toBe('1');
    expect(sexFromId('440524188001010015')).toBeUndefined(); // invalid number
    expect(birthDateFromId('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromId('nonsense')).toBeUndefined();
  });

  it('takes a birth date as the calendar does, month and day lengths and leap years alike', () => {
    for (const y of [1800, 1900, 1996, 1999, 2000, 2004, 2100]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const date = new Date(Date.UTC(y, m - 1, d));
          const real = date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
          const first17 = `320826${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}001`;
          expect(validateIdNumber(first17 + idCheckChar(first17)).ok, first17).toBe(real);
        }
      }
    }
  });
});

describe('15-digit legacy numbers', () => {
  it('are flagged legacy with 19YY birth date and sex from the last digit', () => {
    expect(partsOf(validateIdNumber('130503670401001'))).toEqual({
      value: '130503670401001',
      legacy: true,
      region: '130503',
      birthDate: '1967-04-01',
      sequence: '001',
      sex: '1',
      lowercaseX: false,
    });
    expect(sexFromId('130503670401002')).toBe('2');
    expect(problemOf(validateIdNumber('130503670230001'))).toBe('birthDate');
    expect(problemOf(validateIdNumber('13050367040100X'))).toBe('characters');
  });

  it('convert to 18 digits', () => {
    expect(convert15To18('130503670401001')).toBe('130503196704010016');
    expect(validateIdNumber(convert15To18('130503670401001')).ok).toBe(true);
    expect(() => convert15To18('13050367040100')).toThrow(RangeError);
  });
});

describe('makeIdNumber', () => {
  it('makes valid numbers carrying the requested sex', () => {
    expect(makeIdNumber('110105', '19491231', 2, '2')).toBe('11010519491231002X');
    expect(makeIdNumber('440524', '1880-01-01', 1, 1)).toBe('440524188001010014');
    expect(makeIdNumber('220581', '19850615', 124, '1')).toBe('22058119850615123X'); // 124 even → 123 for 男
    expect(makeIdNumber('220581', '19850615', 0, '1').slice(14, 17)).toBe('001');
  });

  it('rejects bad inputs', () => {
    expect(() => makeIdNumber('22058', '19850615', 1, '1')).toThrow(RangeError);
    expect(() => makeIdNumber('990581', '19850615', 1, '1')).toThrow(RangeError);
    expect(() => makeIdNumber('220581', '19850230', 1, '1')).toThrow(RangeError);
    expect(() => makeIdNumber('220581', '19850615', 1000, '1')).toThrow(RangeError);
  });

  it('always validates and round-trips sex and birth date (property)', () => {
    const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 999 }), fc.constantFrom('1', '2') as fc.Arbitrary<'1' | '2'>, (d, seq, sex) => {
        const iso = d.toISOString().slice(0, 10);
        const id = makeIdNumber('220581', iso, seq, sex);
        const p = partsOf(validateIdNumber(id));
        expect([p.sex, p.birthDate, p.legacy]).toEqual([sex, iso, false]);
      }),
      { numRuns: 500 },
    );
  });
});
