import { describe, expect, it } from 'vitest';
import {
  expectedContractSuffix,
  formatCBJYQZLSH,
  isCountyCodeShape,
  prefixOf,
  forEachCodeListItem,
  validateCBFBM,
  validateCBHTBM,
  validateCBJYQZBM,
  validateCBJYQZLSH,
  validateDKBM,
  validateFBFBM,
  validateLZHTBM,
  validatePhone,
  validatePostcode,
  validateSRFBM,
  type CodeResult,
} from './coding.js';

/** The problem id of a failed result (test helper; a passing result is a test failure). */
function problemOf<P>(r: CodeResult<P>): string {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.parts)}`);
  expect(r.reason.zh.length).toBeGreaterThan(0);
  expect(r.reason.en.length).toBeGreaterThan(0);
  expect(r.reason.zh).not.toMatch(/\{\w+\}/); // every placeholder filled
  expect(r.reason.en).not.toMatch(/\{\w+\}/);
  return r.problem;
}

function partsOf<P>(r: CodeResult<P>): P {
  if (!r.ok) throw new Error(`expected success, got ${r.reason.en}`);
  return r.parts;
}

describe('FBFBM', () => {
  it('splits a group-level code', () => {
    expect(partsOf(validateFBFBM('22058110000701'))).toEqual({
      FBFBM: '22058110000701',
      county: '220581',
      town: '100',
      village: '007',
      group: '01',
      level: 'group',
    });
  });

  it('group 00 is the village-level 发包方; village 000 + group 00 is township level', () => {
    expect(partsOf(validateFBFBM('22058110000700')).level).toBe('village');
    expect(partsOf(validateFBFBM('22058110000000')).level).toBe('town');
  });

  it('names the problem of bad codes', () => {
    expect(problemOf(validateFBFBM(''))).toBe('empty');
    expect(problemOf(validateFBFBM(null))).toBe('empty');
    expect(problemOf(validateFBFBM(22058110000701))).toBe('characters'); // a number, not text: leading zeros lost elsewhere
    expect(problemOf(validateFBFBM('220581100007'))).toBe('length'); // 12-digit village code used as FBFBM
    expect(problemOf(validateFBFBM('2205811000070100'))).toBe('length'); // 16-digit internal zone code
    expect(problemOf(validateFBFBM('22058110000701 '))).toBe('length'); // trailing space
    expect(problemOf(validateFBFBM('２２０５８１１０００００７０１'.slice(0, 14)))).toBe('characters'); // full-width digits
    expect(problemOf(validateFBFBM('2205811000070O'))).toBe('characters'); // letter O for zero
    expect(problemOf(validateFBFBM('99058110000701'))).toBe('county');
    expect(problemOf(validateFBFBM('00058110000701'))).toBe('county');
    expect(problemOf(validateFBFBM('22058100000701'))).toBe('town');
    expect(problemOf(validateFBFBM('22058110000001'))).toBe('village');
  });

  it('reports the length in the message', () => {
    const r = validateFBFBM('220581100007');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.zh).toBe('发包方编码应为14位，实际为12位');
      expect(r.reason.en).toBe('发包方编码 should be 14 characters, found 12');
    }
  });
});

describe('CBFBM / SRFBM', () => {
  it('infers the 承包方类型 from the sequence range', () => {
    expect(partsOf(validateCBFBM('220581100007010001')).CBFLX).toBe('1');
    expect(partsOf(validateCBFBM('220581100007018000')).CBFLX).toBe('1');
    expect(partsOf(validateCBFBM('220581100007018001')).CBFLX).toBe('2');
    expect(partsOf(validateCBFBM('220581100007019000')).CBFLX).toBe('2');
    expect(partsOf(validateCBFBM('220581100007019001')).CBFLX).toBe('3');
    expect(partsOf(validateCBFBM('220581100007019999')).CBFLX).toBe('3');
    const p = partsOf(validateCBFBM('220581100007010123'));
    expect([p.FBFBM, p.sequence, p.CBFBM, p.level]).toEqual(['22058110000701', '0123', '220581100007010123', 'group']);
  });

  it('checks the range against CBFLX', () => {
    expect(partsOf(validateCBFBM('220581100007010001', '1')).sequence).toBe('0001');
    expect(partsOf(validateCBFBM('220581100007018500', '2')).sequence).toBe('8500');
    expect(partsOf(validateCBFBM('220581100007019500', '3')).sequence).toBe('9500');
    expect(problemOf(validateCBFBM('220581100007018001', '1'))).toBe('sequenceRange'); // 个人 range, 农户 type
    expect(problemOf(validateCBFBM('220581100007010001', '3'))).toBe('sequenceRange');
    expect(problemOf(validateCBFBM('220581100007019000', '3'))).toBe('sequenceRange'); // 9000 is still 个人
    const r = validateCBFBM('220581100007010001', '2');
    if (!r.ok) expect(r.reason.zh).toBe('承包方编码顺序码0001与承包方类型2（个人）不符，应在8001–9000之间');
    else throw new Error('expected failure');
    // an unknown CBFLX is the code-table rule's business, not this one's
    expect(validateCBFBM('220581100007010001', '7').ok).toBe(true);
    expect(validateCBFBM('220581100007010001', '').ok).toBe(true);
  });

  it('rejects sequence 0000, a bad FBFBM part and wrong lengths', () => {
    expect(problemOf(validateCBFBM('220581100007010000'))).toBe('sequence');
    expect(problemOf(validateCBFBM('220581000007010001'))).toBe('town');
    expect(problemOf(validateCBFBM('22058110000701001'))).toBe('length');
    expect(problemOf(validateCBFBM('22058110000701001X'))).toBe('characters');
  });

  it('SRFBM follows the CBFBM rule and names itself', () => {
    expect(partsOf(validateSRFBM('220581100007019001')).CBFLX).toBe('3');
    const r = validateSRFBM('2205811000070190');
    if (!r.ok) expect(r.reason.zh).toContain('受让方编码');
    else throw new Error('expected failure');
  });
});

describe('DKBM', () => {
  it('is FBFBM + 5 digits, 00001–99999', () => {
    const p = partsOf(validateDKBM('2205811000070100001'));
    expect([p.FBFBM, p.sequence]).toEqual(['22058110000701', '00001']);
    expect(partsOf(validateDKBM('2205811000070199999')).sequence).toBe('99999');
    expect(problemOf(validateDKBM('2205811000070100000'))).toBe('sequence');
    expect(problemOf(validateDKBM('220581100007010001'))).toBe('length'); // 18: a CBFBM in the DKBM field
    expect(problemOf(validateDKBM('22058110000701000011'))).toBe('length');
    expect(problemOf(validateDKBM('2205811000070100001J'.slice(0, 18) + 'J'))).toBe('characters');
  });
});

describe('LZHTBM', () => {
  it('is FBFBM + 4 digits', () => {
    expect(partsOf(validateLZHTBM('220581100007010001')).sequence).toBe('0001');
    expect(problemOf(validateLZHTBM('220581100007010000'))).toBe('sequence');
    expect(problemOf(validateLZHTBM('2205811000070100011'))).toBe('length'); // SII's 19-char internal form
  });
});

describe('CBHTBM / CBJYQZBM', () => {
  it('is CBFBM + J|Q', () => {
    const p = partsOf(validateCBHTBM('220581100007010001J'));
    expect([p.CBFBM, p.suffix, p.code, p.FBFBM]).toEqual(['220581100007010001', 'J', '220581100007010001J', '22058110000701']);
    expect(partsOf(validateCBJYQZBM('220581100007019001Q')).suffix).toBe('Q');
    expect(problemOf(validateCBHTBM('220581100007010001j'))).toBe('suffix'); // lower case
    expect(problemOf(validateCBHTBM('2205811000070100011'))).toBe('suffix'); // 19 digits, no letter
    expect(problemOf(validateCBHTBM('220581100007010001'))).toBe('length');
    expect(problemOf(validateCBHTBM('220581100007010000J'))).toBe('sequence');
    expect(problemOf(validateCBJYQZBM('22058110000701000AJ'))).toBe('characters');
  });

  it('J ⇔ 家庭承包 (CBFS 110); Q for the other ways', () => {
    expect(expectedContractSuffix('110')).toBe('J');
    for (const c of ['120', '121', '122', '123', '129', '200', '300', '900']) expect(expectedContractSuffix(c)).toBe('Q');
    expect(expectedContractSuffix('100')).toBeUndefined(); // 承包: either
    expect(expectedContractSuffix('999')).toBeUndefined();
    expect(validateCBHTBM('220581100007010001J', '110').ok).toBe(true);
    expect(validateCBHTBM('220581100007010001Q', '123').ok).toBe(true);
    expect(validateCBHTBM('220581100007010001Q', '100').ok).toBe(true);
    expect(problemOf(validateCBHTBM('220581100007010001Q', '110'))).toBe('mismatch');
    expect(problemOf(validateCBJYQZBM('220581100007010001J', '121'))).toBe('mismatch');
    const r = validateCBHTBM('220581100007010001Q', '110');
    if (!r.ok) expect(r.reason.zh).toBe('承包合同编码以Q结尾，但承包方式为110，应以J结尾');
  });
});

describe('CBJYQZLSH', () => {
  it('parses the standard example and the ASCII-bracket variant', () => {
    expect(partsOf(validateCBJYQZLSH('苏（2015）涟水县农村土地承包经营权证第000001号'))).toEqual({
      province: '苏',
      year: '2015',
      countyName: '涟水县',
      sequence: '000001',
      asciiBrackets: false,
    });
    expect(partsOf(validateCBJYQZLSH('吉(2016)梅河口市农村土地承包经营权证第000123号')).asciiBrackets).toBe(true);
    expect(formatCBJYQZLSH('苏', 2015, '涟水县', 1)).toBe('苏（2015）涟水县农村土地承包经营权证第000001号');
  });

  it('rejects malformed numbers', () => {
    expect(problemOf(validateCBJYQZLSH(''))).toBe('empty');
    expect(problemOf(validateCBJYQZLSH('苏（2015）涟水县农村土地承包经营权证第00001号'))).toBe('format'); // 5 digits
    expect(problemOf(validateCBJYQZLSH('苏（15）涟水县农村土地承包经营权证第000001号'))).toBe('format');
    expect(problemOf(validateCBJYQZLSH('江苏（2015）涟水县农村土地承包经营权证第000001号'))).toBe('format');
    expect(problemOf(validateCBJYQZLSH('X（2015）涟水县农村土地承包经营权证第000001号'))).toBe('format');
    expect(problemOf(validateCBJYQZLSH('苏（2015)涟水县农村土地承包经营权证第000001号'))).toBe('format'); // mixed brackets
    expect(problemOf(validateCBJYQZLSH('苏（2015）涟水县土地承包经营权证第000001号'))).toBe('format');
  });

  it('cross-checks province and county name', () => {
    expect(validateCBJYQZLSH('苏（2015）涟水县农村土地承包经营权证第000001号', { county: '320826', countyName: '涟水县' }).ok).toBe(true);
    expect(validateCBJYQZLSH('黔（2015）某县农村土地承包经营权证第000001号', { county: '520100' }).ok).toBe(true);
    expect(validateCBJYQZLSH('贵（2015）某县农村土地承包经营权证第000001号', { county: '520100' }).ok).toBe(true);
    expect(problemOf(validateCBJYQZLSH('吉（2015）涟水县农村土地承包经营权证第000001号', { county: '320826' }))).toBe('mismatch');
    expect(problemOf(validateCBJYQZLSH('苏（2015）涟水县农村土地承包经营权证第000001号', { countyName: '梅河口市' }))).toBe('mismatch');
  });
});

describe('postcode and phone', () => {
  it('postcode is 6 digits', () => {
    expect(partsOf(validatePostcode('135000')).YZBM).toBe('135000');
    expect(problemOf(validatePostcode('13500'))).toBe('length');
    expect(problemOf(validatePostcode('13500A'))).toBe('characters');
    expect(problemOf(validatePostcode(''))).toBe('empty');
  });

  it('phone: mobile or landline', () => {
    expect(partsOf(validatePhone('13812345678'))).toEqual({ kind: 'mobile', number: '13812345678' });
    expect(partsOf(validatePhone('+8613812345678')).kind).toBe('mobile');
    expect(partsOf(validatePhone('0435-4221234'))).toEqual({ kind: 'landline', areaCode: '0435', number: '4221234' });
    expect(partsOf(validatePhone('010-87654321-123'))).toEqual({
      kind: 'landline',
      areaCode: '010',
      number: '87654321',
      extension: '123',
    });
    expect(partsOf(validatePhone('4221234'))).toEqual({ kind: 'landline', number: '4221234' });
    expect(problemOf(validatePhone('12812345678'))).toBe('format');
    expect(problemOf(validatePhone('1381234567'))).toBe('format');
    expect(problemOf(validatePhone('138 1234 5678'))).toBe('format');
    expect(problemOf(validatePhone('无'))).toBe('format');
    expect(problemOf(validatePhone(undefined))).toBe('empty');
  });
});

describe('region prefixes', () => {
  it('prefixOf cuts any FBFBM-based code', () => {
    expect(prefixOf('2205811000070100001', 'county')).toBe('220581');
    expect(prefixOf('2205811000070100001', 'town')).toBe('220581100');
    expect(prefixOf('2205811000070100001', 'village')).toBe('220581100007');
    expect(prefixOf('220581100007010001J', 'group')).toBe('22058110000701');
    expect(prefixOf('22058', 'county')).toBeUndefined();
  });

  it('county code shape', () => {
    expect(isCountyCodeShape('220581')).toBe(true);
    expect(isCountyCodeShape('441900')).toBe(true); // 东莞: city without districts
    expect(isCountyCodeShape('160581')).toBe(false);
    expect(isCountyCodeShape('22058')).toBe(false);
  });
});

describe('code lists', () => {
  it('split on / and keep items as written', () => {
    const items = (v: string | null): string[] => {
      const out: string[] = [];
      forEachCodeListItem(v, (from, to) => out.push((v as string).slice(from, to)));
      return out;
    };
    expect(items('2205811000070100001/2205811000070100002')).toEqual(['2205811000070100001', '2205811000070100002']);
    expect(items('J1/J2/J3/')).toEqual(['J1', 'J2', 'J3']);
    expect(items('/J1//J2')).toEqual(['J1', 'J2']);
    expect(items('J1/ J2')).toEqual(['J1', ' J2']);
    expect(items('')).toEqual([]);
    expect(items(null)).toEqual([]);
  });
});
