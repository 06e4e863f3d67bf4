import type { Rule } from '../../engine/types.js';
import { checkedTables, sourceColumn } from '../support/tables.js';
import { decimalsVerdict, describeColumn, describeField, typeVerdict } from './declared-types.js';

/** Declared decimal places against the standard's 小数位数: fewer lose precision (error), more are a warning. */
export const rule: Rule = {
  meta: {
    id: 'structure/field-decimals',
    group: 'structure',
    severity: 'error',
    title: { zh: '字段小数位数不符', en: 'Field decimals mismatch' },
    messages: {
      wrong: { zh: '{table}.{field} 声明为 {actual}，小数位少于标准 {expected}', en: '{table}.{field} is declared {actual}, with fewer decimals than the standard {expected}' },
      variant: { zh: '{table}.{field} 声明为 {actual}，小数位多于标准 {expected}', en: '{table}.{field} is declared {actual}, with more decimals than the standard {expected}' },
    },
    spec: 'NY/T 2539-2016 §5.3, 附录A, 附录B',
    basis: 'qc-rules.md B-02 (QC tool: precision, areas 15,2)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      for (const f of t.def.fields) {
        const col = sourceColumn(t, f.code);
        if (!col || typeVerdict(t.def.name, t.source.origin, f, col) === 'wrong') continue;
        const { verdict } = decimalsVerdict(t.source.origin, f, col);
        if (verdict !== 'wrong' && verdict !== 'variant') continue;
        ctx.report({
          messageId: verdict,
          file: t.source.files[0],
          table: t.def.name,
          field: f.code,
          actual: describeColumn(col),
          expected: describeField(f),
          ...(verdict === 'variant' ? { severity: 'warning' as const } : {}),
        });
      }
    }
  },
};
