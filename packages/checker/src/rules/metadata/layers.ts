import type { Rule } from '../../engine/types.js';
import { hasStoreTable } from '../../store/facts.js';
import { metadataValues } from './meta-store.js';

/**
 * The metadata's layer list (contInfo/layer/layerName) and the delivered shapefiles agree: a delivered layer
 * missing from the list is an error; a listed layer without a shapefile is a warning (the sample lists all 14
 * layers and says which are empty).
 */
export const rule: Rule = {
  meta: {
    id: 'metadata/layers',
    group: 'metadata',
    severity: 'error',
    title: { zh: '元数据图层列表与矢量数据不符', en: 'Metadata layer list disagrees with the shapefiles' },
    messages: {
      notListed: { zh: '矢量图层 {actual} 未列入元数据的图层信息（contInfo）', en: 'layer {actual} is not listed in the metadata contInfo' },
      noShapefile: { zh: '元数据列出的图层 {actual} 在矢量数据中没有对应的 shapefile', en: 'metadata lists layer {actual}, which has no shapefile' },
    },
    spec: 'NY/T 2539-2016 附录D 表D.3',
    basis: 'qc-rules.md INF-J1; peer-catalog §4 item 24',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    const meta = metadataValues(ctx.db);
    if (!meta || !hasStoreTable(ctx.db, 'meta_xml_layers') || !hasStoreTable(ctx.db, 'pkg_files')) return;
    const listed = new Set((ctx.db.prepare(`SELECT DISTINCT trim(name) AS n FROM meta_xml_layers`).all() as { n: string }[]).map((r) => r.n));
    const delivered = new Set(
      (ctx.db.prepare(`SELECT DISTINCT layer FROM pkg_files WHERE kind = 'layerFile' AND layer IS NOT NULL AND lower(path) LIKE '%.shp' ORDER BY layer`).all() as { layer: string }[]).map((r) => r.layer),
    );
    for (const layer of [...delivered].sort()) if (!listed.has(layer)) ctx.report({ messageId: 'notListed', file: meta.file, actual: layer });
    for (const layer of [...listed].sort()) if (!delivered.has(layer)) ctx.report({ messageId: 'noShapefile', file: meta.file, actual: layer, severity: 'warning' });
  },
};
