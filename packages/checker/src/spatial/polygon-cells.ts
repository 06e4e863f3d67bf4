import { validity, type GeomPtr } from './geos.js';
import type { Feature } from './layer.js';

/**
 * A polygon's bounding box cut into square cells, each known to lie wholly in the polygon's interior, wholly
 * outside it, or near its boundary. A box that meets only interior cells lies in the interior (the polygon covers
 * whatever is inside the box); a box that meets only outside cells shares no point with the polygon. That decides
 * most plot-in-region and plot-in-zone questions with a few array reads instead of a GEOS predicate per pair;
 * boxes that meet a boundary cell are left to GEOS.
 *
 * Exact: a cell is interior or outside only when no ring edge comes within `MARGIN` of it, and the arithmetic
 * here (local coordinates < 1e6 m) errs by far less than that. The rings must form a GEOS-valid polygon or
 * multipolygon (`polygonCells` is only built for those): then even-odd crossing over all rings is membership.
 */
export const BOX_UNKNOWN = 0;
export const BOX_INSIDE = 1;
export const BOX_OUTSIDE = 2;
export type BoxPlace = typeof BOX_UNKNOWN | typeof BOX_INSIDE | typeof BOX_OUTSIDE;

/** Distance (m) an edge must keep from a cell for the cell to be classified; also the grid's outer margin. */
const MARGIN = 0.001;
/** Cells along the longer side of the polygon's box: plots are a few cells wide in a village group's region. */
const CELLS_PER_SIDE = 64;

const NEAR_EDGE = 3;

export interface PolygonCells {
  /** where the local box lies: BOX_INSIDE (in the interior), BOX_OUTSIDE (no common point) or BOX_UNKNOWN */
  placeBox(minx: number, miny: number, maxx: number, maxy: number): BoxPlace;
}

const undecided: PolygonCells = { placeBox: () => BOX_UNKNOWN };

/** The cell classification of the polygon whose rings (shells and holes, all parts) are `rings`. */
export function polygonCells(rings: readonly Float64Array[]): PolygonCells {
  let minx = Infinity;
  let miny = Infinity;
  let maxx = -Infinity;
  let maxy = -Infinity;
  for (const r of rings) {
    for (let k = 0; k + 1 < r.length; k += 2) {
      if (r[k] < minx) minx = r[k];
      if (r[k] > maxx) maxx = r[k];
      if (r[k + 1] < miny) miny = r[k + 1];
      if (r[k + 1] > maxy) maxy = r[k + 1];
    }
  }
  const side = Math.max(maxx - minx, maxy - miny) / CELLS_PER_SIDE;
  if (!(side > 10 * MARGIN) || !Number.isFinite(side)) return undecided;
  // the grid starts 2·MARGIN before the box and reaches past its end: a point off the grid is > MARGIN from every edge
  const ox = minx - 2 * MARGIN;
  const oy = miny - 2 * MARGIN;
  const nx = Math.floor((maxx - ox + 2 * MARGIN) / side) + 1;
  const ny = Math.floor((maxy - oy + 2 * MARGIN) / side) + 1;
  const cell = new Uint8Array(nx * ny).fill(BOX_OUTSIDE);
  // where each row's centre line crosses the rings (even-odd, half-open in y), gathered edge by edge: an edge
  // only meets the rows its y span covers
  const rowOf = (y: number) => Math.floor((y - oy) / side - 0.5);
  const crosses = (row: number, ay: number, by: number) => {
    const yc = oy + (row + 0.5) * side;
    return ay > yc !== by > yc;
  };
  const rowStart = new Int32Array(ny + 1);
  const eachCrossing = (fn: (row: number, k: number, r: Float64Array) => void) => {
    for (const r of rings) {
      for (let k = 0; k + 3 < r.length; k += 2) {
        const ay = r[k + 1];
        const by = r[k + 3];
        const r0 = Math.max(0, rowOf(Math.min(ay, by)));
        const r1 = Math.min(ny - 1, rowOf(Math.max(ay, by)) + 1);
        for (let row = r0; row <= r1; row++) if (crosses(row, ay, by)) fn(row, k, r);
      }
    }
  };
  eachCrossing((row) => rowStart[row + 1]++);
  for (let row = 0; row < ny; row++) rowStart[row + 1] += rowStart[row];
  const xs = new Float64Array(rowStart[ny]);
  const fill = rowStart.slice(0, ny);
  eachCrossing((row, k, r) => {
    const yc = oy + (row + 0.5) * side;
    xs[fill[row]++] = r[k] + ((yc - r[k + 1]) * (r[k + 2] - r[k])) / (r[k + 3] - r[k + 1]);
  });
  // a cell is inside when an odd number of crossings lie before its centre: runs between crossing pairs, filled
  // whole; the cells at the crossings themselves are near an edge and marked so afterwards
  const firstColAfter = (x: number) => {
    let col = Math.min(nx, Math.max(0, Math.floor((x - ox) / side - 0.5)));
    while (col > 0 && ox + (col - 0.5) * side > x) col--;
    while (col < nx && !(ox + (col + 0.5) * side > x)) col++;
    return col;
  };
  for (let row = 0; row < ny; row++) {
    const start = rowStart[row];
    const end = rowStart[row + 1];
    // insertion sort: a row crosses a ring a few times (a typed-array sort per row cost more than the rest)
    for (let k = start + 1; k < end; k++) {
      const x = xs[k];
      let m = k - 1;
      for (; m >= start && xs[m] > x; m--) xs[m + 1] = xs[m];
      xs[m + 1] = x;
    }
    for (let k = start; k + 1 < end; k += 2) cell.fill(BOX_INSIDE, row * nx + firstColAfter(xs[k]), row * nx + firstColAfter(xs[k + 1]));
  }
  for (const r of rings) {
    for (let k = 0; k + 3 < r.length; k += 2) markEdge(cell, nx, ny, ox, oy, side, r[k], r[k + 1], r[k + 2], r[k + 3]);
  }
  return {
    placeBox(bx0, by0, bx1, by1) {
      const c0 = Math.floor((bx0 - MARGIN / 4 - ox) / side);
      const c1 = Math.floor((bx1 + MARGIN / 4 - ox) / side);
      const r0 = Math.floor((by0 - MARGIN / 4 - oy) / side);
      const r1 = Math.floor((by1 + MARGIN / 4 - oy) / side);
      if (!(c0 <= c1 && r0 <= r1)) return BOX_UNKNOWN; // NaN box
      // cells off the grid are outside
      let place: number = c0 < 0 || r0 < 0 || c1 >= nx || r1 >= ny ? BOX_OUTSIDE : BOX_UNKNOWN;
      for (let row = Math.max(0, r0); row <= Math.min(ny - 1, r1); row++) {
        for (let col = Math.max(0, c0); col <= Math.min(nx - 1, c1); col++) {
          const c = cell[row * nx + col];
          if (c === NEAR_EDGE || (place !== BOX_UNKNOWN && c !== place)) return BOX_UNKNOWN;
          place = c;
        }
      }
      return place as BoxPlace;
    },
  };
}

