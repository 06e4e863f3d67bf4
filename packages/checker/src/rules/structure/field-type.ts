import type { Rule } from '../../engine/types.js';
import { checkedTables, sourceColumn } from '../support/tables.js';
import { describeColumn, describeField, typeVerdict } from './declared-types.js';

/**
 * A field's declared type must be able to hold its logical type. The Access template's physical types
 * (Decimal for Float, DateTime for Date, Memo for *DCJS) are accepted silently; Text dates or Memo for Char
 * are tolerated as warnings.
 */
export const rule: Rule = {
  meta: {
    id: 'structure/field-type',
    group: 'structure',
    severity: 'error',
    title: { zh: '字段类型不符', en: 'Field type mismatch' },
    messages: {
      wrong: { zh: '{table}.{field} 的类型为 {actual}，标准为 {expected}', en: '{table}.{field} is declared {actual}; the standard says {expected}' },
      variant: {
        zh: '{table}.{field} 的类型为 {actual}，与标准 {expected} 不同但可容纳其值',
        en: '{table}.{field} is declared {actual}, unlike the standard {expected}, but can hold its values',
      },
    },
    spec: 'NY/T 2539-2016 §5.3, 附录A, 附录B',
    basis: 'qc-rules.md B-02 (QC tool: type String/Double/Int/DateTime); published-vs-draft.md (template physical types accepted)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      for (const f of t.def.fields) {
        const col = sourceColumn(t, f.code);
        if (!col) continue;
        const verdict = typeVerdict(t.def.name, t.source.origin, f, col);
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
