import { describe, expect, it } from 'vitest';
import { allTables, attributeTables, getField, getTable, layerTables } from './tables.js';
import type { TableDef } from './types.js';

/**
 * Transcription check: every table re-typed from the printed 报批稿 as one line per field,
 * `CODE Type length[,decimals] M|O|C`, so a slip in annexA.ts/annexB.ts disagrees with this independent copy.
 */
const printed: Record<string, string> = {
  // 表 A.1–A.15
  KZD: 'BSM Int 10 M; YSDM Char 6 M; KZDMC Char 50 O; KZDDH Char 10 O; KZDLX Char 6 M; KZDDJ Char 20 M; BSLX Char 1 M; BZLX Char 1 M; KZDZT Char 100 O; DZJ Char 254 M; X2000 Float 10,3 M; Y2000 Float 10,3 M; X80 Float 10,3 C; Y80 Float 10,3 C',
  XJXZQ: 'BSM Int 10 M; YSDM Char 6 M; XZQDM Char 6 M; XZQMC Char 100 M',
  XJQY: 'BSM Int 10 M; YSDM Char 6 M; XJQYDM Char 9 M; XJQYMC Char 100 M',
  CJQY: 'BSM Int 10 M; YSDM Char 6 M; CJQYDM Char 12 M; CJQYMC Char 100 M',
  ZJQY: 'BSM Int 10 M; YSDM Char 6 M; ZJQYDM Char 14 M; ZJQYMC Char 100 M',
  QYJX: 'BSM Int 10 M; YSDM Char 6 M; JXLX Char 6 M; JXXZ Char 6 M',
  DZDW: 'BSM Int 10 M; YSDM Char 6 M; DWMC Char 10 M; BZ Char 50 O',
  XZDW: 'BSM Int 10 M; YSDM Char 6 M; DWMC Char 10 M; CD Float 10,2 O; KD Float 10,2 O; BZ Char 50 O',
  MZDW: 'BSM Int 10 M; YSDM Char 6 M; DWMC Char 10 M; MJ Float 15,2 O; BZ Char 50 O; MJM Float 15,2 O',
  DK: 'BSM Int 10 M; YSDM Char 6 M; DKBM Char 19 M; DKMC Char 50 M; SYQXZ Char 2 O; DKLB Char 2 M; TDLYLX Char 3 O; DLDJ Char 2 M; TDYT Char 1 M; SFJBNT Char 1 M; SCMJ Float 15,2 M; DKDZ Char 50 C; DKXZ Char 50 C; DKNZ Char 50 C; DKBZ Char 50 C; DKBZXX Char 254 O; ZJRXM Char 100 C; KJZB Char 254 M; SCMJM Float 15,2 O',
  JZD: 'BSM Int 10 M; YSDM Char 6 M; JZDH Char 10 M; JZDLX Char 1 M; JBLX Char 1 O; DKBM Char 254 M; XZBZ Float 10,3 M; YZBZ Float 10,3 M',
  JZX: 'BSM Int 10 M; YSDM Char 6 M; JXXZ Char 6 O; JZXLB Char 2 O; JZXWZ Char 1 M; JZXSM Char 254 M; PLDWQLR Char 100 M; PLDWZJR Char 100 M; JZXH Char 10 O; QJZDH Char 10 O; ZJZDH Char 10 O; DKBM Char 254 M',
  JBNTBHQ: 'BSM Int 10 M; YSDM Char 6 M; BHQBH Char 13 O; JBNTMJ Float 15,2 O; JBNTMJM Float 15,2 O',
  ZJ: 'BSM Int 10 M; YSDM Char 6 M; ZJNR Char 100 M; ZT Char 20 M; YS Char 12 M; BS Int 4 O; XZ Char 1 O; XHX Char 1 O; KD Float 15,1 O; GD Float 15,1 O; JG Float 6,2 O; ZJDZXJXZB Float 10,3 M; ZJDZXJYZB Float 10,3 M; ZJFX Float 10,6 M',
  SGSJ: 'BSM Int 10 M; YSDM Char 6 M; SJWJ Varbin - M; TWJ Varbin - O; YSJWJ Varbin - M',
  // 表 B.1–B.12
  CBDKXX: 'DKBM Char 19 M; FBFBM Char 14 M; CBFBM Char 18 M; CBJYQQDFS Char 3 M; HTMJ Float 15,2 M; CBHTBM Char 19 M; LZHTBM Char 18 O; CBJYQZBM Char 19 M; YHTMJ Float 15,2 C; HTMJM Float 15,2 O; YHTMJM Float 15,2 C; SFQQQG Char 1 O',
  FBF: 'FBFBM Char 14 M; FBFMC Char 50 M; FBFFZRXM Char 50 M; FZRZJLX Char 1 M; FZRZJHM Char 30 M; LXDH Char 15 O; FBFDZ Char 100 M; YZBM Char 6 M; FBFDCY Char 254 M; FBFDCRQ Date 8 M; FBFDCJS Char 254 C',
  CBF: 'CBFBM Char 18 M; CBFLX Char 1 M; CBFMC Char 50 M; CBFZJLX Char 1 M; CBFZJHM Char 20 M; CBFDZ Char 100 M; YZBM Char 6 M; LXDH Char 20 O; CBFCYSL Int 2 M; CBFDCRQ Date 8 M; CBFDCY Char 50 M; CBFDCJS Char 254 C; GSJS Char 254 C; GSJSR Char 50 M; GSSHRQ Date 8 M; GSSHR Char 50 M',
  CBF_JTCY: 'CBFBM Char 18 M; CYXM Char 50 M; CYXB Char 1 M; CYZJLX Char 1 M; CYZJHM Char 20 M; YHZGX Char 2 M; CYBZ Char 1 O; SFGYR Char 1 O; CYBZSM Char 254 O',
  CBHT: 'CBHTBM Char 19 M; YCBHTBM Char 19 C; FBFBM Char 14 M; CBFBM Char 18 M; CBFS Char 3 M; CBQXQ Date 8 M; CBQXZ Date 8 M; HTZMJ Float 15,2 M; CBDKZS Int 3 M; QDSJ Date 8 M; HTZMJM Float 15,2 O; YHTZMJ Float 15,2 C; YHTZMJM Float 15,2 C',
  LZHT: 'CBHTBM Char 19 M; LZHTBM Char 18 M; CBFBM Char 18 M; SRFBM Char 18 M; LZFS Char 3 M; LZQX Char 10 M; LZQXKSRQ Date 8 M; LZQXJSRQ Date 8 M; LZMJ Float 15,2 M; LZDKS Int 3 M; LZQTDYT Char 1 O; LZHTDYT Char 1 O; LZJGSM Char 100 M; HTQDRQ Date 8 M; LZMJM Float 15,2 O',
  QSLYZLFJ: 'CBJYQZBM Char 19 M; ZLFJBH Char 20 M; ZLFJMC Char 100 M; ZLFJRQ Date 8 M; FJ Char 254 M',
  CBJYQZDJB: 'CBJYQZBM Char 19 M; FBFBM Char 14 M; CBFBM Char 18 M; CBFS Char 3 M; CBQX Char 30 M; CBQXQ Date 8 M; CBQXZ Date 8 M; DKSYT Char 254 M; CBJYQZLSH Char 254 M; DJBFJ Char 254 O; YCBJYQZBH Char 100 O; DBR Char 50 M; DJSJ Date 8 M',
  CBJYQZ: 'CBJYQZBM Char 19 M; FZJG Char 50 M; FZRQ Date 8 M; QZSFLQ Char 1 M; QZLQRQ Date 8 C; QZLQRXM Char 50 C; QZLQRZJLX Char 1 C; QZLQRZJHM Char 20 C',
  CBJYQZ_QZBF: 'CBJYQZBM Char 19 M; QZBFYY Char 200 M; BFRQ Date 8 M; QZBFLQRQ Date 8 M; QZBFLQRXM Char 50 M; BFLQRZJLX Char 1 M; BFLQRZJHM Char 20 M',
  CBJYQZ_QZHF: 'CBJYQZBM Char 19 M; QZHFYY Char 200 M; HFRQ Date 8 M; QZHFLQRQ Date 8 M; QZHFLQRXM Char 50 M; HFLQRZJLX Char 1 M; HFLQRZJHM Char 20 M',
  CBJYQZ_QZZX: 'CBJYQZBM Char 19 M; ZXYY Char 200 M; ZXRQ Date 8 M',
};

