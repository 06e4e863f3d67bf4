import { getLayerTable } from './features.js';
import type { Constraint, Domain, FieldDef, TableDef } from './types.js';

/** A layer table's M/O comes from 表2 (features.ts), never re-typed here. */
function layerConstraint(table: string): Constraint {
  const layer = getLayerTable(table);
  if (!layer) throw new Error(`表2 has no layer table ${table}`);
  return layer.constraint;
}

/**
 * 值域 shorthands shared by Annex A and B: each stands for one printed 值域 cell.
 * (`见表 C.x` → codeTable, `见表 1` → featureCode, `非空`, `>0`, `≥0`, `[0,2π）`, `YYYYMMDD`.)
 */
export const domain = {
  nonEmpty: { kind: 'nonEmpty' } as Domain,
  featureCode: { kind: 'featureCode' } as Domain,
  positive: { kind: 'range', min: 0, exclusiveMin: true, text: '>0' } as Domain,
  nonNegative: { kind: 'range', min: 0, text: '≥0' } as Domain,
  angle: { kind: 'range', min: 0, max: 2 * Math.PI, exclusiveMax: true, text: '[0,2π)' } as Domain,
  yyyymmdd: { kind: 'pattern', pattern: '^[0-9]{8}$', text: 'YYYYMMDD' } as Domain,
  code: (table: string, extra: { advisory?: boolean; column?: string } = {}): Domain => ({ kind: 'codeTable', table, ...extra }),
};

const { nonEmpty, featureCode, positive, nonNegative, angle, code } = domain;

/** BSM and YSDM open every Annex A table identically. */
const BSM: FieldDef = { seq: 1, code: 'BSM', name: '标识码', type: 'Int', length: 10, domain: positive, constraint: 'M' };
const YSDM: FieldDef = { seq: 2, code: 'YSDM', name: '要素代码', type: 'Char', length: 6, domain: featureCode, constraint: 'M' };

const KZD_COORD_NOTE =
  '按照测量控制网的现状填写。CGCS2000 坐标系的坐标必须填写；如有 1980 西安坐标系的控制网，须填写 1980 西安坐标系的坐标；' +
  '如两者都有，则两者都填。X 坐标、Y 坐标对应为投影坐标中的纵坐标、横坐标。';

/** 表 A.1 控制点 KZD. X80/Y80 are C: a 1980 西安 control net exists; the row shows it by carrying the other 80 coordinate. */
const KZD: TableDef = {
  name: 'KZD',
  title: '控制点',
  kind: 'layer',
  annexTable: 'A.1',
  constraint: layerConstraint('KZD'),
  fields: [
    BSM,
    YSDM,
    { seq: 3, code: 'KZDMC', name: '控制点名称', type: 'Char', length: 50, domain: nonEmpty, constraint: 'O' },
    { seq: 4, code: 'KZDDH', name: '控制点点号', type: 'Char', length: 10, domain: nonEmpty, constraint: 'O' },
    { seq: 5, code: 'KZDLX', name: '控制点类型', type: 'Char', length: 6, domain: code('C.1'), constraint: 'M' },
    { seq: 6, code: 'KZDDJ', name: '控制点等级', type: 'Char', length: 20, domain: code('C.1', { column: 'KZDDJ' }), constraint: 'M' },
    { seq: 7, code: 'BSLX', name: '标石类型', type: 'Char', length: 1, domain: code('C.2'), constraint: 'M' },
    { seq: 8, code: 'BZLX', name: '标志类型', type: 'Char', length: 1, domain: code('C.3'), constraint: 'M' },
    { seq: 9, code: 'KZDZT', name: '控制点状态', type: 'Char', length: 100, domain: nonEmpty, constraint: 'O' },
    {
      seq: 10,
      code: 'DZJ',
      name: '点之记',
      type: 'Char',
      length: 254,
      domain: nonEmpty,
      constraint: 'M',
      note: '点之记填写相对路径，即“其他资料\\点之记\\控制点点号.jpg”。',
    },
    { seq: 11, code: 'X2000', name: 'X_2000', type: 'Float', length: 10, decimals: 3, domain: nonNegative, constraint: 'M', note: KZD_COORD_NOTE },
    { seq: 12, code: 'Y2000', name: 'Y_2000', type: 'Float', length: 10, decimals: 3, domain: nonNegative, constraint: 'M', note: KZD_COORD_NOTE },
    {
      seq: 13,
      code: 'X80',
      name: 'X(E)_XA80',
      type: 'Float',
      length: 10,
      decimals: 3,
      domain: nonNegative,
      constraint: 'C',
      condition: { kind: 'fieldPresent', field: 'Y80', text: '有 1980 西安坐标系控制网（已填 Y80）' },
      note: KZD_COORD_NOTE,
    },
    {
      seq: 14,
      code: 'Y80',
      name: 'Y(E)_XA80',
      type: 'Float',
      length: 10,
      decimals: 3,
      domain: nonNegative,
      constraint: 'C',
      condition: { kind: 'fieldPresent', field: 'X80', text: '有 1980 西安坐标系控制网（已填 X80）' },
      note: KZD_COORD_NOTE,
    },
  ],
};

