import { describe, expect, it } from 'vitest';
import { brief, runOnStore } from '../testing/rule-tester.js';
import { CBF1, cleanRows, DK1, FBFBM, HT1, toStore } from '../testing/test-package.js';
import { rule as bsm } from './bsm.js';
import { rule as cbfbm } from './cbfbm.js';
import { rule as contractCode } from './contract-code.js';
import { rule as dkbm } from './dkbm.js';
import { rule as fbfUnit } from './fbf-unit.js';
import { rule as fbfbm } from './fbfbm.js';
import { rule as lsh } from './lsh.js';
import { rule as lzhtbm } from './lzhtbm.js';
import { rule as srfbm } from './srfbm.js';
import { rule as unique } from './unique.js';

const all = [bsm, cbfbm, contractCode, dkbm, fbfUnit, fbfbm, lsh, lzhtbm, srfbm, unique];

describe('coding rules', () => {
  it('pass on a consistent package', () => {
    expect(brief(runOnStore(toStore(cleanRows()), all))).toEqual([]);
  });

  it('coding/fbfbm: a code of another county', () => {
    const rows = cleanRows();
    rows.FBF[0].FBFBM = '11010110020101';
    expect(brief(runOnStore(toStore(rows), [fbfbm]))).toEqual([{ rule: 'coding/fbfbm', id: 'county', severity: 'error', file: '权属数据/2205812016.mdb', table: 'FBF', record: 1, field: 'FBFBM', actual: '11010110020101' }]);
  });

  it('coding/fbfbm: wrong length, message says what is wrong', () => {
    const rows = cleanRows();
    rows.FBF[0].FBFBM = '2205811002010';
    const f = runOnStore(toStore(rows), [fbfbm]);
    expect(brief(f)).toMatchObject([{ id: 'invalid', table: 'FBF', record: 1 }]);
    expect(f[0].message.zh).toContain('14');
    expect(f[0].fbfbm).toBeUndefined();
  });

  it('coding/cbfbm: a 个人 sequence for a 农户', () => {
    const rows = cleanRows();
    rows.CBF[0].CBFLX = '2';
    expect(brief(runOnStore(toStore(rows), [cbfbm]))).toMatchObject([{ rule: 'coding/cbfbm', id: 'invalid', table: 'CBF', record: 1, field: 'CBFBM', actual: CBF1 }]);
  });

  it('coding/dkbm: sequence 00000 in DK and in CBDKXX', () => {
    const rows = cleanRows();
    rows.DK[0].DKBM = `${FBFBM}00000`;
    rows.CBDKXX[0].DKBM = `${FBFBM}00000`;
    const f = runOnStore(toStore(rows), [dkbm]);
    expect(brief(f).map((x) => [x.table, x.record, x.id])).toEqual([
      ['CBDKXX', 1, 'invalid'],
      ['DK', 1, 'invalid'],
    ]);
    expect(f[0].fbfbm).toBe(FBFBM);
  });

  it('coding/contract-code: letter disagrees with CBFS', () => {
    const rows = cleanRows();
    rows.CBHT[0].CBFS = '120';
    expect(brief(runOnStore(toStore(rows), [contractCode]))).toMatchObject([{ id: 'invalid', table: 'CBHT', record: 1, field: 'CBHTBM', actual: HT1 }]);
  });

  it('coding/lzhtbm and coding/srfbm', () => {
    const rows = cleanRows();
    rows.LZHT = [{ CBHTBM: HT1, LZHTBM: `${FBFBM}0000`, CBFBM: CBF1, SRFBM: `${FBFBM}000`, LZFS: '200', LZQX: '5年', LZQXKSRQ: '2016-01-01', LZQXJSRQ: '2020-12-31', LZMJ: 100, LZDKS: 1, LZJGSM: '无', HTQDRQ: '2016-01-01', LZMJM: 0.15 }];
    expect(brief(runOnStore(toStore(rows), [lzhtbm, srfbm])).map((x) => [x.rule, x.field])).toEqual([
      ['coding/lzhtbm', 'LZHTBM'],
      ['coding/srfbm', 'SRFBM'],
    ]);
  });

  it('coding/lsh: province, county name and year', () => {
    const rows = cleanRows();
    rows.CBJYQZDJB[0].CBJYQZLSH = '苏（2016）梅河口市农村土地承包经营权证第000001号';
    rows.CBJYQZDJB[1].CBJYQZLSH = '吉（2019）梅河口市农村土地承包经营权证第000002号';
    expect(brief(runOnStore(toStore(rows), [lsh])).map((x) => [x.record, x.id])).toEqual([
      [1, 'invalid'],
      [2, 'year'],
    ]);
  });

  it('coding/unique: the second occurrence is reported, naming the first', () => {
    const rows = cleanRows();
    rows.CBDKXX[1].DKBM = DK1;
    const f = runOnStore(toStore(rows), [unique]);
    expect(brief(f)).toEqual([{ rule: 'coding/unique', id: 'duplicate', severity: 'error', file: '权属数据/2205812016.mdb', table: 'CBDKXX', record: 2, field: 'DKBM', actual: DK1 }]);
    expect(f[0].message.en).toContain('record 1');
  });

  it('coding/unique: the same ID twice in one household', () => {
    const rows = cleanRows();
    rows.CBF_JTCY[1].CYZJHM = rows.CBF_JTCY[0].CYZJHM;
    expect(brief(runOnStore(toStore(rows), [unique]))).toMatchObject([{ table: 'CBF_JTCY', record: 2, field: 'CBFBM/CYZJHM' }]);
  });

  it('coding/bsm: not positive, repeated in a layer; across layers only with the option', () => {
    const rows = cleanRows();
    rows.DK[0].BSM = 0;
    rows.DK[3].BSM = 3;
    rows.JZD = [{ BSM: 2, YSDM: '211021', JZDH: 'J1', JZDLX: '3', JBLX: '6', DKBM: DK1, XZBZ: 1, YZBZ: 1 }];
    expect(brief(runOnStore(toStore(rows), [bsm])).map((x) => [x.table, x.record, x.id])).toEqual([
      ['DK', 1, 'notPositive'],
      ['DK', 4, 'duplicate'],
    ]);
    const across = brief(runOnStore(toStore(rows), [bsm], { rules: { 'coding/bsm': { options: { acrossLayers: true } } } }));
    expect(across.map((x) => [x.table, x.record, x.id])).toEqual([
      ['DK', 1, 'notPositive'],
      ['DK', 4, 'duplicate'],
      ['JZD', 1, 'duplicate'],
    ]);
  });

  it('coding/fbf-unit: not in the unit code table nor in ZJQY', () => {
    const rows = cleanRows();
    rows.ZJQY = [{ BSM: 10, YSDM: '162040', ZJQYDM: '22058110020102', ZJQYMC: '二组' }];
    const store = toStore(rows);
    const db = runOnStore(store, [fbfUnit]);
    expect(brief(db).map((x) => x.id)).toEqual(['notInRegion']);
  });
});