/** 值域 column as printed: C.x code tables per field (all other fields are 非空/见表1/ranges/dates). */
const printedCodeTables: Record<string, Record<string, string>> = {
  KZD: { KZDLX: 'C.1', KZDDJ: 'C.1', BSLX: 'C.2', BZLX: 'C.3' },
  QYJX: { JXLX: 'C.4', JXXZ: 'C.5' },
  DK: { SYQXZ: 'C.6', DKLB: 'C.7', DLDJ: 'C.8', TDYT: 'C.9', SFJBNT: 'C.19', TDLYLX: 'GB/T 21010' },
  JZD: { JZDLX: 'C.11', JBLX: 'C.12' },
  JZX: { JXXZ: 'C.5', JZXLB: 'C.13', JZXWZ: 'C.14' },
  CBDKXX: { CBJYQQDFS: 'C.10', SFQQQG: 'C.19' },
  FBF: { FZRZJLX: 'C.15' },
  CBF: { CBFLX: 'C.16', CBFZJLX: 'C.15' },
  CBF_JTCY: { CYXB: 'C.17', CYZJLX: 'C.15', YHZGX: 'GB/T 4761', CYBZ: 'C.18', SFGYR: 'C.19' },
  CBHT: { CBFS: 'C.10' },
  LZHT: { LZFS: 'C.10', LZQTDYT: 'C.9', LZHTDYT: 'C.9' },
  CBJYQZDJB: { CBFS: 'C.10' },
  CBJYQZ: { QZSFLQ: 'C.19', QZLQRZJLX: 'C.15' },
  CBJYQZ_QZBF: { BFLQRZJLX: 'C.15' },
  CBJYQZ_QZHF: { HFLQRZJLX: 'C.15' },
};

