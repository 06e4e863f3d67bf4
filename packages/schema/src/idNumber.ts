import type { CodeFailure, CodeResult } from './coding.js';
import { formatMessage } from './i18n.js';

/**
 * 公民身份号码 (GB 11643-1999), used when 证件类型 (表C.15) is 1 居民身份证: CBF.CBFZJHM, CBF_JTCY.CYZJHM,
 * FBF.FZRZJHM, CBJYQZ.QZLQRZJHM. Layout and algorithm: coding-rules.md §4.1–4.2.
 *
 *   18 digits: region 6 · birth YYYYMMDD · sequence 3 (17th digit odd = 男, even = 女) · check character
 *   15 digits (legacy first-generation cards): region 6 · birth YYMMDD (19YY) · sequence 3 (last digit gives sex)
 */

type IdProblem = Extract<CodeFailure['problem'], 'empty' | 'length' | 'characters' | 'region' | 'birthDate' | 'checksum'>;

export interface IdParts {
  /** the number as given (a lower-case x is kept; see `lowercaseX`) */
  readonly value: string;
  /** true for a 15-digit first-generation number (valid until 2013, still common in registration data) */
  readonly legacy: boolean;
  readonly region: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly sequence: string;
  /** GB/T 2261.1 / 表C.17: '1' 男 (odd digit), '2' 女 (even digit) */
  readonly sex: '1' | '2';
  /** the 18th character; undefined for legacy numbers */
  readonly checkChar?: string;
  /** the check character was written as a lower-case x (accepted; worth a warning) */
  readonly lowercaseX: boolean;
}

type IdResult = CodeResult<IdParts>;

/** W_i = 2^(18−i) mod 11 for i = 1…17. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * Province prefixes in use (GB/T 2260), plus 83 (台湾居民居住证, since 2018; 81/82 likewise for 港澳).
 * The full 6-digit region is not looked up: it is the code when the card was issued, and many have been retired.
 */
const PROVINCES = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])$/;

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`idCheckChar needs 17 digits, got ${JSON.stringify(first17)}`);
  return checkCharOf(first17);
}

/** idCheckChar of a number whose first 17 characters are digits (not tested again). */
function checkCharOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function fail(problem: IdProblem, zh: string, en: string, data: Readonly<Record<string, unknown>>): CodeFailure {
  return { ok: false, problem, reason: { zh: formatMessage(zh, data), en: formatMessage(en, data) } };
}

/**
 * YYYY-MM-DD when y/m/d is a real (proleptic Gregorian) calendar date of a year from 100 on, else undefined (rejects
 * 19990230, 20230229): counted, not a Date made per number (~630k ID numbers on a county).
 */
