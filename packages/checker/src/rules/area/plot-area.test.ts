import { describe, expect, it } from 'vitest';
import { brief } from '../testing/rule-tester.js';
import { polygon, runSpatial, square } from '../testing/spatial-store.js';
import { rule as plotArea } from './plot-area.js';

const X = 40_512_345.1234;
const Y = 3_412_678.5678;

describe('area/plot-area', () => {
  it('passes SCMJ equal to the plane area (rounded) and reports a wrong one', () => {
    const f = runSpatial(
      [
        {
          name: 'DK',
          rows: [
            { DKBM: '3407111011010010001', SCMJ: 1234.57, geom: polygon(square(X, Y, Math.sqrt(1234.5678))) },
            { DKBM: '3407111011010010002', SCMJ: 120, geom: polygon(square(X + 50, Y, 10)) },
            { DKBM: '3407111011010010003', SCMJ: 100.09, geom: polygon(square(X + 100, Y, 10)) },
          ],
        },
      ],
      [plotArea],
    );
    expect(brief(f)).toEqual([{ rule: 'area/plot-area', id: 'mismatch', severity: 'error', file: '矢量数据/DK2205812016.shp', table: 'DK', record: 2, field: 'SCMJ', actual: 120 }]);
    expect(f[0].expected).toBe(100);
    expect(f[0].message.zh).toBe('DK 3407111011010010002 的 SCMJ 为 120 平方米，图形面积为 100 平方米，相差 20 平方米');
  });
  it('checks MZDW.MJ and honours a tighter profile tolerance', () => {
    const layers = [{ name: 'MZDW', rows: [{ BSM: 7, MJ: 100.05, geom: polygon(square(X, Y, 10)) }] }];
    expect(runSpatial(layers, [plotArea])).toEqual([]);
    const strict = runSpatial(layers, [plotArea], { rules: { 'area/plot-area': { options: { absTolerance: 0.01, relTolerance: 0 } } } });
    expect(brief(strict).map((b) => [b.table, b.field, b.actual])).toEqual([['MZDW', 'MJ', 100.05]]);
  });
});
