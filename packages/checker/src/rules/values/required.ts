import type Database from 'better-sqlite3';
import type { Rule } from '../../engine/types.js';
import { refColumns, refOf, type Row } from '../support/rows.js';
import { blank, filled, ident, live, sqlCondition } from '../support/sql.js';
import { checkedTables, presentFields } from '../support/tables.js';
import { at, scanTable, type FieldCheck } from './scan.js';

/**
 * SQL: the row's `_rid` is among those of `table` where one of `fields` may be blank — a whole-row test that every row with
 * a blank field passes (scanTable's rowFilter), at about one test a row instead of blank() per field, which cost
 * most of this rule on the 1M-row layers. A text column (TEXT affinity holds only text, NULL or a blob) has a blank
 * value only if the smallest of the row's values is NULL (multi-argument min() is NULL when any argument is), ''
 * or starts with a space (then it is below '!'), or a value starts with U+3000 (then the joined text holds one: GLOB
 * finds it as instr() would, printf's %s ending each value at a NUL).
 * A numeric column's value is blank only if NULL or text (every number sorts below every text): then the largest
 * of the row's numeric values is NULL or text.
 */
export function maybeBlankRows(db: Database.Database, table: string, fields: readonly string[]): string {
  const types = new Map((db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as { name: string; type: string }[]).map((c) => [c.name, c.type]));
  const text = fields.filter((f) => types.get(f) === 'TEXT').map(ident);
  const other = fields.filter((f) => types.get(f) !== 'TEXT').map(ident);
  const items: string[] = [];
  const tests: string[] = [];
  if (other.length > 0) {
    items.push(`${other.length === 1 ? other[0] : `max(${other.join(', ')})`} AS "_x"`);
    tests.push(`"_x" IS NULL OR "_x" >= ''`);
  }
  if (text.length > 0) {
    items.push(`${text.length === 1 ? text[0] : `min(${text.join(', ')})`} AS "_m"`, `printf('${'%s'.repeat(text.length)}', ${text.join(', ')}) AS "_j"`);
    tests.push(`"_m" IS NULL OR "_m" < '!' OR "_j" GLOB '*　*'`);
  }
  const rows = `SELECT _rid, ${items.join(', ')} FROM ${ident(table)} WHERE _deleted = 0 LIMIT -1`;
  return `_rid IN (SELECT _rid FROM (${rows}) WHERE ${tests.join(' OR ')})`;
}

/**
 * M fields must be filled; C fields too when their condition can be read from the same row (cross-table
 * conditions belong to the logic rules). Row rules of the schema (DK 四至: at least 3 of 4 for a 承包地块) too.
 */
export const rule: Rule = {
  meta: {
    id: 'values/required',
    group: 'values',
    severity: 'error',
    title: { zh: '必填字段为空', en: 'Mandatory field empty' },
    messages: {
      empty: { zh: '{table} 必填字段 {field}（{name}）为空', en: '{table}: mandatory field {field} ({name}) is empty' },
      conditional: { zh: '{table} 字段 {field}（{name}）为空，而{condition}时必填', en: '{table}: field {field} ({name}) is empty but required when {condition}' },
      atLeast: { zh: '{table} {fields} 至少应填写 {min} 项，只填了 {filled} 项（{text}）', en: '{table}: at least {min} of {fields} must be filled, {filled} are ({text})' },
    },
    spec: 'NY/T 2539-2016 §5.3 约束条件 M/C, 附录A, 附录B',
    basis: 'qc-rules.md C-02, C-03 (vendors filled these "为了通过质检"), INF-C1, INF-C3',
    basisKind: 'standard',
    fixedBy: '村组',
    cost: 7,
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      const checks: FieldCheck<{ kind: 'empty' | 'conditional'; condition?: string }>[] = [];
      for (const f of presentFields(t)) {
        if (f.constraint === 'M') checks.push({ field: f, predicate: blank(ident(f.code)), tag: { kind: 'empty' } });
        else if (f.constraint === 'C' && f.condition) {
          const cond = sqlCondition(f.condition, t.present);
          if (cond !== undefined && cond !== '0') checks.push({ field: f, predicate: `(${cond}) AND ${blank(ident(f.code))}`, tag: { kind: 'conditional', condition: f.condition.text } });
        }
      }
      scanTable(
        ctx,
        t,
        checks,
        (ref, check) => {
          const kind = check.tag?.kind ?? 'empty';
          ctx.report({ messageId: kind, ...at(ref, check.field), data: { name: check.field.name, condition: check.tag?.condition ?? '' } });
        },
        checks.length > 0 ? maybeBlankRows(ctx.db, t.def.name, [...new Set(checks.map((c) => c.field.code))]) : undefined,
      );
      for (const rowRule of t.def.rowRules ?? []) {
        const fields = rowRule.fields.filter((f) => t.present.has(f));
        if (fields.length < rowRule.fields.length) continue; // missing fields are structure findings
        const when = rowRule.when ? sqlCondition(rowRule.when, t.present) : '1';
        if (when === undefined || when === '0') continue;
        const count = fields.map((f) => `(CASE WHEN ${filled(ident(f))} THEN 1 ELSE 0 END)`).join(' + ');
        const sql = `SELECT ${refColumns(t)}, ${count} AS "_n" FROM ${ident(t.def.name)} t WHERE ${live()} AND (${when}) AND (${count}) < ? ORDER BY t._rid`;
        for (const row of ctx.db.prepare(sql).iterate(rowRule.min) as IterableIterator<Row>) {
          ctx.report({
            messageId: 'atLeast',
            ...refOf(t, row, fields.join('/')),
            data: { fields: fields.join('、'), min: rowRule.min, filled: Number(row._n), text: rowRule.text },
          });
        }
      }
    }
  },
};
