import type { Rule } from '../../engine/types.js';
import { splitList } from '../../spatial/boundary.js';
import { featureRef, layerColumn, loadLayer } from '../../spatial/layer.js';

type Options = {
  /** where 界址点号 must be unique: the whole county, or each 发包方 (first 14 digits of the point's first DKBM) */
  readonly scope: 'county' | 'fbf';
};

/** 界址点号 JZDH is unique within its numbering scope; every later duplicate is reported, naming the first. */
export const rule: Rule<Options> = {
  meta: {
    id: 'topology/jzd-number',
    group: 'topology',
    layers: true,
    severity: 'error',
    title: { zh: '界址点号重复', en: 'Duplicate boundary point number' },
    messages: {
      duplicate: { zh: '界址点号 {actual} 重复，与第 {first} 条界址点相同', en: 'boundary point number {actual} repeats record {first}' },
    },
    spec: 'NY/T 2539-2016 表A.11 (JZDH), 表A.10 注f (KJZB 引用界址点号)',
    basis: 'peer-catalog YLT-60 (地块编码 in the JZD table), U-P04',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    options: { scope: 'county' },
  },
  run(ctx) {
    const jzd = loadLayer(ctx.db, 'JZD');
    if (!jzd) return;
    const dkbm = ctx.options.scope === 'fbf' ? layerColumn(ctx.db, jzd, 'DKBM') : undefined;
    const first = new Map<string, number>();
    for (let j = 0; j < jzd.count; j++) {
      const no = jzd.key(j);
      if (no === undefined) continue;
      const scope = dkbm ? (splitList(dkbm.get(j))[0] ?? '').slice(0, 14) : '';
      const key = `${scope}\u0000${no}`;
      const f = first.get(key);
      if (f === undefined) first.set(key, j);
      else ctx.report({ messageId: 'duplicate', ...featureRef(jzd, j), field: 'JZDH', actual: no, data: { first: jzd.rec[f] } });
    }
  },
};