/** 表 A.2–A.5: the four administrative/ownership area layers differ only in code length and names. */
function areaTable(
  name: string,
  title: string,
  annexTable: string,
  codeField: string,
  codeName: string,
  codeLength: number,
  nameField: string,
  nameName: string,
  note: string,
): TableDef {
  return {
    name,
    title,
    kind: 'layer',
    annexTable,
    constraint: layerConstraint(name),
    fields: [
      BSM,
      YSDM,
      { seq: 3, code: codeField, name: codeName, type: 'Char', length: codeLength, domain: nonEmpty, constraint: 'M', note },
      { seq: 4, code: nameField, name: nameName, type: 'Char', length: 100, domain: nonEmpty, constraint: 'M' },
    ],
  };
}

const XJXZQ = areaTable('XJXZQ', '县级行政区', 'A.2', 'XZQDM', '行政区代码', 6, 'XZQMC', '行政区名称', '填写 GB/T 2260 的 6 位数字码。');
const XJQY = areaTable(
  'XJQY',
  '乡级区域',
  'A.3',
  'XJQYDM',
  '乡级区域代码',
  9,
  'XJQYMC',
  '乡级区域名称',
  '在现有县级行政区代码的基础上扩展到乡级，即县级行政区代码+乡级代码，乡镇级代码为 3 位数字码。',
);
const CJQY = areaTable(
  'CJQY',
  '村级区域',
  'A.4',
  'CJQYDM',
  '村级区域代码',
  12,
  'CJQYMC',
  '村级区域名称',
  '在乡级区域代码的基础上扩展到村级，即乡级区域代码+村级代码，村级代码为 3 位数字码。',
);
const ZJQY = areaTable(
  'ZJQY',
  '组级区域',
  'A.5',
  'ZJQYDM',
  '组级区域代码',
  14,
  'ZJQYMC',
  '组级区域名称',
  '在村级区域代码的基础上扩展到组级，即村级区域代码+组级代码，组级代码为 2 位数字码。',
);

/** 表 A.6 区域界线 QYJX */
const QYJX: TableDef = {
  name: 'QYJX',
  title: '区域界线',
  kind: 'layer',
  annexTable: 'A.6',
  constraint: layerConstraint('QYJX'),
  fields: [
    BSM,
    YSDM,
    { seq: 3, code: 'JXLX', name: '界线类型', type: 'Char', length: 6, domain: code('C.4'), constraint: 'M' },
    { seq: 4, code: 'JXXZ', name: '界线性质', type: 'Char', length: 6, domain: code('C.5'), constraint: 'M' },
  ],
};

/** 表 A.7 点状地物 DZDW */
const DZDW: TableDef = {
  name: 'DZDW',
  title: '点状地物',
  kind: 'layer',
  annexTable: 'A.7',
  constraint: layerConstraint('DZDW'),
  fields: [
    BSM,
    YSDM,
    { seq: 3, code: 'DWMC', name: '地物名称', type: 'Char', length: 10, domain: nonEmpty, constraint: 'M' },
    { seq: 4, code: 'BZ', name: '备注', type: 'Char', length: 50, domain: nonEmpty, constraint: 'O' },
  ],
};

/** 表 A.8 线状地物 XZDW */
const XZDW: TableDef = {
  name: 'XZDW',
  title: '线状地物',
  kind: 'layer',
  annexTable: 'A.8',
  constraint: layerConstraint('XZDW'),
  fields: [
    BSM,
    YSDM,
    { seq: 3, code: 'DWMC', name: '地物名称', type: 'Char', length: 10, domain: nonEmpty, constraint: 'M' },
    { seq: 4, code: 'CD', name: '长度', type: 'Float', length: 10, decimals: 2, domain: positive, constraint: 'O', unit: 'm' },
    { seq: 5, code: 'KD', name: '宽度', type: 'Float', length: 10, decimals: 2, domain: positive, constraint: 'O', unit: 'm' },
    { seq: 6, code: 'BZ', name: '备注', type: 'Char', length: 50, domain: nonEmpty, constraint: 'O' },
  ],
};

