import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { type DataColumn, DataTableWriter, rawIfDiffers } from './data-table.js';

describe('rawIfDiffers', () => {
  it('drops the raw text the typed value already says, keeps any other', () => {
    expect(rawIfDiffers('王五', '王五      ')).toBeNull(); // DBF text padded to its width
    expect(rawIfDiffers('王五', '王五')).toBeNull(); // mdb text
    expect(rawIfDiffers(null, '     ')).toBeNull(); // blank DBF field
    expect(rawIfDiffers(null, null)).toBeNull();
    expect(rawIfDiffers(12.5, '      12.5')).toBeNull(); // DBF number, right-aligned
    expect(rawIfDiffers(7, '7')).toBeNull();
    expect(rawIfDiffers(12n, '12')).toBeNull();
    expect(rawIfDiffers(12.5, '     12.50')).toBe('     12.50');
    expect(rawIfDiffers(null, '  abc')).toBe('  abc'); // a number the reader could not read
    expect(rawIfDiffers('王五', '王五\0\0')).toBe('王五\0\0'); // NUL padding is not blank padding
    expect(rawIfDiffers(' 王五', ' 王五  ')).toBeNull(); // leading blanks of text are content, kept in the value
    expect(rawIfDiffers('王五', ' 王五')).toBe(' 王五');
    expect(rawIfDiffers('王五　', '王五')).toBe('王五'); // full-width space is not padding
    expect(rawIfDiffers('2016-01-02', '2016-01-02 00:00:00')).toBe('2016-01-02 00:00:00');
    expect(rawIfDiffers(Buffer.from('ab'), '6162')).toBe('6162');
  });

  it('keeps enough to restore the raw text exactly', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.integer(), fc.constant(null)), fc.nat(4), fc.nat(4), (value, left, right) => {
        const text = value === null ? '' : String(value);
        const raw = `${typeof value === 'number' ? ' '.repeat(left) : ''}${text}${' '.repeat(right)}`;
        const kept = rawIfDiffers(value, raw);
        // what a reader of the store does: the raw column, else the value's text (blank padding is not restored)
        const restored = kept ?? (value === null ? '' : String(value));
        const unpad = (s: string): string => s.replace(/^ +| +$/g, '');
        expect(typeof value === 'string' ? restored.replace(/ +$/, '') : unpad(restored)).toBe(typeof value === 'string' ? raw.replace(/ +$/, '') : unpad(raw));
      }),
    );
  });
});

describe('DataTableWriter', () => {
  // the writer names only the non-null `$raw` columns of a row; a table must read back exactly as if every
  // column were bound, past the 31 columns a variant can name and past the variants a table keeps
  it('stores every row as binding every column would', () => {
    const width = 40;
    const columns: DataColumn[] = Array.from({ length: width }, (_, i) => ({ name: `C${i}`, affinity: i % 3 === 0 ? 'REAL' : 'TEXT' }));
    const cell = fc.oneof(
      fc.constant<[unknown, string | null]>([null, null]),
      fc.constant<[unknown, string | null]>([null, '  x']),
      fc.string({ maxLength: 3 }).map((s): [unknown, string | null] => [s, s]),
      fc.string({ maxLength: 3 }).map((s): [unknown, string | null] => [s, `${s}\0`]),
      fc.integer().map((n): [unknown, string | null] => [n, ` ${n}`]),
      fc.integer().map((n): [unknown, string | null] => [n, `${n}.0`]),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 150 }), fc.boolean(), fc.boolean(), (cells, layer, plainTail) => {
        // half the tables have no raw past the columns a variant can name, so their rows use the variants
        const rows = plainTail ? cells.map((r) => r.map((c, i): [unknown, string | null] => (i < 31 ? c : [null, null]))) : cells;
        const db = new Database(':memory:');
        const writer = new DataTableWriter(db, 'T', columns, { layer });
        const bbox = { minx: 1, miny: 2, maxx: 3, maxy: 4 };
        // the file changes every 3 rows and comes back (a split layer's parts; a quote in a name)
        const fileOf = (i: number): string => ['f', "it's", '矢量数据/DK3407112016-2.shp'][Math.floor(i / 3) % 3];
        rows.forEach((r, i) =>
          writer.add({ file: fileOf(i), rec: i + 1, deleted: i % 2 === 1, values: r.map((c) => c[0]), raws: r.map((c) => c[1]), geom: Buffer.from([i & 255]), bbox }),
        );
        writer.flush();
        // the reference: the same table written by one statement that binds every column
        const names = ['_rid', '_file', '_rec', '_deleted', ...columns.flatMap((c) => [c.name, `${c.name}$raw`])];
        if (layer) names.push('_geom', '_minx', '_miny', '_maxx', '_maxy');
        const create = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'T'").get() as { sql: string }).sql;
        db.exec(create.replace('"T"', '"R"'));
        const insert = db.prepare(`INSERT INTO R VALUES (${names.map(() => '?').join(', ')})`);
        rows.forEach((r, i) =>
          insert.run([
            i + 1,
            fileOf(i),
            i + 1,
            i % 2,
            ...r.flatMap(([v, raw]) => [v, rawIfDiffers(v, raw)]),
            ...(layer ? [Buffer.from([i & 255]), 1, 2, 3, 4] : []),
          ]),
        );
        const all = (t: string): unknown[] => db.prepare(`SELECT * FROM ${t} ORDER BY _rid`).raw().all();
        const actual = all('T');
        const expected = all('R');
        expect(actual.length).toBe(rows.length);
        db.close();
        expect(actual).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
  // rows wait per variant for a full insert: with few variants (full inserts written ahead of a rarer variant's
  // rows) and a column added midway, the table still reads back in load order
  it('keeps load order across variants written in groups, files that change and a column added midway', () => {
    const db = new Database(':memory:');
    const writer = new DataTableWriter(db, 'T', [{ name: 'A', affinity: 'TEXT' }], { layer: false });
    const expected: unknown[][] = [];
    // a split layer's parts: rows of each wait in their variants when the next part's begin
    const fileOf = (i: number): string => (Math.floor(i / 37) % 2 === 0 ? 'DK3407112016.shp' : 'DK3407112016-2.shp');
    const add = (i: number, cells: [unknown, string | null][]): void => {
      writer.add({ file: fileOf(i), rec: i, deleted: false, values: cells.map((c) => c[0]), raws: cells.map((c) => c[1]) });
      expected.push([i, fileOf(i), i, 0, ...cells.flatMap(([v, raw]) => [v, rawIfDiffers(v, raw)])]);
    };
    let i = 0;
    for (; i < 100; i++) add(i + 1, [[`a${i}`, i % 7 === 0 ? `a${i}\0` : `a${i}`]]);
    writer.addColumn({ name: 'B', affinity: 'INTEGER' });
    for (; i < 250; i++) add(i + 1, [[`a${i}`, `a${i}`], [i, i % 3 === 0 ? `${i}.0` : `${i}`]]);
    writer.flush();
    expect(db.prepare('SELECT * FROM T ORDER BY _rid').raw().all()).toEqual(expected.map((r) => (r.length === 6 ? [...r, null, null] : r)));
    db.close();
  });
});
