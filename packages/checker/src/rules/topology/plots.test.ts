import { describe, expect, it } from 'vitest';
import { brief } from '../testing/rule-tester.js';
import Database from 'better-sqlite3';
import { overlapTask, type OverlapHit } from '../../spatial/overlap.js';
import { resolveRules } from '../../engine/profile.js';
import { mergePartitions, runRule } from '../../engine/runner.js';
import { readPackageInfo } from '../../store/facts.js';
import { buildSpatialStore, polygon, runSpatial, square, type TestLayer } from '../testing/spatial-store.js';
import { rule as plotOverlap } from './plot-overlap.js';
import { rule as plotSnapping } from './plot-snapping.js';
import { rule as lineFragment } from './line-fragment.js';
import { rule as pointDuplicate } from './point-duplicate.js';

const X = 40_512_345.1234;
const Y = 3_412_678.5678;

function dk(...rings: number[][]): TestLayer {
  return { name: 'DK', rows: rings.map((r, i) => ({ DKBM: `34071110110100100${String(i + 1).padStart(2, '0')}`, geom: polygon(r) })) };
}

describe('topology/plot-overlap', () => {
  it('passes plots that share an edge or a corner', () => {
    expect(runSpatial([dk(square(X, Y, 10), square(X + 10, Y, 10), square(X + 20, Y + 10, 10))], [plotOverlap])).toEqual([]);
  });
  it('reports the overlap area, both DKBM and where it is', () => {
    const f = runSpatial([dk(square(X, Y, 10), square(X + 9.5, Y, 10), square(X + 40, Y, 10))], [plotOverlap]);
    expect(brief(f).map((b) => [b.id, b.record, b.actual])).toEqual([['overlap', 2, 5]]);
    expect(f[0].message.zh).toBe('地块 3407111011010010002 与地块 3407111011010010001 重叠，重叠面积 5 平方米');
    expect(f[0].location.bbox).toEqual([X + 9.5, Y, X + 10, Y + 10]);
  });
  it('ignores overlaps within the tolerance and reports duplicates', () => {
    const tiny = [X + 10 - 0.00001, Y, X + 10 - 0.00001, Y + 10, X + 20, Y + 10, X + 20, Y, X + 10 - 0.00001, Y];
    const f = runSpatial([dk(square(X, Y, 10), tiny, square(X, Y, 10))], [plotOverlap]);
    expect(brief(f).map((b) => [b.id, b.record])).toEqual([['duplicate', 3]]);
  });
});

describe('topology/plot-snapping', () => {
  it('passes snapped neighbours', () => {
    expect(runSpatial([dk(square(X, Y, 10), square(X + 10, Y, 10))], [plotSnapping])).toEqual([]);
  });
  it('reports neighbour vertices 0.02 m apart', () => {
    const b = [X + 10.02, Y, X + 10.02, Y + 10, X + 20, Y + 10, X + 20, Y, X + 10.02, Y];
    const f = runSpatial([dk(square(X, Y, 10), b)], [plotSnapping]);
    expect(brief(f).map((x) => [x.id, x.record, x.actual])).toEqual([['unsnapped', 1, 0.02]]);
  });
  it('reports a vertex on a neighbour edge without a shared vertex', () => {
    // plot 2 has a vertex at (X+10, Y+5) on plot 1's right edge; plot 1 has no vertex there
    const b = [X + 10, Y, X + 10, Y + 5, X + 10, Y + 10, X + 20, Y + 10, X + 20, Y, X + 10, Y];
    const f = runSpatial([dk(square(X, Y, 10), b)], [plotSnapping]);
    expect(brief(f).map((x) => [x.id, x.record])).toEqual([['tJunction', 2]]);
    expect(f[0].location.point).toEqual([X + 10, Y + 5]);
  });
});

describe('topology/line-fragment', () => {
  it('reports lines shorter than 0.05 m', () => {
    const f = runSpatial([{ name: 'JZX', rows: [{ JZXH: '1', geom: { type: 3, parts: [[X, Y, X + 5, Y]] } }, { JZXH: '2', geom: { type: 3, parts: [[X, Y, X + 0.01, Y]] } }] }], [lineFragment]);
    expect(brief(f).map((x) => [x.id, x.record, x.actual])).toEqual([['fragment', 2, 0.01]]);
  });
});

describe('topology/point-duplicate', () => {
  it('reports points within 0.001 m of an earlier one', () => {
    const pt = (x: number, y: number) => ({ type: 1, parts: [[x, y]] });
    const f = runSpatial([{ name: 'JZD', rows: [{ JZDH: 'J1', geom: pt(X, Y) }, { JZDH: 'J2', geom: pt(X + 1, Y) }, { JZDH: 'J3', geom: pt(X + 0.0005, Y) }] }], [pointDuplicate]);
    expect(brief(f).map((x) => [x.id, x.record, x.actual])).toEqual([['duplicate', 3, 0.0005]]);
  });
});

describe('topology/plot-overlap search partitions', () => {
  it('the partitions of the sweep together find exactly the pairs one partition finds', () => {
    const rings = [square(X, Y, 10), square(X + 9.5, Y, 10), square(X + 19, Y, 10), square(X + 40, Y, 10), square(X + 40, Y, 10), square(X + 28, Y + 5, 10)];
    expect(brief(runSpatial([dk(...rings)], [plotOverlap])).map((b) => [b.id, b.record, b.actual])).toEqual([
      ['overlap', 2, 5],
      ['overlap', 3, 5],
      ['duplicate', 5, undefined],
      ['overlap', 6, 5],
    ]);
    const store = buildSpatialStore([dk(...rings)]);
    try {
      const db = new Database(store.path, { readonly: true });
      try {
        const key = (h: OverlapHit) => `${h.later}/${h.first}/${h.kind}/${h.area}`;
        const whole = overlapTask(db, 0, 1, { minOverlapArea: 0.001 }).map(key).sort();
        const parts = [0, 1, 2].flatMap((p) => overlapTask(db, p, 3, { minOverlapArea: 0.001 })).map(key).sort();
        expect(whole).toHaveLength(4);
        expect(parts).toEqual(whole);
      } finally {
        db.close();
      }
    } finally {
      store.dispose();
    }
  });
});

describe('topology/plot-overlap partitioned by the runner', () => {
  it('merges its partitions into exactly the findings and counts of one run over the whole', () => {
    // plots scattered (not in x order, so sweep ranks differ from positions), many overlapping, one duplicate
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 60;
    const rings = Array.from({ length: 40 }, () => square(X + next(), Y + next(), 10));
    rings.push(rings[3]);
    const store = buildSpatialStore([dk(...rings)]);
    try {
      const db = new Database(store.path, { readonly: true });
      try {
        const info = readPackageInfo(db);
        const [resolved] = resolveRules([plotOverlap]);
        expect(plotOverlap.meta.partitions).toBeGreaterThan(1);
        for (const max of [1000, 7]) {
          const whole = runRule(db, info, resolved, max);
          expect(whole.count.errors).toBeGreaterThan(20);
          if (max === 1000) expect(whole.findings.some((f) => f.messageId === 'duplicate')).toBe(true);
          if (max === 7) expect(whole.count.dropped).toBe(whole.count.errors - 7);
          for (const count of [2, 3, 5]) {
            const parts = Array.from({ length: count }, (_, index) => runRule(db, info, resolved, max, { index, count }));
            // every partition did part of the work
            for (const p of parts) expect(p.count.errors).toBeGreaterThan(0);
            expect(mergePartitions(parts, max)).toEqual(whole);
          }
        }
      } finally {
        db.close();
      }
    } finally {
      store.dispose();
    }
  });
});