/** 表 A.9 面状地物 MZDW */
const MZDW: TableDef = {
  name: 'MZDW',
  title: '面状地物',
  kind: 'layer',
  annexTable: 'A.9',
  constraint: layerConstraint('MZDW'),
  fields: [
    BSM,
    YSDM,
    { seq: 3, code: 'DWMC', name: '地物名称', type: 'Char', length: 10, domain: nonEmpty, constraint: 'M' },
    { seq: 4, code: 'MJ', name: '面积', type: 'Float', length: 15, decimals: 2, domain: positive, constraint: 'O', unit: 'm2' },
    { seq: 5, code: 'BZ', name: '备注', type: 'Char', length: 50, domain: nonEmpty, constraint: 'O' },
    { seq: 6, code: 'MJM', name: '面积（亩）', type: 'Float', length: 15, decimals: 2, domain: positive, constraint: 'O', unit: '亩' },
  ],
};

const SIZHI_NOTE =
  '填写所调查地块四至毗邻地块（或地物）的承包方（代表）（或权利人）姓名（或名称）；毗邻道路、水渠、林带等地物或场所时，' +
  '填写具体地物或场所名称。四至信息中应至少填写 3 个方向的信息；不规则地块四至信息选择主要方向填写。';
/** The 四至 are C "for 承包地块" but only 3 of 4 are required, so the row rule (not each field) carries the check. */
const SIZHI_CONDITION = { kind: 'text', text: '承包地块（DKLB=10）四至至少填写 3 个方向（行规则）' } as const;
const CONTRACTED_PARCEL = { kind: 'fieldEquals', field: 'DKLB', values: ['10'], text: '承包地块（DKLB=10，表 C.7）' } as const;

/** 表 A.10 地块 DK */
const DK: TableDef = {
  name: 'DK',
  title: '地块',
  kind: 'layer',
  annexTable: 'A.10',
  constraint: layerConstraint('DK'),
  fields: [
    BSM,
    YSDM,
    { seq: 3, code: 'DKBM', name: '地块代码', type: 'Char', length: 19, domain: nonEmpty, constraint: 'M', note: '地块代码按照 NY/T 2538 执行。' },
    {
      seq: 4,
      code: 'DKMC',
      name: '地块名称',
      type: 'Char',
      length: 50,
      domain: nonEmpty,
      constraint: 'M',
      note: '填写地块名称（小地名）或所在的相对位置，以当地习惯方式简明表达。',
    },
    { seq: 5, code: 'SYQXZ', name: '所有权性质', type: 'Char', length: 2, domain: code('C.6'), constraint: 'O' },
    { seq: 6, code: 'DKLB', name: '地块类别', type: 'Char', length: 2, domain: code('C.7'), constraint: 'M' },
    {
      seq: 7,
      code: 'TDLYLX',
      name: '土地利用类型',
      type: 'Char',
      length: 3,
      domain: code('GB/T 21010', { advisory: true }),
      constraint: 'O',
      note: '依据 GB/T 21010 填写至二级类编码。（值域印为“非空”，代码表取自脚注）',
    },
    { seq: 8, code: 'DLDJ', name: '地力等级', type: 'Char', length: 2, domain: code('C.8'), constraint: 'M' },
    { seq: 9, code: 'TDYT', name: '土地用途', type: 'Char', length: 1, domain: code('C.9'), constraint: 'M' },
    { seq: 10, code: 'SFJBNT', name: '是否基本农田', type: 'Char', length: 1, domain: code('C.19'), constraint: 'M' },
    { seq: 11, code: 'SCMJ', name: '实测面积', type: 'Float', length: 15, decimals: 2, domain: positive, constraint: 'M', unit: 'm2' },
    { seq: 12, code: 'DKDZ', name: '地块东至', type: 'Char', length: 50, domain: nonEmpty, constraint: 'C', condition: SIZHI_CONDITION, note: SIZHI_NOTE },
    { seq: 13, code: 'DKXZ', name: '地块西至', type: 'Char', length: 50, domain: nonEmpty, constraint: 'C', condition: SIZHI_CONDITION, note: SIZHI_NOTE },
    { seq: 14, code: 'DKNZ', name: '地块南至', type: 'Char', length: 50, domain: nonEmpty, constraint: 'C', condition: SIZHI_CONDITION, note: SIZHI_NOTE },
    { seq: 15, code: 'DKBZ', name: '地块北至', type: 'Char', length: 50, domain: nonEmpty, constraint: 'C', condition: SIZHI_CONDITION, note: SIZHI_NOTE },
    { seq: 16, code: 'DKBZXX', name: '地块备注信息', type: 'Char', length: 254, domain: nonEmpty, constraint: 'O' },
    {
      seq: 17,
      code: 'ZJRXM',
      name: '指界人姓名',
      type: 'Char',
      length: 100,
      domain: nonEmpty,
      constraint: 'C',
      condition: CONTRACTED_PARCEL,
      note: '填写承包地块的指界人姓名，如有多个指界人，应填写所有指界人姓名，以逗号隔开。',
    },
    {
      seq: 18,
      code: 'KJZB',
      name: '空间坐标',
      type: 'Char',
      length: 254,
      domain: nonEmpty,
      constraint: 'M',
      note: '按照顺时针顺序，填写对地块界址走向和毗邻关系描述起关键作用的界址点号。多个界址点号之间用“/”作为分割符。',
    },
    { seq: 19, code: 'SCMJM', name: '实测面积（亩）', type: 'Float', length: 15, decimals: 2, domain: positive, constraint: 'O', unit: '亩' },
  ],
  rowRules: [
    {
      kind: 'atLeastNonEmpty',
      fields: ['DKDZ', 'DKXZ', 'DKNZ', 'DKBZ'],
      min: 3,
      when: CONTRACTED_PARCEL,
      text: '四至信息中应至少填写 3 个方向的信息（表 A.10 注 d）',
    },
  ],
};

