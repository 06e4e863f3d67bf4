import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DataColumn } from './data-table.js';
import { type LayerAttributes, LayerGeometryBuilder, MAX_ATTRIBUTE_RECORDS } from './layer-geometry.js';
import { SharedColumn } from './shared-column.js';

const point = (x: number, y: number) => ({ shapeType: 1, parts: [new Float64Array([x, y])] });
const values = (c: LayerAttributes | undefined, name: string) => {
  const data = name === 'key' ? c!.key! : c!.columns[name];
  const col = new SharedColumn(data);
  return Array.from({ length: col.length }, (_, i) => col.get(i));
};

const columns: DataColumn[] = [
  { name: 'JZDH', affinity: 'TEXT' },
  { name: 'XZBZ', affinity: 'REAL' },
  { name: 'DKBM', affinity: 'TEXT' },
  { name: 'OTHER', affinity: 'TEXT' },
];

describe('LayerGeometryBuilder attributes', () => {
  it('keeps the key and preloaded columns of live rows as SQLite gives them back (-0 as 0, NaN as null, text trimmed)', () => {
    const rows: unknown[][] = [
      ['J1 ', -0, 'DK1/DK2', 'x'],
      [' ', Number.NaN, null, 'y'],
      ['J3', 12.5, '  ', 'z'],
      ['7', 3, 'DK4', 'w'],
    ];
    // what the store gives back for the same values, through a real table
    const db = new Database(':memory:');
    db.exec('CREATE TABLE JZD (JZDH TEXT, XZBZ REAL, DKBM TEXT, OTHER TEXT)');
    const insert = db.prepare('INSERT INTO JZD VALUES (?, ?, ?, ?)');
    for (const r of rows) insert.run(...r.map((v) => (typeof v === 'number' && Number.isNaN(v) ? null : v)));
    const back = db.prepare('SELECT JZDH, XZBZ, DKBM FROM JZD').raw(true).all() as unknown[][];
    db.close();
    expect(Object.is(back[0][1], 0)).toBe(true);

    const b = new LayerGeometryBuilder('JZD', {}, columns);
    rows.forEach((r, i) => b.add(i + 1, 'a.shp', i + 1, false, point(i, i), undefined, r));
    b.add(5, 'a.shp', 5, true, point(9, 9), undefined, ['J5', 1, 'DK5', 'v']);
    const g = b.finish();
    expect(g.count).toBe(4);
    expect(g.rows).toBe(5);
    const trimmedText = (v: unknown) => (v === null ? null : String(v).trim() || null);
    expect(values(g.attributes, 'key')).toEqual(back.map((r) => trimmedText(r[0])));
    expect(values(g.attributes, 'XZBZ')).toEqual(back.map((r) => r[1]));
    expect(Object.is(values(g.attributes, 'XZBZ')[0], 0)).toBe(true);
    expect(values(g.attributes, 'DKBM')).toEqual(back.map((r) => (typeof r[2] === 'string' ? r[2].trim() || null : r[2])));
    // YZBZ is not a column of this layer: not kept
    expect(Object.keys(g.attributes!.columns).sort()).toEqual(['DKBM', 'XZBZ']);
  });

  it('keeps no attributes once a value is one the store might convert', () => {
    // a number in a TEXT column reads back as '7.0', numeric text in a REAL column as a number, a boolean as 1
    for (const odd of [[7, 1], ['J1', '1.5'], ['J1', true]]) {
      const b = new LayerGeometryBuilder('JZD', {}, columns.slice(0, 2));
      b.add(1, 'a.shp', 1, false, point(0, 0), undefined, ['J0', 1]);
      b.add(2, 'a.shp', 2, false, point(1, 1), undefined, odd);
      const g = b.finish();
      expect(g.count).toBe(2);
      expect(g.attributes).toBeUndefined();
    }
  });

  it('keeps none for a layer of more records than it keeps attributes for (read back from the store instead)', () => {
    const big = new LayerGeometryBuilder('JZD', { features: MAX_ATTRIBUTE_RECORDS + 1 }, columns.slice(0, 2));
    big.add(1, 'a.shp', 1, false, point(0, 0), undefined, ['J1', 1]);
    expect(big.finish().attributes).toBeUndefined();
    const small = new LayerGeometryBuilder('JZD', { features: MAX_ATTRIBUTE_RECORDS }, columns.slice(0, 2));
    small.add(1, 'a.shp', 1, false, point(0, 0), undefined, ['J1', 1]);
    expect(small.finish().attributes).toBeDefined();
  });
});
