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

const plotMuWrong: CatalogInjector = {
  id: 'plot-mu-wrong',
  family: 'areas',
  rules: ['contracts/mu-conversion'],
  title: { zh: '地块实测面积亩数与平方米数换算不符', en: 'plot 亩 area does not match its m² area' },
  inject(ctx) {
    // SCMJ stays right (it matches the polygon), so the 亩 value is derivable from it
    return editAttribute(this, ctx, {
      layer: 'DK',
      field: 'SCMJM',
      accept: (a) => Number(a.SCMJM) > 0,
      change: (a) => round2(Number(a.SCMJM) + 1.23),
      keys: (a) => ({ DKBM: String(a.DKBM) }),
      describe: () => 'SCMJM 比 SCMJ 折合的亩数多 1.23 亩',
    });
  },
};

export const areaInjectors: readonly CatalogInjector[] = [plotAreaWrong];

/** Kinds added after the catalog's seed-stable order was fixed: injected last, so every earlier kind keeps its draws. */
export const lateAreaInjectors: readonly CatalogInjector[] = [plotMuWrong];
