import type { Rule } from '../../engine/types.js';
import { checkedTables, sourceColumn } from '../support/tables.js';
import { describeColumn, describeField, lengthVariant, lengthVerdict, typeVerdict } from './declared-types.js';

/**
 * Declared size against the standard's length: Text size in characters (mdb-reader bytes already halved by the
 * loader), DBF width (less the decimal point for numbers). Narrower cannot hold valid values (error); a wider
 * text field is a warning (values are checked one by one by values/length); wider numbers and the template's
 * own sizes are accepted.
 */
export const rule: Rule = {
  meta: {
    id: 'structure/field-length',
    group: 'structure',
    severity: 'error',
    title: { zh: '字段长度不符', en: 'Field length mismatch' },
    messages: {
      wrong: { zh: '{table}.{field} 声明为 {actual}，短于标准 {expected}', en: '{table}.{field} is declared {actual}, shorter than the standard {expected}' },
      variant: { zh: '{table}.{field} 声明为 {actual}，长于标准 {expected}', en: '{table}.{field} is declared {actual}, longer than the standard {expected}' },
      published: {
        zh: '{table}.{field} 声明为 {actual}，是另一版本的写法（{topic}），本工具按 {expected}',
        en: '{table}.{field} is declared {actual}, as another edition has it ({topic}); this tool follows {expected}',
      },
    },
    spec: 'NY/T 2539-2016 §5.3, 附录A, 附录B',
    basis: 'qc-rules.md B-02, B-04, D-02 (QC tool: length); schema decisions dbf-field-order (Float(15,2) is N16.2 in DBF), cbjyqzdjb-lengths and cbdkxx-lengths (published lengths are warnings)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      for (const f of t.def.fields) {
        const col = sourceColumn(t, f.code);
        if (!col || typeVerdict(t.def.name, t.source.origin, f, col) === 'wrong') continue;
        const { verdict, declared } = lengthVerdict(t.def.name, t.source.origin, f, col);
        if (verdict !== 'wrong' && verdict !== 'variant') continue;
        const decision = declared === undefined ? undefined : lengthVariant(t.def.name, f.code, declared);
        if (decision) {
          ctx.report({ messageId: 'published', file: t.source.files[0], table: t.def.name, field: f.code, actual: describeColumn(col), expected: describeField(f), data: { topic: decision.topic }, severity: 'warning' });
          continue;
        }
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
