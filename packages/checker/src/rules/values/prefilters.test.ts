import Database from 'better-sqlite3';
import { validatePhone, validatePostcode, type FieldDef } from '@nyt2539/schema';
import { describe, expect, it } from 'vitest';
import { blank, sqlOneOf } from '../support/sql.js';
import { certainDate, certainPostcode, textDateProblem } from './format.js';
import { certainPhone } from './persons/phone.js';
import { maybeBlankRows } from './required.js';
import { spacedRows } from './whitespace.js';

const values: unknown[] = [
  null, '', ' ', '  ', '\u3000', ' \u3000 ', '\u3000a', ' a', 'a ', 'a', '!', '\t', '\t ', '0', '-1', '1.5', '一', '、', '\u3000\u3000',
  0, 1, -1, 0.5, -0.25, 1e300, 20210101, Buffer.from(' '), Buffer.from(''), Buffer.from('a'),
];

/** A table with one column of each affinity, every value in every column (affinity converts some). */
function valueTable(): Database.Database {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE v (_rid INTEGER PRIMARY KEY, _deleted INTEGER, t TEXT, r REAL, i INTEGER, b BLOB)`);
  const insert = db.prepare(`INSERT INTO v (_deleted, t, r, i, b) VALUES (0, ?, ?, ?, ?)`);
  for (const v of values) insert.run(v, v, v, v);
  return db;
}

describe('values prefilters', () => {
  it('maybeBlankRows keeps every row with a blank field, of text and numeric columns, one or several', () => {
    const db = valueTable();
    for (const fields of [['t'], ['r'], ['i'], ['t', 'r'], ['t', 'r', 'i'], ['t', 't2']]) {
      if (fields.includes('t2')) {
        db.exec(`CREATE TABLE IF NOT EXISTS w (_rid INTEGER PRIMARY KEY, _deleted INTEGER, t TEXT, t2 TEXT)`);
        const insert = db.prepare(`INSERT INTO w (_deleted, t, t2) VALUES (0, ?, ?)`);
        for (const a of values) for (const b of ['x', null, '\u3000', ' y', 'z']) insert.run(a, b);
      }
      const table = fields.includes('t2') ? 'w' : 'v';
      const blankRows = db.prepare(`SELECT _rid FROM ${table} WHERE ${fields.map((f) => blank(f)).join(' OR ')} ORDER BY _rid`).pluck().all();
      const kept = new Set(db.prepare(`SELECT _rid FROM ${table} WHERE ${maybeBlankRows(db, table, fields)}`).pluck().all());
      expect(blankRows.filter((rid) => !kept.has(rid))).toEqual([]);
      // and it filters: a row of filled values does not pass
      expect(kept.size).toBeLessThan(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);
    }
  });

  it('spacedRows keeps the rows that hold a space, a full-width space or a tab in one of the fields, wherever it is', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE w (_rid INTEGER PRIMARY KEY, _deleted INTEGER, t TEXT, t2 TEXT)`);
    const insert = db.prepare(`INSERT INTO w (_deleted, t, t2) VALUES (0, ?, ?)`);
    const more = ['a\tb', 'a\u3000b', '一\u3000二', '\u3000', 'ab ', '一 ', 'abc', '一二三', 'a\u0000 b'];
    for (const a of [...values, ...more]) for (const b of ['x', null, '\u3000y', ' y', 'z\t', 'y z']) insert.run(a, b);
    const searched = (c: string) => `(instr(${c}, ' ') > 0 OR instr(${c}, '\u3000') > 0 OR instr(${c}, char(9)) > 0)`;
    // what instr() finds in each field, and in the fields joined by printf (which ends each value at a NUL)
    const inFields = db.prepare(`SELECT _rid FROM w WHERE typeof(t) = 'text' AND ${searched('t')} OR typeof(t2) = 'text' AND ${searched('t2')} ORDER BY _rid`).pluck().all();
    const inJoined = db.prepare(`SELECT _rid FROM w WHERE ${searched(`printf('%s%s', t, t2)`)} ORDER BY _rid`).pluck().all();
    const checks = ['t', 't2'].map((code) => ({ field: { code } as FieldDef, predicate: '1' }));
    const kept = db.prepare(`SELECT _rid FROM w WHERE ${spacedRows('w', checks)} ORDER BY _rid`).pluck().all();
    expect(kept).toEqual(inJoined);
    expect(inFields.filter((rid) => !kept.includes(rid) && db.prepare(`SELECT instr(t, char(0)) FROM w WHERE _rid = ?`).pluck().get(rid) === 0)).toEqual([]);
  });

  it('sqlOneOf is IN, for short lists and long ones, NULL and values outside the list', () => {
    const db = new Database(':memory:');
    const long = Array.from({ length: 57 }, (_, i) => String(i * 7).padStart(3, '0'));
    const lists = [['1'], ['1', '2'], ['10', '30', '31', '32', '33', '34'], long, [...long].reverse(), ['一', 'a', 'Z', '']];
    const probes = [null, '', '1', '2', '3', '10', '34', '35', '000', '007', '392', '393', '999', '一', 'a', 'Z', 'z', '00', '0000', ' 1'];
    for (const list of lists) {
      for (const p of probes) {
        const inList = db.prepare(`SELECT x IN (${list.map((v) => `'${v}'`).join(', ')}) FROM (SELECT ? AS x)`).pluck().get(p);
        expect([list.length, p, db.prepare(`SELECT ${sqlOneOf('x', list)} FROM (SELECT ? AS x)`).pluck().get(p)]).toEqual([list.length, p, inList]);
      }
    }
  });

  it('a value certainDate() lets through is a good date to textDateProblem too', () => {
    const db = new Database(':memory:');
    const dates = [
      '20210101', '2021-01-01', '20210229', '20200229', '2020-02-29', '2021-02-29', '20211301', '20210100', '20210132', '20210431', '99999999', '9999-99-99',
      '9999-01-01', '99990101', '09990101', '10000101', '2021-1-01', '2021/01/01', ' 20210101', '20210101 ', '2021-01-011', '202101011', '', '０1',
    ];
    for (const d of dates) {
      const certain = db.prepare(`SELECT ${certainDate('x')} FROM (SELECT ? AS x)`).pluck().get(d) === 1;
      if (certain) expect([d, textDateProblem(d.trim())]).toEqual([d, undefined]);
    }
    // the common good values are settled in SQL
    expect(db.prepare(`SELECT ${certainDate(`'20210101'`)} AND ${certainDate(`'2020-02-29'`)}`).pluck().get()).toBe(1);
    expect(db.prepare(`SELECT ${certainDate(`'20210229'`)} OR ${certainDate('NULL')} OR ${certainDate(`'99999999'`)}`).pluck().get()).toBe(0);
  });

  it('a mobile number that GLOB lets through is a good phone number', () => {
    const db = new Database(':memory:');
    const phones = ['13812345678', '1381234567', '138123456789', '12812345678', '19912345678', ' 13812345678', '13812345678 ', '1381234567X', '+8613812345678', '１3812345678', 13812345678, 13812345678.5, null];
    for (const p of phones) {
      const certain = db.prepare(`SELECT ${certainPhone('x')} FROM (SELECT ? AS x)`).pluck().get(p) === 1;
      if (certain) expect([p, validatePhone(String(p).trim()).ok]).toEqual([p, true]);
    }
    expect(db.prepare(`SELECT ${certainPhone(`'13812345678'`)}`).pluck().get()).toBe(1);
  });

  it('six digits that GLOB lets through are a good postcode', () => {
    const db = new Database(':memory:');
    for (const p of ['135000', '13500', '1350000', '13500X', ' 135000', '１３５０００', 135000, '000000']) {
      const certain = db.prepare(`SELECT ${certainPostcode('x')} FROM (SELECT ? AS x)`).pluck().get(p) === 1;
      if (certain) expect(validatePostcode(typeof p === 'string' ? p.trim() : String(p)).ok).toBe(true);
    }
  });
});
