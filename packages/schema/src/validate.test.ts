import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allTables, getTable } from './tables.js';
import type { TableDef } from './types.js';
import { describeViolation, hasAtMostDecimals, isStandardDate, normalizeValue, validateRow, type Violation } from './validate.js';

const dk = {
  BSM: 1,
  YSDM: '211011',
  DKBM: '2205811000070100001',
  DKMC: '东大地',
  SYQXZ: '30',
  DKLB: '10',
  TDLYLX: '011',
  DLDJ: '01',
  TDYT: '1',
  SFJBNT: '1',
  SCMJ: 1234.56,
  DKDZ: '李四',
  DKXZ: '道路',
  DKNZ: '王五',
  DKBZ: null,
  DKBZXX: null,
  ZJRXM: '张三',
  KJZB: 'J1/J2/J3/J4',
  SCMJM: 1.85,
};

const jtcy = { CBFBM: '220581100007010001', CYXM: '张三', CYXB: '1', CYZJLX: '1', CYZJHM: '220581197409210011', YHZGX: '02', CYBZ: null, SFGYR: '1', CYBZSM: '' };

/** mdb-reader shapes: DateTime as Date (UTC), Decimal as string, Integer as number */
const cbht = {
  CBHTBM: '220581100007010001J',
  YCBHTBM: null,
  FBFBM: '22058110000701',
  CBFBM: '220581100007010001',
  CBFS: '110',
  CBQXQ: new Date(Date.UTC(1998, 0, 1)),
  CBQXZ: new Date(Date.UTC(2027, 11, 31)),
  HTZMJ: '12345.67',
  CBDKZS: 3,
  QDSJ: new Date(Date.UTC(2016, 9, 20)),
  HTZMJM: '18.52',
  YHTZMJ: null,
  YHTZMJM: null,
};

const kinds = (vs: readonly Violation[]) => vs.map((v) => `${v.field}:${v.kind}`);

