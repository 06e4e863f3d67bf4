import type Database from 'better-sqlite3';
import { baseShapeType, loadLayer, search, SHAPE, type LayerData } from './layer.js';
import { pointSegmentDistance } from './rings.js';

/**
 * The link between plots (DK) and 界址点 (JZD): which JZD sits on each plot vertex. Several rules (JZD/JZX
 * against DK, KJZB) need it; it is computed once per store connection. Matching uses the official XY
 * tolerance (0.001 m, official-rules.md O-G0b) by default.
 */
export const SAME_POINT = 0.001;

/** Coordinate position (point number in `coords`) of a single-point feature, or -1. */
export function pointPosition(layer: LayerData, i: number): number {
  const t = baseShapeType(layer.shapeType[i]);
  if (t !== SHAPE.point && t !== SHAPE.multipoint) return -1;
  const p0 = layer.featurePart[i];
  if (layer.featurePart[i + 1] !== p0 + 1 || layer.partStart[p0 + 1] !== layer.partStart[p0] + 1) return -1;
  return layer.partStart[p0];
}

/**
 * Single-point features bucketed in a grid of `CELL`-metre cells, sorted by cell key: a point lookup is a couple of
 * binary searches over typed arrays, with no per-call allocation (millions of lookups per county; the bbox
 * index's array-per-search made them GC-bound).
 */
interface PointGrid {
  readonly minx: number;
  readonly miny: number;
  /** distinct cell keys, ascending */
  readonly cells: Float64Array;
  /** per cell: first slot in `members`, plus the end */
  readonly cellStart: Int32Array;
  /** feature positions, grouped by cell, ascending within a cell */
  readonly members: Int32Array;
  /** each member's x and y (a lookup reads them in slot order, not through the feature's parts) */
  readonly memberX: Float64Array;
  readonly memberY: Float64Array;
}

const CELL = 1;
const ROW = 2 ** 26;
const grids = new WeakMap<LayerData, PointGrid>();

function cellKey(grid: { minx: number; miny: number }, x: number, y: number): number {
  return Math.floor((x - grid.minx) / CELL) * ROW + Math.floor((y - grid.miny) / CELL);
}

function pointGrid(points: LayerData): PointGrid {
  const ready = grids.get(points);
  if (ready) return ready;
  let minx = Infinity;
  let miny = Infinity;
  let maxx = -Infinity;
  let maxy = -Infinity;
  const pos = new Int32Array(points.count);
  for (let j = 0; j < points.count; j++) {
    const p = (pos[j] = pointPosition(points, j));
    if (p < 0) continue;
    minx = Math.min(minx, points.coords[2 * p]);
    miny = Math.min(miny, points.coords[2 * p + 1]);
    maxx = Math.max(maxx, points.coords[2 * p]);
    maxy = Math.max(maxy, points.coords[2 * p + 1]);
  }
  // keys must stay exact doubles: a layer spread beyond ROW cells (garbage coordinates) keeps the bbox search
  if (!(maxx - minx < (ROW - 4) * CELL && maxy - miny < (ROW - 4) * CELL)) {
    const none = { minx: 0, miny: 0, cells: new Float64Array(0), cellStart: new Int32Array(1), members: new Int32Array(0), memberX: new Float64Array(0), memberY: new Float64Array(0) };
    grids.set(points, none);
    return none;
  }
  // one cell of margin so keys of query boxes grown by the tolerance stay non-negative
  const origin = { minx: minx - CELL, miny: miny - CELL };
  const keyOf = new Float64Array(points.count).fill(Number.NaN);
  let n = 0;
  for (let j = 0; j < points.count; j++) {
    const p = pos[j];
    if (p < 0) continue;
    keyOf[j] = cellKey(origin, points.coords[2 * p], points.coords[2 * p + 1]);
    n++;
  }
  const sorted = keyOf.filter((k) => !Number.isNaN(k)).sort();
  let cellCount = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[cellCount++] = sorted[k];
  const cells = sorted.slice(0, cellCount);
  const cellStart = new Int32Array(cellCount + 1);
  const cellOf = new Int32Array(points.count).fill(-1);
  for (let j = 0; j < points.count; j++) {
    if (Number.isNaN(keyOf[j])) continue;
    const c = (cellOf[j] = findCell(cells, keyOf[j]));
    cellStart[c + 1]++;
  }
  for (let c = 0; c < cellCount; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, cellCount);
  const members = new Int32Array(n);
  const memberX = new Float64Array(n);
  const memberY = new Float64Array(n);
  for (let j = 0; j < points.count; j++) {
    if (cellOf[j] < 0) continue;
    const s = fill[cellOf[j]]++;
    members[s] = j;
    memberX[s] = points.coords[2 * pos[j]];
    memberY[s] = points.coords[2 * pos[j] + 1];
  }
  const grid = { ...origin, cells, cellStart, members, memberX, memberY };
  grids.set(points, grid);
  return grid;
}

