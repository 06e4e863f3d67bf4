import type { Rule } from '../../engine/types.js';
import { baseShapeType, featureRef, layerColumn, nameOf, SHAPE, toPackage } from '../../spatial/layer.js';
import { boundaryGraph } from '../../spatial/segments.js';
import type { SharedColumn } from '../../store/shared-column.js';

/** QJZDH / ZJZDH name the 界址点 at the line's first and last vertex. */
export const rule: Rule = {
  meta: {
    id: 'topology/jzx-ends',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '界址线起止界址点号与端点不符', en: 'JZX start/end point numbers disagree with its ends' },
    messages: {
      mismatch: { zh: '界址线 {jzxh} 的 {field} 为 {actual}，但该端点的界址点号为 {expected}', en: 'boundary line {jzxh}: {field} is {actual} but the point at that end is {expected}' },
      noPoint: { zh: '界址线 {jzxh} 的 {field} 为 {actual}，但该端点没有界址点', en: 'boundary line {jzxh}: {field} is {actual} but there is no boundary point at that end' },
    },
    spec: 'NY/T 2539-2016 表A.12 (QJZDH, ZJZDH)',
    basis: 'qc-rules.md INF-G (JZX against JZD); examples geometry test (QJZDH/ZJZDH at the line ends)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    affinity: 'plot-points',
  },
  run(ctx) {
    const g = boundaryGraph(ctx.db);
    if (!g) return;
    const { jzx, jzd, jzdAtJzxVertex } = g;
    const starts = layerColumn(ctx.db, jzx, 'QJZDH');
    const ends = layerColumn(ctx.db, jzx, 'ZJZDH');
    for (let l = 0; l < jzx.count; l++) {
      if (baseShapeType(jzx.shapeType[l]) !== SHAPE.polyline) continue;
      const p0 = jzx.featurePart[l];
      const p1 = jzx.featurePart[l + 1];
      if (p1 <= p0 || jzx.partStart[p1] - jzx.partStart[p0] < 2) continue;
      const checks: [string, SharedColumn | undefined, number][] = [
        ['QJZDH', starts, jzx.partStart[p0]],
        ['ZJZDH', ends, jzx.partStart[p1] - 1],
      ];
      for (const [field, column, v] of checks) {
        const value = column?.get(l);
        if (value === null || value === undefined) continue; // optional field (表A.12 O)
        const j = jzdAtJzxVertex[v];
        if (j >= 0 && jzd.key(j) === String(value)) continue;
        // the location is built for findings only: 2.3M line ends on a county
        const where = { ...featureRef(jzx, l), field, point: toPackage(jzx.frame, jzx.coords[2 * v], jzx.coords[2 * v + 1]), actual: String(value), data: { jzxh: nameOf(jzx, l) } };
        if (j < 0) ctx.report({ messageId: 'noPoint', ...where });
        else ctx.report({ messageId: 'mismatch', ...where, expected: jzd.key(j) ?? '' });
      }
    }
  },
};
