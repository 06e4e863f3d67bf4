import { join } from 'node:path';
import { openShapefile, type DbfField } from '@nyt2539/checker';
import { getTable, layerTables } from '@nyt2539/schema';
import { describe, expect, it } from 'vitest';
import { dbfFieldsForLayer, isProjectedCoordinateField } from './fields.js';

const shpDir = join(process.env.NYT2539_FIXTURES!, 'shp');

async function templateFields(layer: string): Promise<readonly DbfField[]> {
  const handle = await openShapefile(join(shpDir, layer));
  try {
    return handle.info.fields;
  } finally {
    await handle.close();
  }
}

describe('dbfFieldsForLayer against the real ArcGIS templates', () => {
  for (const layer of ['DK', 'JZD', 'JZX']) {
    it(`${layer}: every field has the template's name, type, width and decimals`, async () => {
      const template = await templateFields(layer);
      const ours = dbfFieldsForLayer(getTable(layer)!);
      // same set of fields; the templates order a few differently from Annex A, which we follow
      expect(ours.map((f) => f.name).sort()).toEqual(template.map((f) => f.name).sort());
      for (const t of template) {
        const f = ours.find((o) => o.name === t.name)!;
        expect({ name: f.name, type: f.type, length: f.length, decimals: f.decimals }).toEqual({
          name: t.name,
          type: t.type,
          length: t.length,
          decimals: t.decimals,
        });
      }
    });
  }
});

describe('widening rules', () => {
  it('rule 1: Float(p,s>0) → N(p+1,s); rule 2: Int(p) → N(p,0), Char(n) → C(n)', () => {
    const zj = dbfFieldsForLayer(getTable('ZJ')!);
    expect(zj.find((f) => f.name === 'ZJFX')).toEqual({ name: 'ZJFX', type: 'N', length: 11, decimals: 6 });
    expect(zj.find((f) => f.name === 'JG')).toEqual({ name: 'JG', type: 'N', length: 7, decimals: 2 });
    expect(zj.find((f) => f.name === 'BS')).toEqual({ name: 'BS', type: 'N', length: 4, decimals: 0 });
    expect(zj.find((f) => f.name === 'ZJNR')).toEqual({ name: 'ZJNR', type: 'C', length: 100, decimals: 0 });
  });
  it('rule 3 picks exactly the projected X/Y coordinate fields of Annex A', () => {
    const coords = layerTables.flatMap((t) => t.fields.filter(isProjectedCoordinateField).map((f) => `${t.name}.${f.code}`));
    expect(coords.sort()).toEqual(['JZD.XZBZ', 'JZD.YZBZ', 'KZD.X2000', 'KZD.X80', 'KZD.Y2000', 'KZD.Y80', 'ZJ.ZJDZXJXZB', 'ZJ.ZJDZXJYZB']);
  });
  it('rule 3: zone-prefixed coordinates get N(12,3), which holds an 8-digit easting', () => {
    const jzd = dbfFieldsForLayer(getTable('JZD')!, { zonePrefixedCoordinates: true });
    expect(jzd.find((f) => f.name === 'YZBZ')).toEqual({ name: 'YZBZ', type: 'N', length: 12, decimals: 3 });
    expect((39512345.678).toFixed(3).length).toBe(12);
    // other fields unchanged
    expect(jzd.find((f) => f.name === 'BSM')).toEqual({ name: 'BSM', type: 'N', length: 10, decimals: 0 });
  });
  it('refuses tables that are not shapefile layers', () => {
    expect(() => dbfFieldsForLayer(getTable('CBF')!)).toThrow(/Annex A/);
  });
});
