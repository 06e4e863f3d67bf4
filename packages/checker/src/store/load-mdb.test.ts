import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { physicalTables } from '@nyt2539/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadContext } from './context.js';
import { loadMdb, mdbValue } from './load-mdb.js';
import { initStore } from './schema.js';
import { DAMAGED_STRUCTURE, issueMessage, JS_ERROR_CLASSES } from '../readers/issues.js';
import { mdbIssueCodes } from '../readers/mdb-issues.js';
import { readerIssueMessage } from '../rules/support/reader-issues.js';

const template = join(process.env.NYT2539_FIXTURES ?? '', 'access', '权属数据-template-jet4.mdb');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshStore(): { db: Database.Database; ctx: LoadContext; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nyt2539-mdb-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'store.sqlite'));
  initStore(db);
  return { db, ctx: new LoadContext(db), dir };
}

const accessToSrcType: Record<string, string> = {
  Text: 'text',
  Memo: 'memo',
  Integer: 'integer',
  Long: 'long',
  Decimal: 'numeric',
  DateTime: 'datetime',
  Boolean: 'boolean',
  Double: 'double',
};

describe('loadMdb on the real Access template', () => {
  it('creates the 12 empty tables with the column definitions Access declares', () => {
    const { db, ctx } = freshStore();
    loadMdb(ctx, template, '权属数据/2205812016.mdb');
    const tables = db.prepare(`SELECT name, origin, files, record_count, extra_json FROM src_tables ORDER BY name`).all() as {
      name: string;
      origin: string;
      files: string;
      record_count: number;
      extra_json: string;
    }[];
    expect(tables.map((t) => t.name).sort()).toEqual(physicalTables.map((t) => t.name).sort());
    for (const t of tables) {
      expect(t.origin).toBe('mdb');
      expect(JSON.parse(t.files)).toEqual(['权属数据/2205812016.mdb']);
      expect(t.record_count).toBe(0);
      expect(JSON.parse(t.extra_json)).toMatchObject({ format: 'Jet4', declaredRowCount: 0 });
    }
    // physical.ts was read from the same file with mdbtools' mdb-schema: an independent reader
    for (const pt of physicalTables) {
      const cols = db.prepare(`SELECT ordinal, name, src_type, size, precision, scale, nullable FROM src_columns WHERE tbl = ? ORDER BY ordinal`).all(pt.name) as {
        ordinal: number;
        name: string;
        src_type: string;
        size: number | null;
        precision: number | null;
        scale: number | null;
        nullable: number | null;
      }[];
      expect(cols.map((c) => c.name)).toEqual(pt.columns.map((c) => c.code));
      pt.columns.forEach((pc, i) => {
        const c = cols[i];
        expect(c.ordinal).toBe(i + 1);
        expect(c.src_type).toBe(accessToSrcType[pc.type]);
        if (pc.type === 'Text') expect(c.size).toBe(pc.size);
        if (pc.type === 'Decimal') expect([c.precision, c.scale]).toEqual([pc.precision, pc.scale]);
        expect(c.nullable).toBe(pc.required ? 0 : 1);
      });
      // data table: bookkeeping columns, then value + $raw per source column, in source order
      const dataCols = (db.prepare(`PRAGMA table_info("${pt.name}")`).all() as { name: string; type: string }[]).map((c) => c.name);
      expect(dataCols).toEqual(['_rid', '_file', '_rec', '_deleted', ...pt.columns.flatMap((c) => [c.code, `${c.code}$raw`])]);
    }
    const typeOf = (t: string, c: string): string =>
      (db.prepare(`SELECT type FROM pragma_table_info(?) WHERE name = ?`).get(t, c) as { type: string }).type;
    expect(typeOf('CBDKXX', 'HTMJ')).toBe('REAL');
    expect(typeOf('CBF', 'CBFCYSL')).toBe('INTEGER');
    expect(typeOf('CBF', 'CBFDCRQ')).toBe('TEXT');
    expect(db.prepare(`SELECT count(*) AS n FROM load_issues`).get()).toEqual({ n: 0 });
  });

  it('records a truncated copy as a located load issue instead of crashing', () => {
    const { db, ctx, dir } = freshStore();
    const copy = join(dir, 'cut.mdb');
    copyFileSync(template, copy);
    truncateSync(copy, 5000);
    loadMdb(ctx, copy, '权属数据/cut.mdb');
    const issues = db.prepare(`SELECT code, file, tbl, params_json FROM load_issues`).all() as { code: keyof typeof mdbIssueCodes; file: string; tbl: string | null; params_json: string }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ file: '权属数据/cut.mdb' });
    expect(Object.keys(mdbIssueCodes)).toContain(issues[0].code);
    const text = issueMessage(mdbIssueCodes[issues[0].code], { code: issues[0].code, file: issues[0].file, table: issues[0].tbl ?? undefined, params: JSON.parse(issues[0].params_json) });
    expect(text.zh).toContain('权属数据/cut.mdb');
    expect(text.en).toContain('权属数据/cut.mdb');
  });

  it('keeps the other tables when one table definition is damaged', () => {
    const { db, ctx, dir } = freshStore();
    const copy = join(dir, 'tdef.mdb');
    const bytes = readFileSync(template);
    // MSysObjects.Id of CBF is its TDEF page (20 in the template); a wrong page type makes that table unreadable
    const PAGE = 4096;
    expect(bytes[20 * PAGE]).toBe(0x02);
    bytes[20 * PAGE] = 0x07;
    writeFileSync(copy, bytes);
    loadMdb(ctx, copy, '权属数据/tdef.mdb');
    expect(db.prepare(`SELECT code, file, tbl FROM load_issues`).all()).toEqual([{ code: 'mdb-table-unreadable', file: '权属数据/tdef.mdb', tbl: 'CBF' }]);
    const names = (db.prepare(`SELECT name FROM src_tables ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    expect(names).toHaveLength(11);
    expect(names).not.toContain('CBF');
  });

  it('records a file that is not an Access database (text, empty) as mdb-unreadable', () => {
    const { db, ctx, dir } = freshStore();
    writeFileSync(join(dir, 'a.mdb'), 'not an access file at all'.repeat(200));
    writeFileSync(join(dir, 'b.mdb'), '');
    loadMdb(ctx, join(dir, 'a.mdb'), 'a.mdb');
    loadMdb(ctx, join(dir, 'b.mdb'), 'b.mdb');
    expect(db.prepare(`SELECT code, file FROM load_issues ORDER BY id`).all()).toEqual([
      { code: 'mdb-unreadable', file: 'a.mdb' },
      { code: 'mdb-unreadable', file: 'b.mdb' },
    ]);
  });

  it('does not modify the input file', () => {
    const { ctx } = freshStore();
    const before = readFileSync(template);
    loadMdb(ctx, template, 'x.mdb');
    expect(readFileSync(template).equals(before)).toBe(true);
  });
});

describe('mdbValue', () => {
  it('types values and keeps the raw text', () => {
    expect(mdbValue('12.50', 'numeric')).toEqual([12.5, '12.50']);
    expect(mdbValue(new Date(Date.UTC(1974, 8, 21)), 'datetime')).toEqual(['1974-09-21', '1974-09-21 00:00:00']);
    expect(mdbValue(new Date(Date.UTC(2016, 0, 2, 13, 4, 5)), 'datetime')).toEqual(['2016-01-02 13:04:05', '2016-01-02 13:04:05']);
    expect(mdbValue(true, 'boolean')).toEqual([1, 'true']);
    expect(mdbValue(7, 'integer')).toEqual([7, '7']);
    expect(mdbValue('  王 ', 'text')).toEqual(['  王 ', '  王 ']);
    expect(mdbValue(null, 'text')).toEqual([null, null]);
  });
});

describe('a damaged .mdb never shows a JavaScript error in its load issues', () => {
  it('seeded byte damage over the template gives located Chinese/English reasons, not engine error texts', () => {
    const bytes0 = readFileSync(template);
    const PAGE = 4096;
    let seed = 12;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    type Row = { code: string; file: string; tbl: string | null; record: number | null; params_json: string | null };
    const rows: Row[] = [];
    for (let m = 0; m < 40; m++) {
      const { db, ctx, dir } = freshStore();
      const bytes = Buffer.from(bytes0);
      // a burst of random bytes at a random place on a data-bearing page (the system tables and the TDEFs)
      const page = 1 + (next() % Math.min(40, bytes.length / PAGE - 1));
      const at = page * PAGE + (next() % PAGE);
      for (let i = 0; i < 1 + (next() % 64); i++) bytes[at + i] = next() & 0xff;
      const copy = join(dir, `m${m}.mdb`);
      writeFileSync(copy, m % 4 === 3 ? bytes.subarray(0, (1 + (next() % 30)) * PAGE + (next() % PAGE)) : bytes);
      loadMdb(ctx, copy, `权属数据/m${m}.mdb`);
      rows.push(...(db.prepare(`SELECT code, file, tbl, record, params_json FROM load_issues`).all() as Row[]));
      db.close();
    }
    expect(rows.length).toBeGreaterThan(10);
    const engine = new RegExp(`${JS_ERROR_CLASSES.join('|')}|Cannot read propert|outside the bounds|undefined`);
    for (const r of rows) {
      const text = readerIssueMessage({ code: r.code, file: r.file, table: r.tbl ?? undefined, record: r.record ?? undefined, params: r.params_json ? JSON.parse(r.params_json) : {} });
      expect(text.zh, text.zh).not.toMatch(engine);
      expect(text.en, text.en).not.toMatch(engine);
      expect(text.zh).toContain(r.file);
    }
    // the engine errors that do occur are named as damage, in the user's language
    expect(rows.some((r) => r.params_json?.includes(DAMAGED_STRUCTURE.zh))).toBe(true);
  });
});
