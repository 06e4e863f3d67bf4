import type { Rule } from '../../engine/types.js';
import { describeCrs, dkFirst, layerCrs } from '../../spatial/crs.js';

/**
 * All layers share one coordinate system: datum, central meridian, false easting/northing (the official import
 * refuses a shapefile whose SRID differs from the database's). Compared against DK (or the first layer).
 */
export const rule: Rule = {
  meta: {
    id: 'crs/consistent',
    group: 'crs',
    layers: true,
    severity: 'error',
    title: { zh: '图层坐标系不一致', en: 'Layers use different coordinate systems' },
    messages: {
      differs: { zh: '图层 {table} 的坐标系（{actual}）与图层 {reference} 的坐标系（{expected}）不一致', en: 'layer {table} uses {actual}, unlike layer {reference} ({expected})' },
    },
    spec: 'NY/T 2539-2016 §6',
    basis: 'qc-rules.md F-01; peer-catalog SII-71, YLT-110, U-K02',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    const [reference, ...rest] = dkFirst(layerCrs(ctx.db));
    if (!reference) return;
    const key = (c: typeof reference.crs) => [c.datum, c.projected, c.centralMeridian, c.falseEasting, c.falseNorthing ?? 0].join('|');
    const want = key(reference.crs);
    for (const l of rest) {
      if (key(l.crs) === want) continue;
      ctx.report({ messageId: 'differs', table: l.layer, file: l.file, actual: describeCrs(l.crs), expected: describeCrs(reference.crs), data: { reference: reference.layer } });
    }
  },
};
