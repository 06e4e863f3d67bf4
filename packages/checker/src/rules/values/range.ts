import type { Rule } from '../../engine/types.js';
import { ident } from '../../store/facts.js';
import { checkedTables, presentFields } from '../support/tables.js';
import { asValue, at, scanTable, type FieldCheck } from './scan.js';

/**
 * Numeric 值域 (>0, ≥0, [0,2π)). Access gives Decimal columns a default of 0, so a real, valid package carries 0
 * in optional area fields nobody filled (YHTMJ, HTMJM, …): 0 in an O or C field means "not filled" here, and
 * whether it had to be filled is values/required's business.
 */
export const rule: Rule = {
  meta: {
    id: 'values/range',
    group: 'values',
    severity: 'error',
    title: { zh: '数值超出值域', en: 'Number out of range' },
    messages: { outside: { zh: '{table}.{field} 的值 {actual} 不满足值域 {range}', en: '{table}.{field} value {actual} is outside {range}' } },
    spec: 'NY/T 2539-2016 附录A, 附录B 值域',
    basis: 'qc-rules.md C-06 (SCMJ > 0), H-01 (HTZMJ > 0); published-vs-draft.md (Decimal default 0)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      const checks: FieldCheck<string>[] = [];
      for (const f of presentFields(t)) {
        const d = f.domain;
        if (d?.kind !== 'range' || (f.type !== 'Int' && f.type !== 'Float')) continue;
        const v = `CAST(${ident(f.code)} AS REAL)`;
        const bad: string[] = [];
        if (d.min !== undefined) bad.push(`${v} ${d.exclusiveMin ? '<=' : '<'} ${d.min}`);
        if (d.max !== undefined) bad.push(`${v} ${d.exclusiveMax ? '>=' : '>'} ${d.max}`);
        if (bad.length === 0) continue;
        const numeric = `typeof(${ident(f.code)}) IN ('integer', 'real')`;
        const unfilledZero = f.constraint === 'M' ? '' : ` AND ${v} <> 0`;
        // the bounds first: they settle almost every row, so the other tests run only for the few outside them
        checks.push({ field: f, predicate: `(${bad.join(' OR ')})${unfilledZero} AND ${numeric}`, tag: d.text });
      }
      scanTable(ctx, t, checks, (ref, check, value) => {
        ctx.report({ messageId: 'outside', ...at(ref, check.field), actual: asValue(value), expected: check.tag ?? '', data: { range: check.tag ?? '' } });
      });
    }
  },
};
