import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import MDBReader from 'mdb-reader';
import { describe, expect, it } from 'vitest';
import { decisionsFor } from './decisions.js';
import { physicalTable, physicalTables } from './physical.js';
import { attributeTables } from './tables.js';
import type { AccessType, PhysicalColumn } from './types.js';

/**
 * physical.ts against the real Access template, read three independent ways: mdb-reader (order, types, sizes,
 * precision/scale), mdbtools `mdb-schema … access` (NOT NULL) and `mdb-prop` (DefaultValue, AllowZeroLength,
 * Description — mdb-schema 1.0 prints no defaults). Then Annex B ↔ physical, field by field.
 */
const fixtures = resolve(process.env.NYT2539_FIXTURES ?? '../shared/fixtures/real');
const templatePath = join(fixtures, 'access', '权属数据-template-jet4.mdb');

const readerTypes: Record<string, AccessType> = {
  text: 'Text',
  integer: 'Integer',
  long: 'Long',
  numeric: 'Decimal',
  datetime: 'DateTime',
  memo: 'Memo',
  boolean: 'Boolean',
  double: 'Double',
};

const mdbSchemaTypes: Record<string, AccessType> = {
  Text: 'Text',
  Integer: 'Integer',
  'Long Integer': 'Long',
  Numeric: 'Decimal',
  DateTime: 'DateTime',
  'Memo/Hyperlink': 'Memo',
  Boolean: 'Boolean',
  Double: 'Double',
};

interface SchemaColumn {
  code: string;
  type: AccessType;
  args: number[];
  notNull: boolean;
}

/** Parse `mdb-schema <file> access`: `CREATE TABLE [T] ( [COL] Type (a, b) NOT NULL, … );` */
function parseMdbSchema(ddl: string): Map<string, SchemaColumn[]> {
  const tables = new Map<string, SchemaColumn[]>();
  for (const m of ddl.matchAll(/CREATE TABLE \[(\w+)\]\s*\(([\s\S]*?)\n\);/g)) {
    const columns: SchemaColumn[] = [];
    for (const line of m[2].split('\n')) {
      const c = /^\s*\[(\w+)\]\s+([A-Za-z/ ]+?)\s*(?:\(([\d, ]+)\))?(\s+NOT NULL)?,?\s*$/.exec(line);
      if (!c) continue;
      const type = mdbSchemaTypes[c[2]];
      expect(type, `mdb-schema type ${c[2]}`).toBeDefined();
      columns.push({ code: c[1], type, args: c[3] ? c[3].split(',').map((s) => Number(s.trim())) : [], notNull: Boolean(c[4]) });
    }
    tables.set(m[1], columns);
  }
  return tables;
}

/** Parse `mdb-prop <file> <table>`: blocks `name: COL` followed by tab-indented `Key: value` lines. */
function parseMdbProp(text: string): Map<string, Record<string, string>> {
  const columns = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of text.split('\n')) {
    const name = /^name: (.+)$/.exec(line);
    if (name) {
      current = {};
      columns.set(name[1], current);
      continue;
    }
    const prop = /^\t(\w+): (.*)$/.exec(line);
    if (prop && current) current[prop[1]] = prop[2];
  }
  return columns;
}

