import { beforeAll, describe, expect, it } from 'vitest';
import { destroy, relatePattern } from './geos.js';
import { interiorsSurelyDisjoint, isSimpleRing, ringSurelyCovers, type Ring } from './interiors.js';
import { initGeos, makePolygon } from './geos.js';

beforeAll(() => initGeos());

/** A closed ring from [x, y] pairs (the first point is repeated at the end). */
function ring(points: readonly (readonly [number, number])[]): Ring {
  const closed = [...points, points[0]];
  const c = Float64Array.from(closed.flat());
  const xs = closed.map((p) => p[0]);
  const ys = closed.map((p) => p[1]);
  return { c, start: 0, end: closed.length, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
}

/** GEOS's answer for the same pair: do the interiors meet (DE-9IM T********)? */
function geosOverlap(a: Ring, b: Ring): boolean {
  const ga = makePolygon([a.c]);
  const gb = makePolygon([b.c]);
  try {
    return relatePattern(ga, gb, 'T********');
  } finally {
    destroy(ga);
    destroy(gb);
  }
}

const square = (x: number, y: number, s = 10): [number, number][] => [
  [x, y],
  [x, y + s],
  [x + s, y + s],
  [x + s, y],
];

describe('interiorsSurelyDisjoint', () => {
  const cases: { name: string; a: Ring; b: Ring; disjoint: boolean }[] = [
    { name: 'neighbours sharing an edge', a: ring(square(0, 0)), b: ring(square(10, 0)), disjoint: true },
    { name: 'touching at one corner', a: ring(square(0, 0)), b: ring(square(10, 10)), disjoint: true },
    { name: 'apart, boxes overlapping', a: ring([[0, 0], [0, 10], [1, 10], [10, 0]]), b: ring([[10, 10], [10, 2], [9, 10]]), disjoint: true },
    {
      name: 'T-junction: a vertex of the neighbour on the edge',
      a: ring(square(0, 0)),
      b: ring([[10, 0], [10, 5], [10, 10], [20, 10], [20, 0]]),
      disjoint: true,
    },
    { name: 'shared edge partly (neighbour shorter)', a: ring(square(0, 0)), b: ring([[10, 2], [10, 6], [14, 6], [14, 2]]), disjoint: true },
    { name: 'overlap by a strip', a: ring(square(0, 0)), b: ring(square(9.5, 0)), disjoint: false },
    { name: 'overlap by a sliver of 1 mm', a: ring(square(0, 0)), b: ring(square(9.999, 0)), disjoint: false },
    { name: 'identical (duplicate plot)', a: ring(square(0, 0)), b: ring(square(0, 0)), disjoint: false },
    { name: 'identical, other start vertex', a: ring(square(0, 0)), b: ring([[0, 10], [10, 10], [10, 0], [0, 0]]), disjoint: false },
    { name: 'one inside the other', a: ring(square(0, 0)), b: ring(square(2, 2, 3)), disjoint: false },
    { name: 'inside, touching the boundary from within', a: ring(square(0, 0)), b: ring([[0, 2], [0, 6], [4, 6], [4, 2]]), disjoint: false },
    { name: 'edges crossing', a: ring(square(0, 0)), b: ring([[5, -5], [5, 5], [15, 5], [15, -5]]), disjoint: false },
    {
      name: 'collinear edge continuing into the other plot',
      a: ring([[0, 0], [0, 10], [10, 10], [10, 0]]),
      b: ring([[10, 10], [10, 5], [5, 5], [5, 10], [5, 20], [10, 20]]),
      disjoint: false,
    },
    { name: 'sharing two edges around a corner', a: ring(square(0, 0)), b: ring([[10, 0], [10, 10], [0, 10], [0, 20], [20, 20], [20, 0]]), disjoint: true },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.disjoint ? 'disjoint' : 'left to GEOS'}, never disjoint where GEOS finds an overlap`, () => {
      expect(interiorsSurelyDisjoint(c.a, c.b)).toBe(c.disjoint);
      expect(interiorsSurelyDisjoint(c.b, c.a)).toBe(c.disjoint);
      if (c.disjoint) expect(geosOverlap(c.a, c.b)).toBe(false);
    });
  }

  it('agrees with GEOS on random lattice neighbours with jittered shared vertices', () => {
    // a 12 × 12 lattice of quads with shared jittered corners; every third pair has one corner pushed inwards
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 12;
    const corner = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => [i * 10 + rand() * 4, j * 10 + rand() * 4] as [number, number]));
    const cells: Ring[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const pts: [number, number][] = [corner[i][j], corner[i][j + 1], corner[i + 1][j + 1], corner[i + 1][j]];
        if ((i * n + j) % 3 === 0) pts[2] = [pts[2][0] + 1.5, pts[2][1] + 1.5]; // pushed into the next cells
        cells.push(ring(pts));
      }
    }
    let disjoint = 0;
    let overlaps = 0;
    for (let a = 0; a < cells.length; a++) {
      for (let b = a + 1; b < cells.length; b++) {
        const A = cells[a];
        const B = cells[b];
        if (A.box[2] < B.box[0] || B.box[2] < A.box[0] || A.box[3] < B.box[1] || B.box[3] < A.box[1]) continue;
        if (!isSimpleRing(A) || !isSimpleRing(B)) continue;
        const geos = geosOverlap(A, B);
        if (geos) overlaps++;
        if (interiorsSurelyDisjoint(A, B)) {
          disjoint++;
          expect(geos, `cells ${a} and ${b}`).toBe(false);
        }
      }
    }
    expect(overlaps).toBeGreaterThan(10);
    expect(disjoint).toBeGreaterThan(100);
  });
});

describe('interiorsSurelyDisjoint edge skipping', () => {
  it('gives the same answer as with the box test disabled (every edge against every edge) on generated neighbours', () => {
    // jittered lattice cells with extra vertices on shared edges and some corners pushed inwards, every pair whose
    // boxes meet (within 1 m); an unbounded box makes piecesAgainst walk all of b's edges for every edge of a
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 14;
    const corner = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => [i * 10 + rand() * 4, j * 10 + rand() * 4] as [number, number]));
    const mid = (p: [number, number], q: [number, number], t: number): [number, number] => [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
    const cells: Ring[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const [a, b, c, d] = [corner[i][j], corner[i][j + 1], corner[i + 1][j + 1], corner[i + 1][j]];
        const pts: [number, number][] = (i + j) % 2 === 0 ? [a, mid(a, b, 0.5), b, c, d] : [a, b, mid(b, c, 0.25), c, d, mid(d, a, 0.5)];
        if ((i * n + j) % 3 === 0) pts[3] = [pts[3][0] + 1.5, pts[3][1] + 1.5]; // pushed into the next cells
        cells.push(ring(pts));
      }
    }
    const unbounded = (r: Ring): Ring => ({ ...r, box: [-Infinity, -Infinity, Infinity, Infinity] });
    let pairs = 0;
    let disjoint = 0;
    for (let a = 0; a < cells.length; a++) {
      for (let b = 0; b < cells.length; b++) {
        const A = cells[a];
        const B = cells[b];
        if (a === b || A.box[2] + 1 < B.box[0] || B.box[2] + 1 < A.box[0] || A.box[3] + 1 < B.box[1] || B.box[3] + 1 < A.box[1]) continue;
        if (!isSimpleRing(A) || !isSimpleRing(B)) continue;
        pairs++;
        const fast = interiorsSurelyDisjoint(A, B);
        if (fast) disjoint++;
        expect(fast, `cells ${a} and ${b}`).toBe(interiorsSurelyDisjoint(unbounded(A), unbounded(B)));
      }
    }
    expect(pairs).toBeGreaterThan(1000);
    expect(disjoint).toBeGreaterThan(500);
    expect(pairs - disjoint).toBeGreaterThan(50);
  });
});

describe('isSimpleRing', () => {
  it('accepts a plain quad and refuses a bow tie, a spike, a repeated vertex and a self-touching ring', () => {
    expect(isSimpleRing(ring(square(0, 0)))).toBe(true);
    expect(isSimpleRing(ring([[0, 0], [10, 10], [10, 0], [0, 10]]))).toBe(false);
    expect(isSimpleRing(ring([[0, 0], [0, 10], [5, 10], [5, 15], [5, 10], [10, 10], [10, 0]]))).toBe(false);
    expect(isSimpleRing(ring([[0, 0], [0, 10], [0, 10], [10, 10], [10, 0]]))).toBe(false);
    expect(isSimpleRing(ring([[0, 0], [0, 10], [5, 0], [10, 10], [10, 0]]))).toBe(false);
  });
});

describe('ringSurelyCovers', () => {
  /** GEOS's answer: does outer cover inner? */
  function geosCovers(outer: Ring, inner: Ring): boolean {
    const go = makePolygon([outer.c]);
    const gi = makePolygon([inner.c]);
    try {
      return relatePattern(gi, go, 'T*F**F***');
    } finally {
      destroy(go);
      destroy(gi);
    }
  }
  const region = ring([[0, 0], [0, 100], [50, 100], [100, 100], [100, 0]]);
  const notched = ring([[0, 0], [0, 100], [100, 100], [100, 60], [40, 60], [40, 40], [100, 40], [100, 0]]);
  const cases: { name: string; outer: Ring; inner: Ring; covers: boolean }[] = [
    { name: 'inside, away from the edge', outer: region, inner: ring(square(10, 10)), covers: true },
    { name: 'inside, sharing part of an edge', outer: region, inner: ring(square(0, 20)), covers: true },
    { name: 'inside, in a corner', outer: region, inner: ring(square(90, 90)), covers: true },
    { name: 'outside, sharing an edge', outer: region, inner: ring(square(100, 20)), covers: false },
    { name: 'astride the edge', outer: region, inner: ring(square(95, 20)), covers: false },
    { name: 'the same ring', outer: region, inner: region, covers: true },
    { name: 'the outer ring inside the inner one', outer: ring(square(10, 10)), inner: region, covers: false },
    { name: 'in the notch, box inside the outer box', outer: notched, inner: ring(square(60, 45)), covers: false },
    { name: 'beside the notch, sharing its edge', outer: notched, inner: ring(square(60, 30)), covers: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(ringSurelyCovers(c.outer, c.inner)).toBe(c.covers);
      expect(geosCovers(c.outer, c.inner)).toBe(c.covers);
    });
  }
});
