import type { Rule } from '../../engine/types.js';
import { hasStoreTable } from '../../engine/store-facts.js';
import { col, eachRow, ident, live, refColumns, refOf, storeTable, value, type StoreTable } from '../references/rows.js';

/**
 * 标识码 BSM: a positive integer, unique across every layer of the package (vendors renumber it as one sequence
 * over all layers before 汇交). Non-numeric BSM is values/number-text's. One UNION query for duplicates.
 */
export const rule: Rule = {
  meta: {
    id: 'coding/bsm',
    group: 'coding',
    severity: 'error',
    title: { zh: '标识码不唯一或不大于0', en: 'BSM not positive or not unique' },
    messages: {
      notPositive: { zh: '{table}.BSM 的值 {actual} 应为大于 0 的整数', en: '{table}.BSM value {actual} should be a positive integer' },
      duplicate: {
        zh: '{table}.BSM 的值 {actual} 与 {otherTable} 第 {otherRecord} 条记录重复（标识码在全部图层中应唯一）',
        en: '{table}.BSM value {actual} repeats {otherTable} record {otherRecord} (BSM is unique across all layers)',
      },
    },
    spec: 'NY/T 2539-2016 附录A (标识码 BSM 值域 >0), 5.2',
    basis: 'qc-rules.md INF-C1; peer-catalog U-C15, §4 item 2',
    fixedBy: '测绘单位',
  },
  run(ctx) {
    const layers: StoreTable[] = [];
    const names = ctx.db.prepare(`SELECT name FROM src_tables WHERE origin = 'shp' ORDER BY name`).all() as { name: string }[];
    for (const { name } of names) {
      if (!hasStoreTable(ctx.db, name)) continue;
      const t = storeTable(ctx.db, name);
      if (t?.present.has('BSM')) layers.push(t);
    }
    for (const t of layers) {
      const sql = `SELECT ${refColumns(t)}, t."BSM" AS "_v" FROM ${ident(t.name)} t WHERE ${live()} AND typeof(t."BSM") IN ('integer', 'real') AND t."BSM" <= 0 ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) => ctx.report({ messageId: 'notPositive', ...refOf(t, row, 'BSM'), actual: value(row._v) }));
    }
    if (layers.length === 0) return;
    const all = layers.map((t) => `SELECT ${JSON.stringify(t.name).replaceAll('"', "'")} AS tbl, _rid, _rec, ${col('x', 'BSM')} AS bsm FROM ${ident(t.name)} x WHERE ${live('x')} AND typeof(x."BSM") IN ('integer', 'real') AND x."BSM" > 0`);
    const sql = `WITH a AS (${all.join(' UNION ALL ')}),
      firsts AS (SELECT bsm, min(tbl || char(0) || printf('%012d', _rid)) AS first FROM a GROUP BY bsm HAVING count(*) > 1)
      SELECT a.tbl, a._rid, a.bsm, f.first FROM a JOIN firsts f ON f.bsm = a.bsm WHERE a.tbl || char(0) || printf('%012d', a._rid) <> f.first ORDER BY a.tbl, a._rid`;
    const byName = new Map(layers.map((t) => [t.name, t]));
    eachRow(ctx, sql, [], (row) => {
      const t = byName.get(String(row.tbl))!;
      const [otherTable, otherRid] = String(row.first).split('\u0000');
      const self = ctx.db.prepare(`SELECT ${refColumns(t)} FROM ${ident(t.name)} t WHERE t._rid = ?`).get(row._rid) as Record<string, unknown>;
      const other = ctx.db.prepare(`SELECT _rec FROM ${ident(otherTable)} WHERE _rid = ?`).get(Number(otherRid)) as { _rec: number };
      ctx.report({ messageId: 'duplicate', ...refOf(t, self, 'BSM'), actual: value(row.bsm), data: { otherTable, otherRecord: other._rec } });
    });
  },
};