/** Marks every cell that a point of edge a–b comes within MARGIN of (per column, the edge's y span there). */
function markEdge(cell: Uint8Array, nx: number, ny: number, ox: number, oy: number, side: number, ax: number, ay: number, bx: number, by: number): void {
  const lox = Math.min(ax, bx);
  const hix = Math.max(ax, bx);
  const c0 = Math.max(0, Math.floor((lox - MARGIN - ox) / side));
  const c1 = Math.min(nx - 1, Math.floor((hix + MARGIN - ox) / side));
  for (let col = c0; col <= c1; col++) {
    const x0 = Math.max(lox, ox + col * side - MARGIN);
    const x1 = Math.min(hix, ox + (col + 1) * side + MARGIN);
    let ylo: number;
    let yhi: number;
    if (ax === bx || x0 >= x1) {
      ylo = Math.min(ay, by);
      yhi = Math.max(ay, by);
      if (ax !== bx) {
        // the edge only grazes this column: its y near x0
        const y = ay + ((Math.min(Math.max(x0, lox), hix) - ax) * (by - ay)) / (bx - ax);
        ylo = yhi = y;
      }
    } else {
      const ya = ay + ((x0 - ax) * (by - ay)) / (bx - ax);
      const yb = ay + ((x1 - ax) * (by - ay)) / (bx - ax);
      ylo = Math.min(ya, yb);
      yhi = Math.max(ya, yb);
    }
    const r0 = Math.max(0, Math.floor((ylo - MARGIN - oy) / side));
    const r1 = Math.min(ny - 1, Math.floor((yhi + MARGIN - oy) / side));
    for (let row = r0; row <= r1; row++) cell[row * nx + col] = NEAR_EDGE;
  }
}

/**
 * The cells of a polygon feature whose GEOS geometry is `geom` (`featureGeometry`: every part is a ring of it);
 * undecided when GEOS finds the geometry invalid, where even-odd membership need not be GEOS's.
 */
export function featureCells(f: Feature, geom: GeomPtr): PolygonCells {
  return geom && validity(geom).valid ? polygonCells(f.parts) : undecided;
}
