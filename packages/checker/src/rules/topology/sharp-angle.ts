import type { Rule } from '../../engine/types.js';
import { featureRef, toPackage, eachFeature } from '../../spatial/layer.js';
import { isSanePolygon, polygonLayersDkFirst, presentLayers } from '../../spatial/layers.js';
import { eachVertexAngle } from '../../spatial/rings.js';

type Options = {
  /** angles below this many degrees (or above 360 minus it) are spikes */
  readonly minAngle: number;
};

/**
 * 地块狭长角检查: the angle between the two boundary segments at a vertex is below `minAngle` or above
 * 360 − `minAngle` (a spike in or out). Angles of exactly 0 (a vertex doubling back onto itself) count as spikes.
 * One finding per feature, at the sharpest vertex.
 */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/sharp-angle',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '狭长角（尖角）', en: 'Sharp angle (spike)' },
    messages: {
      sharp: { zh: '图层 {table} 第 {record} 条要素存在狭长角，度数为 {actual}°（容差 {expected}°），共 {count} 处', en: 'layer {table} feature {record} has a sharp angle of {actual}° (tolerance {expected}°), {count} in all' },
    },
    spec: 'NY/T 2539-2016 §5.3',
    basis: 'official-rules.md O-G6 (地块狭长角检查, 鱼鳞图 5°); qc-rules.md G-06; peer-catalog YLT-100',
    basisKind: 'official-qc',
    fixedBy: '测绘单位',
    options: { minAngle: 5 },
  },
  run(ctx) {
    const min = ctx.options.minAngle;
    for (const layer of presentLayers(ctx.db, polygonLayersDkFirst())) {
      for (const f of eachFeature(layer)) {
        if (!isSanePolygon(f)) continue;
        let count = 0;
        let worst = Infinity;
        let at: [number, number] | undefined;
        for (const ring of f.parts) {
          eachVertexAngle(ring, (v, deg) => {
            const sharpness = Math.min(deg, 360 - deg);
            if (sharpness >= min) return;
            count++;
            if (sharpness < worst) {
              worst = sharpness;
              at = [ring[2 * v], ring[2 * v + 1]];
            }
          });
        }
        if (count > 0) {
          ctx.report({ messageId: 'sharp', ...featureRef(layer, f), point: toPackage(layer.frame, at![0], at![1]), actual: Math.round(worst * 100) / 100, expected: min, data: { count } });
        }
      }
    }
  },
};
