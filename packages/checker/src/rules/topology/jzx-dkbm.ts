import type { Rule } from '../../engine/types.js';
import { listDifference, splitList } from '../../spatial/boundary.js';
import { baseShapeType, featureRef, layerColumn, nameOf, SHAPE } from '../../spatial/layer.js';
import { boundaryGraph, segmentKey, unpackPlots } from '../../spatial/segments.js';

/** JZX.DKBM lists the plots on either side of the line (表A.12 注a: one or two codes separated by '/'). */
export const rule: Rule = {
  meta: {
    id: 'topology/jzx-dkbm',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '界址线的地块代码与两侧地块不符', en: 'JZX.DKBM does not list the plots beside the line' },
    messages: {
      missing: { zh: '界址线 {jzxh} 是地块 {actual} 的界址，但其地块代码未列出', en: 'boundary line {jzxh} bounds plot {actual}, which its DKBM does not list' },
      extra: { zh: '界址线 {jzxh} 的地块代码列出 {actual}，但该线不在此地块的界址上', en: 'boundary line {jzxh} lists plot {actual} but does not bound it' },
    },
    spec: 'NY/T 2539-2016 表A.12 注a',
    basis: 'qc-rules.md INF-G (JZX against DK)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    cost: 4,
    affinity: 'plot-points',
  },
  run(ctx) {
    const g = boundaryGraph(ctx.db);
    if (!g) return;
    const { jzx, dk, jzdAtJzxVertex, plotsOnSegment } = g;
    const listed = layerColumn(ctx.db, jzx, 'DKBM');
    if (!listed) return;
    const n = g.jzd.count;
    for (let l = 0; l < jzx.count; l++) {
      if (baseShapeType(jzx.shapeType[l]) !== SHAPE.polyline) continue;
      const plots: number[] = [];
      let known = false;
      for (let p = jzx.featurePart[l]; p < jzx.featurePart[l + 1]; p++) {
        for (let v = jzx.partStart[p]; v + 1 < jzx.partStart[p + 1]; v++) {
          const a = jzdAtJzxVertex[v];
          const b = jzdAtJzxVertex[v + 1];
          if (a < 0 || b < 0 || a === b) continue;
          const packed = plotsOnSegment.get(segmentKey(a, b, n));
          if (packed === undefined) continue;
          known = true;
          for (const i of unpackPlots(packed, dk.count)) if (!plots.includes(i)) plots.push(i);
        }
      }
      if (!known) continue; // a line off every boundary is topology/jzx-coverage's
      // each plot's name read once, not once per segment
      const beside: string[] = [];
      for (const i of plots) {
        const key = dk.key(i);
        if (key) beside.push(key);
      }
      const diff = listDifference(beside, splitList(listed.get(l)));
      if (!diff) continue;
      const { missing, extra } = diff;
      const where = { ...featureRef(jzx, l), field: 'DKBM', data: { jzxh: nameOf(jzx, l) } };
      if (missing.length > 0) ctx.report({ messageId: 'missing', ...where, actual: missing.join('/') });
      if (extra.length > 0) ctx.report({ messageId: 'extra', ...where, actual: extra.join('/') });
    }
  },
};