const XY_NOTE = 'X 坐标、Y 坐标对应为投影坐标中的纵坐标、横坐标。';

/** 表 A.11 界址点 JZD */
const JZD: TableDef = {
  name: 'JZD',
  title: '界址点',
  kind: 'layer',
  annexTable: 'A.11',
  constraint: layerConstraint('JZD'),
  fields: [
    BSM,
    YSDM,
    { seq: 3, code: 'JZDH', name: '界址点号', type: 'Char', length: 10, domain: nonEmpty, constraint: 'M' },
    { seq: 4, code: 'JZDLX', name: '界址点类型', type: 'Char', length: 1, domain: code('C.11'), constraint: 'M' },
    { seq: 5, code: 'JBLX', name: '界标类型', type: 'Char', length: 1, domain: code('C.12'), constraint: 'O' },
    { seq: 6, code: 'DKBM', name: '地块代码', type: 'Char', length: 254, domain: nonEmpty, constraint: 'M', note: '涉及多个地块的用“/”作为分割符。' },
    { seq: 7, code: 'XZBZ', name: 'X 坐标值', type: 'Float', length: 10, decimals: 3, domain: positive, constraint: 'M', note: XY_NOTE },
    { seq: 8, code: 'YZBZ', name: 'Y 坐标值', type: 'Float', length: 10, decimals: 3, domain: positive, constraint: 'M', note: XY_NOTE },
  ],
};

/** 表 A.12 界址线 JZX */
const JZX: TableDef = {
  name: 'JZX',
  title: '界址线',
  kind: 'layer',
  annexTable: 'A.12',
  constraint: layerConstraint('JZX'),
  fields: [
    BSM,
    YSDM,
    { seq: 3, code: 'JXXZ', name: '界线性质', type: 'Char', length: 6, domain: code('C.5'), constraint: 'O' },
    { seq: 4, code: 'JZXLB', name: '界址线类别', type: 'Char', length: 2, domain: code('C.13'), constraint: 'O' },
    { seq: 5, code: 'JZXWZ', name: '界址线位置', type: 'Char', length: 1, domain: code('C.14'), constraint: 'M' },
    { seq: 6, code: 'JZXSM', name: '界址线说明', type: 'Char', length: 254, domain: nonEmpty, constraint: 'M' },
    { seq: 7, code: 'PLDWQLR', name: '毗邻地物权利人', type: 'Char', length: 100, domain: nonEmpty, constraint: 'M' },
    { seq: 8, code: 'PLDWZJR', name: '毗邻地物指界人', type: 'Char', length: 100, domain: nonEmpty, constraint: 'M' },
    { seq: 9, code: 'JZXH', name: '界址线号', type: 'Char', length: 10, domain: nonEmpty, constraint: 'O' },
    { seq: 10, code: 'QJZDH', name: '起界址点号', type: 'Char', length: 10, domain: nonEmpty, constraint: 'O' },
    { seq: 11, code: 'ZJZDH', name: '止界址点号', type: 'Char', length: 10, domain: nonEmpty, constraint: 'O' },
    {
      seq: 12,
      code: 'DKBM',
      name: '地块代码',
      type: 'Char',
      length: 254,
      domain: nonEmpty,
      constraint: 'M',
      note:
        '如果“地块代码”字段中填写两个毗邻地块的代码，则在填写“界址线位置”时，只填写在该界址线相对于“地块代码”字段中第一个地块的位置；' +
        '填写“毗邻地物权利人”和“毗邻地物指界人”时，应按照“地块代码”的顺序分别填写毗邻地物权利人和毗邻地物指界人信息，用“/”作为分割符。',
    },
  ],
};

