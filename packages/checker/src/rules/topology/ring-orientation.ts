import type { Rule } from '../../engine/types.js';
import { featureRef, toPackage, eachFeature } from '../../spatial/layer.js';
import { isSanePolygon, polygonLayersDkFirst, presentLayers } from '../../spatial/layers.js';
import { signedArea } from '../../spatial/rings.js';

/**
 * Shapefile polygons keep outer rings clockwise and holes counter-clockwise; the first ring of a feature must be
 * an outer ring. Readers that regroup rings by winding (GDAL, mbostock/shapefile) otherwise turn a plot into a
 * hole, so the exporters (sii `MakeCW`) fix it before delivery.
 */
export const rule: Rule = {
  meta: {
    id: 'topology/ring-orientation',
    group: 'topology',
    layers: true,
    severity: 'warning',
    title: { zh: '多边形环方向错误', en: 'Polygon ring orientation wrong' },
    messages: {
      outerCcw: { zh: '图层 {table} 第 {record} 条要素的外环为逆时针方向，应为顺时针', en: 'layer {table} feature {record}: the outer ring is counter-clockwise; shapefile outer rings are clockwise' },
    },
    spec: 'ESRI Shapefile Technical Description (外环顺时针); NY/T 2539-2016 §5.3',
    basis: 'peer-catalog SII-69 (GeometryUtil.MakeCW before export)',
    basisKind: 'inference',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const layer of presentLayers(ctx.db, polygonLayersDkFirst())) {
      for (const f of eachFeature(layer)) {
        if (!isSanePolygon(f)) continue;
        const first = f.parts[0];
        if (signedArea(first) > 0) ctx.report({ messageId: 'outerCcw', ...featureRef(layer, f), point: toPackage(layer.frame, first[0], first[1]) });
      }
    }
  },
};
