import { canonicalField } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { checkedTables } from '../support/tables.js';

/** Fields the standard does not define (e.g. `YSDM_1` left by an editing tool). */
export const rule: Rule = {
  meta: {
    id: 'structure/field-extra',
    group: 'structure',
    severity: 'warning',
    title: { zh: '多余字段', en: 'Extra field' },
    messages: { extra: { zh: '{table} 含有标准未定义的字段 {field}', en: '{table} has field {field}, which the standard does not define' } },
    spec: 'NY/T 2539-2016 附录A, 附录B',
    basis: 'qc-rules.md B-02 (ExtentList 多余字段), B-03 (YSDM_1 had to be removed to pass QC); warning because the data itself is intact',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      const standard = new Set(t.def.fields.map((f) => f.code.toUpperCase()));
      for (const c of t.columns) {
        // a known alias of a standard field is reported once, by structure/field-missing
        if (!standard.has(canonicalField(t.def.name, c.name).toUpperCase())) ctx.report({ messageId: 'extra', file: t.source.files[0], table: t.def.name, field: c.name });
      }
    }
  },
};
