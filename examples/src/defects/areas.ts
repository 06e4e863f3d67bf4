import { editAttribute, round2, type CatalogInjector } from './catalog.js';

/** Areas and sums (the contract-total kind is in the seed set: `contract-area-wrong`). */

const plotAreaWrong: CatalogInjector = {
  id: 'plot-area-wrong',
  family: 'areas',
  rules: ['area/plot-area'],
  alsoReportedBy: ['contracts/mu-conversion'],
  title: { zh: '地块实测面积与图形面积不符', en: 'plot measured area differs from its polygon area' },
  inject(ctx) {
    // a collective plot, so no contract area is derived from it
    return editAttribute(this, ctx, {
      layer: 'DK',
      field: 'SCMJ',
      accept: (a) => a.DKLB !== '10',
      change: (a) => round2(Number(a.SCMJ) * 1.2 + 50),
      keys: (a) => ({ DKBM: String(a.DKBM) }),
      describe: () => 'SCMJ 改为图形面积的 1.2 倍加 50 m²',
    });
  },
};

export const areaInjectors: readonly CatalogInjector[] = [plotAreaWrong];
