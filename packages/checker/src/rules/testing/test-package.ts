import { getTable, makeIdNumber, toMu } from '@nyt2539/schema';
import type { TestColumn, TestFile, TestStore, TestTable } from './rule-tester.js';

/**
 * A small, fully consistent package (one 发包方, a 农户 with two members and a 个人 contractor, their contracts,
 * registers, certificates, plots) that every cross-table rule passes. Tests change one value and expect exactly
 * the finding that change causes. Columns and types come from the schema, so no field list is re-typed here.
 */
export const COUNTY = '220581';
export const FBFBM = '22058110020101';
export const CBF1 = `${FBFBM}0001`;
const CBF2 = `${FBFBM}8001`;
export const HT1 = `${CBF1}J`;
export const HT2 = `${CBF2}Q`;
export const DK1 = `${FBFBM}00001`;
export const DK2 = `${FBFBM}00002`;
const DK3 = `${FBFBM}00003`;
export const DK4 = `${FBFBM}00004`;
export const HEAD_ID = makeIdNumber(COUNTY, '19700101', 11, '1');
const SPOUSE_ID = makeIdNumber(COUNTY, '19720202', 12, '2');
const CBF2_ID = makeIdNumber(COUNTY, '19800303', 13, '1');

export type Rows = Record<string, Record<string, unknown>[]>;

function mu(m2: number): number {
  return toMu(m2);
}

export function cleanRows(): Rows {
  const plot = (DKBM: string, CBFBM: string, CBHTBM: string, HTMJ: number) => ({
    DKBM, FBFBM, CBFBM, CBJYQQDFS: CBHTBM.endsWith('J') ? '110' : '120', HTMJ, CBHTBM, LZHTBM: null, CBJYQZBM: CBHTBM, YHTMJ: 0, HTMJM: mu(HTMJ), YHTMJM: 0, SFQQQG: '2',
  });
  const contract = (CBHTBM: string, CBFBM: string, plots: number[]) => {
    const HTZMJ = Math.round(plots.reduce((s, x) => s + x, 0) * 100) / 100;
    return { CBHTBM, YCBHTBM: null, FBFBM, CBFBM, CBFS: CBHTBM.endsWith('J') ? '110' : '120', CBQXQ: '1998-01-01', CBQXZ: '2027-12-31', HTZMJ, CBDKZS: plots.length, QDSJ: '2016-03-01', HTZMJM: mu(HTZMJ), YHTZMJ: 0, YHTZMJM: 0 };
  };
  const register = (CBJYQZBM: string, CBFBM: string, n: number) => ({
    CBJYQZBM, FBFBM, CBFBM, CBFS: CBJYQZBM.endsWith('J') ? '110' : '120', CBQX: '1998年01月01日至2027年12月31日', CBQXQ: '1998-01-01', CBQXZ: '2027-12-31',
    DKSYT: `图件/${FBFBM}/DKSYT${CBJYQZBM}.pdf`, CBJYQZLSH: `吉（2016）梅河口市农村土地承包经营权证第00000${n}号`, DJBFJ: null, YCBJYQZBH: null, DBR: '王登簿', DJSJ: '2016-06-01',
  });
  const dk = (BSM: number, DKBM: string, DKLB: string, SCMJ: number) => ({
    BSM, YSDM: '211011', DKBM, DKMC: '大地', SYQXZ: '30', DKLB, TDLYLX: '011', DLDJ: '01', TDYT: '1', SFJBNT: '1', SCMJ, DKDZ: '路', DKXZ: '沟', DKNZ: '张三', DKBZ: '李四', DKBZXX: null, ZJRXM: DKLB === '10' ? '张三' : null, KJZB: null, SCMJM: mu(SCMJ),
  });
  return {
    FBF: [{ FBFBM, FBFMC: '一组', FBFFZRXM: '赵组长', FZRZJLX: '1', FZRZJHM: makeIdNumber(COUNTY, '19600505', 21, '1'), LXDH: null, FBFDZ: '吉林省梅河口市', YZBM: '135000', FBFDCY: '钱调查', FBFDCRQ: '2015-05-01', FBFDCJS: null }],
    CBF: [
      { CBFBM: CBF1, CBFLX: '1', CBFMC: '张三', CBFZJLX: '1', CBFZJHM: HEAD_ID, CBFDZ: '一组', YZBM: '135000', LXDH: null, CBFCYSL: 2, CBFDCRQ: '2015-06-01', CBFDCY: '孙调查', CBFDCJS: null, GSJS: null, GSJSR: '周记事', GSSHRQ: '2015-08-01', GSSHR: '吴审核' },
      { CBFBM: CBF2, CBFLX: '2', CBFMC: '李四', CBFZJLX: '1', CBFZJHM: CBF2_ID, CBFDZ: '一组', YZBM: '135000', LXDH: null, CBFCYSL: 1, CBFDCRQ: '2015-06-01', CBFDCY: '孙调查', CBFDCJS: null, GSJS: null, GSJSR: '周记事', GSSHRQ: '2015-08-01', GSSHR: '吴审核' },
    ],
    CBF_JTCY: [
      { CBFBM: CBF1, CYXM: '张三', CYXB: '1', CYZJLX: '1', CYZJHM: HEAD_ID, YHZGX: '02', CYBZ: null, SFGYR: '1', CYBZSM: null },
      { CBFBM: CBF1, CYXM: '王五', CYXB: '2', CYZJLX: '1', CYZJHM: SPOUSE_ID, YHZGX: '10', CYBZ: null, SFGYR: '1', CYBZSM: null },
    ],
    CBHT: [contract(HT1, CBF1, [1000, 666.67]), contract(HT2, CBF2, [500])],
    CBDKXX: [plot(DK1, CBF1, HT1, 1000), plot(DK2, CBF1, HT1, 666.67), plot(DK3, CBF2, HT2, 500)],
    CBJYQZDJB: [register(HT1, CBF1, 1), register(HT2, CBF2, 2)],
    CBJYQZ: [
      { CBJYQZBM: HT1, FZJG: '梅河口市人民政府', FZRQ: '2016-07-01', QZSFLQ: '1', QZLQRQ: '2016-08-01', QZLQRXM: '张三', QZLQRZJLX: '1', QZLQRZJHM: HEAD_ID },
      { CBJYQZBM: HT2, FZJG: '梅河口市人民政府', FZRQ: '2016-07-01', QZSFLQ: '2', QZLQRQ: null, QZLQRXM: null, QZLQRZJLX: null, QZLQRZJHM: null },
    ],
    QSLYZLFJ: [
      { CBJYQZBM: HT1, ZLFJBH: `${HT1}01`, ZLFJMC: '承包合同', ZLFJRQ: '2016-03-01', FJ: `其他资料/权属来源附件/${HT1}01.pdf` },
      { CBJYQZBM: HT2, ZLFJBH: `${HT2}01`, ZLFJMC: '承包合同', ZLFJRQ: '2016-03-01', FJ: `其他资料/权属来源附件/${HT2}01.pdf` },
    ],
    DK: [dk(1, DK1, '10', 1000), dk(2, DK2, '10', 666.67), dk(3, DK3, '10', 500), dk(4, DK4, '21', 300)],
  };
}

