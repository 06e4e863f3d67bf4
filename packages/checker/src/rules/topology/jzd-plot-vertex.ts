import type { Rule } from '../../engine/types.js';
import { plotPoints, pointPosition, SAME_POINT } from '../../spatial/boundary.js';
import { featureRef, nameOf, toPackage } from '../../spatial/layer.js';

/**
 * 界址点 and plot vertices are the same points: every vertex of every plot has a JZD within 0.001 m (one
 * finding per plot with the count of bare vertices), and every JZD sits on a vertex of some plot (one finding per
 * point).
 */
export const rule: Rule = {
  meta: {
    id: 'topology/jzd-plot-vertex',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '界址点与地块节点不一致', en: 'Boundary points and plot vertices disagree' },
    messages: {
      vertexWithoutPoint: { zh: '地块 {dkbm} 有 {count} 个节点没有对应的界址点', en: 'plot {dkbm} has {count} vertices without a boundary point (JZD)' },
      pointOffVertex: { zh: '界址点 {jzdh} 不在任何地块的节点上', en: 'boundary point {jzdh} is not on a vertex of any plot' },
    },
    spec: 'NY/T 2539-2016 表A.10, 表A.11; §5.3 (界址点为地块界址的转折点)',
    basis: 'qc-rules.md INF-G (JZD/JZX against DK); peer-catalog U-X10, YLT-67; official-rules.md O-G0b (0.001 m)',
    basisKind: 'official-qc',
    fixedBy: '测绘单位',
    affinity: 'plot-points',
  },
  run(ctx) {
    const pp = plotPoints(ctx.db);
    if (!pp) return;
    const { dk, jzd, jzdAtVertex } = pp;
    const used = new Uint8Array(jzd.count);
    for (let i = 0; i < dk.count; i++) {
      let missing = 0;
      let first = -1;
      for (let p = dk.featurePart[i]; p < dk.featurePart[i + 1]; p++) {
        for (let v = dk.partStart[p]; v < dk.partStart[p + 1]; v++) {
          const j = jzdAtVertex[v];
          if (j >= 0) used[j] = 1;
          else {
            missing++;
            if (first < 0) first = v;
          }
        }
      }
      if (missing > 0) {
        ctx.report({ messageId: 'vertexWithoutPoint', ...featureRef(dk, i), point: toPackage(dk.frame, dk.coords[2 * first], dk.coords[2 * first + 1]), actual: missing, data: { dkbm: nameOf(dk, i), count: missing } });
      }
    }
    for (let j = 0; j < jzd.count; j++) {
      if (used[j]) continue;
      const p = pointPosition(jzd, j);
      if (p < 0) continue; // not a point: topology/geometry-shape
      // a JZD may duplicate another one that took the vertex (topology/point-duplicate reports those)
      ctx.report({ messageId: 'pointOffVertex', ...featureRef(jzd, j), point: toPackage(jzd.frame, jzd.coords[2 * p], jzd.coords[2 * p + 1]), data: { jzdh: nameOf(jzd, j), tol: SAME_POINT } });
    }
  },
};
