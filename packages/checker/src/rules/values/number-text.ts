import { ident } from '../../store/facts.js';
import type { Rule } from '../../engine/types.js';
import { filled } from '../support/sql.js';
import { checkedTables, isTextSource, presentFields, sourceColumn } from '../support/tables.js';
import { asValue, at, scanTable, type FieldCheck } from './scan.js';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * Int and Float fields stored in a text column (reported once by structure/field-type) must still hold numbers,
 * value by value. Numeric columns cannot hold anything else; their unreadable DBF values come from the reader.
 */
export const rule: Rule = {
  meta: {
    id: 'values/number-text',
    group: 'values',
    severity: 'error',
    title: { zh: '数值字段含非数字', en: 'Non-number in a numeric field' },
    messages: {
      Int: { zh: '{table}.{field} 应为整数，实际为“{actual}”', en: '{table}.{field} must be an integer, found "{actual}"' },
      Float: { zh: '{table}.{field} 应为数值，实际为“{actual}”', en: '{table}.{field} must be a number, found "{actual}"' },
    },
    spec: 'NY/T 2539-2016 §5.3 字段类型',
    basis: 'qc-rules.md B-02 (type), C-06 (SCMJ numeric)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      const checks: FieldCheck[] = [];
      for (const f of presentFields(t)) {
        if ((f.type !== 'Int' && f.type !== 'Float') || !isTextSource(sourceColumn(t, f.code))) continue;
        checks.push({ field: f, predicate: `typeof(${ident(f.code)}) = 'text' AND ${filled(ident(f.code))}` });
      }
      scanTable(ctx, t, checks, (ref, check, value) => {
        const v = String(value).trim();
        const ok = check.field.type === 'Int' ? INTEGER.test(v) : DECIMAL.test(v);
        if (!ok) ctx.report({ messageId: check.field.type, ...at(ref, check.field), actual: asValue(value) });
      });
    }
  },
};