/** Files the clean rows reference (DKSYT, QSLYZLFJ.FJ). */
export function cleanFiles(rows: Rows): TestFile[] {
  const files: TestFile[] = [];
  for (const r of rows.CBJYQZDJB ?? []) files.push({ path: String(r.DKSYT), kind: 'sketchMap' });
  for (const r of rows.QSLYZLFJ ?? []) files.push({ path: String(r.FJ), kind: 'attachment' });
  return files;
}

const LAYERS = new Set(['DK', 'JZD', 'JZX', 'KZD', 'ZJQY', 'CJQY', 'XJQY']);

/** The rows as a TestStore: schema order, schema types (Int → INTEGER, Float → REAL, else TEXT). */
export function toStore(rows: Rows, extra: Partial<TestStore> = {}): TestStore {
  const tables: TestTable[] = Object.entries(rows).map(([name, list]) => {
    const def = getTable(name);
    const present = new Set(list.flatMap((r) => Object.keys(r)));
    const fields = def ? def.fields.filter((f) => present.has(f.code)) : [];
    const layer = LAYERS.has(name);
    const columns: TestColumn[] = fields.map((f) => ({
      name: f.code,
      affinity: f.type === 'Int' ? 'INTEGER' : f.type === 'Float' ? 'REAL' : 'TEXT',
      srcType: layer ? (f.type === 'Int' ? 'N' : f.type === 'Float' ? 'N' : f.type === 'Date' ? 'D' : 'C') : f.type === 'Int' ? 'integer' : f.type === 'Float' ? 'numeric' : f.type === 'Date' ? 'datetime' : 'text',
    }));
    return { name, columns, rows: list, layer };
  });
  return { files: cleanFiles(rows), ...extra, tables: [...tables, ...(extra.tables ?? [])] };
}
