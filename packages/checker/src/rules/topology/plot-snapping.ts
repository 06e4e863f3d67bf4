import type { Rule } from '../../engine/types.js';
import { featureRef, loadLayer, nameOf, toPackage, type LayerData } from '../../spatial/layer.js';
import { isSanePolygon } from '../../spatial/layers.js';
import { pointSegmentDistance } from '../../spatial/rings.js';

type Options = {
  /** vertices closer than this (m) are the same vertex: the official XY/topology tolerance 0.001 m */
  readonly sameVertex: number;
  /** vertices of neighbouring plots closer than this but not the same are unsnapped (鱼鳞图 0.05 m) */
  readonly maxDistance: number;
};

type Kind = 'unsnapped' | 'tJunction';

/**
 * Shared boundaries must be snapped. Two findings, once per pair of plots:
 * - 相邻面要素节点重叠: a vertex of one plot within (`sameVertex`, `maxDistance`] of a vertex of another;
 * - 面要素公用节点: a vertex of one plot on another plot's edge (within `sameVertex`) where that plot has no
 *   vertex (a T-junction: the neighbour's boundary passes through without a shared 界址点).
 * Each unordered pair of plots with meeting boxes is visited once; only vertices inside the common box count.
 */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/plot-snapping',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '相邻地块节点未捕捉', en: 'Neighbouring plots not snapped' },
    messages: {
      unsnapped: {
        zh: '地块 {dkbm} 的节点与地块 {other} 的节点距离过近（{actual} 米），未捕捉为同一界址点',
        en: 'a vertex of plot {dkbm} lies {actual} m from a vertex of plot {other} without coinciding (not snapped)',
      },
      tJunction: {
        zh: '地块 {dkbm} 的节点位于地块 {other} 的边上，但地块 {other} 在该处没有节点（缺公用节点）',
        en: 'a vertex of plot {dkbm} lies on an edge of plot {other}, which has no vertex there (T-junction)',
      },
    },
    spec: 'NY/T 2539-2016 §5.3',
    basis: 'qc-rules.md G-09, G-10; official-rules.md §2.1 (相邻面要素节点重叠 0.05 m, 面要素公用节点); peer-catalog YLT-105, YLT-106',
    basisKind: 'official-qc',
    fixedBy: '测绘单位',
    cost: 5,
    options: { sameVertex: 0.001, maxDistance: 0.05 },
  },
  run(ctx) {
    const layer = loadLayer(ctx.db, 'DK');
    if (!layer || !layer.index) return;
    const { sameVertex, maxDistance } = ctx.options;
    // plots are read from the layer's arrays: no Feature and parts array held per plot for the whole scan
    const sane = new Uint8Array(layer.count);
    for (let i = 0; i < layer.count; i++) sane[i] = isSanePolygon(layer.feature(i)) ? 1 : 0;
    const report = (kind: Kind, a: number, b: number, x: number, y: number, d: number) =>
      ctx.report({
        messageId: kind,
        ...featureRef(layer, a),
        point: toPackage(layer.frame, x, y),
        ...(kind === 'unsnapped' ? { actual: Math.round(d * 10000) / 10000 } : {}),
        other: nameOf(layer, b),
        data: { dkbm: nameOf(layer, a), other: nameOf(layer, b) },
      });
    for (let i = 0; i < layer.count; i++) {
      if (!sane[i]) continue;
      const box = layer.bbox;
      const k = 4 * i;
      const near: number[] = [];
      // the search's filter collects the later sane plots: no array of every box candidate per plot
      layer.index.search(box[k] - maxDistance, box[k + 1] - maxDistance, box[k + 2] + maxDistance, box[k + 3] + maxDistance, (j) => {
        if (j > i && sane[j]) near.push(j);
        return false;
      });
      near.sort((x, y) => x - y);
      for (const b of near) {
        const both = common(box, k, 4 * b, maxDistance);
        const ab = scan(layer, i, b, both, sameVertex, maxDistance);
        if (ab.unsnapped) report('unsnapped', i, b, ab.unsnapped[0], ab.unsnapped[1], ab.unsnapped[2]);
        if (ab.tJunction) report('tJunction', i, b, ab.tJunction[0], ab.tJunction[1], 0);
        const ba = scan(layer, b, i, both, sameVertex, maxDistance);
        if (!ab.unsnapped && ba.unsnapped) report('unsnapped', b, i, ba.unsnapped[0], ba.unsnapped[1], ba.unsnapped[2]);
        if (ba.tJunction) report('tJunction', b, i, ba.tJunction[0], ba.tJunction[1], 0);
      }
    }
  },
};

/** Intersection of the boxes at `a` and `b` in `boxes` (the layer's bbox array), grown by `pad`. */
function common(boxes: Float64Array, a: number, b: number, pad: number): [number, number, number, number] {
  return [Math.max(boxes[a], boxes[b]) - pad, Math.max(boxes[a + 1], boxes[b + 1]) - pad, Math.min(boxes[a + 2], boxes[b + 2]) + pad, Math.min(boxes[a + 3], boxes[b + 3]) + pad];
}

/**
 * First unsnapped vertex pair and first T-junction of plot a's vertices (each ring's closing point left out)
 * against plot b, within `box`.
 */
function scan(layer: LayerData, a: number, b: number, box: readonly number[], same: number, max: number): { unsnapped?: [number, number, number]; tJunction?: [number, number] } {
  const out: { unsnapped?: [number, number, number]; tJunction?: [number, number] } = {};
  const c = layer.coords;
  const { featurePart, partStart } = layer;
  // b's points are all its rings' points back to back
  const bFrom = partStart[featurePart[b]];
  const bTo = partStart[featurePart[b + 1]];
  for (let p = featurePart[a]; p < featurePart[a + 1]; p++) {
    for (let v = partStart[p]; v + 1 < partStart[p + 1]; v++) {
      const px = c[2 * v];
      const py = c[2 * v + 1];
      if (px < box[0] || px > box[2] || py < box[1] || py > box[3]) continue;
      // squared distances: this runs per vertex pair, and Math.hypot (a square root and overflow care) is slow here
      let nearest2 = Infinity;
      for (let w = bFrom; w < bTo; w++) {
        const dx = c[2 * w] - px;
        const dy = c[2 * w + 1] - py;
        const d2 = dx * dx + dy * dy;
        if (d2 < nearest2) nearest2 = d2;
      }
      const nearest = Math.sqrt(nearest2);
      if (nearest <= same) continue;
      if (nearest <= max) {
        out.unsnapped ??= [px, py, nearest];
      } else if (!out.tJunction && onEdge(layer, b, px, py, same)) {
        out.tJunction = [px, py];
      }
      if (out.tJunction && out.unsnapped) return out;
    }
  }
  return out;
}

/** Whether an edge of plot b passes within `tolerance` of (px, py). */
function onEdge(layer: LayerData, b: number, px: number, py: number, tolerance: number): boolean {
  const c = layer.coords;
  for (let p = layer.featurePart[b]; p < layer.featurePart[b + 1]; p++) {
    for (let w = layer.partStart[p] + 1; w < layer.partStart[p + 1]; w++) {
      if (pointSegmentDistance(px, py, c[2 * w - 2], c[2 * w - 1], c[2 * w], c[2 * w + 1]) <= tolerance) return true;
    }
  }
  return false;
}
