import { FOLDER, layerBaseName, writeFileAtomic } from '@nyt2539/schema';
import type { CatalogInjector, WrittenContext } from './catalog.js';
import { dbfFields, inPackage, readBytes, reshapeDbf, usedWidth } from './written.js';

/** Table/field structure: a standard field missing from a layer, a field declared shorter than the standard. */

const dbfOf = (ctx: WrittenContext, layer: string): string => `${FOLDER.vector}/${layerBaseName(layer, ctx.county, ctx.year)}.dbf`;

const fieldMissing: CatalogInjector = {
  id: 'field-missing',
  family: 'structure',
  rules: ['structure/field-missing'],
  title: { zh: '图层缺少标准字段（点状地物 BZ）', en: 'layer lacks a standard field (DZDW.BZ)' },
  inject: () => [],
  afterWrite(ctx) {
    const file = dbfOf(ctx, 'DZDW');
    const path = inPackage(ctx, file);
    const dbf = readBytes(path);
    const before = dbfFields(dbf).find((f) => f.name === 'BZ')!;
    writeFileAtomic(path, reshapeDbf(dbf, { BZ: 0 }));
    return [{ id: this.id, family: this.family, kind: 'value', file, layer: 'DZDW', keys: { layer: 'DZDW' }, field: 'BZ', before: `${before.type}(${before.length})`, after: null, description: 'DZDW 的 DBF 去掉了字段 BZ（记录中该列一并删除）' }];
  },
};

const fieldTooShort: CatalogInjector = {
  id: 'field-length-short',
  family: 'structure',
  rules: ['structure/field-length'],
  title: { zh: '字段长度短于标准（线状地物 BZ）', en: 'field declared shorter than the standard (XZDW.BZ)' },
  inject: () => [],
  afterWrite(ctx) {
    const file = dbfOf(ctx, 'XZDW');
    const path = inPackage(ctx, file);
    const dbf = readBytes(path);
    const before = dbfFields(dbf).find((f) => f.name === 'BZ')!;
    // as wide as the longest stored value, so no value is cut: only the declaration is wrong
    const width = Math.max(1, usedWidth(dbf, 'BZ'));
    if (width >= before.length) throw new Error(`XZDW.BZ values fill the standard width ${before.length}`);
    writeFileAtomic(path, reshapeDbf(dbf, { BZ: width }));
    return [{ id: this.id, family: this.family, kind: 'value', file, layer: 'XZDW', keys: { layer: 'XZDW' }, field: 'BZ', before: `C(${before.length})`, after: `C(${width})`, description: `XZDW.BZ 声明宽度由 ${before.length} 改为 ${width}` }];
  },
};

export const structureInjectors: readonly CatalogInjector[] = [fieldMissing, fieldTooShort];
