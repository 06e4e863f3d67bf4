import type { Condition, Constraint, FeatureCodeDef, LayerDef } from './types.js';

/**
 * NY/T 2539-2016 §5.2 表1 要素代码与名称描述表, every printed row in printed order.
 * `parent` is the nearest printed ancestor class: 196011 点状地物 hangs under 190000 其他地物 because the
 * table prints no 196000 row.
 */
export const featureCodes: readonly FeatureCodeDef[] = [
  { code: '100000', name: '基础地理信息要素', parent: '' },
  { code: '110000', name: '定位基础', parent: '100000' },
  { code: '111000', name: '控制点', parent: '110000' },
  { code: '112000', name: '控制点注记', parent: '110000' },
  { code: '160000', name: '境界与管辖区域', parent: '100000' },
  { code: '161000', name: '管辖区域划界', parent: '160000' },
  { code: '161051', name: '区域界线', parent: '161000' },
  { code: '161052', name: '区域注记', parent: '161000' },
  { code: '162000', name: '管辖区域', parent: '160000' },
  { code: '162010', name: '县级行政区', parent: '162000' },
  { code: '162020', name: '乡级区域', parent: '162000' },
  { code: '162030', name: '村级区域', parent: '162000' },
  { code: '162040', name: '组级区域', parent: '162000' },
  { code: '190000', name: '其他地物', parent: '100000' },
  { code: '196011', name: '点状地物', parent: '190000' },
  { code: '196012', name: '点状地物注记', parent: '190000' },
  { code: '196021', name: '线状地物', parent: '190000' },
  { code: '196022', name: '线状地物注记', parent: '190000' },
  { code: '196031', name: '面状地物', parent: '190000' },
  { code: '196032', name: '面状地物注记', parent: '190000' },
  { code: '200000', name: '农村土地权属要素', parent: '' },
  { code: '210000', name: '承包地块要素', parent: '200000' },
  { code: '211011', name: '地块', parent: '210000' },
  { code: '211012', name: '地块注记', parent: '210000' },
  { code: '211021', name: '界址点', parent: '210000' },
  { code: '211022', name: '界址点注记', parent: '210000' },
  { code: '211031', name: '界址线', parent: '210000' },
  { code: '211032', name: '界址线注记', parent: '210000' },
  { code: '250000', name: '基本农田要素', parent: '200000' },
  { code: '251000', name: '基本农田保护区域', parent: '250000' },
  { code: '251100', name: '基本农田保护区', parent: '251000' },
  { code: '300000', name: '栅格数据', parent: '' },
  { code: '310000', name: '数字正射影像图', parent: '300000' },
  { code: '320000', name: '数字栅格地图', parent: '300000' },
  { code: '390000', name: '其他栅格数据', parent: '300000' },
];

/**
 * §5.3 表2 层名称及各层要素: one entry per printed 层要素 row, in printed order. Several rows share an
 * attribute table (every 注记 goes to ZJ, every raster to SGSJ); `layerTables` folds them per table.
 */
