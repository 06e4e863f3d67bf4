import { classifyPath, requiredShapefileExtensions } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { packageFiles } from '../store-files.js';

/** Every layer file set (each part of a split layer too) has its .shp, .shx, .dbf and .prj. */
export const rule: Rule = {
  meta: {
    id: 'layout/shapefile-parts',
    group: 'layout',
    severity: 'error',
    title: { zh: '矢量文件组不完整', en: 'Shapefile set incomplete' },
    messages: {
      missing: { zh: '图层 {layer} 缺少文件 {file}', en: 'Layer {layer} lacks the file {file}' },
    },
    spec: 'NY/T 2539-2016 §7.2; ESRI Shapefile Technical Description',
    basis: 'qc-rules.md A-06 (QC tool LackInfo "缺少文件"); official-rules.md §2.3 (YLT: 缺少文件); .cpg is optional (LDID gives the code page)',
    basisKind: 'official-qc',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    // one entry per file set, keyed case-insensitively: DK2205812016.SHP and .dbf belong together
    const sets = new Map<string, { base: string; layer: string; extensions: Set<string> }>();
    for (const f of packageFiles(ctx.db, ['layerFile'])) {
      if (f.isDir) continue;
      const c = classifyPath(f.path);
      const base = f.path.slice(0, f.path.length - c.extension.length - 1);
      const set = sets.get(base.toLowerCase()) ?? { base, layer: c.layer ?? f.layer ?? '', extensions: new Set<string>() };
      set.extensions.add(c.extension);
      sets.set(base.toLowerCase(), set);
    }
    for (const set of sets.values()) {
      for (const ext of requiredShapefileExtensions) {
        if (!set.extensions.has(ext)) ctx.report({ messageId: 'missing', file: `${set.base}.${ext}`, table: set.layer, data: { layer: set.layer } });
      }
    }
  },
};
