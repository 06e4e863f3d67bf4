import { vectorMetadataFileName } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { hasStoreTable } from '../../engine/store-facts.js';

/** The vector metadata `SL<county><year>.xml` is delivered (in 矢量数据, or the draft's 元数据 folder). */
export const rule: Rule = {
  meta: {
    id: 'metadata/present',
    group: 'metadata',
    severity: 'error',
    title: { zh: '缺少矢量数据元数据', en: 'Vector metadata missing' },
    messages: {
      missing: { zh: '汇交包中没有矢量数据元数据文件 {expected}', en: 'the package has no vector metadata file {expected}' },
    },
    spec: 'NY/T 2539-2016 §7.4, 附录D',
    basis: 'qc-rules.md A-09; package-layout.md §4.3; peer-catalog §4 item 24',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    if (!hasStoreTable(ctx.db, 'pkg_files')) return;
    const found = ctx.db.prepare(`SELECT 1 FROM pkg_files WHERE kind = 'vectorMetadata' AND is_dir = 0 LIMIT 1`).get();
    if (found) return;
    const expected = ctx.info.county && ctx.info.year ? vectorMetadataFileName(ctx.info.county, ctx.info.year) : 'SL<县级代码><年份>.xml';
    ctx.report({ messageId: 'missing', expected: `矢量数据/${expected}` });
  },
};
