import { describe, expect, it } from 'vitest';
import { brief, runOnStore } from '../../testing/rule-tester.js';
import { cleanRows, HT1, toStore } from '../../testing/test-package.js';
import { rule as acquisitionWay } from './acquisition-way.js';
import { rule as dateChain } from './date-chain.js';
import { rule as muConversion } from '../../area/contracts/mu-conversion.js';
import { rule as originalContract } from './original-contract.js';
import { rule as plotCount } from './plot-count.js';
import { rule as registerAgrees } from './register-agrees.js';
import { rule as term } from './term.js';
import { rule as totalArea } from '../../area/contracts/total-area.js';

const all = [acquisitionWay, dateChain, muConversion, originalContract, plotCount, registerAgrees, term, totalArea];

describe('contract rules', () => {
  it('pass on a consistent package', () => {
    expect(brief(runOnStore(toStore(cleanRows()), all))).toEqual([]);
  });

  it('contracts/acquisition-way', () => {
    const rows = cleanRows();
    rows.CBDKXX[1].CBJYQQDFS = '120';
    expect(brief(runOnStore(toStore(rows), [acquisitionWay]))).toMatchObject([{ table: 'CBDKXX', record: 2, field: 'CBJYQQDFS', actual: '120' }]);
  });

  it('contracts/term: start not before end; CBQX text off; perpetual term', () => {
    const rows = cleanRows();
    rows.CBHT[0].CBQXQ = '2027-12-31';
    rows.CBJYQZDJB[1].CBQX = '1998年01月01日至2028年12月31日';
    let f = brief(runOnStore(toStore(rows), [term]));
    expect(f.map((x) => [x.id, x.table, x.record])).toEqual([
      ['order', 'CBHT', 1],
      ['text', 'CBJYQZDJB', 2],
    ]);
    const rows2 = cleanRows();
    rows2.CBJYQZDJB[0].CBQXZ = '9999-01-01';
    rows2.CBJYQZDJB[0].CBQX = '1998年01月01日起长久不变';
    f = brief(runOnStore(toStore(rows2), [term]));
    expect(f).toEqual([]);
  });

  it('contracts/register-agrees: term end differs from the contract', () => {
    const rows = cleanRows();
    rows.CBJYQZDJB[0].CBQXZ = '2028-12-31';
    rows.CBJYQZDJB[0].CBQX = '1998年01月01日至2028年12月31日';
    expect(brief(runOnStore(toStore(rows), [registerAgrees]))).toMatchObject([{ table: 'CBJYQZDJB', record: 1, field: 'CBQXZ', actual: '2028-12-31' }]);
  });

  it('contracts/date-chain: signed before publicity review; certificate collected before issue', () => {
    const rows = cleanRows();
    rows.CBHT[1].QDSJ = '2015-07-01';
    rows.CBJYQZ[0].QZLQRQ = '2016-06-30';
    const f = brief(runOnStore(toStore(rows), [dateChain]));
    expect(f.map((x) => [x.table, x.record, x.field])).toEqual([
      ['CBHT', 2, 'QDSJ'],
      ['CBJYQZ', 1, 'QZLQRQ'],
    ]);
  });

  it('contracts/date-chain: the same day is allowed where the chain says ≤', () => {
    const rows = cleanRows();
    rows.CBJYQZ[0].FZRQ = '2016-06-01';
    expect(brief(runOnStore(toStore(rows), [dateChain]))).toEqual([]);
  });

  it('contracts/plot-count and contracts/total-area', () => {
    const rows = cleanRows();
    rows.CBHT[0].CBDKZS = 3;
    rows.CBHT[0].HTZMJ = 1666.69;
    const f = brief(runOnStore(toStore(rows), [plotCount, totalArea]));
    expect(f.map((x) => [x.rule, x.field, x.actual])).toEqual([
      ['contracts/plot-count', 'CBDKZS', 3],
      ['contracts/total-area', 'HTZMJ', 1666.69],
    ]);
  });

  it('contracts/total-area: tolerance is an option', () => {
    const rows = cleanRows();
    rows.CBHT[0].HTZMJ = 1666.69;
    expect(brief(runOnStore(toStore(rows), [totalArea], { rules: { 'contracts/total-area': { options: { tolerance: 0.05 } } } }))).toEqual([]);
  });

  it('contracts/mu-conversion: wrong factor is a warning, a wrong value an error, Access 0 passes', () => {
    const rows = cleanRows();
    rows.CBDKXX[0].HTMJM = 1.52;
    rows.CBDKXX[1].HTMJM = 2;
    rows.CBDKXX[2].HTMJM = 0;
    const f = brief(runOnStore(toStore(rows), [muConversion]));
    expect(f.map((x) => [x.severity, x.record, x.field])).toEqual([
      ['error', 2, 'HTMJM'],
      ['warning', 1, 'HTMJM'],
    ]);
  });

  it('contracts/original-contract', () => {
    const rows = cleanRows();
    rows.CBHT[0].YCBHTBM = 'Y-001';
    rows.CBHT[0].YHTZMJ = 1666.67;
    rows.CBHT[0].YHTZMJM = 2.5;
    rows.CBDKXX[0].YHTMJ = 1000;
    rows.CBDKXX[0].YHTMJM = 1.5;
    const f = brief(runOnStore(toStore(rows), [originalContract]));
    expect(f.map((x) => [x.record, x.field])).toEqual([
      [2, 'YHTMJ'],
      [2, 'YHTMJM'],
    ]);
    expect(HT1.endsWith('J')).toBe(true);
  });

  it('contracts/date-chain: a re-issue before the first issue', () => {
    const rows = cleanRows();
    rows.CBJYQZ_QZBF = [{ CBJYQZBM: HT1, QZBFYY: '遗失', BFRQ: '2016-06-15', QZBFLQRQ: '2016-06-20', QZBFLQRXM: '张三', BFLQRZJLX: '1', BFLQRZJHM: '1' }];
    expect(brief(runOnStore(toStore(rows), [dateChain]))).toMatchObject([{ table: 'CBJYQZ_QZBF', record: 1, field: 'BFRQ' }]);
  });

  it('contracts/plot-count: LZDKS of a transfer contract', () => {
    const rows = cleanRows();
    rows.CBDKXX[0].LZHTBM = `${HT1.slice(0, 14)}0001`;
    rows.LZHT = [{ CBHTBM: HT1, LZHTBM: `${HT1.slice(0, 14)}0001`, CBFBM: HT1.slice(0, 18), SRFBM: HT1.slice(0, 18), LZFS: '200', LZQX: '5年', LZQXKSRQ: '2016-01-01', LZQXJSRQ: '2020-12-31', LZMJ: 1000, LZDKS: 2, LZJGSM: '无', HTQDRQ: '2016-01-01', LZMJM: 1.5 }];
    expect(brief(runOnStore(toStore(rows), [plotCount]))).toMatchObject([{ table: 'LZHT', record: 1, field: 'LZDKS', actual: 2 }]);
  });
});
