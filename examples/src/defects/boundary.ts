import type { Feature } from '@nyt2539/schema';
import { claim, editAttribute, untouched, type CatalogInjector } from './catalog.js';
import { sample } from './edit.js';

/** 界址点/界址线 against the plots: a point missing, a point's coordinate attributes swapped. */

const jzdKeys = (a: Feature['attributes']) => ({ JZDH: String(a.JZDH), DKBM: String(a.DKBM) });

const jzdMissing: CatalogInjector = {
  id: 'jzd-missing',
  family: 'boundary',
  rules: ['topology/jzd-plot-vertex'],
  alsoReportedBy: ['topology/jzx-ends', 'topology/jzx-coverage', 'plots/kjzb', 'topology/kjzb-location'],
  title: { zh: '地块节点上缺少界址点', en: 'boundary point missing at a plot vertex' },
  inject(ctx) {
    const store = ctx.model.layers.get('JZD')!;
    return sample(store, ctx.rng, 1, (f) => untouched(ctx, f.attributes)).map(({ index, record }) => {
      claim(ctx, record.attributes);
      store.edits.set(index, null);
      return {
        id: this.id,
        family: this.family,
        kind: 'record-removed',
        file: ctx.fileOf('JZD').replace(/\.dbf$/, '.shp'),
        layer: 'JZD',
        index,
        keys: jzdKeys(record.attributes),
        // where the point was: findings about the lines that end there carry no JZD key
        before: record.geometry && record.geometry.type === 'Point' ? [record.geometry.x, record.geometry.y] : null,
        description: `界址点 ${String(record.attributes.JZDH)} 被删除，相邻地块的该节点没有界址点`,
      };
    });
  },
};

const jzdXySwapped: CatalogInjector = {
  id: 'jzd-coordinates-swapped',
  family: 'boundary',
  rules: ['topology/jzd-coordinates'],
  title: { zh: '界址点 X、Y 坐标属性互换', en: 'boundary point X and Y coordinate attributes swapped' },
  inject(ctx) {
    let swapped: Feature['attributes'] | undefined;
    const records = editAttribute(this, ctx, {
      layer: 'JZD',
      field: 'XZBZ',
      count: 1,
      accept: () => true,
      change: (a) => {
        swapped = a;
        return a.YZBZ;
      },
      keys: jzdKeys,
      describe: () => 'XZBZ 与 YZBZ 互换（XZBZ 应为纵坐标 北）',
    });
    // the same feature's YZBZ takes the old XZBZ; one record per changed field
    const store = ctx.model.layers.get('JZD')!;
    return records.flatMap((r) => {
      const f = store.edits.get(r.index!)!;
      store.edits.set(r.index!, { ...f, attributes: { ...f.attributes, YZBZ: swapped!.XZBZ } });
      return [r, { ...r, field: 'YZBZ', before: swapped!.YZBZ, after: swapped!.XZBZ }];
    });
  },
};

export const boundaryInjectors: readonly CatalogInjector[] = [jzdMissing, jzdXySwapped];
