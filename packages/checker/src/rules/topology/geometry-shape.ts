import type { Rule } from '../../engine/types.js';
import { baseShapeType, featureRef } from '../../spatial/layer.js';
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
    layers: true,
    severity: 'error',
    title: { zh: '要素图形缺失或类型错误', en: 'Feature geometry missing or of the wrong type' },
    messages: {
      nullShape: { zh: '图层 {table} 第 {record} 条要素没有图形（空图形）', en: 'layer {table} feature {record} has no geometry (null shape)' },
      wrongType: { zh: '图层 {table} 第 {record} 条要素的图形类型为 {actual}，应为 {expected}', en: 'layer {table} feature {record} is a {actual}, expected {expected}' },
      zm: { zh: '图层 {table} 第 {record} 条要素带有 Z/M 值（{actual}），应为二维图形', en: 'layer {table} feature {record} carries Z/M values ({actual}); the layer must be 2D' },
    },
    spec: 'NY/T 2539-2016 §5.3 表2 (层要素的几何特征)',
    basis: 'qc-rules.md G-11 (multipart, geometry missing); peer-catalog SII-66, SII-67, U-F07',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const layer of presentLayers(ctx.db, [...polygonLayersDkFirst(), ...lineLayers, ...pointLayers])) {
      const expected = expectedShapeType(layer.table)!;
      const { partStart, featurePart } = layer;
      for (let i = 0; i < layer.count; i++) {
        // straight from the layer's arrays: 2.8M features on a county, a Feature object each cost more than the test
        const type = layer.shapeType[i];
        const points = partStart[featurePart[i + 1]] - partStart[featurePart[i]];
        if (type === 0 || points === 0) {
          ctx.report({ messageId: 'nullShape', ...featureRef(layer, i) });
          continue;
        }
        const base = baseShapeType(type);
        const okPoint = expected === 1 && base === 8 && featurePart[i + 1] - featurePart[i] === 1 && points === 1;
        if (base !== expected && !okPoint) {
          ctx.report({ messageId: 'wrongType', ...featureRef(layer, i), actual: shapeNames[base] ?? String(type), expected: shapeNames[expected] });
          continue;
        }
        if ((layer.zm[i] & 3) !== 0 || type > 10) ctx.report({ messageId: 'zm', ...featureRef(layer, i), actual: String(type) });
      }
    }
  },
};
