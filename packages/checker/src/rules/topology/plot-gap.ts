import type { Rule } from '../../engine/types.js';
import { coverageHoles } from '../../spatial/geos.js';
import { bboxToPackage, loadLayer } from '../../spatial/layer.js';
import { isSanePolygon } from '../../spatial/layers.js';
import { featureGeometry } from '../../spatial/polygon-geos.js';

type Options = {
  /** holes in a 组's plot cover up to this area (m²) are gaps between plots; larger ones are unplotted land */
  readonly maxGapArea: number;
};

/**
 * Gaps inside a 组: the plots of one 发包方 (DKBM's first 14 digits) are unioned (GEOS coverage union) and every
 * enclosed hole up to `maxGapArea` is reported — a sliver of land between plots that should share a boundary.
 * Larger holes (ponds, houses, roads inside the group) are legitimate. A warning: the official check names
 * no threshold.
 */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/plot-gap',
    group: 'topology',
    layers: true,
    geos: true,
    severity: 'warning',
    title: { zh: '组内地块间存在缝隙', en: 'Gaps between the plots of a group' },
    messages: {
      gap: { zh: '发包方 {fbfbm} 的地块之间有 {actual} 平方米的缝隙', en: 'a gap of {actual} m² lies between the plots of 发包方 {fbfbm}' },
    },
    spec: 'NY/T 2539-2016 §5.3',
    basis: 'issue "checker: spatial QC" (gaps inside a 组 as a warning); npm-notes §2.6 (coverage union finds removed-parcel holes)',
    basisKind: 'inference',
    fixedBy: '测绘单位',
    cost: 1.6,
    options: { maxGapArea: 5 },
  },
  run(ctx) {
    const dk = loadLayer(ctx.db, 'DK');
    if (!dk) return;
    const groups = new Map<string, number[]>();
    for (let i = 0; i < dk.count; i++) {
      const key = dk.key(i);
      if (!key || key.length < 14) continue;
      const list = groups.get(key.slice(0, 14)) ?? [];
      list.push(i);
      groups.set(key.slice(0, 14), list);
    }
    for (const fbfbm of [...groups.keys()].sort()) {
      const geoms: number[] = [];
      for (const i of groups.get(fbfbm)!) {
        const f = dk.feature(i);
        if (!isSanePolygon(f)) continue;
        const g = featureGeometry(f);
        if (g) geoms.push(g);
      }
      for (const hole of coverageHoles(geoms)) {
        if (hole.area > ctx.options.maxGapArea) continue;
        ctx.report({ messageId: 'gap', table: 'DK', file: dk.files[0], bbox: bboxToPackage(dk.frame, hole.bbox), actual: Math.round(hole.area * 10000) / 10000, fbfbm, data: { fbfbm } });
      }
    }
  },
};
