import type { Rule } from '../../engine/types.js';
import { pointPosition } from '../../spatial/boundary.js';
import { featureRef, layerColumn, loadLayer, nameOf } from '../../spatial/layer.js';

type Options = {
  /** allowed |attribute − point| in metres (XZBZ/YZBZ keep 3 decimals, 表A.11) */
  readonly tolerance: number;
};

/**
 * XZBZ / YZBZ equal the point's coordinates: X is the northing (projected y), Y the easting (projected x)
 * (表A.11 注b). Swapped values — the common mistake of writing easting into X — are named as such.
 */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/jzd-coordinates',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '界址点坐标属性与图形不符', en: 'JZD coordinate attributes disagree with the point' },
    messages: {
      swapped: { zh: '界址点 {jzdh} 的 X/Y 坐标值互换：XZBZ 应为纵坐标 {expected}，YZBZ 应为横坐标 {other}', en: 'boundary point {jzdh} has X and Y swapped: XZBZ must be the northing {expected}, YZBZ the easting {other}' },
      mismatch: { zh: '界址点 {jzdh} 的 {field} 为 {actual}，与图形坐标 {expected} 不符', en: 'boundary point {jzdh}: {field} is {actual}, the point says {expected}' },
    },
    spec: 'NY/T 2539-2016 表A.11 注b',
    basis: 'peer-catalog YLT-21, U-V13 (coordinates non-zero and consistent)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    options: { tolerance: 0.001 },
  },
  run(ctx) {
    const jzd = loadLayer(ctx.db, 'JZD');
    if (!jzd) return;
    const xs = layerColumn(ctx.db, jzd, 'XZBZ');
    const ys = layerColumn(ctx.db, jzd, 'YZBZ');
    if (!xs || !ys) return;
    // attributes keep 3 decimals: allow the rounding half-unit on top of the tolerance
    const tol = ctx.options.tolerance + 0.0005;
    const round3 = (v: number) => Math.round(v * 1000) / 1000;
    for (let j = 0; j < jzd.count; j++) {
      const p = pointPosition(jzd, j);
      if (p < 0) continue;
      const easting = jzd.coords[2 * p] + jzd.frame.ox;
      const northing = jzd.coords[2 * p + 1] + jzd.frame.oy;
      const xr = xs.get(j);
      const xv = typeof xr === 'number' ? xr : null;
      const yr = ys.get(j);
      const yv = typeof yr === 'number' ? yr : null;
      if (xv === null && yv === null) continue; // empty values are the values family's (required)
      const okX = xv !== null && Math.abs(xv - northing) <= tol;
      const okY = yv !== null && Math.abs(yv - easting) <= tol;
      if (okX && okY) continue;
      const ref = featureRef(jzd, j);
      if (xv !== null && yv !== null && Math.abs(xv - easting) <= tol && Math.abs(yv - northing) <= tol) {
        ctx.report({ messageId: 'swapped', ...ref, field: 'XZBZ', actual: xv, expected: round3(northing), data: { jzdh: nameOf(jzd, j), other: round3(easting) } });
        continue;
      }
      if (xv !== null && !okX) ctx.report({ messageId: 'mismatch', ...ref, field: 'XZBZ', actual: xv, expected: round3(northing), data: { jzdh: nameOf(jzd, j) } });
      if (yv !== null && !okY) ctx.report({ messageId: 'mismatch', ...ref, field: 'YZBZ', actual: yv, expected: round3(easting), data: { jzdh: nameOf(jzd, j) } });
    }
  },
};
