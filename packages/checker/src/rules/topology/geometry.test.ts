import { describe, expect, it } from 'vitest';
import { brief } from '../testing/rule-tester.js';
import { polygon, runSpatial, square, type TestLayer } from '../testing/spatial-store.js';
import { rule as geometryShape } from './geometry-shape.js';
import { rule as ringStructure } from './ring-structure.js';
import { rule as ringOrientation } from './ring-orientation.js';
import { rule as polygonValid } from './polygon-valid.js';
import { rule as vertexSpacing } from './vertex-spacing.js';
import { rule as sharpAngle } from './sharp-angle.js';
import { rule as sliver } from './sliver.js';

/** Realistic zone-40 Gauss-Krüger coordinates, so the local-origin arithmetic is exercised. */
const X = 40_512_345.1234;
const Y = 3_412_678.5678;

function dk(...geoms: (ReturnType<typeof polygon> | null)[]): TestLayer {
  return { name: 'DK', rows: geoms.map((geom, i) => ({ DKBM: `34071110110100100${String(i + 1).padStart(2, '0')}`, geom })) };
}

describe('topology/geometry-shape', () => {
  it('passes polygons in DK and points in JZD', () => {
    const f = runSpatial([dk(polygon(square(X, Y, 10))), { name: 'JZD', rows: [{ JZDH: 'J1', geom: { type: 1, parts: [[X, Y]] } }] }], [geometryShape]);
    expect(f).toEqual([]);
  });
  it('reports null shapes, wrong types and Z', () => {
    const f = runSpatial(
      [dk(null, { type: 3, parts: [[X, Y, X + 1, Y + 1]] }, { type: 15, parts: [square(X, Y, 10)], z: [[0, 0, 0, 0, 0]] })],
      [geometryShape],
    );
    expect(brief(f).map((b) => [b.id, b.record, b.actual])).toEqual([
      ['nullShape', 1, undefined],
      ['wrongType', 2, 'PolyLine'],
      ['zm', 3, '15'],
    ]);
    expect(f[1].location.keys).toEqual({ DKBM: '3407111011010010002' });
  });
});

describe('topology/ring-structure', () => {
  it('passes a closed square with a hole', () => {
    const ccw = [X + 2, Y + 2, X + 4, Y + 2, X + 4, Y + 4, X + 2, Y + 4, X + 2, Y + 2];
    expect(runSpatial([dk(polygon(square(X, Y, 10), ccw))], [ringStructure])).toEqual([]);
  });
  it('reports unclosed rings, too few points and multipart plots', () => {
    const f = runSpatial([dk(polygon([X, Y, X, Y + 5, X + 5, Y + 5, X + 5, Y]), polygon([X, Y, X, Y + 5, X, Y]), polygon(square(X, Y, 5), square(X + 10, Y, 5)))], [ringStructure]);
    expect(brief(f).map((b) => [b.id, b.record, b.actual])).toEqual([
      ['notClosed', 1, undefined],
      ['tooFewPoints', 2, 3],
      ['multipart', 3, 2],
    ]);
    expect(f[0].location.point).toEqual([X + 5, Y]);
  });
});

describe('topology/ring-orientation', () => {
  it('warns on a counter-clockwise outer ring only', () => {
    const ccw = [X, Y, X + 10, Y, X + 10, Y + 10, X, Y + 10, X, Y];
    const f = runSpatial([dk(polygon(square(X, Y, 10)), polygon(ccw))], [ringOrientation]);
    expect(brief(f)).toEqual([{ rule: 'topology/ring-orientation', id: 'outerCcw', severity: 'warning', file: '矢量数据/DK2205812016.shp', table: 'DK', record: 2 }]);
  });
});

describe('topology/polygon-valid', () => {
  it('passes a valid plot and reports a bow-tie at the crossing', () => {
    const bowtie = [X, Y, X + 10, Y + 10, X + 10, Y, X, Y + 10, X, Y];
    const f = runSpatial([dk(polygon(square(X, Y, 10)), polygon(bowtie))], [polygonValid]);
    expect(brief(f).map((b) => [b.id, b.record, b.actual])).toEqual([['invalid', 2, 'Self-intersection']]);
    expect(f[0].location.point).toEqual([X + 5, Y + 5]);
    expect(f[0].message.zh).toContain('自相交');
  });
  it('leaves to GEOS the rings no sign test proves simple: a vertex touching the ring, an edge crossed 1e-7 m from a vertex', () => {
    const touch = [X, Y, X, Y + 10, X + 5, Y + 5, X + 10, Y + 10, X + 10, Y, X + 5, Y + 5, X, Y];
    const near = [X + 3.0000002, Y + 2, X + 1, Y, X + 2, Y + 2, X + 4, Y + 2.0000002, X + 2, Y + 4, X + 3.0000002, Y + 2];
    const f = runSpatial([dk(polygon(square(X, Y, 10)), polygon(touch), polygon(near))], [polygonValid]);
    expect(brief(f).map((b) => [b.id, b.record])).toEqual([
      ['invalid', 2],
      ['invalid', 3],
    ]);
  });
});

describe('topology/vertex-spacing', () => {
  it('reports repeated and too-close consecutive vertices, not a clean ring', () => {
    const dup = [X, Y, X, Y + 10, X, Y + 10, X + 10, Y + 10, X + 10, Y, X, Y];
    const close = [X, Y, X, Y + 10, X + 0.03, Y + 10, X + 10, Y + 10, X + 10, Y, X, Y];
    const f = runSpatial([dk(polygon(square(X, Y, 10)), polygon(dup), polygon(close))], [vertexSpacing]);
    expect(brief(f).map((b) => [b.id, b.record, b.actual])).toEqual([
      ['duplicate', 2, undefined],
      ['tooClose', 3, 0.03],
    ]);
  });
  it('honours the profile threshold', () => {
    const close = [X, Y, X, Y + 10, X + 0.03, Y + 10, X + 10, Y + 10, X + 10, Y, X, Y];
    expect(runSpatial([dk(polygon(close))], [vertexSpacing], { rules: { 'topology/vertex-spacing': { options: { minDistance: 0.01 } } } })).toEqual([]);
  });
});

describe('topology/sharp-angle', () => {
  it('reports a spike below 5° and passes right angles', () => {
    // a thin triangle: angle at the apex ≈ 2.86°
    const spike = [X, Y, X + 100, Y + 5, X + 100, Y, X, Y];
    const f = runSpatial([dk(polygon(square(X, Y, 10)), polygon(spike))], [sharpAngle]);
    expect(brief(f).map((b) => [b.id, b.record])).toEqual([['sharp', 2]]);
    expect(f[0].actual).toBeCloseTo(2.86, 2);
    expect(f[0].location.point).toEqual([X, Y]);
  });
});

describe('topology/sliver', () => {
  it('reports polygons under 1 m² using local coordinates', () => {
    const f = runSpatial([dk(polygon(square(X, Y, 10)), polygon(square(X, Y, 0.9)))], [sliver]);
    expect(brief(f).map((b) => [b.id, b.record, b.actual])).toEqual([['sliver', 2, 0.81]]);
  });
});
