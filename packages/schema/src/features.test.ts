import { describe, expect, it } from 'vitest';
import { featureCodes, featureCodesOf, getLayerTable, layerTableList, layers, ownershipTables, vectorLayerTables } from './features.js';

describe('表1 feature codes', () => {
  it('lists every printed row in order', () => {
    expect(featureCodes.map((f) => f.code)).toEqual([
      '100000', '110000', '111000', '112000', '160000', '161000', '161051', '161052', '162000', '162010', '162020', '162030',
      '162040', '190000', '196011', '196012', '196021', '196022', '196031', '196032', '200000', '210000', '211011', '211012',
      '211021', '211022', '211031', '211032', '250000', '251000', '251100', '300000', '310000', '320000', '390000',
    ]);
  });

  it('codes are 6 digits, unique, and every parent is a listed, shorter-prefixed class', () => {
    const codes = new Set(featureCodes.map((f) => f.code));
    expect(codes.size).toBe(featureCodes.length);
    for (const f of featureCodes) {
      expect(f.code).toMatch(/^[1-3]\d{5}$/);
      if (f.parent === '') {
        expect(f.code).toMatch(/^[1-3]00000$/);
        continue;
      }
      expect(codes.has(f.parent), f.code).toBe(true);
      // the parent's significant digits (without trailing zeros) prefix the child
      expect(f.code.startsWith(f.parent.replace(/0+$/, '')), `${f.code} under ${f.parent}`).toBe(true);
    }
  });
});

describe('表2 layers', () => {
  it('has the 24 printed rows with M/O and geometry', () => {
    expect(layers).toHaveLength(24);
    expect(layers.filter((l) => l.constraint === 'M').map((l) => l.table)).toEqual(['KZD', 'XJXZQ', 'QYJX', 'DK', 'JZD', 'JZX', 'JBNTBHQ']);
    expect(layers.filter((l) => l.table === 'ZJ').every((l) => l.geometry === 'Annotation' && l.constraint === 'O')).toBe(true);
  });

  it('every layer feature code is a 表1 code with the same name', () => {
    for (const l of layers) {
      for (const code of l.featureCodes) expect(featureCodes.find((f) => f.code === code)?.name, code).toBe(l.name);
    }
  });

  it('folds rows per attribute table', () => {
    expect(layerTableList.map((t) => t.table)).toEqual(['KZD', 'XJXZQ', 'XJQY', 'CJQY', 'ZJQY', 'QYJX', 'DZDW', 'XZDW', 'MZDW', 'DK', 'JZD', 'JZX', 'JBNTBHQ', 'ZJ', 'SGSJ']);
    expect(vectorLayerTables).toHaveLength(14);
    expect(featureCodesOf('ZJ')).toEqual(['112000', '161052', '196012', '196022', '196032', '211012', '211022', '211032']);
    expect(featureCodesOf('SGSJ')).toEqual(['310000', '320000', '390000']);
    expect(getLayerTable('DK')).toMatchObject({ name: '地块', geometry: 'Polygon', featureCodes: ['211011'], constraint: 'M', annexTable: 'A.10' });
    expect(getLayerTable('ZJ')?.constraint).toBe('O');
  });
});

describe('表3 ownership tables', () => {
  it('lists the 12 tables with M/O/C', () => {
    expect(ownershipTables.map((t) => `${t.table}:${t.constraint}`)).toEqual([
      'FBF:M', 'CBF:M', 'CBF_JTCY:C', 'CBDKXX:M', 'CBHT:M', 'LZHT:C', 'QSLYZLFJ:M', 'CBJYQZDJB:M', 'CBJYQZ:M', 'CBJYQZ_QZBF:O', 'CBJYQZ_QZHF:O', 'CBJYQZ_QZZX:O',
    ]);
  });

  it('C conditions are machine-checkable cross-table conditions', () => {
    expect(ownershipTables.find((t) => t.table === 'CBF_JTCY')?.condition).toMatchObject({
      kind: 'rowsExist',
      table: 'CBF',
      where: { kind: 'fieldEquals', field: 'CBFLX', values: ['1'] },
    });
    expect(ownershipTables.find((t) => t.table === 'LZHT')?.condition).toMatchObject({
      kind: 'rowsExist',
      table: 'CBDKXX',
      where: { kind: 'fieldPresent', field: 'LZHTBM' },
    });
  });
});