describe('physical.ts vs the real Access template', () => {
  const reader = new MDBReader(readFileSync(templatePath));
  const ddl = parseMdbSchema(execFileSync('mdb-schema', [templatePath, 'access'], { encoding: 'utf8' }));

  it('has exactly the template’s 12 user tables, in catalog order', () => {
    expect(physicalTables.map((t) => t.name)).toEqual(reader.getTableNames());
    expect([...ddl.keys()]).toEqual(reader.getTableNames());
  });

  it.each(physicalTables.map((t) => t.name))('%s: columns, order, types, sizes (mdb-reader)', (name) => {
    const actual = reader.getTable(name).getColumns();
    const expected = physicalTable(name)!.columns;
    expect(actual.map((c) => c.name)).toEqual(expected.map((c) => c.code));
    actual.forEach((c, i) => {
      const col: PhysicalColumn = expected[i];
      const where = `${name}.${col.code}`;
      expect(readerTypes[c.type], where).toBe(col.type);
      // mdb-reader reports Text size in bytes (UCS-2)
      if (col.type === 'Text') expect(c.size / 2, where).toBe(col.size);
      if (col.type === 'Decimal') expect([c.precision, c.scale], where).toEqual([col.precision, col.scale]);
      if (col.type === 'Integer') expect(c.size, where).toBe(2);
    });
  });

  it.each(physicalTables.map((t) => t.name))('%s: NOT NULL, types and sizes (mdb-schema)', (name) => {
    const actual = ddl.get(name)!;
    const expected = physicalTable(name)!.columns;
    expect(actual.map((c) => c.code)).toEqual(expected.map((c) => c.code));
    actual.forEach((c, i) => {
      const col = expected[i];
      const where = `${name}.${col.code}`;
      expect(c.notNull, where).toBe(col.required);
      expect(c.type, where).toBe(col.type);
      if (col.type === 'Text') expect(c.args, where).toEqual([col.size]);
      if (col.type === 'Decimal') expect(c.args, where).toEqual([col.precision, col.scale]);
    });
  });

  it.each(physicalTables.map((t) => t.name))('%s: defaults, zero-length, descriptions (mdb-prop)', (name) => {
    const props = parseMdbProp(execFileSync('mdb-prop', [templatePath, name], { encoding: 'utf8' }));
    for (const col of physicalTable(name)!.columns) {
      const p = props.get(col.code);
      const where = `${name}.${col.code}`;
      expect(p, where).toBeDefined();
      expect(p!.Description, where).toBe(col.description);
      expect(p!.DefaultValue, where).toBe(col.defaultValue);
      expect(p!.Required === 'yes', where).toBe(col.required);
      if (col.type === 'Text') expect(p!.AllowZeroLength === 'yes', where).toBe(col.allowZeroLength ?? false);
    }
  });
});

describe('Annex B ↔ physical columns', () => {
  const expectedType = { Char: 'Text', Float: 'Decimal', Int: 'Integer', Date: 'DateTime' } as const;

  it('covers the same 12 tables', () => {
    expect(attributeTables.map((t) => t.name).sort()).toEqual(physicalTables.map((t) => t.name).sort());
  });

  it.each(attributeTables.map((t) => t.name))('%s: every field has its column; differences are documented decisions', (name) => {
    const table = attributeTables.find((t) => t.name === name)!;
    const physical = physicalTable(name)!;
    expect(physical.columns.map((c) => c.code).sort()).toEqual(table.fields.map((f) => f.code).sort());
    const sameOrder = physical.columns.every((c, i) => c.code === table.fields[i].code);
    // the only reordered table is the documented one
    expect(sameOrder || decisionsFor(name).some((d) => d.id === 'cbjyqzdjb-column-order'), name).toBe(true);
    if (!sameOrder) expect(name).toBe('CBJYQZDJB');

    for (const f of table.fields) {
      const col = physical.columns.find((c) => c.code === f.code)!;
      const where = `${name}.${f.code}`;
      expect(col.required, where).toBe(f.constraint === 'M');
      if (f.type === 'Char' && col.type === 'Memo') {
        expect(decisionsFor(name, f.code).map((d) => d.id), where).toContain('memo-dcjs');
        continue;
      }
      expect(col.type, where).toBe(expectedType[f.type as keyof typeof expectedType]);
      if (f.type === 'Char') expect(col.size, where).toBe(f.length);
      if (f.type === 'Float') {
        expect([col.precision, col.scale], where).toEqual([f.length, f.decimals]);
        expect(col.defaultValue, where).toBe('0');
        expect(decisionsFor(name, f.code).map((d) => d.id), where).toContain('physical-decimal');
      }
      if (f.type === 'Date') expect(decisionsFor(name, f.code).map((d) => d.id), where).toContain('physical-date');
      if (f.type === 'Int') expect(decisionsFor(name, f.code).map((d) => d.id), where).toContain('physical-integer');
    }
  });

  it('CBJYQZDJB keeps the template order (YCBJYQZBH before CBJYQZLSH)', () => {
    expect(physicalTable('CBJYQZDJB')!.columns.map((c) => c.code).slice(7)).toEqual(['DKSYT', 'YCBJYQZBH', 'CBJYQZLSH', 'DJBFJ', 'DBR', 'DJSJ']);
  });
});
