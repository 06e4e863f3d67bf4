import { SLIVER_AREA_M2 } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { featureRef, eachFeature } from '../../spatial/layer.js';
import { isSanePolygon, polygonLayersDkFirst, presentLayers } from '../../spatial/layers.js';
import { groupRings, polygonArea } from '../../spatial/rings.js';

type Options = {
  /** polygons smaller than this (m²) are slivers (碎面) */
  readonly minArea: number;
};

/** 面状要素碎小图斑检查: a polygon (each part of a multipart one) smaller than `minArea` m². */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/sliver',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '碎小图斑', en: 'Sliver polygon' },
    messages: {
      sliver: { zh: '图层 {table} 第 {record} 条要素面积 {actual} 平方米，小于碎小图斑容差 {expected} 平方米', en: 'layer {table} feature {record} has an area of {actual} m², below the sliver tolerance of {expected} m²' },
    },
    spec: 'NY/T 2539-2016 §5.3',
    basis: 'official-rules.md O-G5 (面状要素碎小图斑检查, 鱼鳞图 1 m²); qc-rules.md G-05; peer-catalog YLT-96',
    basisKind: 'official-qc',
    fixedBy: '测绘单位',
    options: { minArea: SLIVER_AREA_M2 },
  },
  run(ctx) {
    const min = ctx.options.minArea;
    for (const layer of presentLayers(ctx.db, polygonLayersDkFirst())) {
      for (const f of eachFeature(layer)) {
        if (!isSanePolygon(f)) continue;
        const smallest = Math.min(...groupRings(f.parts).map((rings) => polygonArea(rings)));
        if (smallest < min) ctx.report({ messageId: 'sliver', ...featureRef(layer, f), actual: Math.round(smallest * 10000) / 10000, expected: min });
      }
    }
  },
};
