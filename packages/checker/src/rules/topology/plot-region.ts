import type { Rule } from '../../engine/types.js';
import { area, destroy, difference, preparedCovers, using } from '../../spatial/geos.js';
import { featureRef, nameOf } from '../../spatial/layer.js';
import { isSanePolygon } from '../../spatial/layers.js';
import { featureGeometry } from '../../spatial/polygon-geos.js';
import { BOX_INSIDE, featureCells, type PolygonCells } from '../../spatial/polygon-cells.js';
import { ringSurelyCovers, simpleRing, type Ring } from '../../spatial/interiors.js';
import { codeLength, REGION_LEVELS, regionSet, type RegionSet } from '../../spatial/regions.js';
import { loadLayer } from '../../spatial/layer.js';

type Options = {
  /** area of a plot outside its region (m²) tolerated as boundary noise */
  readonly tolerance: number;
};

/**
 * Each plot lies inside the region its code names: the 组级区域 ZJQY whose ZJQYDM is the DKBM's first 14 digits
 * (its 发包方), else — village-level 发包方 (…00) or no ZJQY layer — the CJQY, XJQY or XJXZQ named by the shorter
 * prefix. The finest available region is enough: region-nesting checks the regions nest. A code without a
 * region is reported once per code.
 */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/plot-region',
    group: 'topology',
    layers: true,
    geos: true,
    severity: 'warning',
    title: { zh: '地块不在所属区域内', en: 'Plot outside its region' },
    messages: {
      outside: { zh: '地块 {dkbm} 有 {actual} 平方米位于{level} {code} 之外', en: 'plot {dkbm} lies {actual} m² outside {level} {code}' },
      noRegion: { zh: '地块 {dkbm} 等 {count} 个地块的编码指向{level} {code}，但该区域图层中没有此区域', en: '{count} plots (first {dkbm}) belong to {level} {code}, which the region layer lacks' },
    },
    spec: 'NY/T 2539-2016 表2 (境界与管辖区域), 表A.2–A.5; NY/T 2538 (地块编码含发包方编码)',
    basis: 'issue "checker: spatial QC" (regions); qc-rules.md INF-G',
    basisKind: 'inference',
    fixedBy: '测绘单位',
    cost: 7,
    options: { tolerance: 0.01 },
  },
  run(ctx) {
    const dk = loadLayer(ctx.db, 'DK');
    if (!dk) return;
    const levelName: Record<string, string> = { XJXZQ: '县级行政区', XJQY: '乡级区域', CJQY: '村级区域', ZJQY: '组级区域' };
    const sets: [string, number, RegionSet][] = [];
    for (const level of [...REGION_LEVELS].reverse()) {
      const set = regionSet(ctx.db, level);
      if (set && set.byCode.size > 0) sets.push([level, codeLength(level), set]);
      else set?.release();
    }
    if (sets.length === 0) return;
    const missing = new Map<string, { level: string; code: string; first: number; count: number }>();
    // Most plots are settled without a GEOS predicate (each region's helpers built on first use): a plot whose box
    // lies in the region's interior cells is covered, and so is a simple plot ring that interiors.ts proves inside
    // a simple region ring (plots along the region's edge share it).
    const quick = new Map<object, { cells: PolygonCells; ring: Ring | undefined }>();
    const surelyCovers = (set: RegionSet, r: { index: number; geom: number }, i: number, plotRing: () => Ring | undefined): boolean => {
      let q = quick.get(r);
      if (!q) quick.set(r, (q = { cells: featureCells(set.layer.feature(r.index), r.geom), ring: simpleRing(set.layer, r.index) }));
      const b = dk.bbox;
      const k = 4 * i;
      if (q.cells.placeBox(b[k], b[k + 1], b[k + 2], b[k + 3]) === BOX_INSIDE) return true;
      const ring = q.ring && plotRing();
      return ring !== undefined && ringSurelyCovers(q.ring!, ring);
    };
    try {
      for (let i = 0; i < dk.count; i++) {
        const dkbm = dk.key(i);
        const f = dk.feature(i);
        if (!dkbm || !isSanePolygon(f)) continue;
        // finest level whose code is meaningful for this plot (a village-level 发包方 has no 组)
        const pick = sets.find(([level, len]) => !(level === 'ZJQY' && dkbm.slice(12, 14) === '00') && dkbm.length >= len);
        if (!pick) continue;
        const [level, len, set] = pick;
        const code = dkbm.slice(0, len);
        const regions = set.byCode.get(code);
        if (!regions) {
          const m = missing.get(`${level}:${code}`);
          if (m) m.count++;
          else missing.set(`${level}:${code}`, { level, code, first: i, count: 1 });
          continue;
        }
        let plotRing: Ring | null | undefined = null;
        const ringOfPlot = () => (plotRing === null ? (plotRing = simpleRing(dk, i)) : plotRing);
        if (regions.some((r) => surelyCovers(set, r, i, ringOfPlot))) continue;
        using(featureGeometry(f), (g) => {
          if (!g || regions.some((r) => preparedCovers(r.prepared, g))) return;
          let outside = area(g);
          for (const r of regions) {
            const d = difference(g, r.geom);
            if (d) {
              outside = Math.min(outside, area(d));
              destroy(d);
            }
          }
          if (outside <= ctx.options.tolerance) return;
          ctx.report({ messageId: 'outside', ...featureRef(dk, i), actual: Math.round(outside * 100) / 100, data: { dkbm: nameOf(dk, i), level: levelName[level], code } });
        });
      }
    } finally {
      for (const [, , set] of sets) set.release();
    }
    for (const m of missing.values()) {
      ctx.report({ messageId: 'noRegion', ...featureRef(dk, m.first), actual: m.code, data: { dkbm: nameOf(dk, m.first), count: m.count, level: levelName[m.level], code: m.code } });
    }
  },
};
