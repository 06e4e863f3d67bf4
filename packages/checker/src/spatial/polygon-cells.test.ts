import { beforeAll, describe, expect, it } from 'vitest';
import { destroy, initGeos, makeCollection, makePolygon, prepare, preparedCovers, relatePattern, destroyPrepared, type GeomPtr } from './geos.js';
import { BOX_INSIDE, BOX_OUTSIDE, BOX_UNKNOWN, featureCells, polygonCells } from './polygon-cells.js';
import type { Feature } from './layer.js';

beforeAll(() => initGeos());

/** A closed ring from [x, y] pairs (the first point repeated at the end). */
function ring(points: readonly (readonly [number, number])[]): Float64Array {
  return Float64Array.from([...points, points[0]].flat());
}

const shell = ring([[0, 0], [0, 100], [100, 100], [100, 0]]);
const hole = ring([[40, 40], [60, 40], [60, 60], [40, 60]]);
// a C opening to the right: its bbox holds a notch of outside
const cShape = ring([[200, 0], [200, 100], [300, 100], [300, 80], [220, 80], [220, 20], [300, 20], [300, 0]]);
// a diagonal sliver whose edges cross many cells
const sliver = ring([[400, 0], [401, 0], [500, 100], [499, 100]]);

function box(x0: number, y0: number, x1: number, y1: number): GeomPtr {
  return makePolygon([ring([[x0, y0], [x0, y1], [x1, y1], [x1, y0]])]);
}

/** A seeded pseudo-random sequence (tests stay reproducible). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('polygonCells', () => {
  // fewest boxes the cells must decide inside, or the pre-test saves nothing (a sliver narrower than a cell has none)
  const polygons: { name: string; rings: Float64Array[]; geom: () => GeomPtr; minInside: number }[] = [
    { name: 'square with a hole', rings: [shell, hole], geom: () => makePolygon([shell, hole]), minInside: 50 },
    { name: 'C shape', rings: [cShape], geom: () => makePolygon([cShape]), minInside: 50 },
    { name: 'diagonal sliver', rings: [sliver], geom: () => makePolygon([sliver]), minInside: 0 },
    { name: 'two shells', rings: [shell, cShape], geom: () => makeCollection('MultiPolygon', [makePolygon([shell]), makePolygon([cShape])]), minInside: 50 },
  ];

  for (const p of polygons) {
    it(`agrees with GEOS on random boxes: ${p.name}`, () => {
      const cells = polygonCells(p.rings);
      const g = p.geom();
      const prepared = prepare(g);
      const next = random(7);
      const decided = { inside: 0, outside: 0 };
      try {
        for (let n = 0; n < 3000; n++) {
          const x = -20 + next() * 540;
          const y = -20 + next() * 140;
          const w = next() * (n % 3 === 0 ? 30 : 6);
          const h = next() * (n % 3 === 0 ? 30 : 6);
          const place = cells.placeBox(x, y, x + w, y + h);
          if (place === BOX_UNKNOWN) continue;
          const b = box(x, y, x + w, y + h);
          try {
            if (place === BOX_INSIDE) {
              decided.inside++;
              expect(preparedCovers(prepared, b)).toBe(true);
            } else {
              decided.outside++;
              expect(relatePattern(g, b, 'T********')).toBe(false);
            }
          } finally {
            destroy(b);
          }
        }
      } finally {
        destroyPrepared(prepared);
        destroy(g);
      }
      expect(decided.inside).toBeGreaterThanOrEqual(p.minInside);
      expect(decided.outside).toBeGreaterThan(500);
    });
  }

  it('places boxes in the interior, in a hole, astride an edge and off the grid', () => {
    const cells = polygonCells([shell, hole]);
    expect(cells.placeBox(10, 10, 20, 20)).toBe(BOX_INSIDE);
    expect(cells.placeBox(45, 45, 55, 55)).toBe(BOX_OUTSIDE);
    expect(cells.placeBox(95, 10, 105, 20)).toBe(BOX_UNKNOWN);
    expect(cells.placeBox(-0.0001, 10, 5, 20)).toBe(BOX_UNKNOWN);
    expect(cells.placeBox(38, 45, 42, 55)).toBe(BOX_UNKNOWN);
    expect(cells.placeBox(200, 200, 300, 300)).toBe(BOX_OUTSIDE);
    expect(cells.placeBox(-50, -50, 150, 150)).toBe(BOX_UNKNOWN);
    expect(cells.placeBox(Number.NaN, 0, 1, 1)).toBe(BOX_UNKNOWN);
  });

  it('decides nothing for a polygon GEOS finds invalid', () => {
    const bowtie = ring([[0, 0], [100, 100], [100, 0], [0, 100]]);
    const g = makePolygon([bowtie]);
    try {
      const f = { parts: [bowtie] } as unknown as Feature;
      const cells = featureCells(f, g);
      expect(cells.placeBox(90, 40, 95, 60)).toBe(BOX_UNKNOWN);
      expect(cells.placeBox(45, 5, 55, 10)).toBe(BOX_UNKNOWN);
      expect(polygonCells([bowtie]).placeBox(90, 40, 95, 60)).not.toBe(BOX_UNKNOWN);
    } finally {
      destroy(g);
    }
  });
});
