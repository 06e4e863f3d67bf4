import type { Localized } from './i18n.js';
import { summaryTableNames, UNIT_CODE_TABLE_SUFFIX } from './naming.js';

/**
 * The six 汇总表格 and the 权属单位代码表 as data: sheet layout (transcribed cell for cell from the real SII
 * templates in fixtures/real/xls, read with SheetJS) and what every data column means in terms of the
 * 权属 tables and the DK layer (package-layout.md §2.3–2.8, §5). Writers, readers and the aggregation in
 * checker/summary all read this module; nothing else spells out a header text or a column definition.
 *
 * Areas are 亩 with 2 decimals, each item converted with `toMu` (m² × 0.0015, rounded to 0.01) and then
 * summed (§2.2: YLT rounds per item then sums; SII sums the stored …MJM columns, which hold the same
 * per-item rounded values).
 */

export type SummaryTableId =
  | 'byParcel'
  | 'byLandUse'
  | 'byNonContractedCategory'
  | 'byBasicFarmland'
  | 'byCertificate'
  | 'byContractor';

type SummaryColumnKind = 'code' | 'name' | 'count' | 'area';

/** Tables (Annex B) and the DK layer's attributes (Annex A.10) the summaries are computed from. */
export type SummarySource = 'FBF' | 'CBF' | 'CBDKXX' | 'DK' | 'CBHT' | 'CBJYQZ' | 'CBJYQZDJB';

/**
 * The field of each source whose first 14 characters are the 发包方编码 the row belongs to
 * (coding rules of NY/T 2538: CBFBM = FBFBM + 4, DKBM = FBFBM + 5, CBJYQZBM = CBFBM + J/Q).
 */
export const summarySourceUnitField: Readonly<Record<SummarySource, string>> = {
  FBF: 'FBFBM',
  CBF: 'CBFBM',
  CBDKXX: 'FBFBM',
  DK: 'DKBM',
  CBHT: 'FBFBM',
  CBJYQZ: 'CBJYQZBM',
  CBJYQZDJB: 'FBFBM',
};

/** Length of a 发包方编码 (14 = village 12 + group 2). */
export const FBFBM_LENGTH = 14;

/** Look up the row of `table` whose `key` equals this row's `from` field. */
export interface SummaryJoin {
  readonly table: SummarySource;
  readonly key: string;
  readonly from: string;
}

export type SummaryFilter =
  /** field value (of this row, or of the joined row) is one of `values` */
  | { readonly kind: 'in'; readonly field: string; readonly values: readonly string[]; readonly join?: SummaryJoin }
  /** field value is not one of `values` — also true when it, or the joined row, is missing */
  | { readonly kind: 'notIn'; readonly field: string; readonly values: readonly string[]; readonly join?: SummaryJoin }
  /** a joined row exists */
  | { readonly kind: 'exists'; readonly join: SummaryJoin };

export type SummaryMeasure =
  | { readonly op: 'count'; readonly table: SummarySource; readonly where?: readonly SummaryFilter[] }
  | { readonly op: 'countDistinct'; readonly table: SummarySource; readonly field: string; readonly where?: readonly SummaryFilter[] }
  /** Σ of an integer field */
  | { readonly op: 'sum'; readonly table: SummarySource; readonly field: string; readonly where?: readonly SummaryFilter[] }
  /** Σ toMu(field in m²) — rounded per item to 0.01 亩, then summed */
  | { readonly op: 'sumMu'; readonly table: SummarySource; readonly field: string; readonly where?: readonly SummaryFilter[] }
  /** sum of other columns of the same row (keys), e.g. 合计 */
  | { readonly op: 'total'; readonly of: readonly string[] };

export interface SummaryColumn {
  /** Data key: the column of SII's JCSJ_SJHZ record the importer maps this column into (§2.10). */
  readonly key: string;
  /** Header path as printed: top header, then sub-header, joined by '/'. */
  readonly header: string;
  readonly kind: SummaryColumnKind;
  readonly label: Localized;
  /** Undefined for the code and name columns. */
  readonly measure?: SummaryMeasure;
  /** the spec/source clause the definition follows */
  readonly basis?: string;
}

interface SheetCellText {
  /** A1 reference */
  readonly ref: string;
  readonly text: string;
}

