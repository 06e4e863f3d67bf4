import type Database from 'better-sqlite3';
import { plotPoints, nearestPoint, SAME_POINT, type PlotPoints } from './boundary.js';
import { baseShapeType, loadLayer, SHAPE, type LayerData } from './layer.js';

/**
 * Plot boundaries and 界址线 as edges between 界址点: a segment is the unordered pair of JZD at its two ends, so
 * a shared boundary gives the same key from both plots and from the JZX drawn along it. Segments whose ends
 * have no JZD are left out (topology/jzd-plot-vertex reports those vertices).
 */
export interface BoundaryGraph extends PlotPoints {
  readonly jzx: LayerData;
  /** segment key → plots on it, packed as (first + 1) · (plots + 1) + (second + 1); second 0 when one plot */
  readonly plotsOnSegment: Map<number, number>;
  /** per JZX coordinate point: the JZD on it, or -1 */
  readonly jzdAtJzxVertex: Int32Array;
}

export function segmentKey(a: number, b: number, n: number): number {
  return a < b ? a * n + b : b * n + a;
}

/** The (up to two) plots packed in a `plotsOnSegment` value, in load order. */
export function unpackPlots(value: number, plotCount: number): number[] {
  const m = plotCount + 1;
  const first = Math.floor(value / m) - 1;
  const second = (value % m) - 1;
  return second >= 0 ? [first, second] : [first];
}

const cache = new WeakMap<Database.Database, BoundaryGraph | null>();

export function boundaryGraph(db: Database.Database): BoundaryGraph | null {
  if (cache.has(db)) return cache.get(db) ?? null;
  const pp = plotPoints(db);
  const jzx = loadLayer(db, 'JZX');
  let graph: BoundaryGraph | null = null;
  if (pp && jzx) {
    const { dk, jzd, jzdAtVertex } = pp;
    const n = jzd.count;
    const m = dk.count + 1;
    const plotsOnSegment = new Map<number, number>();
    for (let i = 0; i < dk.count; i++) {
      if (baseShapeType(dk.shapeType[i]) !== SHAPE.polygon) continue;
      for (let p = dk.featurePart[i]; p < dk.featurePart[i + 1]; p++) {
        for (let v = dk.partStart[p]; v + 1 < dk.partStart[p + 1]; v++) {
          const a = jzdAtVertex[v];
          const b = jzdAtVertex[v + 1];
          if (a < 0 || b < 0 || a === b) continue;
          const key = segmentKey(a, b, n);
          const had = plotsOnSegment.get(key);
          if (had === undefined) plotsOnSegment.set(key, (i + 1) * m);
          else if (had % m === 0 && Math.floor(had / m) - 1 !== i) plotsOnSegment.set(key, had + i + 1);
        }
      }
    }
    const jzdAtJzxVertex = new Int32Array(jzx.coords.length >> 1);
    for (let v = 0; v < jzdAtJzxVertex.length; v++) jzdAtJzxVertex[v] = nearestPoint(jzd, jzx.coords[2 * v], jzx.coords[2 * v + 1], SAME_POINT);
    graph = { ...pp, jzx, plotsOnSegment, jzdAtJzxVertex };
  }
  cache.set(db, graph);
  return graph;
}
