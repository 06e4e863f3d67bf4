import { ident } from '../../store/facts.js';
import type { Rule } from '../../engine/types.js';
import { checkedTables, presentFields } from '../support/tables.js';
import { asValue, at, scanTable, type FieldCheck } from './scan.js';

/** Numbers with more decimal places than the standard's 小数位数 (a Double column or a wider DBF field allows it). */
export const rule: Rule = {
  meta: {
    id: 'values/precision',
    group: 'values',
    severity: 'error',
    title: { zh: '数值小数位超出', en: 'Too many decimals' },
    messages: {
      decimals: { zh: '{table}.{field} 的值 {actual} 超过 {decimals} 位小数', en: '{table}.{field} value {actual} has more than {decimals} decimals' },
      fraction: { zh: '{table}.{field} 应为整数，实际为 {actual}', en: '{table}.{field} must be an integer, found {actual}' },
    },
    spec: 'NY/T 2539-2016 §5.3 小数位数, 附录A, 附录B',
    basis: 'qc-rules.md B-02 (precision; areas 15,2), official-rules.md O-G0a (coordinate precision 0.0001 m is a global setting, not a field rule)',
    basisKind: 'official-qc',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      const checks: FieldCheck<'decimals' | 'fraction'>[] = [];
      for (const f of presentFields(t)) {
        const c = ident(f.code);
        if (f.type === 'Float') {
          const scale = 10 ** (f.decimals ?? 0);
          // a binary double of 0.1 is not 0.1: compare with a tolerance far below the last decimal. The arithmetic
          // comes first and typeof() only for the rare value it flags (a whole number never is; NULL gives NULL):
          // on the 1M-row layers that call was half the test.
          checks.push({ field: f, predicate: `${c} * ${scale} - round(${c} * ${scale}) NOT BETWEEN -1e-6 AND 1e-6 AND typeof(${c}) = 'real'`, tag: 'decimals' });
        } else if (f.type === 'Int') {
          checks.push({ field: f, predicate: `${c} <> CAST(${c} AS INTEGER) AND typeof(${c}) = 'real'`, tag: 'fraction' });
        }
      }
      scanTable(ctx, t, checks, (ref, check, value) => {
        ctx.report({ messageId: check.tag ?? 'decimals', ...at(ref, check.field), actual: asValue(value), data: { decimals: check.field.decimals ?? 0 } });
      });
    }
  },
};
