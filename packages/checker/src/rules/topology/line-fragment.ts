import type { Rule } from '../../engine/types.js';
import { featureRef, toPackage, eachFeature } from '../../spatial/layer.js';
import { isSaneLine, lineLayers, presentLayers } from '../../spatial/layers.js';
import { lineLength } from '../../spatial/rings.js';

type Options = {
  /** lines shorter than this (m) are fragments; a JZX between two key 界址点 must be ≥ 0.05 m (peer-catalog) */
  readonly minLength: number;
};

/** 线状要素碎线检查: a line feature (JZX, QYJX, XZDW) shorter than `minLength`. */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/line-fragment',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '碎线', en: 'Line fragment' },
    messages: {
      fragment: { zh: '图层 {table} 第 {record} 条线要素长度 {actual} 米，小于碎线容差 {expected} 米', en: 'layer {table} line {record} is {actual} m long, shorter than the fragment tolerance of {expected} m' },
    },
    spec: 'NY/T 2539-2016 §5.3',
    basis: 'official-rules.md O-G2 (线状要素碎线检查; threshold not recovered, 0.05 m proposed in §2.2); qc-rules.md G-02',
    basisKind: 'official-qc',
    fixedBy: '测绘单位',
    options: { minLength: 0.05 },
  },
  run(ctx) {
    const min = ctx.options.minLength;
    for (const layer of presentLayers(ctx.db, lineLayers)) {
      for (const f of eachFeature(layer)) {
        if (!isSaneLine(f)) continue;
        let len = 0;
        for (const p of f.parts) len += lineLength(p);
        if (len < min) ctx.report({ messageId: 'fragment', ...featureRef(layer, f), point: toPackage(layer.frame, f.parts[0][0], f.parts[0][1]), actual: Math.round(len * 10000) / 10000, expected: min });
      }
    }
  },
};
