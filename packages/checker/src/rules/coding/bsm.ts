import type { Rule } from '../../engine/types.js';
import { hasStoreTable } from '../../store/facts.js';
import { eachRow, refColumns, refOf, storeTable, value, type StoreTable } from '../support/rows.js';
import { ident, live } from '../support/sql.js';

const NUMERIC = (alias: string) => `typeof(${alias}."BSM") IN ('integer', 'real')`;

/**
 * 标识码 BSM: a positive integer, unique within its layer. With `acrossLayers` also unique across every layer of
 * the package (SII renumbers BSM as one sequence over all layers before 汇交, but the standard only calls it the
 * feature's unique identifier, and per-layer numbering is common, so this is off by default). Non-numeric BSM is
 * values/number-text's. One GROUP BY per layer, or one UNION for the package.
 */
export const rule: Rule<{ acrossLayers: boolean }> = {
  meta: {
    id: 'coding/bsm',
    group: 'coding',
    severity: 'error',
    title: { zh: '标识码不唯一或不大于0', en: 'BSM not positive or not unique' },
    messages: {
      notPositive: { zh: '{table}.BSM 的值 {actual} 应为大于 0 的整数', en: '{table}.BSM value {actual} should be a positive integer' },
      duplicate: { zh: '{table}.BSM 的值 {actual} 与 {otherTable} 第 {otherRecord} 条记录重复', en: '{table}.BSM value {actual} repeats {otherTable} record {otherRecord}' },
    },
    spec: 'NY/T 2539-2016 附录A (标识码 BSM 值域 >0), 5.2',
    basis: 'qc-rules.md INF-C1; peer-catalog U-C15, §4 item 2',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    cost: 1.3,
    options: { acrossLayers: false },
  },
  run(ctx) {
    const layers: StoreTable[] = [];
    const names = ctx.db.prepare(`SELECT name FROM src_tables WHERE origin = 'shp' ORDER BY name`).all() as { name: string }[];
    for (const { name } of names) {
      const t = hasStoreTable(ctx.db, name) ? storeTable(ctx.db, name) : undefined;
      if (t?.present.has('BSM')) layers.push(t);
    }
    for (const t of layers) {
      const sql = `SELECT ${refColumns(t)}, t."BSM" AS "_v" FROM ${ident(t.name)} t WHERE ${live()} AND ${NUMERIC('t')} AND t."BSM" <= 0 ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) => ctx.report({ messageId: 'notPositive', ...refOf(t, row, 'BSM'), actual: value(row._v) }));
    }
    if (layers.length === 0) return;
    const recOf = new Map(layers.map((t) => [t.name, ctx.db.prepare(`SELECT _rec FROM ${ident(t.name)} WHERE _rid = ?`)]));
    const report = (t: StoreTable, self: Record<string, unknown>, bsm: unknown, otherTable: string, otherRid: number) => {
      const other = recOf.get(otherTable)!.get(otherRid) as { _rec: number };
      ctx.report({ messageId: 'duplicate', ...refOf(t, self, 'BSM'), actual: value(bsm), data: { otherTable, otherRecord: other._rec } });
    };
    if (!ctx.options.acrossLayers) {
      // per layer: a plain GROUP BY on (BSM) with min(_rid), no per-row key text (the package-wide form below
      // formats a key for each of ~3M county features, which cost seconds)
      for (const t of layers) {
        const ok = (a: string) => `${live(a)} AND ${NUMERIC(a)} AND ${a}."BSM" > 0`;
        const repeated = `SELECT x."BSM" AS bsm, min(x._rid) AS first FROM ${ident(t.name)} x WHERE ${ok('x')} GROUP BY x."BSM" HAVING count(*) > 1`;
        // a layer without a repeated BSM (every layer of a clean county) is not scanned a second time for the rows
        if (ctx.db.prepare(`SELECT 1 FROM (${repeated}) LIMIT 1`).get() === undefined) continue;
        const sql = `SELECT ${refColumns(t)}, t."BSM" AS "_v", f.first AS "_first" FROM ${ident(t.name)} t
          JOIN (${repeated}) f ON f.bsm = t."BSM"
          WHERE ${ok('t')} AND t._rid <> f.first ORDER BY t._rid`;
        eachRow(ctx, sql, [], (row) => report(t, row, row._v, t.name, Number(row._first)));
      }
      return;
    }
    const byName = new Map(layers.map((t) => [t.name, t]));
    const all = layers.map((t) => `SELECT '${t.name.replaceAll("'", "''")}' AS tbl, x._rid AS rid, x._rec AS rec, x."BSM" AS bsm FROM ${ident(t.name)} x WHERE ${live('x')} AND ${NUMERIC('x')} AND x."BSM" > 0`);
    const sql = `WITH a AS (${all.join(' UNION ALL ')}),
      firsts AS (SELECT bsm, min(tbl || char(0) || printf('%012d', rid)) AS first FROM a GROUP BY bsm HAVING count(*) > 1)
      SELECT a.tbl, a.rid, a.bsm, f.first FROM a JOIN firsts f ON f.bsm = a.bsm
      WHERE a.tbl || char(0) || printf('%012d', a.rid) <> f.first ORDER BY a.tbl, a.rid`;
    const rowOf = new Map(layers.map((t) => [t.name, ctx.db.prepare(`SELECT ${refColumns(t)} FROM ${ident(t.name)} t WHERE t._rid = ?`)]));
    const hits = ctx.db.prepare(sql).all() as { tbl: string; rid: number; bsm: number; first: string }[];
    for (const hit of hits) {
      const t = byName.get(hit.tbl)!;
      const [otherTable, otherRid] = hit.first.split('\u0000');
      report(t, rowOf.get(t.name)!.get(hit.rid) as Record<string, unknown>, hit.bsm, otherTable, Number(otherRid));
    }
  },
};
