import { describe, expect, it } from 'vitest';
import { physicalTable } from '@nyt2539/schema';
import type { Finding } from '../../engine/finding.js';
import { brief, runOnStore, type TestColumn, type TestTable } from '../testing/rule-tester.js';
import { rule as codeDomain } from './code-domain.js';
import { rule as format, textDateProblem } from './format.js';
import { rule as length } from './length.js';
import { rule as numberText } from './number-text.js';
import { rule as precision } from './precision.js';
import { rule as range } from './range.js';
import { rule as required } from './required.js';
import { rule as whitespace } from './whitespace.js';

const valueRules = [required, length, precision, codeDomain, range, format, whitespace, numberText];

const affinity = { Text: 'TEXT', Memo: 'TEXT', Integer: 'INTEGER', Long: 'INTEGER', Decimal: 'REAL', Double: 'REAL', DateTime: 'TEXT', Boolean: 'INTEGER' } as const;
const srcType = { Text: 'text', Memo: 'memo', Integer: 'integer', Long: 'long', Decimal: 'numeric', Double: 'double', DateTime: 'datetime', Boolean: 'boolean' } as const;

/** A table with the Access template's columns, as the loader stores them. */
function mdbTable(name: string, rows: Record<string, unknown>[], override: Record<string, Partial<TestColumn>> = {}): TestTable {
  const columns = physicalTable(name)!.columns.map((c) => ({
    name: c.code,
    affinity: affinity[c.type],
    srcType: srcType[c.type],
    size: c.type === 'Text' ? (c.size ?? null) : null,
    precision: c.precision ?? null,
    scale: c.scale ?? null,
    ...override[c.code],
  }));
  return { name, columns, rows };
}

const goodCbf = {
  CBFBM: '220581100007010001',
  CBFLX: '1',
  CBFMC: '张三',
  CBFZJLX: '1',
  CBFZJHM: '22058119800101123X',
  CBFDZ: '梅河口市光明街道白石沟村',
  YZBM: '135000',
  LXDH: '13812345678',
  CBFCYSL: 3,
  CBFDCRQ: '2016-03-01',
  CBFDCY: '王五',
  CBFDCJS: null,
  GSJS: null,
  GSJSR: '赵六',
  GSSHRQ: '2016-04-01',
  GSSHR: '钱七',
};

/** DK as the ArcGIS template declares it (fixtures/real/shp/DK.dbf). */
const dkColumns: TestColumn[] = [
  ['BSM', 'N', 10, 0], ['YSDM', 'C', 6], ['DKBM', 'C', 19], ['DKMC', 'C', 50], ['SYQXZ', 'C', 2], ['DKLB', 'C', 2], ['DLDJ', 'C', 2], ['TDLYLX', 'C', 3],
  ['SFJBNT', 'C', 1], ['TDYT', 'C', 1], ['DKDZ', 'C', 50], ['DKXZ', 'C', 50], ['DKNZ', 'C', 50], ['DKBZ', 'C', 50], ['ZJRXM', 'C', 100], ['DKBZXX', 'C', 254],
  ['KJZB', 'C', 254], ['SCMJ', 'N', 16, 2], ['SCMJM', 'N', 16, 2],
].map(([name, type, size, scale]) => ({ name: name as string, srcType: type as string, size: size as number, scale: (scale as number) ?? 0, precision: null, affinity: type === 'N' ? (scale ? 'REAL' : 'INTEGER') : 'TEXT' }));

const goodDk = {
  BSM: 1,
  YSDM: '211011',
  DKBM: '2205811000070100001',
  DKMC: '东大地',
  SYQXZ: '30',
  DKLB: '10',
  DLDJ: '01',
  TDLYLX: '011',
  SFJBNT: '1',
  TDYT: '1',
  DKDZ: '路',
  DKXZ: '沟',
  DKNZ: '张三',
  DKBZ: '李四',
  DKBZXX: null,
  ZJRXM: '张三',
  KJZB: 'J1/J2/J3/J4',
  SCMJ: 1234.56,
  SCMJM: 1.85,
};

const dk = (rows: Record<string, unknown>[]): TestTable => ({ name: 'DK', layer: true, columns: dkColumns, rows });

