import type { Rule } from '../../engine/types.js';
import { plotPoints, splitList } from '../../spatial/boundary.js';
import { featureRef, layerColumn, nameOf } from '../../spatial/layer.js';

/**
 * DK.KJZB names key 界址点 of the plot (表A.10 注f): each item must be the number of a JZD lying on a vertex of
 * that plot. (plots/kjzb checks the JZD's DKBM list; this checks where the point is.)
 */
export const rule: Rule = {
  meta: {
    id: 'topology/kjzb-location',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '关键界址点不在本地块上', en: 'KJZB point not on the plot' },
    messages: {
      offPlot: { zh: '地块 {dkbm} 的关键界址点 {actual} 不在本地块的界址上', en: 'key boundary point {actual} of plot {dkbm} is not on the plot boundary' },
    },
    spec: 'NY/T 2539-2016 表A.10 注f',
    basis: 'qc-rules.md INF-G1; peer-catalog §4 item 12',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    affinity: 'plot-points',
  },
  run(ctx) {
    const pp = plotPoints(ctx.db);
    if (!pp) return;
    const { dk, jzd, jzdAtVertex } = pp;
    const kjzb = layerColumn(ctx.db, dk, 'KJZB');
    if (!kjzb) return;
    for (let i = 0; i < dk.count; i++) {
      const items = splitList(kjzb.get(i));
      if (items.length === 0) continue;
      const here = new Set<string>();
      for (let v = dk.partStart[dk.featurePart[i]]; v < dk.partStart[dk.featurePart[i + 1]]; v++) {
        const j = jzdAtVertex[v];
        const name = j >= 0 ? jzd.key(j) : undefined;
        if (name !== undefined) here.add(name);
      }
      const off = items.filter((k) => !here.has(k));
      if (off.length > 0) ctx.report({ messageId: 'offPlot', ...featureRef(dk, i), field: 'KJZB', actual: off.join('/'), data: { dkbm: nameOf(dk, i) } });
    }
  },
};
