import { fieldAliases } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { checkedTables } from '../support/tables.js';

/** Every field of Annex A/B must exist in its table or layer, whatever its M/O/C (the QC tool's field-by-field check). */
export const rule: Rule = {
  meta: {
    id: 'structure/field-missing',
    group: 'structure',
    severity: 'error',
    title: { zh: '缺少标准字段', en: 'Standard field missing' },
    messages: {
      missing: { zh: '{table} 缺少字段 {field}（{name}）', en: '{table} lacks field {field} ({name})' },
      alias: {
        zh: '{table} 以 {actual} 代替字段 {field}（{name}），是另一版本的字段名',
        en: '{table} carries {actual} instead of {field} ({name}), the name another edition uses',
      },
      caseDiffers: { zh: '{table} 的字段 {actual} 应写作 {field}（{name}）', en: '{table} field {actual} should be spelt {field} ({name})' },
    },
    spec: 'NY/T 2539-2016 附录A, 附录B',
    basis: 'qc-rules.md B-02 (QC tool FieldList: each expected field exists), B-05; schema decision cbjyqzdjb-original-certificate (published field name is a warning)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      const names = t.columns.map((c) => c.name);
      for (const f of t.def.fields) {
        if (names.includes(f.code)) continue;
        const file = t.source.files[0];
        const alias = fieldAliases.find((a) => a.table === t.def.name && a.field === f.code && names.includes(a.alias));
        const other = names.find((n) => n.toUpperCase() === f.code);
        if (alias) ctx.report({ messageId: 'alias', file, table: t.def.name, field: f.code, actual: alias.alias, data: { name: f.name }, severity: 'warning' });
        else if (other) ctx.report({ messageId: 'caseDiffers', file, table: t.def.name, field: f.code, actual: other, data: { name: f.name }, severity: 'warning' });
        else ctx.report({ messageId: 'missing', file, table: t.def.name, field: f.code, data: { name: f.name } });
      }
    }
  },
};