/** Position of `key` in the ascending `cells`, or -1. */
function findCell(cells: Float64Array, key: number): number {
  let lo = 0;
  let hi = cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = cells[mid];
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The JZD feature nearest to (x, y) within `tol` (lowest position on ties), or -1. */
export function nearestPoint(points: LayerData, x: number, y: number, tol: number): number {
  const grid = pointGrid(points);
  if (grid.cells.length === 0 || !(tol >= 0) || tol > 64 * CELL) return nearestBySearch(points, x, y, tol);
  const x0 = Math.floor((x - tol - grid.minx) / CELL);
  const x1 = Math.floor((x + tol - grid.minx) / CELL);
  const y0 = Math.floor((y - tol - grid.miny) / CELL);
  const y1 = Math.floor((y + tol - grid.miny) / CELL);
  if (x1 < 0 || y1 < 0 || x0 >= ROW || y0 >= ROW) return -1;
  let best = -1;
  let bestD = Infinity;
  for (let cx = Math.max(0, x0); cx <= x1; cx++) {
    for (let cy = Math.max(0, y0); cy <= y1 && cy < ROW; cy++) {
      const c = findCell(grid.cells, cx * ROW + cy);
      if (c < 0) continue;
      for (let s = grid.cellStart[c]; s < grid.cellStart[c + 1]; s++) {
        const j = grid.members[s];
        const dx = grid.memberX[s] - x;
        const dy = grid.memberY[s] - y;
        const d = Math.sqrt(dx * dx + dy * dy);
        if (d <= tol && (d < bestD || (d === bestD && j < best))) {
          best = j;
          bestD = d;
        }
      }
    }
  }
  return best;
}

function nearestBySearch(points: LayerData, x: number, y: number, tol: number): number {
  let best = -1;
  let bestD = Infinity;
  for (const j of search(points, x, y, x, y, tol)) {
    const p = pointPosition(points, j);
    if (p < 0) continue;
    const d = Math.hypot(points.coords[2 * p] - x, points.coords[2 * p + 1] - y);
    if (d <= tol && (d < bestD || (d === bestD && j < best))) {
      best = j;
      bestD = d;
    }
  }
  return best;
}

export interface PlotPoints {
  readonly dk: LayerData;
  readonly jzd: LayerData;
  /** per DK coordinate point: the JZD feature on it, or -1 */
  readonly jzdAtVertex: Int32Array;
}

const cache = new WeakMap<Database.Database, PlotPoints | null>();

export function plotPoints(db: Database.Database): PlotPoints | null {
  if (cache.has(db)) return cache.get(db) ?? null;
  const dk = loadLayer(db, 'DK');
  const jzd = loadLayer(db, 'JZD');
  let result: PlotPoints | null = null;
  if (dk && jzd) {
    const n = dk.coords.length >> 1;
    const jzdAtVertex = new Int32Array(n).fill(-1);
    for (let v = 0; v < n; v++) jzdAtVertex[v] = nearestPoint(jzd, dk.coords[2 * v], dk.coords[2 * v + 1], SAME_POINT);
    result = { dk, jzd, jzdAtVertex };
  }
  cache.set(db, result);
  return result;
}

/** Whether plot i's boundary passes within `tol` of (x, y). */
function onPlotBoundary(dk: LayerData, i: number, x: number, y: number, tol: number): boolean {
  const c = dk.coords;
  for (let p = dk.featurePart[i]; p < dk.featurePart[i + 1]; p++) {
    const s = dk.partStart[p];
    const e = dk.partStart[p + 1];
    for (let v = s; v < e; v++) {
      if (v + 1 < e && pointSegmentDistance(x, y, c[2 * v], c[2 * v + 1], c[2 * v + 2], c[2 * v + 3]) <= tol) return true;
      if (e - s === 1 && Math.hypot(c[2 * v] - x, c[2 * v + 1] - y) <= tol) return true;
    }
  }
  return false;
}

/** Plots whose boundary passes within `tol` of (x, y), in load order. */
export function plotsTouching(dk: LayerData, x: number, y: number, tol: number): number[] {
  const out: number[] = [];
  // the search's filter collects the hits: no array of every box candidate per point (millions of points)
  dk.index?.search(x - tol, y - tol, x + tol, y + tol, (i) => {
    if (onPlotBoundary(dk, i, x, y, tol)) out.push(i);
    return false;
  });
  return out.length > 1 ? out.sort((a, b) => a - b) : out;
}

/** Split a '/'-separated code list (JZD.DKBM, JZX.DKBM, KJZB), tolerating full-width separators and blanks. */
export function splitList(value: string | number | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return String(value)
    .split(/[/／,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Codes found on the ground but not listed (`missing`) and listed but not found (`extra`), each distinct and
 * sorted; null when the two agree as sets (the common case, decided without building sets).
 */
export function listDifference(found: readonly string[], listed: readonly string[]): { missing: string[]; extra: string[] } | null {
  if (everyIn(found, listed) && everyIn(listed, found)) return null;
  const foundSet = new Set(found);
  const listedSet = new Set(listed);
  return { missing: [...foundSet].filter((k) => !listedSet.has(k)).sort(), extra: [...listedSet].filter((k) => !foundSet.has(k)).sort() };
}

/** Whether every item of `a` is in `b` (a handful of codes each: a scan beats building a set). */
function everyIn(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) {
    let hit = false;
    for (let j = 0; j < b.length && !hit; j++) hit = a[i] === b[j];
    if (!hit) return false;
  }
  return true;
}
