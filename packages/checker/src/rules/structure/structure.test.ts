import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { physicalTables, type PhysicalColumn } from '@nyt2539/schema';
import { brief, runOnStore, type TestColumn, type TestTable } from '../testing/rule-tester.js';
import { rule as fieldDecimals } from './field-decimals.js';
import { rule as fieldExtra } from './field-extra.js';
import { rule as fieldLength } from './field-length.js';
import { rule as fieldMissing } from './field-missing.js';
import { rule as fieldType } from './field-type.js';
import { rule as tableMissing } from './table-missing.js';

const fieldRules = [fieldMissing, fieldType, fieldLength, fieldDecimals, fieldExtra];

/** src_columns as the loader writes them for the Access template (mdb-reader type names, Text size in characters). */
function templateColumn(c: PhysicalColumn): TestColumn {
  const srcType = { Text: 'text', Memo: 'memo', Integer: 'integer', Long: 'long', Decimal: 'numeric', DateTime: 'datetime', Boolean: 'boolean', Double: 'double' }[c.type];
  return { name: c.code, srcType, size: c.type === 'Text' ? (c.size ?? null) : null, precision: c.precision ?? null, scale: c.scale ?? null };
}

const templateTables: TestTable[] = physicalTables.map((t) => ({ name: t.name, columns: t.columns.map(templateColumn) }));

/** The real ArcGIS template DBFs' field descriptors (fixtures/real/shp), read with the dBase III layout. */
function dbfColumns(file: string): TestColumn[] {
  const b = readFileSync(join(process.env.NYT2539_FIXTURES ?? '', 'shp', file));
  const headerLength = b.readUInt16LE(8);
  const cols: TestColumn[] = [];
  for (let p = 32; p + 32 <= headerLength - 1; p += 32) {
    const name = b.subarray(p, p + 11).toString('latin1').replace(/\0.*$/, '');
    cols.push({ name, srcType: String.fromCharCode(b[p + 11]), size: b[p + 16], scale: b[p + 17], precision: null });
  }
  return cols;
}

const templateLayers: TestTable[] = ['DK', 'JZD', 'JZX'].map((name) => ({ name, layer: true, columns: dbfColumns(`${name}.dbf`) }));

describe('structure rules on real templates', () => {
  it('the Access template and the ArcGIS template DBFs give no findings', () => {
    expect(brief(runOnStore({ tables: [...templateTables, ...templateLayers] }, fieldRules))).toEqual([]);
    expect(templateLayers[0].columns.find((c) => c.name === 'SCMJ')).toMatchObject({ srcType: 'N', size: 16, scale: 2 });
  });
});

