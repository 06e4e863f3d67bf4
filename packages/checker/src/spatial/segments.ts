import type Database from 'better-sqlite3';
import { plotPoints, nearestPoint, SAME_POINT, type PlotPoints } from './boundary.js';
import { baseShapeType, loadLayer, SHAPE, type LayerData } from './layer.js';

/**
 * Plot boundaries and 界址线 as edges between 界址点: a segment is the unordered pair of JZD at its two ends, so
 * a shared boundary gives the same key from both plots and from the JZX drawn along it. Segments whose ends
 * have no JZD are left out (topology/jzd-plot-vertex reports those vertices).
 */
interface BoundaryGraph extends PlotPoints {
  readonly jzx: LayerData;
  /** segment key → plots on it, packed as (first + 1) · (plots + 1) + (second + 1); second 0 when one plot */
  readonly plotsOnSegment: SegmentTable;
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

/**
 * A read-only map from segment key to packed plots, held as sorted typed arrays: ~1.5M keys above 2³¹ in a `Map`
 * are 1.5M heap numbers, and the collector then dominated every rule that ran after the graph was built.
 */
interface SegmentTable {
  readonly size: number;
  /** position of `key` in 0 … size-1, or -1: lets callers keep per-segment flags in a typed array */
  slot(key: number): number;
  has(key: number): boolean;
  get(key: number): number | undefined;
}

function segmentTable(keys: Float64Array, packed: Float64Array): SegmentTable {
  const slot = (key: number): number => {
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = keys[mid];
      if (v === key) return mid;
      if (v < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  return {
    size: keys.length,
    slot,
    has: (key) => slot(key) >= 0,
    get(key) {
      const k = slot(key);
      return k < 0 ? undefined : packed[k];
    },
  };
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
    // pass 1: every key (with repeats), sorted and made distinct
    const all = new Float64Array(jzdAtVertex.length);
    let count = 0;
    eachPlotSegment(dk, jzdAtVertex, n, (key) => (all[count++] = key));
    const sorted = all.subarray(0, count).sort();
    let size = 0;
    for (let k = 0; k < count; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[size++] = sorted[k];
    const keys = sorted.slice(0, size);
    // pass 2, in plot order as before: the first plot on a segment, then the first other plot
    const packed = new Float64Array(size);
    const table = segmentTable(keys, packed);
    eachPlotSegment(dk, jzdAtVertex, n, (key, i) => {
      const k = table.slot(key);
      const had = packed[k];
      if (had === 0) packed[k] = (i + 1) * m;
      else if (had % m === 0 && Math.floor(had / m) - 1 !== i) packed[k] = had + i + 1;
    });
    const jzdAtJzxVertex = new Int32Array(jzx.coords.length >> 1);
    for (let v = 0; v < jzdAtJzxVertex.length; v++) jzdAtJzxVertex[v] = nearestPoint(jzd, jzx.coords[2 * v], jzx.coords[2 * v + 1], SAME_POINT);
    graph = { ...pp, jzx, plotsOnSegment: table, jzdAtJzxVertex };
  }
  cache.set(db, graph);
  return graph;
}

/** Calls `fn(key, plot)` for every plot edge whose two ends are distinct JZD, in plot then vertex order. */
function eachPlotSegment(dk: LayerData, jzdAtVertex: Int32Array, n: number, fn: (key: number, plot: number) => void): void {
  for (let i = 0; i < dk.count; i++) {
    if (baseShapeType(dk.shapeType[i]) !== SHAPE.polygon) continue;
    for (let p = dk.featurePart[i]; p < dk.featurePart[i + 1]; p++) {
      for (let v = dk.partStart[p]; v + 1 < dk.partStart[p + 1]; v++) {
        const a = jzdAtVertex[v];
        const b = jzdAtVertex[v + 1];
        if (a < 0 || b < 0 || a === b) continue;
        fn(segmentKey(a, b, n), i);
      }
    }
  }
}
