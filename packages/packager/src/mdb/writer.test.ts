import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { physicalTables, type PhysicalColumn } from '@nyt2539/schema';
import { MdbValueError, writeMdb, type MdbValue } from './index.js';
import { decimalText, openMdb, tempDir } from './test-support.js';

const tmp = tempDir('mdb-writer');
afterAll(() => tmp.remove());

const READER_TYPE: Record<PhysicalColumn['type'], string> = {
  Text: 'text',
  Integer: 'integer',
  Long: 'long',
  Decimal: 'numeric',
  DateTime: 'datetime',
  Memo: 'memo',
  Boolean: 'boolean',
  Double: 'double',
};

/** A plausible value for a physical column, varied by row number. */
function sampleValue(c: PhysicalColumn, i: number): MdbValue {
  switch (c.type) {
    case 'Text': {
      const base = i % 3 === 0 ? `承包${i}号` : String(1000000 + i);
      return base.slice(0, c.size);
    }
    case 'Memo':
      return i % 2 ? `调查记事${i}：` + '情况属实。'.repeat(i % 7) : null;
    case 'Integer':
      return (i % 200) - 100;
    case 'Decimal':
      return `${i * 37}.${String(i % 100).padStart(2, '0')}`;
    case 'DateTime':
      return new Date(Date.UTC(2000 + (i % 20), i % 12, 1 + (i % 28), i % 24, i % 60, i % 60));
    default:
      return null;
  }
}

function expectedRead(c: PhysicalColumn, v: MdbValue): unknown {
  if (v === null || v === undefined) return c.defaultValue !== undefined && v === undefined ? decimalText(c.defaultValue, c.scale ?? 0) : null;
  if (c.type === 'Decimal') return decimalText(String(v), c.scale ?? 0);
  return v;
}

