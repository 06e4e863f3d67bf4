import { describe, expect, it } from 'vitest';
import { brief, runOnStore } from '../../testing/rule-tester.js';
import { cleanRows, DK1, DK2, DK4, toStore, type Rows } from '../../testing/test-package.js';
import { rule as contractedType } from './contracted-type.js';
import { listNames, PointLists, rule as kjzb } from './kjzb.js';

function withPoints(rows: Rows): Rows {
  rows.DK[0].KJZB = 'J1/J2/J3';
  rows.DK[1].KJZB = 'J2/J3/J4';
  rows.JZD = [
    { BSM: 101, YSDM: '211021', JZDH: 'J1', JZDLX: '3', JBLX: '6', DKBM: DK1, XZBZ: 1, YZBZ: 1 },
    { BSM: 102, YSDM: '211021', JZDH: 'J2', JZDLX: '3', JBLX: '6', DKBM: `${DK1}/${DK2}`, XZBZ: 1, YZBZ: 2 },
    { BSM: 103, YSDM: '211021', JZDH: 'J3', JZDLX: '3', JBLX: '6', DKBM: `${DK2}/${DK1}`, XZBZ: 2, YZBZ: 2 },
    { BSM: 104, YSDM: '211021', JZDH: 'J4', JZDLX: '3', JBLX: '6', DKBM: DK2, XZBZ: 2, YZBZ: 3 },
  ];
  return rows;
}

describe('plot rules', () => {
  it('pass on a consistent package', () => {
    expect(brief(runOnStore(toStore(withPoints(cleanRows())), [contractedType, kjzb]))).toEqual([]);
  });

  it('plots/kjzb: an unknown point and a point of another plot', () => {
    const rows = withPoints(cleanRows());
    rows.DK[0].KJZB = 'J1/J2/J3/J4/J9';
    expect(brief(runOnStore(toStore(rows), [kjzb])).map((x) => [x.id, x.record, x.actual])).toEqual([
      ['otherPlot', 1, 'J4'],
      ['unknown', 1, 'J9'],
    ]);
  });

  it('plots/contracted-type: CBDKXX row for a 自留地', () => {
    const rows = cleanRows();
    rows.CBDKXX.push({ ...rows.CBDKXX[2], DKBM: DK4 });
    expect(brief(runOnStore(toStore(rows), [contractedType]))).toMatchObject([{ table: 'CBDKXX', record: 4, actual: DK4 }]);
  });
});

describe('listNames', () => {
  it('says what splitting the list at / and trimming the items says', () => {
    const lists = ['A1/B22', 'B22/A1', ' A1 /B22', 'B22/ A1', 'A1', 'A12/B22', 'XA1/B22', 'B22/A1X', 'A1/', '/A1', '', 'B2 2/A 1', 'A1　/B'];
    for (const l of lists) {
      const bySplit = l.split('/').some((x) => x.trim() === 'A1');
      expect(listNames(l, 'A1'), l).toBe(bySplit);
    }
    expect(listNames('A1', '')).toBe(false);
  });
});

describe('PointLists', () => {
  it('keeps every row of a JZDH in row order and names a code as listNames does, past its first size', () => {
    const lists = ['A1/B22', 'B22/A1', ' A1 /B22', 'B22/ A1', 'A1', 'A12/B22', 'XA1/B22', 'B22/A1X', 'A1/', '/A1', '', 'B2 2/A 1', 'A1　/B', '甲/A1', 'A\u00001'];
    const points = new PointLists(1);
    const rows = Array.from({ length: 5000 }, (_, i) => ({ key: i % 7 === 0 ? `点${i % 3}` : `J${i % 2000}`, list: lists[i % lists.length] }));
    for (const r of rows) points.add(r.key, r.list);
    for (const key of new Set(rows.map((r) => r.key))) {
      const mine = rows.filter((r) => r.key === key).map((r) => r.list);
      expect(points.lists(key), key).toBe(mine.join('\u0000'));
      for (const code of ['A1', 'B22', 'A 1', '1', '']) {
        expect(points.names(`/${key} `, 1, key.length + 1, code), `${key} ${code}`).toBe(mine.join('\u0000').split('\u0000').some((l) => listNames(l, code)));
      }
    }
    expect(points.names('J2000', 0, 5, 'A1')).toBeUndefined();
    expect(points.lists('J2000')).toBeUndefined();
  });
});
