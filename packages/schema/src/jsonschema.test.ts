import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { allRowJsonSchemas, JSON_SCHEMA_DIALECT, rowJsonSchema } from './jsonschema.js';
import { allTables, getTable } from './tables.js';

describe('row JSON Schemas', () => {
  it('one 2020-12 schema per table, properties in field order, required = M fields', () => {
    const schemas = allRowJsonSchemas();
    expect(Object.keys(schemas)).toEqual(allTables.map((t) => t.name));
    for (const t of allTables) {
      const s = schemas[t.name] as { $schema: string; properties: Record<string, unknown>; required: string[] };
      expect(s.$schema).toBe(JSON_SCHEMA_DIALECT);
      expect(Object.keys(s.properties)).toEqual(t.fields.map((f) => f.code));
      expect(s.required).toEqual(t.fields.filter((f) => f.constraint === 'M').map((f) => f.code));
    }
  });

  it('DK: field schemas generated from the field defs', () => {
    const s = rowJsonSchema('DK') as { properties: Record<string, Record<string, unknown>>; allOf: Record<string, unknown>[] };
    expect(s.properties.YSDM).toMatchObject({ type: 'string', maxLength: 6, enum: ['211011'] });
    expect(s.properties.SCMJ).toMatchObject({ type: 'number', exclusiveMinimum: 0, nytDigits: 13, nytDecimals: 2 });
    expect(s.properties.SYQXZ).toMatchObject({ type: ['string', 'null'], maxLength: 2 });
    expect((s.properties.SYQXZ.enum as unknown[]).includes(null)).toBe(true);
    expect(s.properties.TDLYLX.nytAdvisoryEnum).toBeDefined();
    expect(s.allOf).toEqual([
      expect.objectContaining({ if: { type: 'object', properties: { DKLB: { enum: ['10'] } }, required: ['DKLB'] } }),
      expect.objectContaining({ then: { type: 'object', nytAtLeastNonEmpty: { fields: ['DKDZ', 'DKXZ', 'DKNZ', 'DKBZ'], min: 3 } } }),
    ]);
  });

  it('is plain JSON and usable by a third-party validator that ignores our keywords', () => {
    const schema = JSON.parse(JSON.stringify(rowJsonSchema('CBF_JTCY')));
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate({ CBFBM: '220581100007010001', CYXM: '张三', CYXB: '1', CYZJLX: '1', CYZJHM: '220581197409210011', YHZGX: '02', CYBZ: null, SFGYR: null, CYBZSM: null })).toBe(true);
    expect(validate({ CBFBM: '220581100007010001', CYXM: '张三', CYXB: '3', CYZJLX: '1', CYZJHM: 'x', YHZGX: '02' })).toBe(false);
  });

  it('strict coordinates drop the zone-prefix allowance', () => {
    const lenient = rowJsonSchema('JZD') as { properties: Record<string, Record<string, unknown>> };
    const strict = rowJsonSchema(getTable('JZD')!, { strictCoordinates: true }) as { properties: Record<string, Record<string, unknown>> };
    expect(lenient.properties.YZBZ.nytDigits).toBe(8);
    expect(strict.properties.YZBZ.nytDigits).toBe(7);
  });
});
