import { layerTableList, ownershipTables, type Condition } from '@nyt2539/schema';
import { hasStoreTable, ident, sourceTables, unreadableMdbTables } from '../../store/facts.js';
import type { Rule, RuleContext } from '../../engine/types.js';
import { extension, ownershipDatabasePath, packageFiles } from '../store-files.js';
import { sqlCondition } from '../support/sql.js';

/** Whether a 表3 C condition holds in the store; undefined when it cannot be evaluated. */
function conditionHolds(ctx: RuleContext, condition: Condition): boolean | undefined {
  if (condition.kind !== 'rowsExist') return undefined;
  if (!hasStoreTable(ctx.db, condition.table)) return false;
  const cols = new Set((ctx.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(condition.table) as { name: string }[]).map((c) => c.name));
  const where = condition.where ? sqlCondition(condition.where, cols) : '1';
  if (where === undefined) return undefined;
  return ctx.db.prepare(`SELECT 1 FROM ${ident(condition.table)} WHERE _deleted = 0 AND ${where} LIMIT 1`).get() !== undefined;
}

/**
 * 表3 tables in the .mdb and 表2 layers in 矢量数据 must be present by their constraint: M always, C when
 * its condition holds in the data. The Access template carries all 12 tables, so a missing O table is a warning.
 */
export const rule: Rule = {
  meta: {
    id: 'structure/table-missing',
    group: 'structure',
    severity: 'error',
    title: { zh: '缺少必选的数据表或图层', en: 'Required table or layer missing' },
    messages: {
      table: { zh: '权属数据库缺少必选表 {table}（{title}）', en: 'The ownership database lacks the mandatory table {table} ({title})' },
      conditional: {
        zh: '权属数据库缺少表 {table}（{title}），而数据中{condition}',
        en: 'The ownership database lacks table {table} ({title}), required because {condition}',
      },
      optional: { zh: '权属数据库缺少可选表 {table}（{title}），模板中应保留空表', en: 'The ownership database lacks the optional table {table} ({title}); the template keeps it empty' },
      layer: { zh: '矢量数据缺少必选图层 {table}（{title}）', en: 'Vector data lacks the mandatory layer {table} ({title})' },
    },
    spec: 'NY/T 2539-2016 §5.3 表2, §6 表3',
    basis: 'qc-rules.md A-05, B-01 (QC tool TableNameList); package-layout.md §1.5: all 12 tables exist in the template even when empty',
    basisKind: 'standard',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    // a table the reader met but could not read is reported once as unreadable (layout/file-unreadable), not missing
    const loaded = new Set([...sourceTables(ctx.db).map((t) => t.name), ...unreadableMdbTables(ctx.db)]);
    // the file list (hundreds of thousands of 图件 and 附件 at county scale) is read only when a layer is missing
    let files: ReturnType<typeof packageFiles> | undefined;
    const mdb = ownershipDatabasePath(ctx.db);
    // without a readable .mdb the layout rules report the database once, not twelve times
    if (mdb) {
      for (const t of ownershipTables) {
        if (loaded.has(t.table)) continue;
        const where = { file: mdb, table: t.table, data: { title: t.name } };
        if (t.constraint === 'M') ctx.report({ messageId: 'table', ...where });
        else if (t.constraint === 'C' && t.condition && conditionHolds(ctx, t.condition)) {
          const condition = t.condition.kind === 'rowsExist' && t.condition.where ? t.condition.where.text : t.condition.text;
          ctx.report({ messageId: 'conditional', ...where, data: { title: t.name, condition } });
        } else ctx.report({ messageId: 'optional', ...where, severity: 'warning' });
      }
    }
    for (const layer of layerTableList) {
      if (layer.geometry === 'Image' || layer.constraint !== 'M' || loaded.has(layer.table)) continue;
      files ??= packageFiles(ctx.db);
      if (files.some((f) => f.layer === layer.table && extension(f.path) === 'shp')) continue;
      ctx.report({ messageId: 'layer', table: layer.table, data: { title: layer.name } });
    }
  },
};
