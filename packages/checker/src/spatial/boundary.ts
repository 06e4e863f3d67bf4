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

/** The JZD feature nearest to (x, y) within `tol` (lowest position on ties), or -1. */
export function nearestPoint(points: LayerData, x: number, y: number, tol: number): number {
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
export function onPlotBoundary(dk: LayerData, i: number, x: number, y: number, tol: number): boolean {
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
  return search(dk, x, y, x, y, tol)
    .filter((i) => onPlotBoundary(dk, i, x, y, tol))
    .sort((a, b) => a - b);
}

/** Split a '/'-separated code list (JZD.DKBM, JZX.DKBM, KJZB), tolerating full-width separators and blanks. */
export function splitList(value: string | number | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return String(value)
    .split(/[/／,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