describe('writeMdb', () => {
  it('writes the empty 12-table database with the physical schema, read back by mdb-reader', async () => {
    const out = tmp.path('empty.mdb');
    const result = await writeMdb(out, []);
    expect(result.bytes).toBe(readFileSync(out).length);
    expect(Object.values(result.rowCounts).every((n) => n === 0)).toBe(true);
    const reader = openMdb(out);
    expect(reader.getTableNames()).toEqual(physicalTables.map((t) => t.name));
    for (const t of physicalTables) {
      const table = reader.getTable(t.name);
      expect(table.rowCount).toBe(0);
      const cols = table.getColumns();
      expect(cols.map((c) => c.name)).toEqual(t.columns.map((c) => c.code));
      cols.forEach((col, k) => {
        const def = t.columns[k];
        expect(col.type).toBe(READER_TYPE[def.type]);
        if (def.type === 'Text') expect(col.size).toBe(2 * (def.size ?? 0));
        if (def.type === 'Decimal') expect([col.size, col.precision, col.scale]).toEqual([17, def.precision, def.scale]);
        if (def.type === 'Integer') expect(col.size).toBe(2);
        if (def.type === 'DateTime') expect(col.size).toBe(8);
      });
    }
    expect(reader.getCreationDate()?.toISOString()).toBe('2016-01-01T00:00:00.000Z');
  });

  it('round-trips sample rows of every table exactly and is byte-for-byte deterministic', async () => {
    const inputs = physicalTables.map((t) => ({
      name: t.name,
      rows: Array.from({ length: 40 }, (_, i) =>
        Object.fromEntries(t.columns.map((c) => [c.code, c.required && c.type !== 'Memo' ? (sampleValue(c, i) ?? '') : i % 4 === 1 ? null : sampleValue(c, i)])),
      ),
    }));
    const a = tmp.path('sample-a.mdb');
    const b = tmp.path('sample-b.mdb');
    const result = await writeMdb(a, inputs);
    await writeMdb(b, inputs);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const reader = openMdb(a);
    for (const t of physicalTables) {
      expect(result.rowCounts[t.name]).toBe(40);
      const rows = reader.getTable(t.name).getData();
      const expected = inputs.find((x) => x.name === t.name)!.rows.map((r) => Object.fromEntries(t.columns.map((c) => [c.code, expectedRead(c, r[c.code])])));
      expect(rows).toEqual(expected);
    }
  });

  it('accepts async iterables and fills omitted columns with their default or null', async () => {
    const out = tmp.path('async.mdb');
    async function* rows() {
      yield { DKBM: 'D1', FBFBM: 'F', CBFBM: 'C', CBJYQQDFS: '110', CBHTBM: 'H', CBJYQZBM: 'Q' };
      yield { DKBM: 'D2', FBFBM: 'F', CBFBM: 'C', CBJYQQDFS: '110', CBHTBM: 'H', CBJYQZBM: 'Q', HTMJ: 12.5, YHTMJ: null };
    }
    async function* tables() {
      yield { name: 'CBDKXX', rows: rows() };
    }
    const result = await writeMdb(out, tables());
    expect(result.rowCounts.CBDKXX).toBe(2);
    const data = openMdb(out).getTable('CBDKXX').getData();
    expect(data.map((r) => [r.DKBM, r.HTMJ, r.YHTMJ, r.LZHTBM])).toEqual([
      ['D1', '0.00', '0.00', null],
      ['D2', '12.50', null, null],
    ]);
  });

  it('spans many data and LVAL pages with a reference (type 1) usage map', async () => {
    const out = tmp.path('many.mdb');
    const n = 3000;
    const cbf = physicalTables.find((t) => t.name === 'CBF')!;
    const row = (i: number): Record<string, MdbValue> => ({
      ...Object.fromEntries(cbf.columns.map((c) => [c.code, sampleValue(c, i) ?? (c.required ? '' : null)])),
      CBFDZ: `某省某县某镇某村第${i}组`.padEnd(100, '地'),
      GSJS: '公示无异议'.repeat(50).slice(0, 250) + String(i).padStart(4, '0'),
      CBFDCJS: i % 10 === 0 ? '长记事'.repeat(1500 + i) : `记事${i}`.repeat(20),
    });
    const result = await writeMdb(out, [{ name: 'CBF', rows: (function* () { for (let i = 0; i < n; i++) yield row(i); })() }]);
    expect(result.rowCounts.CBF).toBe(n);
    const buf = readFileSync(out);
    const reader = openMdb(out);
    const table = reader.getTable('CBF');
    expect(table.rowCount).toBe(n);
    const data = table.getData();
    expect(data.length).toBe(n);
    for (const i of [0, 1, 7, 10, 999, 1500, 2990, n - 1]) {
      const want = row(i);
      expect(data[i].CBFDZ).toBe(want.CBFDZ);
      expect(data[i].GSJS).toBe(want.GSJS);
      expect(data[i].CBFDCJS).toBe(want.CBFDCJS);
      expect(data[i].CBFDCRQ).toEqual(want.CBFDCRQ);
    }
    // the table's usage map row, found from its TDEF (page = MSysObjects.Id), is a reference map
    const id = reader.getTable('MSysObjects').getData({ columns: ['Id', 'Name'] }).find((r) => r.Name === 'CBF')!.Id as number;
    const ptr = buf.readUInt32LE(id * 4096 + 55);
    const mapPage = ptr >>> 8;
    const rowStart = buf.readUInt16LE(mapPage * 4096 + 14 + 2 * (ptr & 0xff)) & 0x1fff;
    expect(buf[mapPage * 4096 + rowStart]).toBe(1);
    expect(buf.length / 4096).toBeGreaterThan(512);
  });

  it('rejects values that do not fit with a located MdbValueError and leaves no file behind', async () => {
    const base = { DKBM: 'D', FBFBM: 'F', CBFBM: 'C', CBJYQQDFS: '110', HTMJ: '1', CBHTBM: 'H', CBJYQZBM: 'Q' };
    const cases: [Record<string, MdbValue>, MdbValueError['problem'], string][] = [
      [{ ...base, DKBM: '1'.repeat(20) }, 'textTooLong', 'DKBM'],
      [{ ...base, HTMJ: '10000000000000.00' }, 'decimalOverflow', 'HTMJ'],
      [{ ...base, HTMJ: '1.005' }, 'decimalScale', 'HTMJ'],
      [{ ...base, HTMJ: 0.125 }, 'decimalScale', 'HTMJ'],
      [{ ...base, HTMJ: 'abc' }, 'badValue', 'HTMJ'],
      [{ ...base, CBFBM: null }, 'notNull', 'CBFBM'],
      [{ ...base, NOPE: 'x' }, 'unknownColumn', 'NOPE'],
    ];
    for (const [bad, problem, column] of cases) {
      const out = tmp.path(`bad-${problem}.mdb`);
      const err = await writeMdb(out, [{ name: 'CBDKXX', rows: [base, base, bad] }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MdbValueError);
      expect(err).toMatchObject({ problem, table: 'CBDKXX', row: 3, column });
      expect((err as MdbValueError).localized('zh')).toContain('第 3 条记录');
      expect(existsSync(out)).toBe(false);
    }
    const validRow = (name: string): Record<string, MdbValue> =>
      Object.fromEntries(physicalTables.find((t) => t.name === name)!.columns.map((c) => [c.code, sampleValue(c, 3)]));
    const intErr = await writeMdb(tmp.path('int.mdb'), [{ name: 'CBHT', rows: [{ ...validRow('CBHT'), CBDKZS: 40000 }] }]).catch((e: unknown) => e);
    expect(intErr).toMatchObject({ problem: 'integerRange', table: 'CBHT', row: 1, column: 'CBDKZS' });
    const zeroLen = await writeMdb(tmp.path('zl.mdb'), [{ name: 'CBJYQZDJB', rows: [{ ...validRow('CBJYQZDJB'), CBJYQZLSH: '' }] }]).catch((e: unknown) => e);
    expect(zeroLen).toMatchObject({ problem: 'badValue', column: 'CBJYQZLSH' });
    const unknown = await writeMdb(tmp.path('t.mdb'), [{ name: 'NOPE', rows: [] }]).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ problem: 'unknownTable', table: 'NOPE' });
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
