import { describe, expect, it } from 'vitest';
import { brief } from '../testing/rule-tester.js';
import { polygon, runSpatial, type TestLayer } from '../testing/spatial-store.js';
import { rule as plotGap } from './plot-gap.js';

const X = 40_512_345.1234;
const Y = 3_412_678.5678;
const G = '34071110110101';

/** Bottom and top strips with left and right plots between them; `gap` metres of nothing between left and right. */
function group(gap: number): TestLayer {
  const r = X + 10 + gap;
  const bottom = [X, Y - 10, X, Y, X + 10, Y, ...(gap ? [r, Y] : []), X + 21, Y, X + 21, Y - 10, X, Y - 10];
  const top = [X, Y + 3, X, Y + 13, X + 21, Y + 13, X + 21, Y + 3, ...(gap ? [r, Y + 3] : []), X + 10, Y + 3, X, Y + 3];
  const left = [X, Y, X, Y + 3, X + 10, Y + 3, X + 10, Y, X, Y];
  const right = [r, Y, r, Y + 3, X + 21, Y + 3, X + 21, Y, r, Y];
  return { name: 'DK', rows: [bottom, top, left, right].map((ring, i) => ({ DKBM: `${G}0000${i + 1}`, geom: polygon(ring) })) };
}

describe('topology/plot-gap', () => {
  it('passes a group whose plots share their boundaries', () => {
    expect(runSpatial([group(0)], [plotGap])).toEqual([]);
  });
  it('warns about a 3 m² gap enclosed by the plots of a group', () => {
    const f = runSpatial([group(1)], [plotGap]);
    expect(brief(f).map((b) => [b.id, b.severity, b.actual])).toEqual([['gap', 'warning', 3]]);
    expect(f[0].location.bbox).toEqual([X + 10, Y, X + 11, Y + 3]);
    expect(f[0].fbfbm).toBe(G);
  });
  it('leaves larger enclosed land alone', () => {
    expect(runSpatial([group(1)], [plotGap], { rules: { 'topology/plot-gap': { options: { maxGapArea: 2 } } } })).toEqual([]);
  });
});
