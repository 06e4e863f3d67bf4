import { FOLDER, vectorMetadataFileName, writeFileAtomic } from '@nyt2539/schema';
import type { CatalogInjector, WrittenContext } from './catalog.js';
import { inPackage, readBytes } from './written.js';

/** Vector metadata (SL…xml): a wrong geoID, a layer left out of the layer list. */

const metadataFile = (ctx: WrittenContext): string => `${FOLDER.vector}/${vectorMetadataFileName(ctx.county, ctx.year)}`;

const geoIdWrong: CatalogInjector = {
  id: 'metadata-geoid-wrong',
  family: 'metadata',
  rules: ['metadata/values'],
  title: { zh: '元数据 geoID 不是本县代码', en: 'metadata geoID is not the county code' },
  inject: () => [],
  afterWrite(ctx) {
    const file = metadataFile(ctx);
    const path = inPackage(ctx, file);
    const xml = readBytes(path).toString('utf8');
    const before = `<geoID>${ctx.county}</geoID>`;
    if (!xml.includes(before)) throw new Error(`${file}: no ${before}`);
    const wrong = String((Number(ctx.county) + 1) % 1_000_000).padStart(6, '0');
    writeFileAtomic(path, xml.replace(before, `<geoID>${wrong}</geoID>`));
    return [{ id: this.id, family: this.family, kind: 'value', file, keys: { file: file.split('/').pop()! }, field: 'geoID', before: ctx.county, after: wrong, description: `geoID 由 ${ctx.county} 改为 ${wrong}` }];
  },
};

const layerNotListed: CatalogInjector = {
  id: 'metadata-layer-missing',
  family: 'metadata',
  rules: ['metadata/layers'],
  title: { zh: '元数据图层列表缺少一个图层（线状地物）', en: 'metadata layer list lacks a layer (XZDW)' },
  inject: () => [],
  afterWrite(ctx) {
    const file = metadataFile(ctx);
    const path = inPackage(ctx, file);
    const xml = readBytes(path).toString('utf8');
    const block = /[ \t]*<layer>\s*<layerName>XZDW<\/layerName>[\s\S]*?<\/layer>\r?\n/.exec(xml);
    if (!block) throw new Error(`${file}: no XZDW layer entry`);
    writeFileAtomic(path, xml.replace(block[0], ''));
    return [{ id: this.id, family: this.family, kind: 'record-removed', file, layer: 'XZDW', keys: { file: file.split('/').pop()! }, field: 'layerName', before: 'XZDW', description: '元数据图层列表中删去了 XZDW' }];
  },
};

export const metadataInjectors: readonly CatalogInjector[] = [geoIdWrong, layerNotListed];
