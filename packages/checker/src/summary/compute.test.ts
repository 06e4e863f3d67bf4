import { describe, expect, it } from 'vitest';
import { summaryTables, type SummaryTableId } from '@nyt2539/schema';
import { type ColumnRows, computeSummaries, computeUnitCodeTable, type PlainRow, type SummaryInput, type SummaryResult } from './compute.js';

/**
 * A hand-built county: village 白石沟村 (220581100007) with groups 一组 (…01), 二组 (…02) and a village-level
 * 发包方 (…00); an empty village 新村 (…008); one 承包方 under an unlisted village (…009).
 * Expected figures were computed by hand (亩 = round(m² × 0.0015, 2) per item, then summed).
 */
const G1 = '22058110000701';
const G2 = '22058110000702';
const V0 = '22058110000700';

async function* stream(rows: PlainRow[]): AsyncIterable<PlainRow> {
  for (const r of rows) yield r;
}

function input(): SummaryInput {
  return {
    units: [
      { code: '22058110000702', name: '吉林省通化市梅河口市光明街道白石沟村二组' },
      { code: '220581', name: '吉林省通化市梅河口市' },
      { code: '22058110000000', name: '吉林省通化市梅河口市光明街道' },
      { code: '220581100007', name: '吉林省通化市梅河口市光明街道白石沟村' },
      { code: G1, name: '吉林省通化市梅河口市光明街道白石沟村一组' },
      { code: '220581100008', name: '吉林省通化市梅河口市光明街道新村' },
      { code: '12345', name: '坏代码' },
    ],
    FBF: [{ FBFBM: G1 }, { FBFBM: G2 }, { FBFBM: V0 }],
    DK: stream([
      { DKBM: `${G1}00001`, DKLB: '10', TDYT: '1', SFJBNT: '1', SCMJ: 1000 },
      { DKBM: `${G1}00002`, DKLB: '10', TDYT: '2', SFJBNT: '2', SCMJ: '500.00' },
      { DKBM: `${G1}00003`, DKLB: '21', TDYT: '1', SFJBNT: '2', SCMJ: 333.33 }, // 0.499995 → 0.50
      { DKBM: `${G1}00004`, DKLB: '21', TDYT: '1', SFJBNT: '2', SCMJ: 'n/a' }, // not a number: counted, no area
      { DKBM: `${G2}00001`, DKLB: '10', TDYT: '5', SFJBNT: '2', SCMJ: 2000 },
      { DKBM: `${G2}00002`, DKLB: '22', TDYT: '1', SFJBNT: '2', SCMJ: 100 }, // 0.15
      { DKBM: `${V0}00001`, DKLB: '99', TDYT: '1', SFJBNT: '2', SCMJ: '666.67' }, // 1.000005 → 1.00
      { DKBM: `${V0}00002`, DKLB: '10', TDYT: '1', SFJBNT: '1', SCMJ: 700 },
    ]),
    CBDKXX: [
      { DKBM: `${G1}00001`, FBFBM: G1, HTMJ: 1001 }, // 1.5015 → 1.50
      { DKBM: `${G1}00002`, FBFBM: G1, HTMJ: '499.00' }, // 0.7485 → 0.75
      { DKBM: `${G1}00009`, FBFBM: G1, HTMJ: 100 }, // no such DK: not a 承包地块
      { DKBM: `${G2}00001`, FBFBM: G2, HTMJ: 2000 }, // 3.00
      { DKBM: `${V0}00002`, FBFBM: V0, HTMJ: 700.5 }, // 1.05075 → 1.05
    ],
    CBF: [
      { CBFBM: `${G1}0001`, CBFLX: '1', CBFCYSL: 4 },
      { CBFBM: `${G1}0002`, CBFLX: '1', CBFCYSL: '3' },
      { CBFBM: `${G2}0001`, CBFLX: '3', CBFCYSL: 0 },
      { CBFBM: `${V0}0001`, CBFLX: '2', CBFCYSL: 1 },
      { CBFBM: '220581100009010001', CBFLX: '1', CBFCYSL: 2 }, // unlisted village: county and town only
    ],
    CBHT: [
      { CBHTBM: `${G1}0001J`, FBFBM: G1, HTZMJ: 1500 }, // 2.25
      { CBHTBM: `${G1}0002J`, FBFBM: G1, HTZMJ: 499 }, // no certificate
      { CBHTBM: `${G2}0001Q`, FBFBM: G2, HTZMJ: 2000 }, // 3.00
      { CBHTBM: `${V0}0001Q`, FBFBM: V0, HTZMJ: 700.5 }, // 1.05
    ],
    CBJYQZ: [{ CBJYQZBM: `${G1}0001J` }, { CBJYQZBM: `${G2}0001Q` }, { CBJYQZBM: `${V0}0001Q` }],
    CBJYQZDJB: [
      { CBJYQZBM: `${G1}0001J`, FBFBM: G1, CBFS: '110' },
      { CBJYQZBM: `${G2}0001Q`, FBFBM: G2, CBFS: '121' },
      { CBJYQZBM: `${V0}0001Q`, FBFBM: V0, CBFS: '123' },
    ],
  };
}