function calendarDate(y: number, m: number, d: number): string | undefined {
  if (!(y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

interface IdOptions {
  /**
   * A birth date after this day (YYYY-MM-DD or YYYYMMDD, e.g. the survey date) is an error. Not defaulted to
   * today, so results do not depend on when the check runs.
   */
  readonly notAfter?: string;
  /** How the field is named in messages (default 证件号码). */
  readonly name?: string;
}

/** Validate an 18- or 15-digit 公民身份号码 and return its parts. */
export function validateIdNumber(value: unknown, options: IdOptions = {}): IdResult {
  const name = options.name ?? '证件号码';
  if (value === null || value === undefined || value === '') {
    return fail('empty', '{name}为空', '{name} is empty', { name });
  }
  const v = String(value);
  if (v.length !== 18 && v.length !== 15) {
    return fail('length', '{name}“{value}”应为18位（或旧版15位），实际为{n}位', '{name} "{value}" should have 18 (or legacy 15) characters, found {n}', {
      name,
      value: v,
      n: v.length,
    });
  }
  const legacy = v.length === 15;
  if (legacy ? !/^\d{15}$/.test(v) : !/^\d{17}[\dXx]$/.test(v)) {
    // name the offending character: a masked report still shows what is wrong
    const bad = [...v].find((ch, i) => !/\d/.test(ch) && !(i === 17 && /[Xx]/.test(ch))) ?? '';
    return fail(
      'characters',
      '{name}“{value}”含非数字字符“{bad}”（只能由数字组成，18位号码末位可为X）',
      '{name} "{value}" contains the non-digit character "{bad}" (digits only; an 18-digit number may end in X)',
      { name, value: v, bad },
    );
  }
  const region = v.slice(0, 6);
  if (!PROVINCES.test(region.slice(0, 2))) {
    return fail('region', '{name}“{value}”的前两位{p}不是省级行政区划代码', 'the first two digits {p} of {name} "{value}" are not a province code', {
      name,
      value: v,
      p: region.slice(0, 2),
    });
  }
  const birthText = legacy ? `19${v.slice(6, 12)}` : v.slice(6, 14);
  const y = Number(birthText.slice(0, 4));
  const birthDate = y >= 1800 ? calendarDate(y, Number(birthText.slice(4, 6)), Number(birthText.slice(6, 8))) : undefined;
  if (!birthDate) {
    return fail('birthDate', '{name}“{value}”中的出生日期{birth}不是有效日期', 'the birth date {birth} in {name} "{value}" is not a real date', {
      name,
      value: v,
      birth: birthText,
    });
  }
  const notAfter = options.notAfter?.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
  if (notAfter && birthDate > notAfter) {
    return fail(
      'birthDate',
      '{name}“{value}”中的出生日期{birth}晚于{limit}',
      'the birth date {birth} in {name} "{value}" is after {limit}',
      { name, value: v, birth: birthDate, limit: notAfter },
    );
  }
  const sequence = legacy ? v.slice(12, 15) : v.slice(14, 17);
  const sex = Number(sequence[2]) % 2 === 1 ? '1' : '2';
  if (legacy) return { ok: true, parts: { value: v, legacy, region, birthDate, sequence, sex, lowercaseX: false } };
  const want = checkCharOf(v);
  const got = v[17].toUpperCase();
  if (got !== want) {
    return fail('checksum', '{name}“{value}”校验码错误：末位应为{want}', '{name} "{value}" fails its check: the last character should be {want}', {
      name,
      value: v,
      want,
    });
  }
  return { ok: true, parts: { value: v, legacy, region, birthDate, sequence, sex, checkChar: got, lowercaseX: v[17] === 'x' } };
}

/** '1' 男 / '2' 女 from the 17th (or, legacy, 15th) digit; undefined when the number is not valid. */
export function sexFromId(value: string): '1' | '2' | undefined {
  const r = validateIdNumber(value);
  return r.ok ? r.parts.sex : undefined;
}

/** Birth date YYYY-MM-DD; undefined when the number is not valid. */
export function birthDateFromId(value: string): string | undefined {
  const r = validateIdNumber(value);
  return r.ok ? r.parts.birthDate : undefined;
}

/** The 18-digit form of a valid 15-digit number: insert 19 before the year, append the check character. */
export function convert15To18(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError(`not a 15-digit number: ${JSON.stringify(id15)}`);
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idCheckChar(first17);
}

/**
 * A valid 18-digit number, for generated data. `birth` is YYYYMMDD or YYYY-MM-DD; `seq3` (0–999) is the
 * sequence, whose last digit is moved down by one when needed to carry `sex` ('1'/1 男 odd, '2'/2 女 even).
 */
export function makeIdNumber(region6: string, birth: string, seq3: number, sex: '1' | '2' | 1 | 2): string {
  if (!/^\d{6}$/.test(region6) || !PROVINCES.test(region6.slice(0, 2))) {
    throw new RangeError(`makeIdNumber: bad region ${JSON.stringify(region6)}`);
  }
  const b = birth.replace(/-/g, '');
  if (!/^\d{8}$/.test(b) || !calendarDate(Number(b.slice(0, 4)), Number(b.slice(4, 6)), Number(b.slice(6, 8)))) {
    throw new RangeError(`makeIdNumber: bad birth date ${JSON.stringify(birth)}`);
  }
  if (!Number.isInteger(seq3) || seq3 < 0 || seq3 > 999) throw new RangeError(`makeIdNumber: seq3 ${seq3} not in 0–999`);
  const wantOdd = String(sex) === '1';
  let seq = seq3;
  if ((seq % 2 === 1) !== wantOdd) seq = seq === 0 ? 1 : seq - 1;
  const first17 = `${region6}${b}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
