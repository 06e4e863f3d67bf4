import type Database from 'better-sqlite3';
import type { Rule } from '../../../engine/types.js';
import { tableReadPartly } from '../../../store/facts.js';
import { eachRow, refColumns, refOf, tableWith, value, type StoreTable } from '../../support/rows.js';
import { col, filled, ident, live } from '../../support/sql.js';

/** A reference from `table.field` (or its first `prefix` characters) to the key `target.key`. */
interface Reference {
  readonly table: string;
  readonly field: string;
  readonly target: string;
  readonly key: string;
  /** compare only the first N characters of the field (CBFBM[0:14] → FBF.FBFBM) */
  readonly prefix?: number;
}

/** NY/T 2539 附录B relations (each table's key codes) and NY/T 2538 prefixes. */
const references: readonly Reference[] = [
  { table: 'CBDKXX', field: 'DKBM', target: 'DK', key: 'DKBM' },
  { table: 'CBDKXX', field: 'FBFBM', target: 'FBF', key: 'FBFBM' },
  { table: 'CBDKXX', field: 'CBFBM', target: 'CBF', key: 'CBFBM' },
  { table: 'CBDKXX', field: 'CBHTBM', target: 'CBHT', key: 'CBHTBM' },
  { table: 'CBDKXX', field: 'CBJYQZBM', target: 'CBJYQZDJB', key: 'CBJYQZBM' },
  { table: 'CBDKXX', field: 'LZHTBM', target: 'LZHT', key: 'LZHTBM' },
  { table: 'CBF', field: 'CBFBM', target: 'FBF', key: 'FBFBM', prefix: 14 },
  { table: 'CBF_JTCY', field: 'CBFBM', target: 'CBF', key: 'CBFBM' },
  { table: 'CBHT', field: 'CBFBM', target: 'CBF', key: 'CBFBM' },
  { table: 'CBHT', field: 'FBFBM', target: 'FBF', key: 'FBFBM' },
  { table: 'CBJYQZDJB', field: 'CBFBM', target: 'CBF', key: 'CBFBM' },
  { table: 'CBJYQZDJB', field: 'FBFBM', target: 'FBF', key: 'FBFBM' },
  { table: 'CBJYQZ', field: 'CBJYQZBM', target: 'CBJYQZDJB', key: 'CBJYQZBM' },
  { table: 'CBJYQZ_QZBF', field: 'CBJYQZBM', target: 'CBJYQZDJB', key: 'CBJYQZBM' },
  { table: 'CBJYQZ_QZHF', field: 'CBJYQZBM', target: 'CBJYQZDJB', key: 'CBJYQZBM' },
  { table: 'CBJYQZ_QZZX', field: 'CBJYQZBM', target: 'CBJYQZDJB', key: 'CBJYQZBM' },
  { table: 'QSLYZLFJ', field: 'CBJYQZBM', target: 'CBJYQZDJB', key: 'CBJYQZBM' },
  { table: 'LZHT', field: 'CBHTBM', target: 'CBHT', key: 'CBHTBM' },
  { table: 'LZHT', field: 'CBFBM', target: 'CBF', key: 'CBFBM' },
];

/**
 * Every filled foreign code resolves to a row of the table it names. A table the package lacks is left to
 * structure/table-missing (every reference into it would fail for the same reason). One anti-join per relation
 * against the target's keys (keyTable), not a probe per row.
 */
export const rule: Rule = {
  meta: {
    id: 'references/foreign-key',
    group: 'logic',
    severity: 'error',
    title: { zh: '关联编码不存在', en: 'Foreign code does not resolve' },
    messages: {
      missing: { zh: '{table}.{field} 的值 {actual} 在 {target}.{key} 中不存在', en: '{table}.{field} value {actual} has no row in {target}.{key}' },
      missingPrefix: {
        zh: '{table}.{field} 的值 {actual} 的前 {prefix} 位 {expected} 在 {target}.{key} 中不存在',
        en: 'the first {prefix} characters {expected} of {table}.{field} value {actual} have no row in {target}.{key}',
      },
    },
    spec: 'NY/T 2539-2016 附录B (表间关联编码); NY/T 2538-2014',
    basis: 'qc-rules.md E-08, INF-E1, INF-D2; peer-catalog U-X01, U-X04, U-X05, U-X06, §4 item 5',
    basisKind: 'standard',
    fixedBy: '县确权办',
    cost: 3,
  },
  run(ctx) {
    const keys = new Map<string, string>();
    try {
      for (const r of references) check(r, keys);
    } finally {
      for (const name of keys.values()) ctx.db.exec(`DROP TABLE temp.${ident(name)}`);
    }

    function check(r: Reference, keys: Map<string, string>): void {
      const t = tableWith(ctx.db, r.table, r.field);
      const u = tableWith(ctx.db, r.target, r.key);
      // a target read only in part would make every row pointing past the cut look dangling (reported at the file)
      if (!t || !u || tableReadPartly(ctx.db, u.name)) return;
      const src = r.prefix ? `substr(${col('t', r.field)}, 1, ${r.prefix})` : col('t', r.field);
      const sql = `SELECT ${refColumns(t)}, ${col('t', r.field)} AS "_v", ${src} AS "_k" FROM ${ident(t.name)} t
        WHERE ${live()} AND ${filled(col('t', r.field))}
          AND ${src} NOT IN (SELECT "v" FROM temp.${ident(keyTable(ctx.db, keys, u, r.key))})
        ORDER BY t._rid`;
      eachRow(ctx, sql, [], (row) => {
        ctx.report({
          messageId: r.prefix ? 'missingPrefix' : 'missing',
          ...refOf(t, row, r.field),
          actual: value(row._v),
          ...(r.prefix ? { expected: value(row._k) } : {}),
          data: { target: r.target, key: r.key, prefix: r.prefix ?? '' },
          trust: {
            zh: `${r.table}.${r.field} 引用的 ${row._k} 在 ${r.target}.${r.key} 中找不到：若本表的编码录错，改为 ${r.target} 中已有的编码；若 ${r.target} 漏录了这条记录，补录 ${r.target}，不改本表`,
            en: `${r.table}.${r.field} refers to ${row._k}, which ${r.target}.${r.key} lacks: if this code is mistyped, correct it to a code ${r.target} has; if ${r.target} is missing that record, add it there and leave this table alone`,
          },
        });
      });
    }
  },
};

/**
 * The name of a temp table keyed by the live, non-NULL values of `u.key`, made on first use (`made`: key → name;
 * the caller drops them): CBF and CBJYQZDJB are targets of five and six relations, and NOT IN over a subquery of
 * the target builds its index again each time. The column keeps the key's declared type, so a comparison takes the
 * affinity it took against the target.
 */
function keyTable(db: Database.Database, made: Map<string, string>, u: StoreTable, key: string): string {
  const id = `${u.name}.${key}`;
  let name = made.get(id);
  if (name === undefined) {
    name = `_keys_${u.name}_${key}`;
    const type = (db.prepare(`SELECT type FROM pragma_table_info(?) WHERE name = ?`).pluck().get(u.name, key) as string | undefined) ?? '';
    db.exec(`CREATE TEMP TABLE ${ident(name)} ("v" ${type} PRIMARY KEY) WITHOUT ROWID`);
    made.set(id, name);
    db.exec(`INSERT OR IGNORE INTO temp.${ident(name)} SELECT ${col('u', key)} FROM ${ident(u.name)} u WHERE ${col('u', key)} IS NOT NULL AND ${live('u')}`);
  }
  return name;
}
