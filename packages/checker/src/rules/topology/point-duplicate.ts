import type { Rule } from '../../engine/types.js';
import { baseShapeType, featureRef, search, SHAPE, toPackage, type LayerData } from '../../spatial/layer.js';
import { pointLayers, presentLayers } from '../../spatial/layers.js';

type Options = {
  /** points of one layer closer than this (m) coincide; the official topology tolerance is 0.001 m */
  readonly tolerance: number;
};

/** The single point of feature i, or undefined when it is not one point. Reads the columns directly (3M 界址点). */
function pointOf(layer: LayerData, i: number): number {
  const t = baseShapeType(layer.shapeType[i]);
  if (t !== SHAPE.point && t !== SHAPE.multipoint) return -1;
  const p0 = layer.featurePart[i];
  if (layer.featurePart[i + 1] !== p0 + 1 || layer.partStart[p0 + 1] !== layer.partStart[p0] + 1) return -1;
  return layer.partStart[p0];
}

/** 点状要素重叠检查: two points of the same layer (JZD, KZD, DZDW) within `tolerance`; reported on the later one. */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/point-duplicate',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '点要素重叠', en: 'Coinciding point features' },
    messages: {
      duplicate: { zh: '图层 {table} 第 {record} 条点要素与第 {other} 条点要素重叠（距离 {actual} 米）', en: 'layer {table} point {record} coincides with point {other} ({actual} m apart)' },
    },
    spec: 'NY/T 2539-2016 §5.3',
    basis: 'official-rules.md O-G1 (点状要素重叠检查; 0.001 m topology tolerance per §2.2); qc-rules.md G-01',
    basisKind: 'official-qc',
    fixedBy: '测绘单位',
    options: { tolerance: 0.001 },
  },
  run(ctx) {
    const tol = ctx.options.tolerance;
    for (const layer of presentLayers(ctx.db, pointLayers)) {
      const c = layer.coords;
      for (let i = 0; i < layer.count; i++) {
        const p = pointOf(layer, i);
        if (p < 0) continue;
        const x = c[2 * p];
        const y = c[2 * p + 1];
        let best = -1;
        let bestD = Infinity;
        for (const j of search(layer, x, y, x, y, tol)) {
          if (j >= i || (best >= 0 && j > best)) continue;
          const q = pointOf(layer, j);
          if (q < 0) continue;
          const d = Math.hypot(c[2 * q] - x, c[2 * q + 1] - y);
          if (d <= tol) {
            best = j;
            bestD = d;
          }
        }
        if (best < 0) continue;
        ctx.report({ messageId: 'duplicate', ...featureRef(layer, i), point: toPackage(layer.frame, x, y), actual: Math.round(bestD * 10000) / 10000, other: layer.key(best) ?? `#${layer.rec[best]}`, data: { other: layer.rec[best] } });
      }
    }
  },
};
