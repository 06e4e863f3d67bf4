import type { Rule } from '../../engine/types.js';
import { area, destroy, destroyPrepared, extent, geomEquals, intersection, pointOnSurface, prepare, preparedRelatePattern } from '../../spatial/geos.js';
import { bboxToPackage, eachFeature, featureRef, loadLayer, search, toPackage } from '../../spatial/layer.js';
import { isSanePolygon } from '../../spatial/layers.js';
import { featureGeometry } from '../../spatial/polygon-geos.js';

type Options = {
  /** overlaps up to this area (m²) are tolerance noise; 鱼鳞图 面重叠容差 0.001 m² */
  readonly minOverlapArea: number;
};

/**
 * 面要素重叠: two plots whose interiors meet (DE-9IM `T********`, so shared edges and corners are not overlaps)
 * by more than `minOverlapArea`. Candidates come from the bbox index; the exact test is GEOS on prepared
 * geometry, the area from GEOS overlay. Identical plots are reported as duplicates. One finding per pair, on
 * the later plot, naming both DKBM and the overlap area, located at the overlap.
 */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/plot-overlap',
    group: 'topology',
    severity: 'error',
    title: { zh: '地块重叠', en: 'Plots overlap' },
    messages: {
      overlap: { zh: '地块 {dkbm} 与地块 {other} 重叠，重叠面积 {actual} 平方米', en: 'plot {dkbm} overlaps plot {other} by {actual} m²' },
      duplicate: { zh: '地块 {dkbm} 与地块 {other} 图形完全相同（重复地块）', en: 'plot {dkbm} has the same geometry as plot {other} (duplicate plot)' },
    },
    spec: 'NY/T 2539-2016 §5.3',
    basis: 'qc-rules.md G-07 (面要素重叠, 0.001); official-rules.md §2.1 面重叠容差 0.001 m²; peer-catalog YLT-104, U-P01',
    fixedBy: '测绘单位',
    options: { minOverlapArea: 0.001 },
  },
  run(ctx) {
    const layer = loadLayer(ctx.db, 'DK');
    if (!layer || !layer.index) return;
    const min = ctx.options.minOverlapArea;
    const plots = Array.from(eachFeature(layer));
    const sane = plots.map((f) => isSanePolygon(f));
    // geometries built lazily and freed once no later plot can need them (bbox sweep over the sorted order)
    const geoms = new Map<number, number>();
    const geomOf = (k: number): number => {
      let g = geoms.get(k);
      if (g === undefined) geoms.set(k, (g = featureGeometry(plots[k])));
      return g;
    };
    const order = plots.map((_, k) => k).sort((a, b) => plots[a].bbox![0] - plots[b].bbox![0] || a - b);
    const rank = new Int32Array(order.length);
    order.forEach((k, r) => (rank[k] = r));
    let released = 0;
    for (let n = 0; n < order.length; n++) {
      const i = order[n];
      const a = plots[i];
      // free geometries whose box ends left of this one's start: no later plot (sorted by minx) can meet them
      while (released < n && plots[order[released]].bbox![2] < a.bbox![0]) {
        const g = geoms.get(order[released]);
        if (g !== undefined) destroy(g);
        geoms.delete(order[released]);
        released++;
      }
      if (!sane[i]) continue;
      // boxes that only touch along a side or corner cannot hold an interior overlap
      const ab = a.bbox!;
      const candidates = search(layer, ...ab).filter((j) => {
        if (rank[j] <= n || !sane[j]) return false;
        const bb = plots[j].bbox!;
        return Math.min(ab[2], bb[2]) > Math.max(ab[0], bb[0]) && Math.min(ab[3], bb[3]) > Math.max(ab[1], bb[1]);
      });
      if (candidates.length === 0) continue;
      const ga = geomOf(i);
      if (!ga) continue;
      const prepared = prepare(ga);
      try {
        for (const j of candidates.sort((x, y) => x - y)) {
          const gb = geomOf(j);
          if (!gb || !preparedRelatePattern(prepared, gb, 'T********')) continue;
          // reported on the later plot of the pair (load order), naming the earlier one
          const [first, later] = i < j ? [a, plots[j]] : [plots[j], a];
          const dkbm = later.key ?? `#${later.rec}`;
          const other = first.key ?? `#${first.rec}`;
          if (geomEquals(ga, gb)) {
            ctx.report({ messageId: 'duplicate', ...featureRef(layer, later), data: { dkbm, other } });
            continue;
          }
          const inter = intersection(ga, gb);
          if (!inter) continue; // GEOS topology exception: the invalid plot is reported by polygon-valid
          try {
            const overlap = area(inter);
            if (overlap <= min) continue;
            const box = extent(inter);
            const at = pointOnSurface(inter);
            ctx.report({
              messageId: 'overlap',
              ...featureRef(layer, later),
              ...(box ? { bbox: bboxToPackage(layer.frame, box) } : {}),
              ...(at ? { point: toPackage(layer.frame, at[0], at[1]) } : {}),
              actual: Math.round(overlap * 10000) / 10000,
              data: { dkbm, other },
            });
          } finally {
            destroy(inter);
          }
        }
      } finally {
        destroyPrepared(prepared);
      }
    }
    for (const g of geoms.values()) destroy(g);
  },
};