describe('structure/field-* rules', () => {
  const withCbf = (mutate: (cols: TestColumn[]) => TestColumn[]): TestTable[] =>
    templateTables.map((t) => (t.name === 'CBF' ? { ...t, columns: mutate([...t.columns]) } : t));

  it('reports a missing field, an extra one, and a wrong-case name', () => {
    const tables = withCbf((cols) => [...cols.filter((c) => c.name !== 'YZBM' && c.name !== 'GSSHR'), { name: 'BZ', srcType: 'text', size: 10 }, { name: 'gsshr', srcType: 'text', size: 50 }]);
    expect(brief(runOnStore({ tables }, fieldRules))).toEqual([
      { rule: 'structure/field-missing', id: 'missing', severity: 'error', file: '权属数据/2205812016.mdb', table: 'CBF', field: 'YZBM' },
      { rule: 'structure/field-extra', id: 'extra', severity: 'warning', file: '权属数据/2205812016.mdb', table: 'CBF', field: 'BZ' },
      { rule: 'structure/field-missing', id: 'caseDiffers', severity: 'warning', file: '权属数据/2205812016.mdb', table: 'CBF', field: 'GSSHR', actual: 'gsshr' },
    ]);
  });

  it('reports narrower text as an error, wider text, memo and text dates as warnings', () => {
    const tables = withCbf((cols) =>
      cols.map((c) => {
        if (c.name === 'CBFBM') return { ...c, size: 17 };
        if (c.name === 'CBFMC') return { ...c, size: 60 };
        if (c.name === 'CBFDZ') return { ...c, srcType: 'memo', size: null };
        if (c.name === 'CBFDCRQ') return { ...c, srcType: 'text', size: 8 };
        if (c.name === 'CBFCYSL') return { ...c, srcType: 'datetime' };
        return c;
      }),
    );
    expect(brief(runOnStore({ tables }, fieldRules))).toEqual([
      { rule: 'structure/field-length', id: 'wrong', severity: 'error', file: '权属数据/2205812016.mdb', table: 'CBF', field: 'CBFBM', actual: 'text(17)' },
      { rule: 'structure/field-type', id: 'wrong', severity: 'error', file: '权属数据/2205812016.mdb', table: 'CBF', field: 'CBFCYSL', actual: 'datetime' },
      { rule: 'structure/field-length', id: 'variant', severity: 'warning', file: '权属数据/2205812016.mdb', table: 'CBF', field: 'CBFMC', actual: 'text(60)' },
      { rule: 'structure/field-type', id: 'variant', severity: 'warning', file: '权属数据/2205812016.mdb', table: 'CBF', field: 'CBFDCRQ', actual: 'text(8)' },
      { rule: 'structure/field-type', id: 'variant', severity: 'warning', file: '权属数据/2205812016.mdb', table: 'CBF', field: 'CBFDZ', actual: 'memo' },
    ]);
  });

  it('accepts wider DBF numbers but not fewer decimals or a narrower width', () => {
    const dk = templateLayers[0];
    const tables: TestTable[] = [
      {
        ...dk,
        columns: dk.columns.map((c) => {
          if (c.name === 'BSM') return { ...c, size: 18 };
          if (c.name === 'SCMJ') return { ...c, size: 19, scale: 4 };
          if (c.name === 'SCMJM') return { ...c, size: 10, scale: 1 };
          if (c.name === 'DKBM') return { ...c, srcType: 'N', size: 19, scale: 0 };
          return c;
        }),
      },
    ];
    expect(brief(runOnStore({ tables }, fieldRules))).toEqual([
      { rule: 'structure/field-decimals', id: 'wrong', severity: 'error', file: '矢量数据/DK2205812016.shp', table: 'DK', field: 'SCMJM', actual: 'N(10,1)' },
      { rule: 'structure/field-length', id: 'wrong', severity: 'error', file: '矢量数据/DK2205812016.shp', table: 'DK', field: 'SCMJM', actual: 'N(10,1)' },
      { rule: 'structure/field-type', id: 'wrong', severity: 'error', file: '矢量数据/DK2205812016.shp', table: 'DK', field: 'DKBM', actual: 'N(19)' },
      { rule: 'structure/field-decimals', id: 'variant', severity: 'warning', file: '矢量数据/DK2205812016.shp', table: 'DK', field: 'SCMJ', actual: 'N(19,4)' },
    ]);
  });
});

