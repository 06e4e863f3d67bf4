import type { Rule } from '../../engine/types.js';
import { listDifference, plotsTouching, pointPosition, SAME_POINT, splitList } from '../../spatial/boundary.js';
import { featureRef, layerColumn, loadLayer, nameOf, toPackage } from '../../spatial/layer.js';

/**
 * JZD.DKBM lists exactly the plots whose boundary passes through the point (表A.11 注a: several plots separated
 * by '/'). Missing and extra codes are separate findings, one per point.
 */
export const rule: Rule = {
  meta: {
    id: 'topology/jzd-dkbm',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '界址点的地块代码与相邻地块不符', en: 'JZD.DKBM does not list the plots at the point' },
    messages: {
      missing: { zh: '界址点 {jzdh} 位于地块 {actual} 的界址上，但其地块代码未列出', en: 'boundary point {jzdh} lies on plot {actual}, which its DKBM does not list' },
      extra: { zh: '界址点 {jzdh} 的地块代码列出 {actual}，但该点不在此地块的界址上', en: 'boundary point {jzdh} lists plot {actual} in DKBM but is not on its boundary' },
    },
    spec: 'NY/T 2539-2016 表A.11 注a',
    basis: 'qc-rules.md INF-G (JZD against DK); peer-catalog YLT-70 (JZD rows naming absent plots)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    cost: 6,
  },
  run(ctx) {
    const dk = loadLayer(ctx.db, 'DK');
    const jzd = loadLayer(ctx.db, 'JZD');
    if (!dk || !jzd) return;
    const listed = layerColumn(ctx.db, jzd, 'DKBM');
    if (!listed) return;
    for (let j = 0; j < jzd.count; j++) {
      const p = pointPosition(jzd, j);
      if (p < 0) continue;
      const x = jzd.coords[2 * p];
      const y = jzd.coords[2 * p + 1];
      const touching: string[] = [];
      for (const i of plotsTouching(dk, x, y, SAME_POINT)) {
        const k = dk.key(i);
        if (k !== undefined) touching.push(k);
      }
      const diff = listDifference(touching, splitList(listed.get(j)));
      if (!diff) continue;
      const { missing, extra } = diff;
      const where = { ...featureRef(jzd, j), field: 'DKBM', point: toPackage(jzd.frame, x, y) };
      if (missing.length > 0) ctx.report({ messageId: 'missing', ...where, actual: missing.join('/'), data: { jzdh: nameOf(jzd, j) } });
      if (extra.length > 0) ctx.report({ messageId: 'extra', ...where, actual: extra.join('/'), data: { jzdh: nameOf(jzd, j) } });
    }
  },
};
