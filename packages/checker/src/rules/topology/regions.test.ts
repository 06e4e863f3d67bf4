import { describe, expect, it } from 'vitest';
import { brief } from '../testing/rule-tester.js';
import { polygon, runSpatial, square, type TestLayer } from '../testing/spatial-store.js';
import { rule as plotRegion } from './plot-region.js';
import { rule as regionNesting } from './region-nesting.js';
import { rule as regionFeatures } from './region-features.js';
import { rule as sfjbnt } from './sfjbnt.js';

const X = 40_512_345.1234;
const Y = 3_412_678.5678;
const county = '340711';
const town = `${county}101`;
const village = `${town}101`;
const group1 = `${village}01`;
const group2 = `${village}02`;

/** County ⊃ town ⊃ village ⊃ two groups side by side (100 × 100 m each). */
function regions(over: Partial<Record<'XJXZQ' | 'XJQY' | 'CJQY' | 'ZJQY', TestLayer['rows']>> = {}): TestLayer[] {
  return [
    { name: 'XJXZQ', rows: over.XJXZQ ?? [{ XZQDM: county, geom: polygon(square(X - 100, Y - 100, 400)) }] },
    { name: 'XJQY', rows: over.XJQY ?? [{ XJQYDM: town, geom: polygon(square(X - 50, Y - 50, 300)) }] },
    { name: 'CJQY', rows: over.CJQY ?? [{ CJQYDM: village, geom: polygon(square(X, Y, 200)) }] },
    {
      name: 'ZJQY',
      rows: over.ZJQY ?? [
        { ZJQYDM: group1, geom: polygon([X, Y, X, Y + 100, X + 100, Y + 100, X + 100, Y, X, Y]) },
        { ZJQYDM: group2, geom: polygon([X + 100, Y, X + 100, Y + 100, X + 200, Y + 100, X + 200, Y, X + 100, Y]) },
      ],
    },
  ];
}

describe('topology/plot-region', () => {
  it('passes plots inside the group their DKBM names; reports one outside and a missing group', () => {
    const dk: TestLayer = {
      name: 'DK',
      rows: [
        { DKBM: `${group1}00001`, geom: polygon(square(X + 10, Y + 10, 20)) },
        { DKBM: `${group1}00002`, geom: polygon(square(X + 110, Y + 10, 20)) },
        { DKBM: `${village}0300001`, geom: polygon(square(X + 10, Y + 150, 20)) },
      ],
    };
    const f = runSpatial([...regions(), dk], [plotRegion]);
    expect(brief(f).map((b) => [b.id, b.record, b.actual])).toEqual([
      ['outside', 2, 400],
      ['noRegion', 3, `${village}03`],
    ]);
  });
});

describe('topology/region-nesting', () => {
  it('passes nested regions; reports a group sticking out of its village and overlapping siblings', () => {
    expect(runSpatial(regions(), [regionNesting])).toEqual([]);
    const zjqy = [
      { ZJQYDM: group1, geom: polygon([X, Y, X, Y + 100, X + 120, Y + 100, X + 120, Y, X, Y]) },
      { ZJQYDM: group2, geom: polygon([X + 100, Y, X + 100, Y + 100, X + 210, Y + 100, X + 210, Y, X + 100, Y]) },
    ];
    const f = runSpatial(regions({ ZJQY: zjqy }), [regionNesting]);
    expect(brief(f).map((b) => [b.id, b.table, b.record, b.actual])).toEqual([
      ['overlap', 'ZJQY', 2, 2000],
      ['outsideParent', 'ZJQY', 2, 1000],
    ]);
  });
});

describe('topology/region-features', () => {
  it('reports a control point outside the county and a region line off every boundary', () => {
    const kzd: TestLayer = { name: 'KZD', rows: [{ KZDDH: 'K1', geom: { type: 1, parts: [[X, Y]] } }, { KZDDH: 'K2', geom: { type: 1, parts: [[X + 5000, Y]] } }] };
    const qyjx: TestLayer = {
      name: 'QYJX',
      rows: [
        { JXXZ: '1', geom: { type: 3, parts: [[X + 100, Y, X + 100, Y + 100]] } },
        { JXXZ: '1', geom: { type: 3, parts: [[X + 50, Y + 10, X + 50, Y + 90]] } },
      ],
    };
    const f = runSpatial([...regions(), kzd, qyjx], [regionFeatures]);
    expect(brief(f).map((b) => [b.id, b.table, b.record])).toEqual([
      ['kzdOutside', 'KZD', 2],
      ['qyjxOffBoundary', 'QYJX', 2],
    ]);
  });
});

describe('topology/sfjbnt', () => {
  it('warns when SFJBNT disagrees with the protection zones', () => {
    const zones: TestLayer = { name: 'JBNTBHQ', rows: [{ BHQBH: 'B1', geom: polygon(square(X, Y, 50)) }] };
    const dk: TestLayer = {
      name: 'DK',
      rows: [
        { DKBM: `${group1}00001`, SFJBNT: '1', geom: polygon(square(X + 10, Y + 10, 20)) },
        { DKBM: `${group1}00002`, SFJBNT: '2', geom: polygon(square(X + 70, Y + 10, 20)) },
        { DKBM: `${group1}00003`, SFJBNT: '1', geom: polygon(square(X + 70, Y + 60, 20)) },
        { DKBM: `${group1}00004`, SFJBNT: '2', geom: polygon(square(X + 5, Y + 5, 10)) },
      ],
    };
    const f = runSpatial([zones, dk], [sfjbnt]);
    expect(brief(f).map((b) => [b.id, b.severity, b.record, b.actual])).toEqual([
      ['yesOutside', 'warning', 3, '0%'],
      ['noInside', 'warning', 4, '100%'],
    ]);
  });

  it('measures plots astride a zone edge and plots in overlapping zones', () => {
    const zones: TestLayer = {
      name: 'JBNTBHQ',
      rows: [
        { BHQBH: 'B1', geom: polygon(square(X, Y, 50)) },
        { BHQBH: 'B2', geom: polygon(square(X + 25, Y, 50)) },
      ],
    };
    const dk: TestLayer = {
      name: 'DK',
      rows: [
        { DKBM: `${group1}00001`, SFJBNT: '2', geom: polygon(square(X + 40, Y + 40, 20)) },
        { DKBM: `${group1}00002`, SFJBNT: '2', geom: polygon(square(X + 30, Y + 10, 10)) },
        { DKBM: `${group1}00003`, SFJBNT: '1', geom: polygon(square(X + 60, Y + 60, 20)) },
        { DKBM: `${group1}00004`, SFJBNT: '1', geom: polygon(square(X + 70, Y + 45, 10)) },
        { DKBM: `${group1}00005`, SFJBNT: '1', geom: polygon(square(X + 5, Y + 5, 10)) },
      ],
    };
    const f = runSpatial([zones, dk], [sfjbnt]);
    expect(brief(f).map((b) => [b.id, b.record, b.actual])).toEqual([
      ['noInside', 1, '75%'],
      ['noInside', 2, '200%'],
      ['yesOutside', 3, '0%'],
      ['yesOutside', 4, '25%'],
    ]);
  });
});
