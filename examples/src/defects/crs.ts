import { esriPrj, writeFileAtomic } from '@nyt2539/schema';
import { FOLDER, layerBaseName } from '@nyt2539/schema';
import { countyDef } from '../counties.js';
import type { CatalogInjector, WrittenContext } from './catalog.js';
import { inPackage, readBytes, removeFile } from './written.js';

/** CRS: one layer's .prj naming the neighbouring zone, one layer without its .prj. */

const prjOf = (ctx: WrittenContext, layer: string): string => `${FOLDER.vector}/${layerBaseName(layer, ctx.county, ctx.year)}.prj`;

const prjWrongZone: CatalogInjector = {
  id: 'prj-wrong-zone',
  family: 'crs',
  rules: ['crs/consistent'],
  alsoReportedBy: ['crs/coordinates', 'metadata/crs'],
  title: { zh: '图层 .prj 为相邻投影带（注记图层）', en: '.prj of the neighbouring zone (annotation layer ZJ)' },
  inject: () => [],
  afterWrite(ctx) {
    const county = countyDef(ctx.county);
    if (!county) throw new Error(`unknown county ${ctx.county}`);
    const file = prjOf(ctx, 'ZJ');
    const path = inPackage(ctx, file);
    const before = readBytes(path).toString('utf8');
    const after = esriPrj({ datum: 'CGCS2000', zoneWidth: 3, zone: county.zone + 1, variant: 'zone' });
    writeFileAtomic(path, after);
    return [{ id: this.id, family: this.family, kind: 'value', file, layer: 'ZJ', keys: { layer: 'ZJ' }, before, after, description: `ZJ 的 .prj 由第 ${county.zone} 带改为第 ${county.zone + 1} 带` }];
  },
};

const prjMissing: CatalogInjector = {
  id: 'prj-missing',
  family: 'crs',
  rules: ['layout/shapefile-parts'],
  alsoReportedBy: ['crs/projection', 'crs/consistent'],
  title: { zh: '图层缺少 .prj（面状地物）', en: 'layer without its .prj (MZDW)' },
  inject: () => [],
  afterWrite(ctx) {
    const file = prjOf(ctx, 'MZDW');
    removeFile(inPackage(ctx, file));
    return [{ id: this.id, family: this.family, kind: 'file-missing', file, layer: 'MZDW', keys: { layer: 'MZDW' }, description: 'MZDW 的 .prj 未提交，坐标系无从得知' }];
  },
};

export const crsInjectors: readonly CatalogInjector[] = [prjWrongZone, prjMissing];