describe('values rules', () => {
  it('a complete, valid CBF row and DK feature give no findings; optional Access zeros are not findings', () => {
    const tables = [mdbTable('CBF', [goodCbf, { ...goodCbf, LXDH: null, CBFDCJS: '入户 调查'.replace(' ', '') }]), dk([goodDk, { ...goodDk, SCMJM: 0, DKBZXX: '' }])];
    expect(brief(runOnStore({ tables }, valueRules))).toEqual([]);
  });

  it("Access's default 0 in optional area fields is not a finding; 0 in a mandatory area is", () => {
    const row = { DKBM: '2205811000070100001', FBFBM: '22058110000701', CBFBM: '220581100007010001', CBJYQQDFS: '110', HTMJ: 1234.56, CBHTBM: '220581100007010001J', LZHTBM: null, CBJYQZBM: '220581100007010001J', YHTMJ: 0, HTMJM: 1.85, YHTMJM: 0, SFQQQG: '2' };
    expect(brief(runOnStore({ tables: [mdbTable('CBDKXX', [row, { ...row, HTMJM: 0 }])] }, valueRules))).toEqual([]);
    expect(brief(runOnStore({ tables: [mdbTable('CBDKXX', [{ ...row, HTMJ: 0 }])] }, valueRules)).map((f) => [f.rule, f.field])).toEqual([['values/range', 'HTMJ']]);
  });

  it('reports each defect of CBF rows once, with its rule and location', () => {
    const rows = [
      goodCbf,
      { ...goodCbf, CBFMC: '' },
      { ...goodCbf, CBFLX: '5' },
      { ...goodCbf, YZBM: '13500' },
      { ...goodCbf, CBFDZ: '梅河口市 光明街道' },
      { ...goodCbf, CBFMC: '张三　' },
      { ...goodCbf, CBFMC: '张'.repeat(51) },
      { ...goodCbf, CBFCYSL: 2.5 },
      { ...goodCbf, GSSHRQ: '1899-12-30' },
    ];
    const findings = runOnStore({ tables: [mdbTable('CBF', rows)] }, valueRules);
    expect(brief(findings).map(({ rule, id, severity, record, field }) => [rule, id, severity, record, field])).toEqual([
      ['values/code-domain', 'notInList', 'error', 3, 'CBFLX'],
      ['values/format', 'postcode', 'error', 4, 'YZBM'],
      ['values/length', 'text', 'error', 7, 'CBFMC'],
      ['values/precision', 'fraction', 'error', 8, 'CBFCYSL'],
      ['values/required', 'empty', 'error', 2, 'CBFMC'],
      ['values/whitespace', 'internal', 'error', 5, 'CBFDZ'],
      ['values/whitespace', 'trailing', 'error', 6, 'CBFMC'],
      ['values/format', 'implausible', 'warning', 9, 'GSSHRQ'],
    ]);
    const empty = findings.find((f) => f.ruleId === 'values/required')!;
    expect(empty.location).toEqual({ file: '权属数据/2205812016.mdb', table: 'CBF', record: 2, field: 'CBFMC', keys: { CBFBM: '220581100007010001' } });
    expect(empty.fbfbm).toBe('22058110000701');
    expect(empty.message.zh).toBe('CBF 必填字段 CBFMC（承包方(代表)名称）为空');
  });

  it('checks DK features: M range, feature code, C fields and 四至 under DKLB=10, decimals, advisory codes; skips deleted records', () => {
    const rows = [
      { ...goodDk, SCMJ: 0 },
      { ...goodDk, YSDM: '211012' },
      { ...goodDk, ZJRXM: null, DKXZ: '', DKNZ: null },
      { ...goodDk, SCMJ: 100.123 },
      { ...goodDk, TDLYLX: '999' },
      { ...goodDk, DKLB: '21', ZJRXM: null, DKXZ: '', DKNZ: null },
      { ...goodDk, SCMJ: -1, YSDM: 'x', _deleted: true },
    ];
    const findings = runOnStore({ tables: [dk(rows)] }, valueRules);
    expect(brief(findings).map(({ rule, id, severity, record, field }) => [rule, id, severity, record, field])).toEqual([
      ['values/code-domain', 'notInList', 'error', 2, 'YSDM'],
      ['values/precision', 'decimals', 'error', 4, 'SCMJ'],
      ['values/range', 'outside', 'error', 1, 'SCMJ'],
      ['values/required', 'atLeast', 'error', 3, 'DKDZ/DKXZ/DKNZ/DKBZ'],
      ['values/required', 'conditional', 'error', 3, 'ZJRXM'],
      ['values/code-domain', 'notInList', 'warning', 5, 'TDLYLX'],
    ]);
    expect(findings.find((f) => f.messageId === 'atLeast')!.location.keys).toEqual({ DKBM: '2205811000070100001', BSM: '1' });
  });

  it('checks the length of DBF text fields wider than the standard, and of every field of a layer whose parts differ', () => {
    const long = [goodDk, { ...goodDk, DKMC: '东'.repeat(51) }];
    const where = (findings: readonly Finding[]) => brief(findings).map(({ rule, id, record, field }) => [rule, id, record, field]);
    // declared C 80: the value may be as long as that
    const wide = dkColumns.map((c) => (c.name === 'DKMC' ? { ...c, size: 80 } : c));
    expect(where(runOnStore({ tables: [{ ...dk(long), columns: wide }] }, [length]))).toEqual([['values/length', 'text', 2, 'DKMC']]);
    // C 50 as declared by the first part, but a later part declares its fields differently
    const mismatch = { code: 'layer-part-mismatch', file: '矢量数据/DK2205812016-2.shp', table: 'DK', params: { what: '字段结构 / field structure', first: '矢量数据/DK2205812016.shp' } };
    expect(where(runOnStore({ tables: [dk(long)], issues: [mismatch] }, [length]))).toEqual([['values/length', 'text', 2, 'DKMC']]);
  });

  it('checks dates and numbers stored as text', () => {
    const textDates = { CBFDCRQ: { affinity: 'TEXT' as const, srcType: 'text', size: 8 }, CBFCYSL: { affinity: 'TEXT' as const, srcType: 'text', size: 2 } };
    const rows = [
      { ...goodCbf, CBFDCRQ: '20160301', CBFCYSL: '3' },
      { ...goodCbf, CBFDCRQ: '20160231', CBFCYSL: '三' },
      { ...goodCbf, CBFDCRQ: '2016.3.1', CBFCYSL: '3' },
    ];
    expect(brief(runOnStore({ tables: [mdbTable('CBF', rows, textDates)] }, valueRules)).map(({ rule, id, record, field }) => [rule, id, record, field])).toEqual([
      ['values/format', 'calendar', 2, 'CBFDCRQ'],
      ['values/format', 'format', 3, 'CBFDCRQ'],
      ['values/number-text', 'Int', 2, 'CBFCYSL'],
    ]);
    expect(textDateProblem('9999-99-99')).toBe('perpetualVariant');
    expect(textDateProblem('9999-01-01')).toBeUndefined();
    expect(textDateProblem('2016-02-29')).toBeUndefined();
  });
});
