import { featureCodesOf, getCodeTable, type FieldDef } from '@nyt2539/schema';
import { ident } from '../../store/facts.js';
import type { Rule } from '../../engine/types.js';
import { filled, sqlOneOf, sqlText } from '../support/sql.js';
import { checkedTables, presentFields, type CheckedTable } from '../support/tables.js';
import { asValue, at, scanTable, type FieldCheck } from './scan.js';

/** The codes a field may take, from Annex C / 表1 / the referenced national code lists; undefined if none. */
function allowedCodes(t: CheckedTable, f: FieldDef): { codes: readonly string[]; source: string; advisory: boolean } | undefined {
  const d = f.domain;
  if (!d) return undefined;
  if (d.kind === 'featureCode') return { codes: featureCodesOf(t.def.name), source: '表1', advisory: false };
  if (d.kind !== 'codeTable') return undefined;
  const table = getCodeTable(d.table);
  if (!table) return undefined;
  const codes = d.column
    ? table.codes.flatMap((c) => {
        const v = c.extra?.[d.column as string];
        return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
      })
    : table.codes.map((c) => c.code);
  return { codes: [...new Set(codes)], source: `${d.table} ${table.name}`, advisory: d.advisory === true };
}

/**
 * Coded fields hold a code of their table. Surrounding spaces are left to values/whitespace so one bad value
 * is one finding; numbers stored in a numeric column are compared as their text.
 */
export const rule: Rule = {
  meta: {
    id: 'values/code-domain',
    group: 'values',
    severity: 'error',
    title: { zh: '代码不在值域内', en: 'Code outside its code list' },
    messages: {
      notInList: { zh: '{table}.{field} 的值 {actual} 不是{source}中的代码', en: '{table}.{field} value {actual} is not a code of {source}' },
    },
    spec: 'NY/T 2539-2016 附录C, 表1; GB/T 4761, GB/T 2261.1, GB/T 21010',
    basis: 'qc-rules.md C-06 (vendor import validators), INF-C1 (YSDM per layer, TDLYLX); advisory lists (GB/T 21010) are warnings',
    basisKind: 'standard',
    fixedBy: '村组',
    cost: 1.3,
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      const checks: FieldCheck<{ source: string; advisory: boolean }>[] = [];
      for (const f of presentFields(t)) {
        const allowed = allowedCodes(t, f);
        if (!allowed || allowed.codes.length === 0) continue;
        const c = ident(f.code);
        const list = allowed.codes.map(sqlText).join(', ');
        checks.push({
          field: f,
          // exact codes pass on the first test; only the rest (a few rows) are trimmed and looked up in the list
          // (spaces are values/whitespace's finding)
          predicate: `NOT ${sqlOneOf(`CAST(${c} AS TEXT)`, allowed.codes)} AND ${filled(ident(f.code))} AND trim(CAST(${c} AS TEXT), ' 　') NOT IN (${list})`,
          tag: { source: allowed.source, advisory: allowed.advisory },
        });
      }
      scanTable(ctx, t, checks, (ref, check, value) => {
        ctx.report({
          messageId: 'notInList',
          ...at(ref, check.field),
          actual: asValue(value),
          data: { source: check.tag?.source ?? '' },
          ...(check.tag?.advisory ? { severity: 'warning' as const } : {}),
        });
      });
    }
  },
};