export interface SheetLayout {
  readonly sheetName: string;
  /** Title, unit text and header cells, exactly as in the template. */
  readonly cells: readonly SheetCellText[];
  /** A1 ranges */
  readonly merges: readonly string[];
  /** Column widths as the template's COLINFO records hold them (coldx / 256, in characters); null = sheet default. */
  readonly columnWidths: readonly (number | null)[];
  /** 0-based index of the first data row. */
  readonly dataStartRow: number;
  /** 0-based index of the (last) header row whose cells name the data columns. */
  readonly headerRow: number;
}

export interface SummaryTableDef {
  readonly id: SummaryTableId;
  /** Title and file-name part: `<county6><county name><title>.xls` in 汇总表格/. */
  readonly title: string;
  readonly unitText: string;
  readonly layout: SheetLayout;
  readonly columns: readonly SummaryColumn[];
  readonly spec: string;
}

const codeColumn: SummaryColumn = { key: 'QSDWDM', header: '权属单位代码', kind: 'code', label: { zh: '权属单位代码', en: 'unit code' } };
const nameColumn: SummaryColumn = { key: 'QSDWMC', header: '权属单位名称', kind: 'name', label: { zh: '权属单位名称', en: 'unit name' } };

/** 承包地块: DK.DKLB = '10' (C.7), looked up from the CBDKXX row by DKBM. */
const dkOfCbdkxx: SummaryJoin = { table: 'DK', key: 'DKBM', from: 'DKBM' };
const contracted: SummaryFilter = { kind: 'in', field: 'DKLB', values: ['10'], join: dkOfCbdkxx };
/** Non-contracted categories of C.7: 自留地, 机动地, 开荒地, 其他集体土地. */
const nonContractedCodes = ['21', '22', '23', '99'] as const;
/** 家庭承包 = 承包方式 110 (C.10) of the certificate's 登记簿 entry; everything else is 其他方式. */
const djbOfCertificate: SummaryJoin = { table: 'CBJYQZDJB', key: 'CBJYQZBM', from: 'CBJYQZBM' };
const certificateOfContract: SummaryJoin = { table: 'CBJYQZ', key: 'CBJYQZBM', from: 'CBHTBM' };

function landUse(key: string, header: string, code: string, en: string): SummaryColumn {
  return {
    key,
    header,
    kind: 'area',
    label: { zh: header.replace('农业用途面积/', ''), en },
    measure: { op: 'sumMu', table: 'CBDKXX', field: 'HTMJ', where: [contracted, { kind: 'in', field: 'TDYT', values: [code], join: dkOfCbdkxx }] },
    basis: `§2.4: 承包地 DKLB=10, DK.TDYT=${code} (C.9), Σ toMu(CBDKXX.HTMJ)`,
  };
}

function nonContracted(key: string, header: string, code: string, en: string): SummaryColumn {
  return {
    key,
    header,
    kind: 'area',
    label: { zh: header, en },
    measure: { op: 'sumMu', table: 'DK', field: 'SCMJ', where: [{ kind: 'in', field: 'DKLB', values: [code] }] },
    basis: `§2.5: DK.DKLB=${code} (C.7), Σ toMu(DK.SCMJ)`,
  };
}

