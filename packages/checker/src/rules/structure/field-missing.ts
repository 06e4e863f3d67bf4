import type { Rule } from '../../engine/types.js';
import { checkedTables } from '../table-facts.js';

/** Every field of Annex A/B must exist in its table or layer, whatever its M/O/C (the QC tool's field-by-field check). */
export const rule: Rule = {
  meta: {
    id: 'structure/field-missing',
    group: 'structure',
    severity: 'error',
    title: { zh: '缺少标准字段', en: 'Standard field missing' },
    messages: {
      missing: { zh: '{table} 缺少字段 {field}（{name}）', en: '{table} lacks field {field} ({name})' },
      caseDiffers: { zh: '{table} 的字段 {actual} 应写作 {field}（{name}）', en: '{table} field {actual} should be spelt {field} ({name})' },
    },
    spec: 'NY/T 2539-2016 附录A, 附录B',
    basis: 'qc-rules.md B-02 (QC tool FieldList: each expected field exists), B-05',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      const names = t.columns.map((c) => c.name);
      for (const f of t.def.fields) {
        if (names.includes(f.code)) continue;
        const file = t.source.files[0];
        const other = names.find((n) => n.toUpperCase() === f.code);
        if (other) ctx.report({ messageId: 'caseDiffers', file, table: t.def.name, field: f.code, actual: other, data: { name: f.name }, severity: 'warning' });
        else ctx.report({ messageId: 'missing', file, table: t.def.name, field: f.code, data: { name: f.name } });
      }
    }
  },
};
