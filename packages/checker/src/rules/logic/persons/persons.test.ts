import { makeIdNumber } from '@nyt2539/schema';
import { describe, expect, it } from 'vitest';
import { brief, runOnStore } from '../../testing/rule-tester.js';
import { CBF1, cleanRows, COUNTY, HEAD_ID, toStore } from '../../testing/test-package.js';
import { rule as duplicateId } from './duplicate-id.js';
import { rule as householdHead } from './household-head.js';
import { rule as idNumber } from './id-number.js';
import { rule as memberCount } from './member-count.js';
import { rule as memberRemark } from './member-remark.js';
import { rule as phone } from '../../values/persons/phone.js';
import { rule as sexId } from './sex-id.js';

const all = [duplicateId, householdHead, idNumber, memberCount, memberRemark, phone, sexId];

describe('person rules', () => {
  it('pass on a consistent package', () => {
    expect(brief(runOnStore(toStore(cleanRows()), all))).toEqual([]);
  });

  it('persons/member-count: wrong count for a 农户 and for a 个人; a 农户 without members', () => {
    const rows = cleanRows();
    rows.CBF[0].CBFCYSL = 3;
    rows.CBF[1].CBFCYSL = 2;
    let f = brief(runOnStore(toStore(rows), [memberCount]));
    expect(f.map((x) => [x.id, x.record, x.actual])).toEqual([
      ['household', 1, 3],
      ['single', 2, 2],
    ]);
    rows.CBF_JTCY = rows.CBF_JTCY.map((m) => ({ ...m, CBFBM: rows.CBF[1].CBFBM }));
    rows.CBF[0].CBFCYSL = 2;
    rows.CBF[1].CBFCYSL = 1;
    f = brief(runOnStore(toStore(rows), [memberCount]));
    expect(f.map((x) => [x.id, x.record])).toEqual([['noMembers', 1]]);
  });

  it('persons/household-head: two heads; head name differs from CBFMC', () => {
    const rows = cleanRows();
    rows.CBF_JTCY[1].YHZGX = '01';
    expect(brief(runOnStore(toStore(rows), [householdHead]))).toMatchObject([{ id: 'manyHeads', table: 'CBF', record: 1, actual: 2 }]);
    const rows2 = cleanRows();
    rows2.CBF[0].CBFMC = '张叁';
    expect(brief(runOnStore(toStore(rows2), [householdHead]))).toMatchObject([{ id: 'name', field: 'CBFMC', actual: '张叁' }]);
    const rows3 = cleanRows();
    rows3.CBF_JTCY[0].YHZGX = '20';
    expect(brief(runOnStore(toStore(rows3), [householdHead]))).toMatchObject([{ id: 'noHead', record: 1 }]);
  });

  it('persons/id-number: bad check character is a warning, wrong length an error, 15 digits a warning', () => {
    const rows = cleanRows();
    const bad = HEAD_ID.slice(0, 17) + (HEAD_ID[17] === '0' ? '1' : '0');
    rows.CBF_JTCY[0].CYZJHM = bad;
    rows.CBF_JTCY[1].CYZJHM = '22058119720202';
    rows.FBF[0].FZRZJHM = '220581600505211';
    const f = brief(runOnStore(toStore(rows), [idNumber]));
    expect(f.map((x) => [x.severity, x.table, x.record, x.field])).toEqual([
      ['error', 'CBF_JTCY', 2, 'CYZJHM'],
      ['warning', 'CBF_JTCY', 1, 'CYZJHM'],
      ['warning', 'FBF', 1, 'FZRZJHM'],
    ]);
  });

  it('persons/id-number: other ID types are not checked', () => {
    const rows = cleanRows();
    rows.CBF_JTCY[1].CYZJLX = '4';
    rows.CBF_JTCY[1].CYZJHM = 'H123';
    expect(brief(runOnStore(toStore(rows), [idNumber]))).toEqual([]);
  });

  it('persons/sex-id: a woman with a male ID number', () => {
    const rows = cleanRows();
    rows.CBF_JTCY[1].CYZJHM = makeIdNumber(COUNTY, '19720202', 15, '1');
    expect(brief(runOnStore(toStore(rows), [sexId]))).toMatchObject([{ rule: 'persons/sex-id', table: 'CBF_JTCY', record: 2, field: 'CYXB', actual: '2' }]);
  });

  it('persons/sex-id: a legacy 15-digit number, and a number written with spaces around it', () => {
    const rows = cleanRows();
    // 15 digits, last digit odd: 男
    rows.CBF_JTCY[1].CYZJHM = '340711720202151';
    expect(brief(runOnStore(toStore(rows), [sexId]))).toMatchObject([{ record: 2, actual: '2' }]);
    rows.CBF_JTCY[1].CYZJHM = '340711720202152';
    expect(brief(runOnStore(toStore(rows), [sexId]))).toEqual([]);
    rows.CBF_JTCY[1].CYZJHM = ` ${makeIdNumber(COUNTY, '19720202', 15, '1')} `;
    rows.CBF_JTCY[1].CYXB = ' 2';
    expect(brief(runOnStore(toStore(rows), [sexId]))).toMatchObject([{ record: 2, actual: '2' }]);
  });

  it('persons/duplicate-id: the same person in two households', () => {
    const rows = cleanRows();
    rows.CBF_JTCY.push({ ...rows.CBF_JTCY[1], CBFBM: rows.CBF[1].CBFBM });
    const f = runOnStore(toStore(rows), [duplicateId]);
    expect(brief(f)).toMatchObject([{ severity: 'warning', record: 3 }]);
    expect(f[0].message.zh).toContain(CBF1);
    // neither household is presumed right: the guidance says how to tell which side to change
    expect(f[0].trust?.zh).toContain('户口簿');
  });

  it('persons/member-remark: a deceased co-owner', () => {
    const rows = cleanRows();
    rows.CBF_JTCY[1].CYBZ = '7';
    const f = runOnStore(toStore(rows), [memberRemark]);
    expect(brief(f)).toMatchObject([{ id: 'deceasedOwner', record: 2, field: 'SFGYR' }]);
    expect(f[0].trust?.zh).toMatch(/SFGYR.*CYBZ/);
  });

  it('persons/phone: mobile and landline pass, a short number fails', () => {
    const rows = cleanRows();
    rows.CBF[0].LXDH = '13812345678';
    rows.FBF[0].LXDH = '0435-4222222';
    expect(brief(runOnStore(toStore(rows), [phone]))).toEqual([]);
    rows.CBF[1].LXDH = '12345';
    expect(brief(runOnStore(toStore(rows), [phone]))).toMatchObject([{ rule: 'persons/phone', table: 'CBF', record: 2, field: 'LXDH', actual: '12345' }]);
  });
});
