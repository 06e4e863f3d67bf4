import type { Rule } from '../../engine/types.js';
import { bboxToPackage, featureRef, loadLayer, nameOf, toPackage } from '../../spatial/layer.js';
import { overlapTask } from '../../spatial/overlap.js';

type Options = {
  /** overlaps up to this area (m²) are tolerance noise; 鱼鳞图 面重叠容差 0.001 m² */
  readonly minOverlapArea: number;
};

/**
 * 面要素重叠: two plots whose interiors meet (DE-9IM `T********`, so shared edges and corners are not overlaps)
 * by more than `minOverlapArea`; identical plots are duplicates. One finding per pair, on the later plot,
 * naming both DKBM and the overlap area, located at the overlap (search in spatial/overlap.ts). The search splits
 * into partitions of the sweep (`meta.partitions`) that the thread runner schedules like rules; each reports its
 * pairs in (later, first) order, the `order` the runner merges them by.
 */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/plot-overlap',
    group: 'topology',
    layers: true,
    geos: true,
    severity: 'error',
    title: { zh: '地块重叠', en: 'Plots overlap' },
    messages: {
      overlap: { zh: '地块 {dkbm} 与地块 {other} 重叠，重叠面积 {actual} 平方米', en: 'plot {dkbm} overlaps plot {other} by {actual} m²' },
      duplicate: { zh: '地块 {dkbm} 与地块 {other} 图形完全相同（重复地块）', en: 'plot {dkbm} has the same geometry as plot {other} (duplicate plot)' },
    },
    spec: 'NY/T 2539-2016 §5.3',
    basis: 'qc-rules.md G-07 (面要素重叠, 0.001); official-rules.md §2.1 面重叠容差 0.001 m²; peer-catalog YLT-104, U-P01',
    basisKind: 'official-qc',
    fixedBy: '测绘单位',
    cost: 25,
    partitions: 8,
    options: { minOverlapArea: 0.001 },
  },
  run(ctx) {
    const layer = loadLayer(ctx.db, 'DK');
    if (!layer || !layer.index) return;
    const { index, count } = ctx.partition;
    const hits = overlapTask(ctx.db, index, count, { minOverlapArea: ctx.options.minOverlapArea }).sort((a, b) => a.later - b.later || a.first - b.first);
    for (const h of hits) {
      const order = h.later * layer.count + h.first;
      const data = { dkbm: nameOf(layer, h.later), other: nameOf(layer, h.first) };
      if (h.kind === 'duplicate') {
        ctx.report({ messageId: 'duplicate', ...featureRef(layer, h.later), other: data.other, data, order });
        continue;
      }
      ctx.report({
        messageId: 'overlap',
        ...featureRef(layer, h.later),
        ...(h.bbox ? { bbox: bboxToPackage(layer.frame, h.bbox) } : {}),
        ...(h.point ? { point: toPackage(layer.frame, h.point[0], h.point[1]) } : {}),
        actual: Math.round(h.area * 10000) / 10000,
        other: data.other,
        data,
        order,
      });
    }
  },
};
