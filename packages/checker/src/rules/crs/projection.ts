import type { Rule } from '../../engine/types.js';
import { layerCrs } from '../../spatial/crs.js';

const GAUSS_KRUGER = /gauss|kruger|transverse_mercator|transverse mercator/i;

/**
 * Every layer is in projected CGCS2000 Gauss-Krüger (§6; the official QC refuses geographic data: "请将当前坐标系
 * 转为投影坐标系后，再进行检查！"). 1980 西安 is accepted by the metadata code list but is a warning; other datums,
 * other projections and unreadable .prj files are errors.
 */
export const rule: Rule = {
  meta: {
    id: 'crs/projection',
    group: 'crs',
    layers: true,
    severity: 'error',
    title: { zh: '坐标系不是 CGCS2000 高斯-克吕格投影', en: 'Coordinate system is not CGCS2000 Gauss-Krüger' },
    messages: {
      geographic: { zh: '图层 {table} 为地理坐标系（{actual}），应为 CGCS2000 高斯-克吕格投影坐标系', en: 'layer {table} is in geographic coordinates ({actual}); expected projected CGCS2000 Gauss-Krüger' },
      xian80: { zh: '图层 {table} 使用 1980 西安坐标系，应为 2000 国家大地坐标系', en: 'layer {table} uses Xian 1980; expected CGCS2000' },
      datum: { zh: '图层 {table} 的大地基准为 {actual}，应为 CGCS2000', en: 'layer {table} has datum {actual}; expected CGCS2000' },
      projection: { zh: '图层 {table} 的投影为 {actual}，应为高斯-克吕格投影', en: 'layer {table} uses projection {actual}; expected Gauss-Krüger' },
    },
    spec: 'NY/T 2539-2016 §6 (2000 国家大地坐标系, 高斯-克吕格投影), 附录D 表D.2',
    basis: 'qc-rules.md F-02; peer-catalog YLT-108, YLT-109, U-K01',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const l of layerCrs(ctx.db)) {
      const where = { table: l.layer, file: l.file };
      const c = l.crs;
      if (!c.projected) {
        ctx.report({ messageId: 'geographic', ...where, actual: c.name ?? c.datum });
        continue;
      }
      if (c.datum === 'Xian80') ctx.report({ messageId: 'xian80', ...where, actual: c.datum, severity: 'warning' });
      else if (c.datum !== 'CGCS2000') ctx.report({ messageId: 'datum', ...where, actual: c.datum });
      if (!c.projection || !GAUSS_KRUGER.test(c.projection)) ctx.report({ messageId: 'projection', ...where, actual: c.projection ?? '?' });
    }
  },
};