function values(result: SummaryResult, table: SummaryTableId, code: string): Record<string, number> {
  const row = result.tables[table].find((r) => r.code === code);
  if (!row) throw new Error(`no row ${code} in ${table}`);
  return { ...row.values };
}

describe('computeSummaries', () => {
  it('lists one row per valid unit, padded and sorted, county first', async () => {
    const result = await computeSummaries(input());
    const expectedCodes = ['22058100000000', '22058110000000', '22058110000700', '22058110000701', '22058110000702', '22058110000800'];
    expect(result.unitCodeTable.map((r) => r.code)).toEqual(expectedCodes);
    expect(result.unitCodeTable[0].name).toBe('吉林省通化市梅河口市');
    for (const t of summaryTables) expect(result.tables[t.id].map((r) => r.code)).toEqual(expectedCodes);
    expect(result.invalidUnits).toEqual([{ code: '12345', name: '坏代码' }]);
    expect(result.unassignedRows).toEqual({ CBF: 1 });
  });

  it('按地块汇总表 per group and cumulative per village/town/county', async () => {
    const r = await computeSummaries(input());
    expect(values(r, 'byParcel', G1)).toEqual({ FBFZS: 1, CBDKZS: 2, CBDKZMJ: 2.25, FCBDKZS: 2, FCBDZMJ: 0.5, BFQZZS: 1 });
    expect(values(r, 'byParcel', G2)).toEqual({ FBFZS: 1, CBDKZS: 1, CBDKZMJ: 3, FCBDKZS: 1, FCBDZMJ: 0.15, BFQZZS: 1 });
    const village = { FBFZS: 3, CBDKZS: 4, CBDKZMJ: 6.3, FCBDKZS: 4, FCBDZMJ: 1.65, BFQZZS: 3 };
    expect(values(r, 'byParcel', '22058110000700')).toEqual(village);
    expect(values(r, 'byParcel', '22058110000000')).toEqual(village);
    expect(values(r, 'byParcel', '22058100000000')).toEqual(village);
    expect(values(r, 'byParcel', '22058110000800')).toEqual({ FBFZS: 0, CBDKZS: 0, CBDKZMJ: 0, FCBDKZS: 0, FCBDZMJ: 0, BFQZZS: 0 });
  });

  it('按承包地土地用途 / 非承包地类别 / 是否基本农田', async () => {
    const r = await computeSummaries(input());
    expect(values(r, 'byLandUse', G1)).toEqual({ NYYTZMJ: 2.25, ZZYZMJ: 1.5, LYZMJ: 0.75, XMYZMJ: 0, YYZMJ: 0, FNYYTZMJ: 0, NYYFNYYTZMJ: 2.25 });
    expect(values(r, 'byLandUse', G2)).toEqual({ NYYTZMJ: 0, ZZYZMJ: 0, LYZMJ: 0, XMYZMJ: 0, YYZMJ: 0, FNYYTZMJ: 3, NYYFNYYTZMJ: 3 });
    expect(values(r, 'byLandUse', '22058100000000')).toEqual({ NYYTZMJ: 3.3, ZZYZMJ: 2.55, LYZMJ: 0.75, XMYZMJ: 0, YYZMJ: 0, FNYYTZMJ: 3, NYYFNYYTZMJ: 6.3 });
    expect(values(r, 'byNonContractedCategory', '22058110000700')).toEqual({ ZLDMJ: 0.5, JDDMJ: 0.15, KHDMJ: 0, QTJTTDMJ: 1, FCBDMJHJ: 1.65 });
    expect(values(r, 'byBasicFarmland', G1)).toEqual({ JBNTMJ: 1.5, FJBNTMJ: 0.75, JBNTMJHJ: 2.25 });
    expect(values(r, 'byBasicFarmland', '22058100000000')).toEqual({ JBNTMJ: 2.55, FJBNTMJ: 3.75, JBNTMJHJ: 6.3 });
  });

  it('按权证信息 and 按承包方', async () => {
    const r = await computeSummaries(input());
    expect(values(r, 'byCertificate', G1)).toEqual({ BFQZSL: 1, JTCBQZS: 1, QTCBQZS: 0, BFQZMJ: 2.25 });
    expect(values(r, 'byCertificate', '22058110000700')).toEqual({ BFQZSL: 3, JTCBQZS: 1, QTCBQZS: 2, BFQZMJ: 6.3 });
    expect(values(r, 'byContractor', G1)).toEqual({ CBFZS: 2, CBNHS: 2, CBNHCYS: 7, QTFSCBHJ: 0, DWCBZS: 0, GRCBZS: 0 });
    expect(values(r, 'byContractor', G2)).toEqual({ CBFZS: 1, CBNHS: 0, CBNHCYS: 0, QTFSCBHJ: 1, DWCBZS: 1, GRCBZS: 0 });
    expect(values(r, 'byContractor', '22058110000700')).toEqual({ CBFZS: 4, CBNHS: 2, CBNHCYS: 7, QTFSCBHJ: 2, DWCBZS: 1, GRCBZS: 1 });
    // the 承包方 under the unlisted village 009 counts in the town and county rows only
    expect(values(r, 'byContractor', '22058100000000')).toEqual({ CBFZS: 5, CBNHS: 3, CBNHCYS: 9, QTFSCBHJ: 2, DWCBZS: 1, GRCBZS: 1 });
  });

  it('keeps the cross-table identities of package-layout.md §2.10 on every row', async () => {
    const r = await computeSummaries(input());
    for (let i = 0; i < r.unitCodeTable.length; i++) {
      const v = (t: SummaryTableId) => r.tables[t][i].values;
      expect(v('byParcel').CBDKZMJ).toBe(v('byLandUse').NYYFNYYTZMJ);
      expect(v('byParcel').CBDKZMJ).toBe(v('byBasicFarmland').JBNTMJHJ);
      expect(v('byParcel').FCBDZMJ).toBe(v('byNonContractedCategory').FCBDMJHJ);
      expect(v('byParcel').BFQZZS).toBe(v('byCertificate').BFQZSL);
    }
  });

  it('sums areas exactly (integer hundredths), whatever the order', async () => {
    // 0.1 亩 ten times would drift in floating point: 66.67 m² → 0.10 亩; '0x10' is read as the number 16 (0.02 亩)
    const base = input();
    const many = Array.from({ length: 10 }, (_, i) => ({ DKBM: `${G1}1${String(i).padStart(4, '0')}`, DKLB: '23', SCMJ: 66.67 }));
    const r = await computeSummaries({ ...base, DK: [...many, { DKBM: `${G1}20000`, DKLB: '23', SCMJ: '0x10' }] });
    expect(values(r, 'byNonContractedCategory', G1).KHDMJ).toBe(1.02);
  });
});

