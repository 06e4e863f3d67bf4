import { checkMetadataValue, formatMessage, metadataSections, metadataValueMessages } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { metadataValues } from './meta-store.js';

/**
 * Annex D elements of the data, reference-system and quality sections: mandatory ones present, not repeated
 * beyond their maximum, values in their type and domain (dates YYYYMMDD, codes 001–006 …), and geoID = the
 * package's county code. Layer entries (contInfo) are metadata/layers'.
 */
export const rule: Rule = {
  meta: {
    id: 'metadata/values',
    group: 'metadata',
    severity: 'error',
    title: { zh: '元数据元素缺失或取值错误', en: 'Metadata element missing or invalid' },
    messages: {
      missing: { zh: '元数据缺少必选元素 {path}（{name}）', en: 'metadata lacks mandatory element {path} ({name})' },
      repeated: { zh: '元数据元素 {path}（{name}）出现 {actual} 次，最多 1 次', en: 'metadata element {path} ({name}) occurs {actual} times, at most once' },
      invalid: { zh: '元数据元素 {path}（{name}）：{reasonZh}', en: 'metadata element {path} ({name}): {reasonEn}' },
      geoId: { zh: '元数据 geoID 为 {actual}，与汇交包县级代码 {expected} 不符', en: 'metadata geoID is {actual}, not the package county {expected}' },
    },
    spec: 'NY/T 2539-2016 附录D (表D.1, D.2, D.4)',
    basis: 'qc-rules.md INF-J1; package-layout.md §4.3; peer-catalog §4 item 24',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    const meta = metadataValues(ctx.db);
    if (!meta) return;
    for (const section of metadataSections) {
      if (section.code === 'contInfo') continue;
      for (const e of section.elements) {
        const path = `${section.code}/${e.code}`;
        const values = meta.values.get(path) ?? [];
        const at = { file: meta.file, field: path, data: { path, name: e.name } };
        if (values.length === 0) {
          if (e.constraint === 'M') ctx.report({ messageId: 'missing', ...at });
          continue;
        }
        if (e.maxOccurs === 1 && values.length > 1) ctx.report({ messageId: 'repeated', ...at, actual: values.length });
        for (const v of values) {
          const problem = checkMetadataValue(e, v);
          if (!problem) continue;
          const template = metadataValueMessages[problem.problem];
          const data = { value: v, domain: problem.domain ?? '' };
          ctx.report({ messageId: 'invalid', ...at, actual: v, data: { ...at.data, reasonZh: formatMessage(template.zh, data), reasonEn: formatMessage(template.en, data) } });
        }
        if (e.code === 'geoID' && ctx.info.county && values[0].trim() !== ctx.info.county && /^\d{6}$/.test(values[0].trim())) {
          ctx.report({ messageId: 'geoId', ...at, actual: values[0].trim(), expected: ctx.info.county });
        }
      }
    }
  },
};
