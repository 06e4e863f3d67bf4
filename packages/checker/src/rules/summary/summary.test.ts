import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../engine/profile.js';
import { runRules } from '../../engine/runner.js';
import { readPackageInfo } from '../../store/facts.js';
import type { Rule } from '../../engine/types.js';
import { UNIT_CODE_TABLE_ID } from '../../store/schema.js';
import { brief, buildStore } from '../testing/rule-tester.js';
import { cleanRows, toStore, type Rows } from '../testing/test-package.js';
import { derivedUnits, EXPECTED_TABLE, prepareSummaryCheck } from '../../store/summary-expected.js';
import { cellRef, rule as tables } from './tables.js';
import { summaryTables } from '@nyt2539/schema';
import { rule as unitCodeTable } from './unit-code-table.js';

const UNIT_FILE = '权属数据/2205812016权属单位代码表.xls';

/**
 * A store whose 权属单位代码表 lists the units the FBF imply and whose summary tables are the computed ones, after
 * `edit` changes the delivered sheets; then the rules run read-only, as in a check.
 */
async function check(rows: Rows, rules: Rule[], edit: (db: Database.Database) => void = () => {}) {
  const store = buildStore(toStore(rows));
  try {
    const rw = new Database(store.path);
    const addRow = rw.prepare(`INSERT INTO xls_rows (file, table_id, sheet_row, unit_code, unit_name, values_json) VALUES (?, ?, ?, ?, ?, '{}')`);
    derivedUnits(rw).forEach((code, i) => addRow.run(UNIT_FILE, UNIT_CODE_TABLE_ID, i + 2, code, `单位${code}`));
    await prepareSummaryCheck(rw);
    rw.prepare(
      `INSERT INTO xls_rows (file, table_id, sheet_row, unit_code, unit_name, values_json)
       SELECT '汇总表格/220581梅河口市' || table_id || '.xls', table_id, 4 + row_number() OVER (PARTITION BY table_id ORDER BY unit_code), unit_code, unit_name, values_json
       FROM ${EXPECTED_TABLE} WHERE table_id <> ?`,
    ).run(UNIT_CODE_TABLE_ID);
    edit(rw);
    rw.close();
    const db = new Database(store.path, { readonly: true });
    try {
      return runRules(db, readPackageInfo(db), resolveRules(rules)).findings;
    } finally {
      db.close();
    }
  } finally {
    store.dispose();
  }
}

function setValue(db: Database.Database, tableId: string, unit: string, key: string, value: number): void {
  const row = db.prepare(`SELECT rowid, values_json FROM xls_rows WHERE table_id = ? AND unit_code = ?`).get(tableId, unit) as { rowid: number; values_json: string };
  const values = JSON.parse(row.values_json) as Record<string, number>;
  values[key] = value;
  db.prepare(`UPDATE xls_rows SET values_json = ? WHERE rowid = ?`).run(JSON.stringify(values), row.rowid);
}

describe('summary rules', () => {
  it('derive the units of the 发包方', () => {
    const store = buildStore(toStore(cleanRows()));
    const db = new Database(store.path, { readonly: true });
    expect(derivedUnits(db)).toEqual(['22058100000000', '22058110000000', '22058110020100', '22058110020101']);
    db.close();
    store.dispose();
  });

  it('pass when the delivered tables are the computed ones', async () => {
    const f = await check(cleanRows(), [tables, unitCodeTable]);
    expect(brief(f)).toEqual([]);
  });

  it('summary/tables: an area off by more than 0.05 亩, a count off by one, a row missing', async () => {
    const f = await check(cleanRows(), [tables], (db) => {
      const areaKey = 'CBDKZMJ';
      const row = db.prepare(`SELECT values_json FROM xls_rows WHERE table_id = 'byParcel' AND unit_code = '22058110020101'`).get() as { values_json: string };
      const v = JSON.parse(row.values_json) as Record<string, number>;
      expect(v[areaKey]).toBe(3.25);
      setValue(db, 'byParcel', '22058110020101', areaKey, 3.31);
      setValue(db, 'byParcel', '22058110020100', areaKey, 3.29);
      setValue(db, 'byContractor', '22058100000000', 'CBFZS', 3);
      db.prepare(`DELETE FROM xls_rows WHERE table_id = 'byCertificate' AND unit_code = '22058110000000'`).run();
    });
    expect(brief(f).map((x) => [x.id, x.table, x.actual ?? null])).toEqual([
      ['missingRow', '按权证信息汇总表', null],
      ['count', '按承包方汇总表', 3],
      ['area', '按地块汇总表', 3.31],
    ]);
    // the cell the user edits in Excel/WPS: column of the measure, row of the unit
    const count = f.find((x) => x.messageId === 'count')!;
    const column = summaryTables.find((d) => d.id === 'byContractor')!.columns.findIndex((c) => c.key === 'CBFZS');
    expect(count.location.cell).toBe(`${String.fromCharCode(65 + column)}${count.location.record}`);
    expect([cellRef(0, 10), cellRef(3, 10), cellRef(25, 2), cellRef(26, 1), cellRef(27, 7)]).toEqual(['A10', 'D10', 'Z2', 'AA1', 'AB7']);
  });

  it('summary/unit-code-table: a missing village, a repeated and an unused unit', async () => {
    const f = await check(cleanRows(), [unitCodeTable], (db) => {
      db.prepare(`DELETE FROM xls_rows WHERE table_id = ? AND unit_code = '22058110020100'`).run(UNIT_CODE_TABLE_ID);
      const add = db.prepare(`INSERT INTO xls_rows (file, table_id, sheet_row, unit_code, unit_name, values_json) VALUES (?, ?, ?, ?, '', '{}')`);
      add.run(UNIT_FILE, UNIT_CODE_TABLE_ID, 10, '22058110020101');
      add.run(UNIT_FILE, UNIT_CODE_TABLE_ID, 11, '22058110020200');
    });
    expect(brief(f).map((x) => [x.id, x.severity, x.record ?? null])).toEqual([
      ['missing', 'error', null],
      ['duplicate', 'error', 10],
      ['unused', 'warning', 11],
    ]);
    expect(f.filter((x) => x.location.record !== undefined).map((x) => x.location.cell)).toEqual(['A10', 'A11']);
  });
});
