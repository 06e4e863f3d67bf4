import type { Rule } from '../../engine/types.js';
import { featureRef, search, toPackage } from '../../spatial/layer.js';
import { isSanePoint, pointLayers, presentLayers } from '../../spatial/layers.js';

type Options = {
  /** points of one layer closer than this (m) coincide; the official topology tolerance is 0.001 m */
  readonly tolerance: number;
};

/** 点状要素重叠检查: two points of the same layer (JZD, KZD, DZDW) within `tolerance`; reported on the later one. */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/point-duplicate',
    group: 'topology',
    severity: 'error',
    title: { zh: '点要素重叠', en: 'Coinciding point features' },
    messages: {
      duplicate: { zh: '图层 {table} 第 {record} 条点要素与第 {other} 条点要素重叠（距离 {actual} 米）', en: 'layer {table} point {record} coincides with point {other} ({actual} m apart)' },
    },
    spec: 'NY/T 2539-2016 §5.3',
    basis: 'official-rules.md O-G1 (点状要素重叠检查; 0.001 m topology tolerance per §2.2); qc-rules.md G-01',
    fixedBy: '测绘单位',
    options: { tolerance: 0.001 },
  },
  run(ctx) {
    const tol = ctx.options.tolerance;
    for (const layer of presentLayers(ctx.db, pointLayers)) {
      layer.indexed.forEach((f, i) => {
        if (!isSanePoint(f)) return;
        const [x, y] = f.parts[0];
        const earlier = search(layer, x, y, x, y, tol)
          .filter((j) => j < i && isSanePoint(layer.indexed[j]))
          .map((j) => ({ j, d: Math.hypot(layer.indexed[j].parts[0][0] - x, layer.indexed[j].parts[0][1] - y) }))
          .filter((c) => c.d <= tol)
          .sort((p, q) => p.j - q.j);
        if (earlier.length === 0) return;
        const other = layer.indexed[earlier[0].j];
        ctx.report({ messageId: 'duplicate', ...featureRef(layer, f), point: toPackage(layer.frame, x, y), actual: Math.round(earlier[0].d * 10000) / 10000, data: { other: other.rec } });
      });
    }
  },
};