export const layers: readonly LayerDef[] = [
  { group: '定位基础', name: '控制点', geometry: 'Point', table: 'KZD', featureCodes: ['111000'], constraint: 'M', annexTable: 'A.1' },
  { group: '定位基础', name: '控制点注记', geometry: 'Annotation', table: 'ZJ', featureCodes: ['112000'], constraint: 'O', annexTable: 'A.14' },
  { group: '境界与管辖区域', name: '县级行政区', geometry: 'Polygon', table: 'XJXZQ', featureCodes: ['162010'], constraint: 'M', annexTable: 'A.2' },
  { group: '境界与管辖区域', name: '乡级区域', geometry: 'Polygon', table: 'XJQY', featureCodes: ['162020'], constraint: 'O', annexTable: 'A.3' },
  { group: '境界与管辖区域', name: '村级区域', geometry: 'Polygon', table: 'CJQY', featureCodes: ['162030'], constraint: 'O', annexTable: 'A.4' },
  { group: '境界与管辖区域', name: '组级区域', geometry: 'Polygon', table: 'ZJQY', featureCodes: ['162040'], constraint: 'O', annexTable: 'A.5' },
  { group: '境界与管辖区域', name: '区域界线', geometry: 'Line', table: 'QYJX', featureCodes: ['161051'], constraint: 'M', annexTable: 'A.6' },
  { group: '境界与管辖区域', name: '区域注记', geometry: 'Annotation', table: 'ZJ', featureCodes: ['161052'], constraint: 'O', annexTable: 'A.14' },
  { group: '其他地物', name: '点状地物', geometry: 'Point', table: 'DZDW', featureCodes: ['196011'], constraint: 'O', annexTable: 'A.7' },
  { group: '其他地物', name: '点状地物注记', geometry: 'Annotation', table: 'ZJ', featureCodes: ['196012'], constraint: 'O', annexTable: 'A.14' },
  { group: '其他地物', name: '线状地物', geometry: 'Line', table: 'XZDW', featureCodes: ['196021'], constraint: 'O', annexTable: 'A.8' },
  { group: '其他地物', name: '线状地物注记', geometry: 'Annotation', table: 'ZJ', featureCodes: ['196022'], constraint: 'O', annexTable: 'A.14' },
  { group: '其他地物', name: '面状地物', geometry: 'Polygon', table: 'MZDW', featureCodes: ['196031'], constraint: 'O', annexTable: 'A.9' },
  { group: '其他地物', name: '面状地物注记', geometry: 'Annotation', table: 'ZJ', featureCodes: ['196032'], constraint: 'O', annexTable: 'A.14' },
  { group: '承包地块', name: '地块', geometry: 'Polygon', table: 'DK', featureCodes: ['211011'], constraint: 'M', annexTable: 'A.10' },
  { group: '承包地块', name: '地块注记', geometry: 'Annotation', table: 'ZJ', featureCodes: ['211012'], constraint: 'O', annexTable: 'A.14' },
  { group: '承包地块', name: '界址点', geometry: 'Point', table: 'JZD', featureCodes: ['211021'], constraint: 'M', annexTable: 'A.11' },
  { group: '承包地块', name: '界址点注记', geometry: 'Annotation', table: 'ZJ', featureCodes: ['211022'], constraint: 'O', annexTable: 'A.14' },
  { group: '承包地块', name: '界址线', geometry: 'Line', table: 'JZX', featureCodes: ['211031'], constraint: 'M', annexTable: 'A.12' },
  { group: '承包地块', name: '界址线注记', geometry: 'Annotation', table: 'ZJ', featureCodes: ['211032'], constraint: 'O', annexTable: 'A.14' },
  { group: '基本农田', name: '基本农田保护区', geometry: 'Polygon', table: 'JBNTBHQ', featureCodes: ['251100'], constraint: 'M', annexTable: 'A.13' },
  { group: '栅格数据', name: '数字正射影像图', geometry: 'Image', table: 'SGSJ', featureCodes: ['310000'], constraint: 'O', annexTable: 'A.15' },
  { group: '栅格数据', name: '数字栅格地图', geometry: 'Image', table: 'SGSJ', featureCodes: ['320000'], constraint: 'O', annexTable: 'A.15' },
  { group: '栅格数据', name: '其他栅格数据', geometry: 'Image', table: 'SGSJ', featureCodes: ['390000'], constraint: 'O', annexTable: 'A.15' },
];

/** One attribute table of 表2 with everything its rows share: the file prefix of a shapefile set (or SGSJ). */
interface LayerTable {
  readonly table: string;
  /** name of the first 表2 row (the non-注记 one), or `注记` / `栅格数据` for the shared tables */
  readonly name: string;
  readonly geometry: LayerDef['geometry'];
  /** every 要素代码 allowed in YSDM of this table */
  readonly featureCodes: readonly string[];
  /** strongest constraint over its rows (M beats O) */
  readonly constraint: Constraint;
  readonly annexTable: string;
}

const sharedTableNames: Readonly<Record<string, string>> = { ZJ: '注记', SGSJ: '栅格数据' };

function foldLayers(rows: readonly LayerDef[]): LayerTable[] {
  const byTable = new Map<string, LayerTable>();
  for (const row of rows) {
    const seen = byTable.get(row.table);
    byTable.set(row.table, {
      table: row.table,
      name: sharedTableNames[row.table] ?? seen?.name ?? row.name,
      geometry: row.geometry,
      featureCodes: [...(seen?.featureCodes ?? []), ...row.featureCodes],
      constraint: seen?.constraint === 'M' || row.constraint === 'M' ? 'M' : 'O',
      annexTable: row.annexTable,
    });
  }
  return [...byTable.values()];
}

