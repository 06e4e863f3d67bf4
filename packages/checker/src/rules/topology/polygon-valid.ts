import type { Rule } from '../../engine/types.js';
import { using, validity } from '../../spatial/geos.js';
import { featureRef, toPackage, eachFeature, type LayerData } from '../../spatial/layer.js';
import { isSanePolygon, polygonLayersDkFirst, presentLayers } from '../../spatial/layers.js';
import { featureGeometry } from '../../spatial/polygon-geos.js';

/** GEOS reason texts in Chinese, so the report reads in one language. */
const reasonZh: Readonly<Record<string, string>> = {
  'Self-intersection': '自相交',
  'Ring Self-intersection': '环自相交',
  'Nested shells': '外环嵌套',
  'Hole lies outside shell': '内环位于外环之外',
  'Holes are nested': '内环嵌套',
  'Interior is disconnected': '内部不连通',
  'Too few points in geometry component': '节点过少',
  'Invalid Coordinate': '坐标无效',
  'Duplicate Rings': '环重复',
  'Ring is not closed': '环未闭合',
};

/**
 * OGC validity by GEOS (`GEOSisValidDetail`): self-intersection, self-touching rings, holes outside their shell,
 * nested shells. The official QC and sii reject such plots ("图形存在自相交"). Located at the point GEOS names.
 * A plot of one simple ring is valid without asking GEOS (`surelyValid`): nearly every plot of a county.
 */
export const rule: Rule = {
  meta: {
    id: 'topology/polygon-valid',
    group: 'topology',
    layers: true,
    geos: true,
    severity: 'error',
    title: { zh: '多边形自相交或无效', en: 'Polygon self-intersects or is invalid' },
    messages: {
      invalid: { zh: '图层 {table} 第 {record} 条要素图形无效：{reasonZh}', en: 'layer {table} feature {record} is invalid: {reason}' },
    },
    spec: 'NY/T 2539-2016 §5.3; OGC Simple Features (polygon validity)',
    basis: 'qc-rules.md G-08, G-11; peer-catalog YLT-95, SII-68, U-G01',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const layer of presentLayers(ctx.db, polygonLayersDkFirst())) {
      for (const f of eachFeature(layer)) {
        if (!isSanePolygon(f) || surelyValid(layer, f.index)) continue;
        const v = using(featureGeometry(f), (g) => (g ? validity(g) : { valid: false, reason: 'Invalid geometry' }));
        if (v.valid) continue;
        ctx.report({
          messageId: 'invalid',
          ...featureRef(layer, f),
          ...(v.at ? { point: toPackage(layer.frame, v.at[0], v.at[1]) } : {}),
          actual: v.reason,
          data: { reason: v.reason, reasonZh: reasonZh[v.reason] ?? v.reason },
        });
      }
    }
  },
};

/** `surelySimple` compares every pair of edges: longer rings (regions, not plots) are left to GEOS. */
const MAX_POINTS = 64;

/**
 * Whether feature i is certainly valid for GEOS: one closed ring (the caller checked `isSanePolygon`) of a few
 * finite points that `surelySimple` proves simple. A one-ring polygon has nothing else GEOS checks (no hole, no
 * second shell), so nearly every plot of a county is settled without building it in GEOS.
 */
function surelyValid(layer: LayerData, i: number): boolean {
  const p = layer.featurePart[i];
  if (layer.featurePart[i + 1] - p !== 1) return false;
  const start = layer.partStart[p];
  const end = layer.partStart[p + 1];
  if (end - start > MAX_POINTS) return false;
  for (let k = 2 * start; k < 2 * end; k++) if (!Number.isFinite(layer.coords[k])) return false;
  return surelySimple(layer.coords, start, end);
}

/**
 * Sign of the turn a → b → c (1 left, -1 right), or 0 when rounding could have decided it: the bound covers the
 * error of the expression as evaluated (Shewchuk's orient2d filter, with a wide margin), so a non-zero answer is
 * the exact one, the one GEOS's robust predicate gives.
 */
function certainTurn(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const left = (bx - ax) * (cy - ay);
  const right = (by - ay) * (cx - ax);
  const det = left - right;
  const bound = 1e-12 * (Math.abs(left) + Math.abs(right));
  return det > bound ? 1 : det < -bound ? -1 : 0;
}

/**
 * Whether the closed ring of points [start, end) is certainly simple, with no tolerance: every vertex turns
 * certainly left or right (no repeated point, no spike, no straight run: those go to GEOS), and every two
 * non-adjacent edges are certainly apart — one edge lies strictly on one side of the other's line, which two
 * segments that meet (touching included) never do. Anything not certain is left to GEOS. interiors.ts's
 * `isSimpleRing` tests within EPS for the overlap proofs; validity must agree with GEOS exactly, hence signs.
 */
function surelySimple(c: Float64Array, start: number, end: number): boolean {
  const edges = end - start - 1;
  if (edges < 3) return false;
  for (let i = 0; i < edges; i++) {
    const a = start + i;
    const b = start + ((i + 1) % edges);
    if (certainTurn(c[2 * a], c[2 * a + 1], c[2 * b], c[2 * b + 1], c[2 * b + 2], c[2 * b + 3]) === 0) return false;
  }
  for (let i = 0; i < edges; i++) {
    const u = start + i;
    const ax = c[2 * u];
    const ay = c[2 * u + 1];
    const bx = c[2 * u + 2];
    const by = c[2 * u + 3];
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue; // the closing edge is adjacent to the first
      const w = start + j;
      const cx = c[2 * w];
      const cy = c[2 * w + 1];
      const dx = c[2 * w + 2];
      const dy = c[2 * w + 3];
      if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx) || Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) continue;
      const c1 = certainTurn(ax, ay, bx, by, cx, cy);
      if (c1 !== 0 && c1 === certainTurn(ax, ay, bx, by, dx, dy)) continue;
      const a1 = certainTurn(cx, cy, dx, dy, ax, ay);
      if (a1 !== 0 && a1 === certainTurn(cx, cy, dx, dy, bx, by)) continue;
      return false;
    }
  }
  return true;
}