export const summaryTables: readonly SummaryTableDef[] = [
  {
    id: 'byParcel',
    title: summaryTableNames.byParcel,
    unitText: '单位:个;块;亩;份',
    spec: 'package-layout.md §2.3',
    layout: {
      sheetName: 'Sheet1',
      cells: [
        { ref: 'A1', text: summaryTableNames.byParcel },
        { ref: 'F2', text: '单位:个;块;亩;份' },
        { ref: 'A3', text: '权属单位代码' },
        { ref: 'B3', text: '权属单位名称' },
        { ref: 'C3', text: '发包方\n数量' },
        { ref: 'D3', text: '承包地块' },
        { ref: 'F3', text: '非承包地块' },
        { ref: 'H3', text: '颁发权证数量' },
        { ref: 'D4', text: '总数' },
        { ref: 'E4', text: '总面积' },
        { ref: 'F4', text: '总数' },
        { ref: 'G4', text: '总面积' },
      ],
      merges: ['A1:H1', 'F2:H2', 'D3:E3', 'F3:G3', 'A3:A4', 'B3:B4', 'C3:C4', 'H3:H4'],
      columnWidths: [20.625, 30.625, 9, 9, 15.625, 9, 15.625, 9],
      headerRow: 3,
      dataStartRow: 4,
    },
    columns: [
      codeColumn,
      nameColumn,
      {
        key: 'FBFZS',
        header: '发包方\n数量',
        kind: 'count',
        label: { zh: '发包方数量', en: 'employers (发包方)' },
        measure: { op: 'count', table: 'FBF' },
        basis: '§2.3 C: count(FBF)',
      },
      {
        key: 'CBDKZS',
        header: '承包地块/总数',
        kind: 'count',
        label: { zh: '承包地块总数', en: 'contracted parcels' },
        measure: { op: 'countDistinct', table: 'CBDKXX', field: 'DKBM', where: [contracted] },
        basis: '§2.3 D: distinct CBDKXX.DKBM of DKLB=10 parcels',
      },
      {
        key: 'CBDKZMJ',
        header: '承包地块/总面积',
        kind: 'area',
        label: { zh: '承包地块总面积', en: 'contracted area (mu)' },
        measure: { op: 'sumMu', table: 'CBDKXX', field: 'HTMJ', where: [contracted] },
        basis: '§2.3 E: Σ toMu(CBDKXX.HTMJ) of DKLB=10 parcels',
      },
      {
        key: 'FCBDKZS',
        header: '非承包地块/总数',
        kind: 'count',
        label: { zh: '非承包地块总数', en: 'non-contracted parcels' },
        measure: { op: 'count', table: 'DK', where: [{ kind: 'in', field: 'DKLB', values: nonContractedCodes }] },
        basis: '§2.3 F: count(DK) with DKLB ∈ {21,22,23,99}',
      },
      {
        key: 'FCBDZMJ',
        header: '非承包地块/总面积',
        kind: 'area',
        label: { zh: '非承包地块总面积', en: 'non-contracted area (mu)' },
        measure: { op: 'sumMu', table: 'DK', field: 'SCMJ', where: [{ kind: 'in', field: 'DKLB', values: nonContractedCodes }] },
        basis: '§2.3 G: Σ toMu(DK.SCMJ) with DKLB ∈ {21,22,23,99}',
      },
      {
        key: 'BFQZZS',
        header: '颁发权证数量',
        kind: 'count',
        label: { zh: '颁发权证数量', en: 'certificates issued' },
        measure: { op: 'count', table: 'CBJYQZ' },
        basis: '§2.3 H: count(CBJYQZ)',
      },
    ],
  },
  {
    id: 'byLandUse',
    title: summaryTableNames.byLandUse,
    unitText: '单位:亩',
    spec: 'package-layout.md §2.4',
    layout: {
      sheetName: '汇总表',
      cells: [
        { ref: 'A1', text: summaryTableNames.byLandUse },
        { ref: 'A2', text: '单位:亩' },
        { ref: 'A3', text: '权属单位代码' },
        { ref: 'B3', text: '权属单位名称' },
        { ref: 'C3', text: '农业用途面积' },
        { ref: 'H3', text: '非农用途面积' },
        { ref: 'I3', text: '合计' },
        { ref: 'C4', text: '合计' },
        { ref: 'D4', text: '种植业' },
        { ref: 'E4', text: '林业' },
        { ref: 'F4', text: '畜牧业' },
        { ref: 'G4', text: '渔业' },
      ],
      merges: ['A1:I1', 'A2:I2', 'C3:G3', 'A3:A4', 'B3:B4', 'H3:H4', 'I3:I4'],
      columnWidths: [27.96875, 37.1015625, null, null, null, null, null, 14.06640625, null],
      headerRow: 3,
      dataStartRow: 4,
    },
    columns: [
      codeColumn,
      nameColumn,
      {
        key: 'NYYTZMJ',
        header: '农业用途面积/合计',
        kind: 'area',
        label: { zh: '农业用途面积合计', en: 'agricultural use total (mu)' },
        measure: { op: 'total', of: ['ZZYZMJ', 'LYZMJ', 'XMYZMJ', 'YYZMJ'] },
        basis: '§2.4 C = D+E+F+G',
      },
      landUse('ZZYZMJ', '农业用途面积/种植业', '1', 'crops (mu)'),
      landUse('LYZMJ', '农业用途面积/林业', '2', 'forestry (mu)'),
      landUse('XMYZMJ', '农业用途面积/畜牧业', '3', 'livestock (mu)'),
      landUse('YYZMJ', '农业用途面积/渔业', '4', 'fishery (mu)'),
      { ...landUse('FNYYTZMJ', '非农用途面积', '5', 'non-agricultural use (mu)'), label: { zh: '非农用途面积', en: 'non-agricultural use (mu)' } },
      {
        key: 'NYYFNYYTZMJ',
        header: '合计',
        kind: 'area',
        label: { zh: '合计', en: 'total (mu)' },
        measure: { op: 'total', of: ['NYYTZMJ', 'FNYYTZMJ'] },
        basis: '§2.4 I = C+H',
      },
    ],
  },
  {
    id: 'byNonContractedCategory',
    title: summaryTableNames.byNonContractedCategory,
    unitText: '单位:亩',
    spec: 'package-layout.md §2.5',
    layout: {
      sheetName: 'Sheet1',
      cells: [
        { ref: 'A1', text: summaryTableNames.byNonContractedCategory },
        { ref: 'F2', text: '单位:亩' },
        { ref: 'A3', text: '权属单位代码' },
        { ref: 'B3', text: '权属单位名称' },
        { ref: 'C3', text: '自留地' },
        { ref: 'D3', text: '机动地' },
        { ref: 'E3', text: '开荒地' },
        { ref: 'F3', text: '其他集体土地' },
        { ref: 'G3', text: '合计' },
      ],
      merges: ['A1:G1', 'F2:G2', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:E4', 'F3:F4', 'G3:G4'],
      columnWidths: [20.625, 30.625, 13.625, 13.625, 13.625, 13.625, 13.625],
      headerRow: 3,
      dataStartRow: 4,
    },
    columns: [
      codeColumn,
      nameColumn,
      nonContracted('ZLDMJ', '自留地', '21', 'private plots (mu)'),
      nonContracted('JDDMJ', '机动地', '22', 'reserve land (mu)'),
      nonContracted('KHDMJ', '开荒地', '23', 'reclaimed land (mu)'),
      nonContracted('QTJTTDMJ', '其他集体土地', '99', 'other collective land (mu)'),
      {
        key: 'FCBDMJHJ',
        header: '合计',
        kind: 'area',
        label: { zh: '合计', en: 'total (mu)' },
        measure: { op: 'total', of: ['ZLDMJ', 'JDDMJ', 'KHDMJ', 'QTJTTDMJ'] },
        basis: '§2.5 G = C+D+E+F',
      },
    ],
  },
  {
    id: 'byBasicFarmland',
    title: summaryTableNames.byBasicFarmland,
    unitText: '单位:亩',
    spec: 'package-layout.md §2.6',
    layout: {
      sheetName: '汇总表',
      cells: [
        { ref: 'A1', text: summaryTableNames.byBasicFarmland },
        { ref: 'A2', text: '单位:亩' },
        { ref: 'A3', text: '权属单位代码' },
        { ref: 'B3', text: '权属单位名称' },
        { ref: 'C3', text: '基本农田面积' },
        { ref: 'D3', text: '非基本农田面积' },
        { ref: 'E3', text: '合计' },
      ],
      // single header row: data from row 4 (r3), as SII-EXP writes and SII-IMP reads
      merges: ['A1:E1', 'A2:E2'],
      columnWidths: [27.96875, 37.1015625, 17.1875, 17.1875, null],
      headerRow: 2,
      dataStartRow: 3,
    },
    columns: [
      codeColumn,
      nameColumn,
      {
        key: 'JBNTMJ',
        header: '基本农田面积',
        kind: 'area',
        label: { zh: '基本农田面积', en: 'basic farmland (mu)' },
        measure: { op: 'sumMu', table: 'CBDKXX', field: 'HTMJ', where: [contracted, { kind: 'in', field: 'SFJBNT', values: ['1'], join: dkOfCbdkxx }] },
        basis: '§2.6: 承包地, DK.SFJBNT=1 (C.19), Σ toMu(CBDKXX.HTMJ)',
      },
      {
        key: 'FJBNTMJ',
        header: '非基本农田面积',
        kind: 'area',
        label: { zh: '非基本农田面积', en: 'not basic farmland (mu)' },
        measure: { op: 'sumMu', table: 'CBDKXX', field: 'HTMJ', where: [contracted, { kind: 'in', field: 'SFJBNT', values: ['2'], join: dkOfCbdkxx }] },
        basis: '§2.6: 承包地, DK.SFJBNT=2 (C.19), Σ toMu(CBDKXX.HTMJ)',
      },
      {
        key: 'JBNTMJHJ',
        header: '合计',
        kind: 'area',
        label: { zh: '合计', en: 'total (mu)' },
        measure: { op: 'total', of: ['JBNTMJ', 'FJBNTMJ'] },
        basis: '§2.6 E = C+D',
      },
    ],
  },
  {
    id: 'byCertificate',
    title: summaryTableNames.byCertificate,
    unitText: '单位:亩',
    spec: 'package-layout.md §2.7',
    layout: {
      sheetName: 'Sheet1',
      cells: [
        { ref: 'A1', text: summaryTableNames.byCertificate },
        { ref: 'E2', text: '单位:亩' },
        { ref: 'A3', text: '权属单位代码' },
        { ref: 'B3', text: '权属单位名称' },
        { ref: 'C3', text: '颁发权证数量' },
        { ref: 'F3', text: '颁发权证面积' },
        { ref: 'C4', text: '合计' },
        { ref: 'D4', text: '家庭承包' },
        { ref: 'E4', text: '其它方式承包' },
      ],
      merges: ['A1:F1', 'A3:A4', 'B3:B4', 'F3:F4', 'C3:E3', 'E2:F2'],
      columnWidths: [20.625, 30.625, 16.625, 16.625, 16.625, 16.625],
      headerRow: 3,
      dataStartRow: 4,
    },
    columns: [
      codeColumn,
      nameColumn,
      {
        key: 'BFQZSL',
        header: '颁发权证数量/合计',
        kind: 'count',
        label: { zh: '颁发权证数量合计', en: 'certificates total' },
        measure: { op: 'total', of: ['JTCBQZS', 'QTCBQZS'] },
        basis: '§2.7 C = D+E',
      },
      {
        key: 'JTCBQZS',
        header: '颁发权证数量/家庭承包',
        kind: 'count',
        label: { zh: '家庭承包权证数', en: 'certificates, household contracting' },
        measure: { op: 'count', table: 'CBJYQZ', where: [{ kind: 'in', field: 'CBFS', values: ['110'], join: djbOfCertificate }] },
        basis: '§2.7 D: CBJYQZ whose CBJYQZDJB.CBFS = 110 (C.10)',
      },
      {
        key: 'QTCBQZS',
        header: '颁发权证数量/其它方式承包',
        kind: 'count',
        label: { zh: '其它方式承包权证数', en: 'certificates, other contracting' },
        measure: {
          op: 'count',
          table: 'CBJYQZ',
          where: [{ kind: 'notIn', field: 'CBFS', values: ['110'], join: djbOfCertificate }],
        },
        basis: '§2.7 E: every other CBJYQZ (CBJYQZDJB.CBFS ≠ 110, as SII), so that C = count(CBJYQZ) = 按地块汇总表 H',
      },
      {
        key: 'BFQZMJ',
        header: '颁发权证面积',
        kind: 'area',
        label: { zh: '颁发权证面积', en: 'certified area (mu)' },
        measure: { op: 'sumMu', table: 'CBHT', field: 'HTZMJ', where: [{ kind: 'exists', join: certificateOfContract }] },
        basis: '§2.7 F: Σ toMu(CBHT.HTZMJ) over contracts with a certificate (CBHTBM = CBJYQZBM)',
      },
    ],
  },
  {
    id: 'byContractor',
    title: summaryTableNames.byContractor,
    unitText: '单位:个',
    spec: 'package-layout.md §2.8',
    layout: {
      sheetName: '汇总表',
      cells: [
        { ref: 'A1', text: summaryTableNames.byContractor },
        { ref: 'A2', text: '单位:个' },
        { ref: 'A3', text: '权属单位代码' },
        { ref: 'B3', text: '权属单位名称' },
        { ref: 'C3', text: '承包方总数' },
        { ref: 'D3', text: '家庭承包' },
        { ref: 'F3', text: '其他方式承包' },
        { ref: 'D4', text: '承包农户数量' },
        { ref: 'E4', text: '家庭成员数量' },
        { ref: 'F4', text: '合计' },
        { ref: 'G4', text: '单位承包数量' },
        { ref: 'H4', text: '个人承包数量' },
      ],
      merges: ['A1:H1', 'A2:H2', 'D3:E3', 'F3:H3', 'A3:A4', 'B3:B4', 'C3:C4'],
      columnWidths: [27.96875, 37.1015625, 9.37109375, 10.15234375, 11.7109375, 5.46484375, 13.28515625, 13.28515625],
      headerRow: 3,
      dataStartRow: 4,
    },
    columns: [
      codeColumn,
      nameColumn,
      {
        key: 'CBFZS',
        header: '承包方总数',
        kind: 'count',
        label: { zh: '承包方总数', en: 'contractors' },
        measure: { op: 'total', of: ['CBNHS', 'QTFSCBHJ'] },
        basis: '§2.8 C = D+F',
      },
      {
        key: 'CBNHS',
        header: '家庭承包/承包农户数量',
        kind: 'count',
        label: { zh: '承包农户数量', en: 'households' },
        measure: { op: 'count', table: 'CBF', where: [{ kind: 'in', field: 'CBFLX', values: ['1'] }] },
        basis: '§2.8 D: CBF.CBFLX=1 农户 (C.16)',
      },
      {
        key: 'CBNHCYS',
        header: '家庭承包/家庭成员数量',
        kind: 'count',
        label: { zh: '家庭成员数量', en: 'household members' },
        measure: { op: 'sum', table: 'CBF', field: 'CBFCYSL', where: [{ kind: 'in', field: 'CBFLX', values: ['1'] }] },
        basis: '§2.8 E: Σ CBF.CBFCYSL of 农户',
      },
      {
        key: 'QTFSCBHJ',
        header: '其他方式承包/合计',
        kind: 'count',
        label: { zh: '其他方式承包合计', en: 'other contractors total' },
        measure: { op: 'total', of: ['DWCBZS', 'GRCBZS'] },
        basis: '§2.8 F = G+H',
      },
      {
        key: 'DWCBZS',
        header: '其他方式承包/单位承包数量',
        kind: 'count',
        label: { zh: '单位承包数量', en: 'organisations' },
        measure: { op: 'count', table: 'CBF', where: [{ kind: 'in', field: 'CBFLX', values: ['3'] }] },
        basis: '§2.8 G: CBF.CBFLX=3 单位 (C.16)',
      },
      {
        key: 'GRCBZS',
        header: '其他方式承包/个人承包数量',
        kind: 'count',
        label: { zh: '个人承包数量', en: 'individuals' },
        measure: { op: 'count', table: 'CBF', where: [{ kind: 'in', field: 'CBFLX', values: ['2'] }] },
        basis: '§2.8 H: CBF.CBFLX=2 个人 (C.16)',
      },
    ],
  },
];

const byId = new Map(summaryTables.map((t) => [t.id, t]));

export function summaryTable(id: SummaryTableId): SummaryTableDef {
  const t = byId.get(id);
  if (!t) throw new Error(`unknown summary table id: ${id}`);
  return t;
}

/**
 * 权属单位代码表 (package-layout.md §5): one sheet, header row A `权属单位代码`, B `权属单位名称`, one row per unit
 * from row 2, sorted by code; codes are 14 characters right-padded with '0', written as text.
 */
export const unitCodeTable = {
  title: UNIT_CODE_TABLE_SUFFIX,
  layout: {
    sheetName: UNIT_CODE_TABLE_SUFFIX,
    cells: [
      { ref: 'A1', text: '权属单位代码' },
      { ref: 'B1', text: '权属单位名称' },
    ],
    merges: [],
    columnWidths: [20.625, 50.625],
    headerRow: 0,
    dataStartRow: 1,
  } satisfies SheetLayout,
  columns: [codeColumn, nameColumn],
  spec: 'package-layout.md §5',
} as const;

/** Padded length of a 权属单位代码. */
export const UNIT_CODE_LENGTH = 14;

/** Un-padded code lengths per level (county 6, 乡 9, 村 12, 组 14). */
export const unitLevels = [
  { level: 'county', length: 6 },
  { level: 'town', length: 9 },
  { level: 'village', length: 12 },
  { level: 'group', length: 14 },
] as const;

type UnitLevel = (typeof unitLevels)[number]['level'];

/**
 * The un-padded prefix of a 权属单位代码 (6/9/12/14 digits), from either form. A padded 14-digit code is read
 * by its trailing zeros the way SII-IMP does (§5): not ending 00 → 组; else not ending 00000 → 村; else not
 * ending 00000000 → 乡; else 县. Returns undefined for anything that is not 6/9/12/14 digits.
 */
export function unitCodePrefix(code: string): string | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  if (code.length === 14) {
    if (!code.endsWith('00')) return code;
    if (!code.endsWith('00000')) return code.slice(0, 12);
    if (!code.endsWith('00000000')) return code.slice(0, 9);
    return code.slice(0, 6);
  }
  return unitLevels.some((l) => l.length === code.length) ? code : undefined;
}

export function unitLevelOf(prefix: string): UnitLevel | undefined {
  return unitLevels.find((l) => l.length === prefix.length)?.level;
}

/** The 14-character padded 权属单位代码 written in the tables. */
export function padUnitCode(prefix: string): string {
  return prefix.padEnd(UNIT_CODE_LENGTH, '0');
}