describe('validateRow', () => {
  it('accepts valid rows in reader shapes (numbers, Decimal strings, Date objects, DBF date strings)', () => {
    expect(validateRow('DK', dk)).toEqual([]);
    expect(validateRow('CBF_JTCY', jtcy)).toEqual([]);
    expect(validateRow('CBHT', cbht)).toEqual([]);
    expect(validateRow('CBHT', { ...cbht, CBQXQ: '19980101', QDSJ: '2016-10-20' })).toEqual([]);
  });

  it('returns one shared frozen empty array for valid rows', () => {
    const a = validateRow('DK', dk);
    expect(a).toBe(validateRow('CBF_JTCY', jtcy));
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('compiles every table under ajv strict mode and reports each M field of an empty row as required', () => {
    for (const t of allTables) {
      const vs = validateRow(t.name, {});
      const m = t.fields.filter((f) => f.constraint === 'M').map((f) => `${f.code}:required`);
      expect(kinds(vs).filter((k) => !k.includes('/')), t.name).toEqual(m);
    }
  });

  it('type', () => {
    expect(validateRow('DK', { ...dk, SCMJ: 'abc' })).toEqual([{ field: 'SCMJ', kind: 'type', expected: 'Float', actual: 'abc' }]);
    expect(kinds(validateRow('DK', { ...dk, BSM: 1.5 }))).toEqual(['BSM:type']);
    // a number where a code is expected is one type finding, not also a domain one
    expect(kinds(validateRow('DK', { ...dk, TDYT: 1 }))).toEqual(['TDYT:type']);
  });

  it('length counts characters, not bytes (CJK and non-BMP)', () => {
    expect(validateRow('CBF_JTCY', { ...jtcy, CYXM: '张'.repeat(50) })).toEqual([]);
    expect(validateRow('CBF_JTCY', { ...jtcy, CYXM: '𠀀'.repeat(50) })).toEqual([]);
    expect(validateRow('CBF_JTCY', { ...jtcy, CYXM: '张'.repeat(51) })).toEqual([{ field: 'CYXM', kind: 'length', expected: '≤50', actual: '张'.repeat(51) }]);
    expect(kinds(validateRow('DK', { ...dk, DKBM: '22058110000701000011' }))).toEqual(['DKBM:length']);
  });

  it('length of numbers is the integer digits: 字段长度 − 小数位数', () => {
    expect(kinds(validateRow('DK', { ...dk, SCMJ: 1e13 }))).toEqual(['SCMJ:length']);
    expect(validateRow('DK', { ...dk, SCMJ: 9999999999999.99 })).toEqual([]);
    expect(kinds(validateRow('DK', { ...dk, BSM: 1e10 }))).toEqual(['BSM:length']);
    expect(validateRow('DK', { ...dk, BSM: 9999999999 })).toEqual([]);
  });

  it('coordinates may carry a 3° zone prefix unless strict (decision coordinate-zone-prefix)', () => {
    const jzd = { BSM: 7, YSDM: '211021', JZDH: 'J1', JZDLX: '1', JBLX: '1', DKBM: '2205811000070100001', XZBZ: 4812345.678, YZBZ: 44512345.678 };
    expect(validateRow('JZD', jzd)).toEqual([]);
    expect(kinds(validateRow('JZD', jzd, { strictCoordinates: true }))).toEqual(['YZBZ:length']);
    expect(kinds(validateRow('JZD', { ...jzd, YZBZ: 123456789.5 }))).toEqual(['YZBZ:length']);
  });

  it('decimals', () => {
    expect(validateRow('DK', { ...dk, SCMJ: 1234.567 })).toEqual([{ field: 'SCMJ', kind: 'decimals', expected: '≤2', actual: 1234.567 }]);
    expect(kinds(validateRow('CBHT', { ...cbht, HTZMJ: '12345.678' }))).toEqual(['HTZMJ:decimals']);
    expect(validateRow('CBHT', { ...cbht, HTZMJ: '12345.60' })).toEqual([]);
  });

  it('domain: code tables, 表1 feature codes, ranges, C.1 等级 column', () => {
    expect(validateRow('DK', { ...dk, DKLB: '11' })).toEqual([{ field: 'DKLB', kind: 'domain', expected: 'C.7', actual: '11' }]);
    expect(validateRow('DK', { ...dk, YSDM: '211021' })).toEqual([{ field: 'YSDM', kind: 'domain', expected: '表1', actual: '211021' }]);
    expect(validateRow('DK', { ...dk, SCMJ: 0 })).toEqual([{ field: 'SCMJ', kind: 'domain', expected: '>0', actual: 0 }]);
    expect(kinds(validateRow('ZJ', { BSM: 1, YSDM: '211012', ZJNR: 'a', ZT: '宋体', YS: '黑', ZJDZXJXZB: 1, ZJDZXJYZB: 1, ZJFX: 6.3 }))).toEqual(['ZJFX:domain']);
    expect(validateRow('ZJ', { BSM: 1, YSDM: '196032', ZJNR: 'a', ZT: '宋体', YS: '黑', ZJDZXJXZB: 1, ZJDZXJYZB: 1, ZJFX: 0 })).toEqual([]);
    const kzd = { BSM: 1, YSDM: '111000', KZDLX: '110102', KZDDJ: '一等', BSLX: '1', BZLX: '1', DZJ: '其他资料\\点之记\\K1.jpg', X2000: 4812345.678, Y2000: 512345.678 };
    expect(validateRow('KZD', kzd)).toEqual([]);
    expect(kinds(validateRow('KZD', { ...kzd, KZDDJ: '五等' }))).toEqual(['KZDDJ:domain']);
    expect(validateRow('CBF_JTCY', { ...jtcy, YHZGX: '03' })).toMatchObject([{ field: 'YHZGX', kind: 'domain', expected: 'GB/T 4761' }]);
  });

  it('advisory code lists (GB/T 21010) mark the finding advisory', () => {
    expect(validateRow('DK', { ...dk, TDLYLX: '999' })).toEqual([{ field: 'TDLYLX', kind: 'domain', expected: 'GB/T 21010', actual: '999', advisory: true }]);
  });

  it('required: M fields, blank strings and missing keys', () => {
    expect(validateRow('DK', { ...dk, DKMC: '' })).toEqual([{ field: 'DKMC', kind: 'required', expected: 'M', actual: '' }]);
    expect(kinds(validateRow('DK', { ...dk, DKMC: '   ' }))).toEqual(['DKMC:required']);
    const { KJZB: _, ...noKjzb } = dk;
    expect(validateRow('DK', noKjzb)).toEqual([{ field: 'KJZB', kind: 'required', expected: 'M', actual: null }]);
    // an empty O field is simply not filled
    expect(validateRow('DK', { ...dk, SYQXZ: '' })).toEqual([]);
  });

  it('C fields only when their condition holds', () => {
    expect(kinds(validateRow('DK', { ...dk, ZJRXM: null }))).toEqual(['ZJRXM:required']);
    expect(validateRow('DK', { ...dk, DKLB: '21', ZJRXM: null, DKDZ: null, DKXZ: null })).toEqual([]);
    expect(validateRow('DK', { ...dk, DKDZ: null })).toEqual([
      { field: 'DKDZ/DKXZ/DKNZ/DKBZ', kind: 'required', expected: '≥3 of DKDZ/DKXZ/DKNZ/DKBZ', actual: [null, '道路', '王五', null] },
    ]);
    const cbjyqz = { CBJYQZBM: '220581100007010001J', FZJG: '梅河口市人民政府', FZRQ: new Date(Date.UTC(2016, 10, 1)), QZSFLQ: '2' };
    expect(validateRow('CBJYQZ', cbjyqz)).toEqual([]);
    expect(kinds(validateRow('CBJYQZ', { ...cbjyqz, QZSFLQ: '1' }))).toEqual(['QZLQRQ:required', 'QZLQRXM:required', 'QZLQRZJLX:required', 'QZLQRZJHM:required']);
    expect(validateRow('CBJYQZ', { ...cbjyqz, QZSFLQ: '1', QZLQRQ: '20161105', QZLQRXM: '张三', QZLQRZJLX: '1', QZLQRZJHM: '220581197409210011' })).toEqual([]);
    expect(validateRow('CBHT', { ...cbht, YCBHTBM: 'HT-1998-001' })[0]).toMatchObject({ field: 'YHTZMJ', kind: 'required', expected: 'C/有原承包合同（已填原承包合同代码 YCBHTBM）' });
    const kzd = { BSM: 1, YSDM: '111000', KZDLX: '110102', KZDDJ: '一等', BSLX: '1', BZLX: '1', DZJ: 'x.jpg', X2000: 1, Y2000: 1 };
    expect(validateRow('KZD', kzd)).toEqual([]);
    expect(kinds(validateRow('KZD', { ...kzd, X80: 4812000.5 }))).toEqual(['Y80:required']);
  });

  it('format: real calendar dates only', () => {
    expect(validateRow('CBHT', { ...cbht, QDSJ: '20160230' })).toEqual([{ field: 'QDSJ', kind: 'format', expected: 'YYYYMMDD', actual: '20160230' }]);
    expect(kinds(validateRow('CBHT', { ...cbht, QDSJ: new Date(Number.NaN) }))).toEqual(['QDSJ:format']);
    expect(kinds(validateRow('CBHT', { ...cbht, CBQXZ: '9999-99-99' }))).toEqual(['CBQXZ:format']);
    expect(validateRow('CBHT', { ...cbht, CBQXZ: new Date(Date.UTC(9999, 0, 1)) })).toEqual([]);
  });

  it('pattern domains on Char fields', () => {
    const table: TableDef = {
      name: 'T',
      title: 'test',
      kind: 'attribute',
      annexTable: 'X',
      constraint: 'O',
      fields: [{ seq: 1, code: 'YB', name: '邮编', type: 'Char', length: 6, domain: { kind: 'pattern', pattern: '^[0-9]{6}$', text: '6 位数字' }, constraint: 'M' }],
    };
    expect(validateRow(table, { YB: '135000' })).toEqual([]);
    expect(validateRow(table, { YB: '13500X' })).toEqual([{ field: 'YB', kind: 'pattern', expected: '6 位数字', actual: '13500X' }]);
  });

  it('accepts a standard TableDef as well as its name', () => {
    expect(validateRow(getTable('DK')!, dk)).toEqual([]);
    expect(kinds(validateRow(getTable('DK')!, { ...dk, DKLB: 'x' }))).toEqual(['DKLB:domain']);
  });

  it('throws on an unknown table (a programming error)', () => {
    expect(() => validateRow('NOPE', {})).toThrow(/unknown table NOPE/);
  });
});

describe('helpers', () => {
  it('describeViolation names table, field and value in both languages', () => {
    const [v] = validateRow('DK', { ...dk, SCMJ: 12.555 });
    expect(describeViolation('DK', v, 'zh')).toBe('DK.SCMJ（实测面积）：小数位数应 ≤2，实际为 12.555');
    expect(describeViolation('DK', v, 'en')).toBe('DK.SCMJ (实测面积): decimals should be ≤2, got 12.555');
    const [r] = validateRow('DK', { ...dk, DKMC: '' });
    expect(describeViolation('DK', r, 'zh')).toBe('DK.DKMC（地块名称）：必填（M）但为空');
  });

  it('normalizeValue', () => {
    const float = { seq: 1, code: 'A', name: 'a', type: 'Float', length: 15, decimals: 2, constraint: 'M' } as const;
    const date = { seq: 1, code: 'D', name: 'd', type: 'Date', length: 8, constraint: 'M' } as const;
    expect(normalizeValue(float, ' 12.50 ')).toBe(12.5);
    expect(normalizeValue(float, '')).toBeNull();
    expect(normalizeValue(date, new Date(Date.UTC(1974, 8, 21)))).toBe('1974-09-21');
    expect(normalizeValue(date, undefined)).toBeNull();
  });

  it('isStandardDate', () => {
    expect(['20160229', '2016-02-29', '2016-02-29T00:00:00.000Z', '99990101', '9999-01-01'].map(isStandardDate)).toEqual([true, true, true, true, true]);
    expect(['20150229', '2016-13-01', '2016-00-10', '20160431', '2016/01/01', '', '9999-99-99'].map(isStandardDate)).toEqual([false, false, false, false, false, false, false]);
  });

  it('hasAtMostDecimals agrees with the decimal text for parsed values', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 4 }), (units, places, d) => {
        const text = places === 0 ? String(units) : (units / 10 ** places).toFixed(places);
        const significant = text.includes('.') ? text.replace(/0+$/, '').split('.')[1].length : 0;
        expect(hasAtMostDecimals(Number(text), d)).toBe(significant <= d);
      }),
      { numRuns: 2000 },
    );
  });
});