/**
 * Attribute tables of 表2 in order of first appearance, ZJ moved to the end, as the exporters and the
 * real metadata sample list them: KZD XJXZQ XJQY CJQY ZJQY QYJX DZDW XZDW MZDW DK JZD JZX JBNTBHQ ZJ SGSJ.
 */
export const layerTableList: readonly LayerTable[] = (() => {
  const folded = foldLayers(layers);
  const tail = ['ZJ', 'SGSJ'];
  return [...folded.filter((t) => !tail.includes(t.table)), ...tail.map((n) => folded.find((t) => t.table === n)!)];
})();

/** The 14 vector layers a package carries as shapefiles (every 表2 table except the raster SGSJ). */
export const vectorLayerTables: readonly string[] = layerTableList.filter((t) => t.geometry !== 'Image').map((t) => t.table);

export function getLayerTable(table: string): LayerTable | undefined {
  return layerTableList.find((t) => t.table === table);
}

/** 要素代码 allowed in the YSDM field of a layer's attribute table (empty for unknown tables). */
export function featureCodesOf(table: string): readonly string[] {
  return getLayerTable(table)?.featureCodes ?? [];
}

/** §6 表3 权属数据表格信息关联表: one row per table. */
export interface OwnershipTableDef {
  /** 序号 of the printed group */
  readonly seq: number;
  /** 权属数据 column, e.g. `承包方` */
  readonly group: string;
  /** 属性名称, e.g. `家庭成员` */
  readonly name: string;
  /** 表格名称 */
  readonly table: string;
  readonly constraint: Constraint;
  readonly condition?: Condition;
  readonly annexTable: string;
}

/**
 * 表3 in printed order. The two C conditions are checkable across tables: CBF_JTCY is required as soon as
 * one 承包方 is a 农户 (CBFLX = '1', 表C.16); LZHT as soon as a 承包地块 names a 流转合同 (CBDKXX.LZHTBM
 * filled, B.1 note c: "流转合同作为…权属来源资料时填写").
 */
export const ownershipTables: readonly OwnershipTableDef[] = [
  { seq: 1, group: '发包方', name: '发包方', table: 'FBF', constraint: 'M', annexTable: 'B.2' },
  { seq: 2, group: '承包方', name: '承包方', table: 'CBF', constraint: 'M', annexTable: 'B.3' },
  {
    seq: 2,
    group: '承包方',
    name: '家庭成员',
    table: 'CBF_JTCY',
    constraint: 'C',
    condition: {
      kind: 'rowsExist',
      table: 'CBF',
      where: { kind: 'fieldEquals', field: 'CBFLX', values: ['1'], text: '承包方类型为“农户”' },
      text: 'C/承包方类型为“农户”？',
    },
    annexTable: 'B.4',
  },
  { seq: 3, group: '承包地块', name: '承包地块信息', table: 'CBDKXX', constraint: 'M', annexTable: 'B.1' },
  { seq: 4, group: '权属来源', name: '承包合同', table: 'CBHT', constraint: 'M', annexTable: 'B.5' },
  {
    seq: 4,
    group: '权属来源',
    name: '流转合同',
    table: 'LZHT',
    constraint: 'C',
    condition: {
      kind: 'rowsExist',
      table: 'CBDKXX',
      where: { kind: 'fieldPresent', field: 'LZHTBM', text: '承包地块信息填写了流转合同代码' },
      text: 'C/流转合同作为权属来源资料？',
    },
    annexTable: 'B.6',
  },
  { seq: 4, group: '权属来源', name: '权属来源资料附件', table: 'QSLYZLFJ', constraint: 'M', annexTable: 'B.7' },
  { seq: 5, group: '承包经营权登记簿', name: '承包经营权登记簿', table: 'CBJYQZDJB', constraint: 'M', annexTable: 'B.8' },
  { seq: 6, group: '承包经营权证', name: '承包经营权证', table: 'CBJYQZ', constraint: 'M', annexTable: 'B.9' },
  { seq: 6, group: '承包经营权证', name: '权证补发', table: 'CBJYQZ_QZBF', constraint: 'O', annexTable: 'B.10' },
  { seq: 6, group: '承包经营权证', name: '权证换发', table: 'CBJYQZ_QZHF', constraint: 'O', annexTable: 'B.11' },
  { seq: 6, group: '承包经营权证', name: '权证注销', table: 'CBJYQZ_QZZX', constraint: 'O', annexTable: 'B.12' },
];
