import type { Rule } from '../../engine/types.js';
import { baseShapeType, featureRef, SHAPE, toPackage, eachFeature } from '../../spatial/layer.js';
import { lineLayers, polygonLayersDkFirst, presentLayers } from '../../spatial/layers.js';
import { groupRings, isClosed, pointCount } from '../../spatial/rings.js';

/**
 * Rings are closed and have at least 4 points (3 distinct + the closing one), lines at least 2 points, and a
 * plot is one polygon: several outer rings in one DK feature is a multipart plot ("包含多个图元").
 */
export const rule: Rule = {
  meta: {
    id: 'topology/ring-structure',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '环未闭合、节点过少或多部件地块', en: 'Unclosed ring, too few vertices or multipart plot' },
    messages: {
      notClosed: { zh: '图层 {table} 第 {record} 条要素的第 {part} 个环未闭合', en: 'layer {table} feature {record}: ring {part} is not closed' },
      tooFewPoints: { zh: '图层 {table} 第 {record} 条要素的第 {part} 部分只有 {actual} 个节点，至少应有 {expected} 个', en: 'layer {table} feature {record}: part {part} has {actual} vertices, at least {expected} needed' },
      multipart: { zh: '地块 {table} 第 {record} 条要素包含 {actual} 个多边形（多部件地块），应为 1 个', en: 'plot {table} feature {record} consists of {actual} polygons (multipart); expected 1' },
    },
    spec: 'NY/T 2539-2016 §5.3 表2; ESRI Shapefile Technical Description (polygon rings)',
    basis: 'qc-rules.md G-11 (multipart "包含多个图元"); peer-catalog YLT-103 (非闭合的线)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const layer of presentLayers(ctx.db, [...polygonLayersDkFirst(), ...lineLayers])) {
      for (const f of eachFeature(layer)) {
        const base = baseShapeType(f.shapeType);
        if (base !== SHAPE.polygon && base !== SHAPE.polyline) continue;
        // built for findings only (millions of clean features)
        const ref = () => featureRef(layer, f);
        const min = base === SHAPE.polygon ? 4 : 2;
        let sane = true;
        f.parts.forEach((p, i) => {
          const n = pointCount(p);
          if (n < min) {
            sane = false;
            ctx.report({ messageId: 'tooFewPoints', ...ref(), ...(n > 0 ? { point: toPackage(layer.frame, p[0], p[1]) } : {}), actual: n, expected: min, data: { part: i + 1 } });
          } else if (base === SHAPE.polygon && !isClosed(p)) {
            sane = false;
            ctx.report({ messageId: 'notClosed', ...ref(), point: toPackage(layer.frame, p[2 * n - 2], p[2 * n - 1]), data: { part: i + 1 } });
          }
        });
        if (sane && base === SHAPE.polygon && layer.table === 'DK') {
          const polygons = groupRings(f.parts).length;
          if (polygons > 1) ctx.report({ messageId: 'multipart', ...ref(), actual: polygons, expected: 1 });
        }
      }
    }
  },
};