describe('structure/table-missing', () => {
  const mdbFile = [{ path: '权属数据/2205812016.mdb', kind: 'mdb' }];
  const layers = ['KZD', 'XJXZQ', 'QYJX', 'DK', 'JZD', 'JZX', 'JBNTBHQ'].map((name) => ({ name, layer: true, columns: [{ name: 'BSM', srcType: 'N' }] }));

  it('passes with the 12 template tables and the mandatory layers', () => {
    expect(runOnStore({ files: mdbFile, tables: [...templateTables, ...layers] }, [tableMissing])).toEqual([]);
  });

  it('reports missing M tables and layers, C tables when their condition holds, O tables as warnings', () => {
    const drop = new Set(['FBF', 'CBF_JTCY', 'LZHT', 'CBJYQZ_QZBF']);
    const tables: TestTable[] = [
      ...templateTables.filter((t) => !drop.has(t.name) && t.name !== 'CBF'),
      { name: 'CBF', columns: [{ name: 'CBFBM' }, { name: 'CBFLX' }], rows: [{ CBFBM: '220581100007010001', CBFLX: '1' }] },
      ...layers.filter((l) => l.name !== 'JZX'),
    ];
    const findings = runOnStore({ files: mdbFile, tables }, [tableMissing]);
    expect(brief(findings)).toEqual([
      { rule: 'structure/table-missing', id: 'layer', severity: 'error', table: 'JZX' },
      { rule: 'structure/table-missing', id: 'conditional', severity: 'error', file: '权属数据/2205812016.mdb', table: 'CBF_JTCY' },
      { rule: 'structure/table-missing', id: 'table', severity: 'error', file: '权属数据/2205812016.mdb', table: 'FBF' },
      { rule: 'structure/table-missing', id: 'optional', severity: 'warning', file: '权属数据/2205812016.mdb', table: 'CBJYQZ_QZBF' },
      { rule: 'structure/table-missing', id: 'optional', severity: 'warning', file: '权属数据/2205812016.mdb', table: 'LZHT' },
    ]);
    expect(findings[1].message.zh).toBe('权属数据库缺少表 CBF_JTCY（家庭成员），而数据中承包方类型为“农户”');
  });

  it('without a readable .mdb no table is reported missing (layout rules report the database)', () => {
    expect(runOnStore({ files: [{ path: '权属数据/权属数据.mdb', kind: 'unknown' }], tables: layers }, [tableMissing])).toEqual([]);
  });

  it('a layer present only as files (unreadable) is not reported missing here', () => {
    const files = [...mdbFile, { path: '矢量数据/JZX2205812016.shp', layer: 'JZX' }];
    expect(runOnStore({ files, tables: [...templateTables, ...layers.filter((l) => l.name !== 'JZX')] }, [tableMissing])).toEqual([]);
  });
});

describe('recorded decisions (schema decisions.ts)', () => {
  const withTable = (name: string, mutate: (cols: TestColumn[]) => TestColumn[]): TestTable[] =>
    templateTables.map((t) => (t.name === name ? { ...t, columns: mutate([...t.columns]) } : t));

  it('the published variants are warnings that name the variant, never errors', () => {
    const tables = withTable('CBJYQZDJB', (cols) =>
      cols.map((c) => (c.name === 'CBJYQZLSH' ? { ...c, size: 50 } : c.name === 'YCBJYQZBH' ? { ...c, name: 'YCBJYQZLSH', size: 50 } : c)),
    ).map((t) => (t.name === 'CBDKXX' ? { ...t, columns: t.columns.map((c) => (c.name === 'CBHTBM' ? { ...c, size: 18 } : c.name === 'HTMJ' ? { ...c, srcType: 'double', precision: null, scale: null } : c)) } : t));
    const findings = runOnStore({ tables }, fieldRules);
    expect(brief(findings).map(({ rule, id, severity, table, field, actual }) => [rule, id, severity, table, field, actual])).toEqual([
      ['structure/field-length', 'published', 'warning', 'CBDKXX', 'CBHTBM', 'text(18)'],
      ['structure/field-length', 'published', 'warning', 'CBJYQZDJB', 'CBJYQZLSH', 'text(50)'],
      ['structure/field-missing', 'alias', 'warning', 'CBJYQZDJB', 'YCBJYQZBH', 'YCBJYQZLSH'],
      ['structure/field-type', 'variant', 'warning', 'CBDKXX', 'HTMJ', 'double'],
    ]);
    expect(findings[0].message.zh).toBe('CBDKXX.CBHTBM 声明为 text(18)，是另一版本的写法（CBDKXX 合同代码长度），本工具按 Char(19)');
  });

  it('a narrower column no decision names is still an error', () => {
    const tables = withTable('CBJYQZDJB', (cols) => cols.map((c) => (c.name === 'CBJYQZLSH' ? { ...c, size: 40 } : c)));
    expect(brief(runOnStore({ tables }, fieldRules)).map((f) => [f.id, f.severity, f.field])).toEqual([['wrong', 'error', 'CBJYQZLSH']]);
  });
});