/** 表 A.13 基本农田保护区 JBNTBHQ */
const JBNTBHQ: TableDef = {
  name: 'JBNTBHQ',
  title: '基本农田保护区',
  kind: 'layer',
  annexTable: 'A.13',
  constraint: layerConstraint('JBNTBHQ'),
  fields: [
    BSM,
    YSDM,
    { seq: 3, code: 'BHQBH', name: '保护区编号', type: 'Char', length: 13, domain: nonEmpty, constraint: 'O', note: '按照 TD/T 1019 执行' },
    { seq: 4, code: 'JBNTMJ', name: '基本农田面积', type: 'Float', length: 15, decimals: 2, domain: positive, constraint: 'O', unit: 'm2' },
    { seq: 5, code: 'JBNTMJM', name: '基本农田面积（亩）', type: 'Float', length: 15, decimals: 2, domain: positive, constraint: 'O', unit: '亩' },
  ],
};

/** 表 A.14 注记 ZJ (all eight 注记 rows of 表2) */
const ZJ: TableDef = {
  name: 'ZJ',
  title: '注记',
  kind: 'layer',
  annexTable: 'A.14',
  constraint: layerConstraint('ZJ'),
  fields: [
    BSM,
    YSDM,
    { seq: 3, code: 'ZJNR', name: '注记内容', type: 'Char', length: 100, domain: nonEmpty, constraint: 'M' },
    { seq: 4, code: 'ZT', name: '字体', type: 'Char', length: 20, domain: nonEmpty, constraint: 'M' },
    { seq: 5, code: 'YS', name: '颜色', type: 'Char', length: 12, domain: nonEmpty, constraint: 'M' },
    { seq: 6, code: 'BS', name: '磅数', type: 'Int', length: 4, domain: positive, constraint: 'O', unit: 'lbf' },
    { seq: 7, code: 'XZ', name: '形状', type: 'Char', length: 1, domain: nonEmpty, constraint: 'O' },
    { seq: 8, code: 'XHX', name: '下划线', type: 'Char', length: 1, domain: nonEmpty, constraint: 'O' },
    { seq: 9, code: 'KD', name: '宽度', type: 'Float', length: 15, decimals: 1, domain: positive, constraint: 'O' },
    { seq: 10, code: 'GD', name: '高度', type: 'Float', length: 15, decimals: 1, domain: positive, constraint: 'O' },
    { seq: 11, code: 'JG', name: '间隔', type: 'Float', length: 6, decimals: 2, domain: positive, constraint: 'O' },
    { seq: 12, code: 'ZJDZXJXZB', name: '注记点左下角 X 坐标', type: 'Float', length: 10, decimals: 3, domain: positive, constraint: 'M' },
    { seq: 13, code: 'ZJDZXJYZB', name: '注记点左下角 Y 坐标', type: 'Float', length: 10, decimals: 3, domain: positive, constraint: 'M' },
    { seq: 14, code: 'ZJFX', name: '注记方向', type: 'Float', length: 10, decimals: 6, domain: angle, constraint: 'M', unit: 'rad' },
  ],
};

/** 表 A.15 栅格数据 SGSJ (raster catalogue; the files themselves live under 栅格数据/) */
const SGSJ: TableDef = {
  name: 'SGSJ',
  title: '栅格数据',
  kind: 'layer',
  annexTable: 'A.15',
  constraint: layerConstraint('SGSJ'),
  fields: [
    BSM,
    YSDM,
    { seq: 3, code: 'SJWJ', name: '数据文件', type: 'Varbin', domain: nonEmpty, constraint: 'M' },
    { seq: 4, code: 'TWJ', name: '头文件', type: 'Varbin', domain: nonEmpty, constraint: 'O' },
    { seq: 5, code: 'YSJWJ', name: '元数据文件', type: 'Varbin', domain: nonEmpty, constraint: 'M' },
  ],
};

/** Annex A 表 A.1–A.15 in printed order. */
export const annexATables: readonly TableDef[] = [KZD, XJXZQ, XJQY, CJQY, ZJQY, QYJX, DZDW, XZDW, MZDW, DK, JZD, JZX, JBNTBHQ, ZJ, SGSJ];
