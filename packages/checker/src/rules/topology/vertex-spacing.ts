import type { Rule } from '../../engine/types.js';
import { baseShapeType, featureRef, SHAPE, toPackage, eachFeature } from '../../spatial/layer.js';
import { lineLayers, polygonLayersDkFirst, presentLayers } from '../../spatial/layers.js';

type Options = {
  /** consecutive vertices closer than this (m) are too close; official 鱼鳞图 proxy 0.05 m */
  readonly minDistance: number;
};

/**
 * 面状要素节点重复 / 相邻节点检查 within one feature: a vertex repeated consecutively (zero-length segment) or two
 * consecutive vertices closer than `minDistance`. One finding per feature (the first place), with the count.
 */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/vertex-spacing',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '节点重复或相邻节点过近', en: 'Repeated or too close consecutive vertices' },
    messages: {
      duplicate: { zh: '图层 {table} 第 {record} 条要素有 {count} 处连续重复节点', en: 'layer {table} feature {record} has {count} repeated consecutive vertices' },
      tooClose: { zh: '图层 {table} 第 {record} 条要素有 {count} 处相邻节点距离小于 {expected} 米（最小 {actual} 米）', en: 'layer {table} feature {record} has {count} consecutive vertices closer than {expected} m (closest {actual} m)' },
    },
    spec: 'NY/T 2539-2016 §5.3',
    basis: 'official-rules.md O-G3, O-G4 (面状要素节点重复/相邻节点检查; 鱼鳞图 0.05 m); qc-rules.md G-03, G-04; peer-catalog YLT-99',
    basisKind: 'official-qc',
    fixedBy: '测绘单位',
    options: { minDistance: 0.05 },
  },
  run(ctx) {
    const min = ctx.options.minDistance;
    for (const layer of presentLayers(ctx.db, [...polygonLayersDkFirst(), ...lineLayers])) {
      for (const f of eachFeature(layer)) {
        const base = baseShapeType(f.shapeType);
        if (base !== SHAPE.polygon && base !== SHAPE.polyline) continue;
        let dup = 0;
        let close = 0;
        let closest = Infinity;
        let dupAt: [number, number] | undefined;
        let closeAt: [number, number] | undefined;
        for (const p of f.parts) {
          for (let i = 2; i + 1 < p.length; i += 2) {
            const d = Math.hypot(p[i] - p[i - 2], p[i + 1] - p[i - 1]);
            if (d === 0) {
              dup++;
              dupAt ??= [p[i], p[i + 1]];
            } else if (d < min) {
              close++;
              if (d < closest) closest = d;
              closeAt ??= [p[i], p[i + 1]];
            }
          }
        }
        if (dup === 0 && close === 0) continue;
        const ref = featureRef(layer, f);
        if (dup > 0) ctx.report({ messageId: 'duplicate', ...ref, point: toPackage(layer.frame, dupAt![0], dupAt![1]), data: { count: dup } });
        if (close > 0) {
          ctx.report({ messageId: 'tooClose', ...ref, point: toPackage(layer.frame, closeAt![0], closeAt![1]), actual: Math.round(closest * 10000) / 10000, expected: min, data: { count: close } });
        }
      }
    }
  },
};
