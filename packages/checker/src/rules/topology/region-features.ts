import type { Rule } from '../../engine/types.js';
import { makePoint, preparedCovers, using } from '../../spatial/geos.js';
import { baseShapeType, featureRef, loadLayer, nameOf, SHAPE, toPackage, type LayerData } from '../../spatial/layer.js';
import { segmentIndex } from '../../spatial/segment-index.js';
import { pointPosition, SAME_POINT } from '../../spatial/boundary.js';
import { REGION_LEVELS, regionSet } from '../../spatial/regions.js';

/**
 * Features tied to the regions: 控制点 KZD lie inside the county (XJXZQ), and every vertex of a 区域界线 QYJX lies
 * on the boundary of some region polygon (XJXZQ, XJQY, CJQY, ZJQY) within the 0.001 m tolerance.
 */
export const rule: Rule = {
  meta: {
    id: 'topology/region-features',
    group: 'topology',
    layers: true,
    geos: true,
    severity: 'warning',
    title: { zh: '控制点或区域界线与区域不符', en: 'Control points or region lines disagree with the regions' },
    messages: {
      kzdOutside: { zh: '控制点 {name} 不在县级行政区内', en: 'control point {name} lies outside the county (XJXZQ)' },
      qyjxOffBoundary: { zh: '区域界线第 {record} 条有节点不在任何区域的边界上', en: 'region line {record} has vertices off every region boundary' },
    },
    spec: 'NY/T 2539-2016 表2 (控制点, 区域界线), 表A.1, 表A.6',
    basis: 'issue "checker: spatial QC" (QYJX along region boundaries; KZD inside the county)',
    basisKind: 'inference',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    const county = regionSet(ctx.db, 'XJXZQ');
    const kzd = loadLayer(ctx.db, 'KZD');
    try {
      if (county && kzd && county.byCode.size > 0) {
        const all = [...county.byCode.values()].flat();
        for (let i = 0; i < kzd.count; i++) {
          const p = pointPosition(kzd, i);
          if (p < 0) continue;
          const x = kzd.coords[2 * p];
          const y = kzd.coords[2 * p + 1];
          const inside = using(makePoint(x, y), (g) => g !== 0 && all.some((r) => preparedCovers(r.prepared, g)));
          if (!inside) ctx.report({ messageId: 'kzdOutside', ...featureRef(kzd, i), point: toPackage(kzd.frame, x, y), data: { name: nameOf(kzd, i) } });
        }
      }
    } finally {
      county?.release();
    }
    const qyjx = loadLayer(ctx.db, 'QYJX');
    const regions = REGION_LEVELS.map((l) => loadLayer(ctx.db, l)).filter((l): l is LayerData => l !== null && l.count > 0);
    if (!qyjx || regions.length === 0) return;
    const boundaries = segmentIndex(regions);
    for (let l = 0; l < qyjx.count; l++) {
      if (baseShapeType(qyjx.shapeType[l]) !== SHAPE.polyline) continue;
      let off = -1;
      for (let v = qyjx.partStart[qyjx.featurePart[l]]; v < qyjx.partStart[qyjx.featurePart[l + 1]] && off < 0; v++) {
        const x = qyjx.coords[2 * v];
        const y = qyjx.coords[2 * v + 1];
        if (!boundaries.near(x, y, SAME_POINT)) off = v;
      }
      if (off >= 0) ctx.report({ messageId: 'qyjxOffBoundary', ...featureRef(qyjx, l), point: toPackage(qyjx.frame, qyjx.coords[2 * off], qyjx.coords[2 * off + 1]) });
    }
  },
};
