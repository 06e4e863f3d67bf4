import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbfNumericWidth, decisionsFor } from './decisions.js';
import { getTable } from './tables.js';

/**
 * Annex A against the real ArcGIS DBF templates (fixtures/real/shp): same field set, Char widths equal the
 * standard's lengths, numeric widths follow dbfNumericWidth. Read straight from the dBase III header (32-byte
 * field descriptors from offset 32 up to the 0x0D terminator: name 11 bytes, type at 11, width at 16, decimals at 17).
 */
const fixtures = resolve(process.env.NYT2539_FIXTURES ?? '../shared/fixtures/real');

interface DbfField {
  name: string;
  type: string;
  width: number;
  decimals: number;
}

function dbfFields(path: string): DbfField[] {
  const buf = readFileSync(path);
  const fields: DbfField[] = [];
  for (let off = 32; buf[off] !== 0x0d; off += 32) {
    const raw = buf.subarray(off, off + 11);
    const name = raw.subarray(0, raw.indexOf(0) < 0 ? 11 : raw.indexOf(0)).toString('latin1');
    fields.push({ name, type: String.fromCharCode(buf[off + 11]), width: buf[off + 16], decimals: buf[off + 17] });
  }
  return fields;
}

describe.each(['DK', 'JZD', 'JZX'])('Annex A %s vs the real DBF template', (layer) => {
  const table = getTable(layer)!;
  const dbf = dbfFields(join(fixtures, 'shp', `${layer}.dbf`));

  it('has the same fields (order may differ: decision dbf-field-order)', () => {
    expect(dbf.map((f) => f.name).sort()).toEqual(table.fields.map((f) => f.code).sort());
    expect(decisionsFor(layer).map((d) => d.id)).toContain('dbf-field-order');
  });

  it('Char widths equal the lengths; numeric widths and decimals follow dbfNumericWidth', () => {
    for (const f of table.fields) {
      const col = dbf.find((d) => d.name === f.code)!;
      if (f.type === 'Char') {
        expect([col.type, col.width], f.code).toEqual(['C', f.length]);
      } else {
        expect([col.type, col.width, col.decimals], f.code).toEqual(['N', dbfNumericWidth(layer, f), f.decimals ?? 0]);
      }
    }
  });
});

describe('dbfNumericWidth', () => {
  it('adds the decimal point to Float, nothing to Int, the zone prefix to coordinates on request', () => {
    const dk = getTable('DK')!;
    const jzd = getTable('JZD')!;
    expect(dbfNumericWidth('DK', dk.fields.find((f) => f.code === 'SCMJ')!)).toBe(16);
    expect(dbfNumericWidth('DK', dk.fields.find((f) => f.code === 'BSM')!)).toBe(10);
    expect(dbfNumericWidth('DK', dk.fields.find((f) => f.code === 'DKBM')!)).toBeUndefined();
    expect(dbfNumericWidth('JZD', jzd.fields.find((f) => f.code === 'YZBZ')!, { zonePrefix: true })).toBe(12);
    expect(dbfNumericWidth('DK', dk.fields.find((f) => f.code === 'SCMJ')!, { zonePrefix: true })).toBe(16);
  });
});

/**
 * The real vector metadata sample (SL2205812016.xml, written by a working exporter) lists every layer's attribute
 * names in order: an independent copy of Annex A's 字段名称 columns. The printed tables set a space between CJK and
 * Latin letters ("X 坐标值"); the sample does not, so spaces are ignored.
 */
describe('Annex A names vs the real metadata sample', () => {
  const xml = readFileSync(join(fixtures, 'metadata', 'SL2205812016.xml'), 'utf8');
  const sample = new Map(
    [...xml.matchAll(/<layer>([\s\S]*?)<\/layer>/g)].map((m) => [
      /<layerName>(.*?)<\/layerName>/.exec(m[1])![1],
      [...m[1].matchAll(/<fieldID>(.*?)<\/fieldID>/g)].map((f) => f[1]),
    ]),
  );

  it('lists the 14 vector layers', () => {
    expect([...sample.keys()]).toEqual(['KZD', 'XJXZQ', 'XJQY', 'CJQY', 'ZJQY', 'QYJX', 'DZDW', 'XZDW', 'MZDW', 'DK', 'JZD', 'JZX', 'JBNTBHQ', 'ZJ']);
  });

  it.each([...sample.keys()])('%s: field names in printed order', (layer) => {
    expect(getTable(layer)!.fields.map((f) => f.name.replace(/\s+/g, ''))).toEqual(sample.get(layer));
  });
});
