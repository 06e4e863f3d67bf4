import type { Rule } from '../../engine/types.js';
import { area, destroy, difference, intersection, preparedCovers, preparedRelatePattern, using } from '../../spatial/geos.js';
import { featureRef, nameOf, search } from '../../spatial/layer.js';
import { codeLength, REGION_LEVELS, regionSet, type RegionSet } from '../../spatial/regions.js';

type Options = {
  /** overlap or overshoot area (m²) tolerated as boundary noise */
  readonly tolerance: number;
};

const levelName: Record<string, string> = { XJXZQ: '县级行政区', XJQY: '乡级区域', CJQY: '村级区域', ZJQY: '组级区域' };

/**
 * Region layers nest: every 乡级/村级/组级区域 lies inside the region one level up whose code is its prefix, and
 * regions of one layer do not overlap each other.
 */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/region-nesting',
    group: 'topology',
    layers: true,
    geos: true,
    severity: 'warning',
    title: { zh: '区域图层嵌套或重叠错误', en: 'Region layers do not nest or overlap' },
    messages: {
      outsideParent: { zh: '{level} {code} 有 {actual} 平方米位于上级区域 {parent} 之外', en: '{level} {code} lies {actual} m² outside its parent region {parent}' },
      noParent: { zh: '{level} {code} 的上级区域 {parent} 不存在', en: '{level} {code}: parent region {parent} is missing' },
      overlap: { zh: '{level} {code} 与 {other} 重叠 {actual} 平方米', en: '{level} {code} overlaps {other} by {actual} m²' },
    },
    spec: 'NY/T 2539-2016 表2 (境界与管辖区域), 表A.2–A.5',
    basis: 'issue "checker: spatial QC" (region layers nest and do not overlap their siblings)',
    basisKind: 'inference',
    fixedBy: '测绘单位',
    cost: 1.4,
    options: { tolerance: 0.01 },
  },
  run(ctx) {
    const tol = ctx.options.tolerance;
    const sets = new Map<string, RegionSet>();
    for (const level of REGION_LEVELS) {
      const s = regionSet(ctx.db, level);
      if (s) sets.set(level, s);
    }
    try {
      REGION_LEVELS.forEach((level, k) => {
        const set = sets.get(level);
        if (!set) return;
        const layer = set.layer;
        const parentLevel = k > 0 ? REGION_LEVELS[k - 1] : undefined;
        const parents = parentLevel ? sets.get(parentLevel) : undefined;
        const entries = [...set.byCode.entries()].flatMap(([code, list]) => list.map((r) => ({ code, ...r }))).sort((a, b) => a.index - b.index);
        const byIndex = new Map(entries.map((e) => [e.index, e]));
        for (const r of entries) {
          if (parents && parentLevel) {
            const parentCode = r.code.slice(0, codeLength(parentLevel));
            const ps = parents.byCode.get(parentCode);
            if (!ps) ctx.report({ messageId: 'noParent', ...featureRef(layer, r.index), actual: parentCode, data: { level: levelName[level], code: r.code, parent: parentCode } });
            else if (!ps.some((p) => preparedCovers(p.prepared, r.geom))) {
              let outside = area(r.geom);
              for (const p of ps) {
                const d = difference(r.geom, p.geom);
                if (d) {
                  outside = Math.min(outside, area(d));
                  destroy(d);
                }
              }
              if (outside > tol) ctx.report({ messageId: 'outsideParent', ...featureRef(layer, r.index), actual: Math.round(outside * 100) / 100, data: { level: levelName[level], code: r.code, parent: parentCode } });
            }
          }
          const b = layer.bbox.subarray(4 * r.index, 4 * r.index + 4);
          for (const j of search(layer, b[0], b[1], b[2], b[3]).filter((j) => j > r.index).sort((x, y) => x - y)) {
            const other = byIndex.get(j);
            if (!other || !preparedRelatePattern(r.prepared, other.geom, 'T********')) continue;
            const shared = using(intersection(r.geom, other.geom), (g) => (g ? area(g) : 0));
            if (shared > tol) {
              ctx.report({ messageId: 'overlap', ...featureRef(layer, j), actual: Math.round(shared * 100) / 100, other: r.code, data: { level: levelName[level], code: nameOf(layer, j), other: r.code } });
            }
          }
        }
      });
    } finally {
      for (const s of sets.values()) s.release();
    }
  },
};