describe('computeUnitCodeTable', () => {
  it('accepts padded and un-padded codes and drops duplicates', () => {
    const t = computeUnitCodeTable([
      { code: '220581100007', name: '村' },
      { code: '22058110000700', name: '村（重复）' },
      { code: '220581', name: '县' },
    ]);
    expect(t.rows).toEqual([
      { code: '22058100000000', name: '县' },
      { code: '22058110000700', name: '村' },
    ]);
    expect(t.invalid).toEqual([]);
  });
});

describe('computeSummaries on column arrays', () => {
  /** A source as a store hands it over: arrays in pages, the columns named once, `_rid` first. */
  function asColumns(rows: readonly PlainRow[]): ColumnRows {
    const columns = ['_rid', ...new Set(rows.flatMap((r) => Object.keys(r)))];
    const arrays = rows.map((r, i) => columns.map((c) => (c === '_rid' ? i + 1 : (r[c] ?? null))));
    return { columns, pages: [arrays.slice(0, 2), arrays.slice(2)] };
  }

  it('gives what the same rows as records give, joined rows with blank fields and missing ones included', async () => {
    const records = async (): Promise<Record<Exclude<keyof SummaryInput, 'units'>, PlainRow[]>> => {
      const given = input();
      const dk: PlainRow[] = [];
      for await (const r of given.DK as AsyncIterable<PlainRow>) dk.push(r);
      // a contracted plot whose use and 基本农田 flag are blank, and one whose category is blank
      dk.push({ DKBM: `${G2}00003`, DKLB: '10', TDYT: null, SFJBNT: null, SCMJ: 10 }, { DKBM: `${G2}00004`, DKLB: null, TDYT: '1', SFJBNT: '1', SCMJ: 20 });
      const cbdkxx = [...(given.CBDKXX as PlainRow[]), { DKBM: `${G2}00003`, FBFBM: G2, HTMJ: 10 }, { DKBM: `${G2}00004`, FBFBM: G2, HTMJ: 20 }];
      const plain = (s: unknown): PlainRow[] => s as PlainRow[];
      return { FBF: plain(given.FBF), DK: dk, CBDKXX: cbdkxx, CBF: plain(given.CBF), CBHT: plain(given.CBHT), CBJYQZ: plain(given.CBJYQZ), CBJYQZDJB: plain(given.CBJYQZDJB) };
    };
    const rows = await records();
    const { units } = input();
    const fromRecords = await computeSummaries({ units, ...rows });
    const fromColumns = await computeSummaries({
      units,
      ...(Object.fromEntries(Object.entries(rows).map(([source, r]) => [source, asColumns(r)])) as Record<keyof typeof rows, ColumnRows>),
    });
    expect(fromColumns).toEqual(fromRecords);
    // the added plots count (so the blank joined fields were read, not skipped)
    expect(values(fromRecords, 'byParcel', G2)).not.toEqual(values(await computeSummaries(input()), 'byParcel', G2));
  });
});
