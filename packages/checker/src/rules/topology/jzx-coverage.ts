import type { Rule } from '../../engine/types.js';
import { baseShapeType, featureRef, nameOf, SHAPE, toPackage } from '../../spatial/layer.js';
import { boundaryGraph, segmentKey } from '../../spatial/segments.js';
import { layerReadPartly } from '../../store/facts.js';

/**
 * 界址线 and plot boundaries are the same lines: every segment of every plot boundary is covered by a JZX (one
 * finding per plot, counting the bare segments), and every JZX segment runs along a plot boundary between two
 * 界址点 (one finding per line).
 */
export const rule: Rule = {
  meta: {
    id: 'topology/jzx-coverage',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '界址线与地块边界不一致', en: 'Boundary lines and plot boundaries disagree' },
    messages: {
      uncovered: { zh: '地块 {dkbm} 有 {count} 段边界没有界址线', en: 'plot {dkbm} has {count} boundary segments without a boundary line (JZX)' },
      offBoundary: { zh: '界址线 {jzxh} 有 {count} 段不在地块边界上（或端点不是界址点）', en: 'boundary line {jzxh} has {count} segments that are not on a plot boundary (or do not end at boundary points)' },
    },
    spec: 'NY/T 2539-2016 表A.12; §5.3 (界址线为相邻界址点间的连线)',
    basis: 'qc-rules.md INF-G (JZX against DK); peer-catalog YLT-67, YLT-107',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    affinity: 'plot-points',
  },
  run(ctx) {
    // with part of JZX unread every plot along the unread lines would look uncovered; the damage is one error
    if (layerReadPartly(ctx.db, 'JZX')) return;
    const g = boundaryGraph(ctx.db);
    if (!g) return;
    const { dk, jzx, jzdAtVertex, jzdAtJzxVertex, plotsOnSegment } = g;
    const n = g.jzd.count;
    // per segment slot of plotsOnSegment: whether some JZX runs along it
    const covered = new Uint8Array(plotsOnSegment.size);
    for (let l = 0; l < jzx.count; l++) {
      if (baseShapeType(jzx.shapeType[l]) !== SHAPE.polyline) continue;
      let off = 0;
      let at = -1;
      for (let p = jzx.featurePart[l]; p < jzx.featurePart[l + 1]; p++) {
        for (let v = jzx.partStart[p]; v + 1 < jzx.partStart[p + 1]; v++) {
          const a = jzdAtJzxVertex[v];
          const b = jzdAtJzxVertex[v + 1];
          if (a >= 0 && b >= 0 && a === b) continue; // repeated vertex: topology/vertex-spacing
          const slot = a >= 0 && b >= 0 ? plotsOnSegment.slot(segmentKey(a, b, n)) : -1;
          if (slot >= 0) covered[slot] = 1;
          else {
            off++;
            if (at < 0) at = a < 0 ? v : v + 1;
          }
        }
      }
      if (off > 0) ctx.report({ messageId: 'offBoundary', ...featureRef(jzx, l), point: toPackage(jzx.frame, jzx.coords[2 * at], jzx.coords[2 * at + 1]), actual: off, data: { jzxh: nameOf(jzx, l), count: off } });
    }
    for (let i = 0; i < dk.count; i++) {
      if (baseShapeType(dk.shapeType[i]) !== SHAPE.polygon) continue;
      let bare = 0;
      let at = -1;
      for (let p = dk.featurePart[i]; p < dk.featurePart[i + 1]; p++) {
        for (let v = dk.partStart[p]; v + 1 < dk.partStart[p + 1]; v++) {
          const a = jzdAtVertex[v];
          const b = jzdAtVertex[v + 1];
          if (a < 0 || b < 0 || a === b) continue;
          if (covered[plotsOnSegment.slot(segmentKey(a, b, n))] !== 1) {
            bare++;
            if (at < 0) at = v;
          }
        }
      }
      if (bare > 0) {
        const mx = (dk.coords[2 * at] + dk.coords[2 * at + 2]) / 2;
        const my = (dk.coords[2 * at + 1] + dk.coords[2 * at + 3]) / 2;
        ctx.report({ messageId: 'uncovered', ...featureRef(dk, i), point: toPackage(dk.frame, mx, my), actual: bare, data: { dkbm: nameOf(dk, i), count: bare } });
      }
    }
  },
};
