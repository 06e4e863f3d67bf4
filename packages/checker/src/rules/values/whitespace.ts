import { ident } from '../../store/facts.js';
import type { Rule } from '../../engine/types.js';
import { filled } from '../support/sql.js';
import { checkedTables, isTextSource, presentFields, sourceColumn } from '../support/tables.js';
import { asValue, at, scanTable, type FieldCheck } from './scan.js';

const SPACE = ' ';
const FULL_WIDTH_SPACE = '\u3000';
const TAB = '\t';

function where(v: string): 'leading' | 'trailing' | 'internal' {
  const isSpace = (ch: string | undefined) => ch === SPACE || ch === FULL_WIDTH_SPACE || ch === TAB;
  if (isSpace(v[0])) return 'leading';
  if (isSpace(v[v.length - 1])) return 'trailing';
  return 'internal';
}

/**
 * SQL: the row's `_rid` is among those whose text fields, joined, hold a space, a full-width space or a tab
 * (joining adds none). The joined text is computed once per row in a subquery that LIMIT -1 keeps SQLite from
 * flattening, so the three searches read it instead of searching every field three times. One printf() joins
 * (NULL as nothing, values as their text): a fifth of the CPU of a chain of `||` over coalesce(CAST(…)). GLOB
 * searches for an ASCII character with strcspn(), at half the CPU of instr()'s byte-by-byte comparisons; it ends
 * at a NUL, as printf's %s already ends each value there, so it finds what instr() finds in the joined text.
 */
export function spacedRows(table: string, checks: readonly FieldCheck[]): string {
  const joined = `printf('${'%s'.repeat(checks.length)}', ${checks.map((c) => ident(c.field.code)).join(', ')})`;
  const rows = `SELECT _rid, ${joined} AS "_j" FROM ${ident(table)} WHERE _deleted = 0 LIMIT -1`;
  return `_rid IN (SELECT _rid FROM (${rows}) WHERE "_j" GLOB '*${SPACE}*' OR "_j" GLOB '*${FULL_WIDTH_SPACE}*' OR "_j" GLOB '*' || char(9) || '*')`;
}

/**
 * No half-width, full-width (U+3000) or tab spaces anywhere in a text value, including free text: the official QC
 * flagged them in reasons (QZBFYY, QZHFYY), the CBQX text and ID numbers, and vendors strip them all. DBF text
 * arrives right-trimmed (padding), so trailing spaces are only seen in .mdb values. Values that are nothing
 * but spaces are empty (values/required).
 */
export const rule: Rule = {
  meta: {
    id: 'values/whitespace',
    group: 'values',
    severity: 'error',
    title: { zh: '文本含有空格', en: 'Text contains spaces' },
    messages: {
      leading: { zh: '{table}.{field} 的值“{actual}”开头有空格', en: '{table}.{field} value "{actual}" starts with a space' },
      trailing: { zh: '{table}.{field} 的值“{actual}”末尾有空格', en: '{table}.{field} value "{actual}" ends with a space' },
      internal: { zh: '{table}.{field} 的值“{actual}”中间有空格', en: '{table}.{field} value "{actual}" contains a space' },
    },
    spec: 'NY/T 2539-2016 附录A, 附录B',
    basis: 'qc-rules.md C-01 (vendor strips spaces "为了通过质检", 2021-03-24)',
    basisKind: 'standard',
    fixedBy: '村组',
    cost: 5,
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      const checks: FieldCheck[] = [];
      for (const f of presentFields(t)) {
        if ((f.type !== 'Char' && f.type !== 'Varbin') || !isTextSource(sourceColumn(t, f.code))) continue;
        const c = ident(f.code);
        checks.push({
          field: f,
          // the cheap test first: almost no value has a space, so the emptiness test rarely runs
          predicate: `typeof(${c}) = 'text' AND (instr(${c}, '${SPACE}') > 0 OR instr(${c}, '${FULL_WIDTH_SPACE}') > 0 OR instr(${c}, char(9)) > 0) AND ${filled(ident(f.code))}`,
        });
      }
      if (checks.length === 0) continue;
      scanTable(ctx, t, checks, (ref, check, value) => ctx.report({ messageId: where(String(value)), ...at(ref, check.field), actual: asValue(value) }), spacedRows(t.def.name, checks));
    }
  },
};