function signature(table: TableDef): string {
  return table.fields
    .map((f) => `${f.code} ${f.type} ${f.length === undefined ? '-' : f.decimals === undefined ? f.length : `${f.length},${f.decimals}`} ${f.constraint}`)
    .join('; ');
}

describe('annex tables', () => {
  it('has 15 Annex A and 12 Annex B tables in printed order', () => {
    expect(layerTables.map((t) => t.annexTable)).toEqual(Array.from({ length: 15 }, (_, i) => `A.${i + 1}`));
    expect(attributeTables.map((t) => t.annexTable)).toEqual(Array.from({ length: 12 }, (_, i) => `B.${i + 1}`));
    expect(layerTables.map((t) => t.name)).toEqual(['KZD', 'XJXZQ', 'XJQY', 'CJQY', 'ZJQY', 'QYJX', 'DZDW', 'XZDW', 'MZDW', 'DK', 'JZD', 'JZX', 'JBNTBHQ', 'ZJ', 'SGSJ']);
    expect(attributeTables.map((t) => t.name)).toEqual([
      'CBDKXX', 'FBF', 'CBF', 'CBF_JTCY', 'CBHT', 'LZHT', 'QSLYZLFJ', 'CBJYQZDJB', 'CBJYQZ', 'CBJYQZ_QZBF', 'CBJYQZ_QZHF', 'CBJYQZ_QZZX',
    ]);
    expect(new Set(allTables.map((t) => t.name)).size).toBe(27);
  });

  it.each(Object.keys(printed))('%s matches the printed field list (code, type, length, decimals, M/O/C)', (name) => {
    const table = getTable(name);
    expect(table, name).toBeDefined();
    expect(signature(table!)).toBe(printed[name]);
    expect(table!.fields.map((f) => f.seq)).toEqual(table!.fields.map((_, i) => i + 1));
  });

  it('every table of the annexes is in the printed copy', () => {
    expect(Object.keys(printed).sort()).toEqual(allTables.map((t) => t.name).sort());
  });

  it('code-table domains match the printed 值域 column', () => {
    for (const table of allTables) {
      const actual = Object.fromEntries(
        table.fields.filter((f) => f.domain?.kind === 'codeTable').map((f) => [f.code, f.domain!.kind === 'codeTable' ? f.domain!.table : '']),
      );
      expect(actual, table.name).toEqual(printedCodeTables[table.name] ?? {});
    }
  });

  it('every Annex A table starts with BSM (>0) and YSDM (见表1)', () => {
    for (const table of layerTables) {
      expect(table.fields[0]).toMatchObject({ code: 'BSM', domain: { kind: 'range', min: 0, exclusiveMin: true } });
      expect(table.fields[1]).toMatchObject({ code: 'YSDM', domain: { kind: 'featureCode' } });
    }
  });

  it('every C field has a condition, and no M/O field has one', () => {
    for (const table of allTables) {
      for (const f of table.fields) expect(f.condition !== undefined, `${table.name}.${f.code}`).toBe(f.constraint === 'C');
    }
  });

  it('conditions that name a field name one of the same table', () => {
    for (const table of allTables) {
      for (const f of table.fields) {
        const c = f.condition;
        if (c && (c.kind === 'fieldEquals' || c.kind === 'fieldPresent')) expect(getField(table.name, c.field), `${table.name}.${f.code}`).toBeDefined();
      }
    }
  });

  it('records the machine-checkable conditions of the text', () => {
    expect(getField('DK', 'ZJRXM')?.condition).toMatchObject({ kind: 'fieldEquals', field: 'DKLB', values: ['10'] });
    expect(getTable('DK')?.rowRules?.[0]).toMatchObject({ fields: ['DKDZ', 'DKXZ', 'DKNZ', 'DKBZ'], min: 3, when: { field: 'DKLB', values: ['10'] } });
    expect(getField('KZD', 'X80')?.condition).toMatchObject({ kind: 'fieldPresent', field: 'Y80' });
    expect(getField('KZD', 'Y80')?.condition).toMatchObject({ kind: 'fieldPresent', field: 'X80' });
    for (const code of ['QZLQRQ', 'QZLQRXM', 'QZLQRZJLX', 'QZLQRZJHM']) {
      expect(getField('CBJYQZ', code)?.condition).toMatchObject({ kind: 'fieldEquals', field: 'QZSFLQ', values: ['1'] });
    }
    expect(getField('CBHT', 'YHTZMJ')?.condition).toMatchObject({ kind: 'fieldPresent', field: 'YCBHTBM' });
    expect(getField('CBHT', 'YHTZMJM')?.condition).toMatchObject({ kind: 'fieldPresent', field: 'YCBHTBM' });
  });

  it('units and ranges as printed', () => {
    expect(getField('DK', 'SCMJ')).toMatchObject({ unit: 'm2', domain: { text: '>0' } });
    expect(getField('DK', 'SCMJM')?.unit).toBe('亩');
    expect(getField('ZJ', 'ZJFX')).toMatchObject({ unit: 'rad', domain: { min: 0, max: 2 * Math.PI, exclusiveMax: true } });
    expect(getField('KZD', 'X2000')?.domain).toMatchObject({ text: '≥0', min: 0 });
    expect(getField('ZJ', 'BS')?.unit).toBe('lbf');
    expect(getField('CBJYQZDJB', 'CBQXZ')?.note).toContain('9999-01-01');
  });

  it('looks tables up case-insensitively', () => {
    expect(getTable('dk')?.name).toBe('DK');
    expect(getTable('nope')).toBeUndefined();
  });
});
