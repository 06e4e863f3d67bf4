import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../../engine/profile.js';
import { runRules } from '../../../engine/runner.js';
import { readPackageInfo } from '../../../store/facts.js';
import { brief, buildStore, runOnStore } from '../../testing/rule-tester.js';
import { rule as foreignKey } from './foreign-key.js';
import { rule as orphans } from './orphans.js';
import { rule as prefix } from './prefix.js';
import { CBF1, cleanRows, DK2, FBFBM, HT1, HT2, toStore } from '../../testing/test-package.js';

describe('reference rules', () => {
  it('pass on a consistent package', () => {
    expect(brief(runOnStore(toStore(cleanRows()), [foreignKey, orphans, prefix]))).toEqual([]);
  });

  it('references/foreign-key: a plot whose contract is missing; a member of no household', () => {
    const rows = cleanRows();
    rows.CBDKXX[2].CBHTBM = `${FBFBM}9999Q`;
    rows.CBF_JTCY[1].CBFBM = `${FBFBM}0002`;
    const f = brief(runOnStore(toStore(rows), [foreignKey]));
    expect(f.map((x) => [x.table, x.record, x.field, x.actual])).toEqual([
      ['CBDKXX', 3, 'CBHTBM', `${FBFBM}9999Q`],
      ['CBF_JTCY', 2, 'CBFBM', `${FBFBM}0002`],
    ]);
  });

  it('references/foreign-key: CBF prefix without 发包方', () => {
    const rows = cleanRows();
    rows.CBF[1].CBFBM = '220581100201028001';
    const f = brief(runOnStore(toStore(rows), [foreignKey]));
    expect(f.find((x) => x.table === 'CBF')).toMatchObject({ id: 'missingPrefix', record: 2 });
  });

  it('references/foreign-key: an unknown LZHTBM, a plot not in the DK layer', () => {
    const rows = cleanRows();
    rows.CBDKXX[0].LZHTBM = `${FBFBM}0001`;
    rows.LZHT = [];
    rows.DK.splice(1, 1);
    const f = brief(runOnStore(toStore(rows), [foreignKey]));
    expect(f.map((x) => [x.record, x.field])).toEqual([[2, 'DKBM']]);
  });

  it('references/foreign-key: a key missing from a table several relations point to is missing for each; a second run on the connection finds the same', () => {
    const rows = cleanRows();
    rows.CBF.splice(0, 1);
    const store = buildStore(toStore(rows));
    try {
      const db = new Database(store.path, { readonly: true, fileMustExist: true });
      try {
        const run = () => brief(runRules(db, readPackageInfo(db), resolveRules([foreignKey])).findings).map((x) => [x.table, x.field, x.actual]);
        const first = run();
        expect(first.filter(([, field, actual]) => field === 'CBFBM' && actual === CBF1).map(([table]) => table)).toEqual(['CBDKXX', 'CBDKXX', 'CBF_JTCY', 'CBF_JTCY', 'CBHT', 'CBJYQZDJB']);
        expect(run()).toEqual(first);
        // the rule's key tables are its own: none is left on the connection
        expect(db.prepare(`SELECT name FROM temp.sqlite_master`).all()).toEqual([]);
      } finally {
        db.close();
      }
    } finally {
      store.dispose();
    }
  });

  it('references/orphans: a contract without register, a 承包地块 without CBDKXX, a register without certificate', () => {
    const rows = cleanRows();
    rows.CBDKXX.splice(1, 1);
    rows.CBJYQZ.splice(1, 1);
    const found = runOnStore(toStore(rows), [orphans]);
    // the missing side may be the one to add: the guidance never says only "delete this record"
    expect(found.every((x) => x.trust?.zh.includes('补录'))).toBe(true);
    const f = brief(found);
    expect(f.map((x) => [x.id, x.table, x.actual])).toEqual([
      ['registerNoCertificate', 'CBJYQZDJB', HT2],
      ['parcelNoInfo', 'DK', DK2],
    ]);
  });

  it('references/orphans: a 发包方 with no contract is a warning', () => {
    const rows = cleanRows();
    rows.FBF.push({ ...rows.FBF[0], FBFBM: '22058110020102' });
    expect(brief(runOnStore(toStore(rows), [orphans]))).toMatchObject([{ id: 'fbfUnused', severity: 'warning', table: 'FBF', record: 2 }]);
  });

  it('references/prefix: CBDKXX.FBFBM not the contractor prefix; CBHTBM ≠ CBJYQZBM', () => {
    const rows = cleanRows();
    rows.CBDKXX[0].FBFBM = '22058110020102';
    rows.CBDKXX[1].CBJYQZBM = HT2;
    const f = brief(runOnStore(toStore(rows), [prefix]));
    expect(f.map((x) => [x.record, x.field, x.actual])).toEqual([
      [1, 'FBFBM', '22058110020102'],
      [1, 'FBFBM', '22058110020102'],
      [2, 'CBHTBM', HT1],
    ]);
    expect(CBF1.startsWith(FBFBM)).toBe(true);
  });
});
