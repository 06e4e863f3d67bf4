import { describe, expect, it } from 'vitest';
import { brief } from '../testing/rule-tester.js';
import { polygon, runSpatial, type TestLayer } from '../testing/spatial-store.js';
import { rule as jzdPlotVertex } from './jzd-plot-vertex.js';
import { rule as jzdDkbm } from './jzd-dkbm.js';
import { rule as jzdCoordinates } from './jzd-coordinates.js';
import { rule as jzdNumber } from './jzd-number.js';
import { rule as jzxCoverage } from './jzx-coverage.js';
import { rule as jzxEnds } from './jzx-ends.js';
import { rule as jzxDkbm } from './jzx-dkbm.js';
import { rule as kjzbLocation } from './kjzb-location.js';

const X = 40_512_345.123;
const Y = 3_412_678.567;
const A = '3407111011010010001';
const B = '3407111011010010002';
const P: Record<string, [number, number]> = { J1: [X, Y], J2: [X, Y + 10], J3: [X + 10, Y + 10], J4: [X + 10, Y], J5: [X + 20, Y + 10], J6: [X + 20, Y] };
const at = (...ids: string[]) => ids.flatMap((id) => P[id]);

interface Variant {
  dk?: TestLayer['rows'];
  jzd?: TestLayer['rows'];
  jzx?: TestLayer['rows'];
}

/** Two plots side by side, their six 界址点 and three 界址线, all consistent unless a variant says otherwise. */
function pkg(v: Variant = {}): TestLayer[] {
  const jzd = Object.entries(P).map(([id, [x, y]]) => ({
    JZDH: id,
    DKBM: id === 'J3' || id === 'J4' ? `${A}/${B}` : id === 'J1' || id === 'J2' ? A : B,
    XZBZ: y,
    YZBZ: x,
    geom: { type: 1, parts: [[x, y]] },
  }));
  return [
    {
      name: 'DK',
      rows: v.dk ?? [
        { DKBM: A, KJZB: 'J1/J3', geom: polygon(at('J1', 'J2', 'J3', 'J4', 'J1')) },
        { DKBM: B, KJZB: 'J4/J5', geom: polygon(at('J4', 'J3', 'J5', 'J6', 'J4')) },
      ],
    },
    { name: 'JZD', rows: v.jzd ?? jzd },
    {
      name: 'JZX',
      rows: v.jzx ?? [
        { JZXH: 'L1', QJZDH: 'J4', ZJZDH: 'J3', DKBM: A, geom: { type: 3, parts: [at('J4', 'J1', 'J2', 'J3')] } },
        { JZXH: 'L2', QJZDH: 'J3', ZJZDH: 'J4', DKBM: `${A}/${B}`, geom: { type: 3, parts: [at('J3', 'J4')] } },
        { JZXH: 'L3', QJZDH: 'J3', ZJZDH: 'J4', DKBM: B, geom: { type: 3, parts: [at('J3', 'J5', 'J6', 'J4')] } },
      ],
    },
  ];
}

const all = [jzdPlotVertex, jzdDkbm, jzdCoordinates, jzdNumber, jzxCoverage, jzxEnds, jzxDkbm, kjzbLocation];
const short = (f: ReturnType<typeof runSpatial>) => brief(f).map((b) => [b.rule.replace('topology/', ''), b.id, b.table, b.record, b.actual]);

