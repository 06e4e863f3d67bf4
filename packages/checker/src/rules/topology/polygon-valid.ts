import type { Rule } from '../../engine/types.js';
import { using, validity } from '../../spatial/geos.js';
import { featureRef, toPackage, eachFeature } from '../../spatial/layer.js';
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
 */
export const rule: Rule = {
  meta: {
    id: 'topology/polygon-valid',
    group: 'topology',
    layers: true,
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
        if (!isSanePolygon(f)) continue;
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
