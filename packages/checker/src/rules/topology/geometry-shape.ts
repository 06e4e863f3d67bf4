import type { Rule } from '../../engine/types.js';
import { baseShapeType, featureRef, eachFeature } from '../../spatial/layer.js';
import { expectedShapeType, polygonLayersDkFirst, lineLayers, pointLayers, presentLayers } from '../../spatial/layers.js';

const shapeNames: Readonly<Record<number, string>> = { 0: 'Null', 1: 'Point', 3: 'PolyLine', 5: 'Polygon', 8: 'MultiPoint', 31: 'MultiPatch' };

/**
 * Every feature has a shape of the layer's type, in 2D: a null or empty shape, a line in a polygon layer or a
 * PolygonZ/M (the standard's layers are planar; sii refuses Z/M, peer-catalog U-F07) is one finding per feature.
 */
export const rule: Rule = {
  meta: {
    id: 'topology/geometry-shape',
    group: 'topology',
    severity: 'error',
    title: { zh: '要素图形缺失或类型错误', en: 'Feature geometry missing or of the wrong type' },
    messages: {
      nullShape: { zh: '图层 {table} 第 {record} 条要素没有图形（空图形）', en: 'layer {table} feature {record} has no geometry (null shape)' },
      wrongType: { zh: '图层 {table} 第 {record} 条要素的图形类型为 {actual}，应为 {expected}', en: 'layer {table} feature {record} is a {actual}, expected {expected}' },
      zm: { zh: '图层 {table} 第 {record} 条要素带有 Z/M 值（{actual}），应为二维图形', en: 'layer {table} feature {record} carries Z/M values ({actual}); the layer must be 2D' },
    },
    spec: 'NY/T 2539-2016 §5.3 表2 (层要素的几何特征)',
    basis: 'qc-rules.md G-11 (multipart, geometry missing); peer-catalog SII-66, SII-67, U-F07',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const layer of presentLayers(ctx.db, [...polygonLayersDkFirst(), ...lineLayers, ...pointLayers])) {
      const expected = expectedShapeType(layer.table)!;
      for (const f of eachFeature(layer)) {
        // built for findings only (millions of clean features)
        const ref = () => featureRef(layer, f);
        if (f.shapeType === 0 || f.parts.every((p) => p.length === 0)) {
          ctx.report({ messageId: 'nullShape', ...ref() });
          continue;
        }
        const base = baseShapeType(f.shapeType);
        const okPoint = expected === 1 && base === 8 && f.parts.length === 1 && f.parts[0].length === 2;
        if (base !== expected && !okPoint) {
          ctx.report({ messageId: 'wrongType', ...ref(), actual: shapeNames[base] ?? String(f.shapeType), expected: shapeNames[expected] });
          continue;
        }
        if (f.hasZ || f.hasM || f.shapeType > 10) ctx.report({ messageId: 'zm', ...ref(), actual: String(f.shapeType) });
      }
    }
  },
};