describe('JZD / JZX against DK', () => {
  it('a consistent pair of plots passes every rule', () => {
    expect(runSpatial(pkg(), all)).toEqual([]);
  });

  it('jzd-plot-vertex: a vertex without JZD and a JZD off every vertex', () => {
    const base = pkg();
    const jzd = base[1].rows.map((r) => (r.JZDH === 'J6' ? { ...r, geom: { type: 1, parts: [[X + 25, Y]] } } : r));
    expect(short(runSpatial(pkg({ jzd }), [jzdPlotVertex]))).toEqual([
      ['jzd-plot-vertex', 'vertexWithoutPoint', 'DK', 2, 1],
      ['jzd-plot-vertex', 'pointOffVertex', 'JZD', 6, undefined],
    ]);
  });

  it('jzd-dkbm: missing and extra plot codes', () => {
    const jzd = pkg()[1].rows.map((r) => (r.JZDH === 'J3' ? { ...r, DKBM: A } : r.JZDH === 'J1' ? { ...r, DKBM: `${A}/${B}` } : r));
    expect(short(runSpatial(pkg({ jzd }), [jzdDkbm]))).toEqual([
      ['jzd-dkbm', 'extra', 'JZD', 1, B],
      ['jzd-dkbm', 'missing', 'JZD', 3, B],
    ]);
  });

  it('jzd-coordinates: swapped X/Y and a wrong value', () => {
    const jzd = pkg()[1].rows.map((r) => (r.JZDH === 'J2' ? { ...r, XZBZ: P.J2[0], YZBZ: P.J2[1] } : r.JZDH === 'J5' ? { ...r, YZBZ: P.J5[0] + 1 } : r));
    const f = runSpatial(pkg({ jzd }), [jzdCoordinates]);
    expect(short(f)).toEqual([
      ['jzd-coordinates', 'swapped', 'JZD', 2, P.J2[0]],
      ['jzd-coordinates', 'mismatch', 'JZD', 5, P.J5[0] + 1],
    ]);
    expect(f[1].location.field).toBe('YZBZ');
  });

  it('jzd-number: a repeated JZDH', () => {
    const jzd = pkg()[1].rows.map((r) => (r.JZDH === 'J6' ? { ...r, JZDH: 'J1' } : r));
    expect(short(runSpatial(pkg({ jzd }), [jzdNumber]))).toEqual([['jzd-number', 'duplicate', 'JZD', 6, 'J1']]);
    // per 发包方 numbering: J1 of A and J1 of B may repeat
    expect(runSpatial(pkg({ jzd }), [jzdNumber], { rules: { 'topology/jzd-number': { options: { scope: 'fbf' } } } }).length).toBe(1);
  });

  it('jzx-coverage: a missing line leaves plot edges bare; a line off the boundary', () => {
    const lines = pkg()[2].rows;
    const jzx = [lines[0], lines[2], { JZXH: 'L9', QJZDH: 'J1', ZJZDH: 'J3', DKBM: A, geom: { type: 3, parts: [at('J1', 'J3')] } }];
    expect(short(runSpatial(pkg({ jzx }), [jzxCoverage]))).toEqual([
      ['jzx-coverage', 'uncovered', 'DK', 1, 1],
      ['jzx-coverage', 'uncovered', 'DK', 2, 1],
      ['jzx-coverage', 'offBoundary', 'JZX', 3, 1],
    ]);
  });

  it('jzx-ends: QJZDH not the point at the start', () => {
    const jzx = pkg()[2].rows.map((r) => (r.JZXH === 'L2' ? { ...r, QJZDH: 'J5' } : r));
    expect(short(runSpatial(pkg({ jzx }), [jzxEnds]))).toEqual([['jzx-ends', 'mismatch', 'JZX', 2, 'J5']]);
  });

  it('jzx-dkbm: a shared line naming one plot only', () => {
    const jzx = pkg()[2].rows.map((r) => (r.JZXH === 'L2' ? { ...r, DKBM: A } : r));
    expect(short(runSpatial(pkg({ jzx }), [jzxDkbm]))).toEqual([['jzx-dkbm', 'missing', 'JZX', 2, B]]);
  });

  it('kjzb-location: a key point of another plot', () => {
    const dk = pkg()[0].rows.map((r) => (r.DKBM === A ? { ...r, KJZB: 'J1/J6' } : r));
    expect(short(runSpatial(pkg({ dk }), [kjzbLocation]))).toEqual([['kjzb-location', 'offPlot', 'DK', 1, 'J6']]);
  });
});
