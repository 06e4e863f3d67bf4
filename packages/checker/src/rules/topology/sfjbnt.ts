import { getCodeTable } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { area, destroy, destroyPrepared, intersection, prepare, preparedCovers, preparedRelatePattern, using } from '../../spatial/geos.js';
import { eachFeature, featureRef, layerColumn, loadLayer, nameOf, search, type Feature } from '../../spatial/layer.js';
import { isSanePolygon } from '../../spatial/layers.js';
import { featureGeometry } from '../../spatial/polygon-geos.js';
import { signedArea } from '../../spatial/rings.js';
import { interiorsSurelyDisjoint, ringSurelyCovers, simpleRing, type Ring } from '../../spatial/interiors.js';
import { BOX_INSIDE, BOX_OUTSIDE, BOX_UNKNOWN, featureCells, type BoxPlace, type PolygonCells } from '../../spatial/polygon-cells.js';

type Options = {
  /** share of the plot's area inside 基本农田保护区 from which the plot counts as basic farmland */
  readonly minShare: number;
};

/** 是 / 否 codes of 表C.19, from the schema. */
function yesNo(): { yes: string; no: string } {
  const codes = getCodeTable('C.19')?.codes ?? [];
  return { yes: codes.find((c) => c.name === '是')?.code ?? '1', no: codes.find((c) => c.name === '否')?.code ?? '2' };
}

/**
 * The plot's share inside the zones when each zone certainly covers it or certainly shares no interior with it,
 * without a GEOS geometry; undefined when some zone cannot be told, or the sum needs GEOS's area. The GEOS path adds
 * the plot's area once per covering zone and divides by that area: 0 for no zone (a sane polygon always makes a
 * GEOS geometry, so never the refused -1), exactly 1 or 2 for one or two zones when the area is > 0, which a
 * single ring's shoelace far from zero guarantees.
 */
function shareWithoutGeos(places: readonly BoxPlace[], f: Feature): number | undefined {
  if (places.includes(BOX_UNKNOWN)) return undefined;
  const covering = places.filter((p) => p === BOX_INSIDE).length;
  if (covering === 0) return 0;
  return covering <= 2 && f.parts.length === 1 && Math.abs(signedArea(f.parts[0])) > 1e-6 ? covering : undefined;
}

/**
 * SFJBNT (是否基本农田) agrees with the JBNTBHQ layer: a plot marked 是 lies mostly (≥ `minShare` of its area)
 * inside a 基本农田保护区, a plot marked 否 mostly outside. A warning: protection zones are drawn at a coarser
 * scale than plots.
 */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/sfjbnt',
    group: 'topology',
    layers: true,
    geos: true,
    severity: 'warning',
    title: { zh: '是否基本农田与基本农田保护区不符', en: 'SFJBNT disagrees with the basic farmland zones' },
    messages: {
      yesOutside: { zh: '地块 {dkbm} 标为基本农田，但只有 {actual} 的面积在基本农田保护区内', en: 'plot {dkbm} is marked basic farmland but only {actual} of it lies in a protection zone' },
      noInside: { zh: '地块 {dkbm} 标为非基本农田，但有 {actual} 的面积在基本农田保护区内', en: 'plot {dkbm} is marked not basic farmland but {actual} of it lies in a protection zone' },
    },
    spec: 'NY/T 2539-2016 表A.10 (SFJBNT), 表A.13',
    basis: 'issue "checker: spatial QC" (SFJBNT vs JBNTBHQ, warning)',
    basisKind: 'inference',
    fixedBy: '村组',
    cost: 5,
    options: { minShare: 0.5 },
  },
  run(ctx) {
    const dk = loadLayer(ctx.db, 'DK');
    const zones = loadLayer(ctx.db, 'JBNTBHQ');
    if (!dk || !zones || !zones.index) return;
    const flags = layerColumn(ctx.db, dk, 'SFJBNT');
    if (!flags) return;
    const { yes, no } = yesNo();
    const zoneGeoms = new Map<number, { g: number; p: number; cells: PolygonCells; ring: Ring | undefined }>();
    for (const z of eachFeature(zones)) {
      if (!isSanePolygon(z)) continue;
      const g = featureGeometry(z);
      if (g) zoneGeoms.set(z.index, { g, p: prepare(g), cells: featureCells(z, g), ring: simpleRing(zones, z.index) });
    }
    try {
      for (let i = 0; i < dk.count; i++) {
        const raw = flags.get(i);
        const flag = raw === null ? null : String(raw);
        if (flag !== yes && flag !== no) continue;
        const f = dk.feature(i);
        if (!isSanePolygon(f)) continue;
        const candidates = search(zones, ...f.bbox!).filter((j) => zoneGeoms.has(j)).sort((a, b) => a - b);
        // the zones' cells place most plots wholly in a zone's interior (covered) or wholly outside it; interiors.ts
        // settles most of the rest, plots along a zone's edge (simple rings both)
        const b = dk.bbox;
        const k = 4 * i;
        let plotRing: Ring | null | undefined = null;
        const places = candidates.map((j) => {
          const z = zoneGeoms.get(j)!;
          const place = z.cells.placeBox(b[k], b[k + 1], b[k + 2], b[k + 3]);
          if (place !== BOX_UNKNOWN || !z.ring) return place;
          if (plotRing === null) plotRing = simpleRing(dk, i);
          if (!plotRing) return place;
          return ringSurelyCovers(z.ring, plotRing) ? BOX_INSIDE : interiorsSurelyDisjoint(plotRing, z.ring) ? BOX_OUTSIDE : BOX_UNKNOWN;
        });
        const share = shareWithoutGeos(places, f) ?? using(featureGeometry(f), (g) => {
          if (!g) return -1;
          const total = area(g);
          let inside = 0;
          for (let n = 0; n < candidates.length; n++) {
            const z = zoneGeoms.get(candidates[n])!;
            if (places[n] === BOX_OUTSIDE) continue;
            if (places[n] === BOX_INSIDE || preparedCovers(z.p, g)) {
              inside += total;
              continue;
            }
            if (!preparedRelatePattern(z.p, g, 'T********')) continue;
            const x = intersection(g, z.g);
            if (x) {
              inside += area(x);
              destroy(x);
            }
          }
          return total > 0 ? inside / total : 0;
        });
        if (share < 0) continue;
        const pct = `${Math.round(share * 1000) / 10}%`;
        if (flag === yes && share < ctx.options.minShare) ctx.report({ messageId: 'yesOutside', ...featureRef(dk, i), field: 'SFJBNT', actual: pct, data: { dkbm: nameOf(dk, i) } });
        if (flag === no && share >= ctx.options.minShare) ctx.report({ messageId: 'noInside', ...featureRef(dk, i), field: 'SFJBNT', actual: pct, data: { dkbm: nameOf(dk, i) } });
      }
    } finally {
      for (const z of zoneGeoms.values()) {
        destroyPrepared(z.p);
        destroy(z.g);
      }
    }
  },
};
