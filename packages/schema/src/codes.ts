import type { CodeDef, CodeTableDef, CodeTableId } from './types.js';

/**
 * NY/T 2539-2016 附录C 属性值代码 (表C.1–C.19), plus the external code lists Annex A/B point to
 * (GB/T 4761 与户主关系, GB/T 2261.1 性别, GB/T 21010-2007 二级类).
 * Codes and names are as printed in the 报批稿 v0.9 (pdf pages 20–24). Where the printed table is
 * ambiguous, the table's `note` says what we read and why.
 *
 * Hierarchy: the printed tables indent sub-codes under class codes (C.1, C.4, C.6, C.10); `parent` records
 * that indentation. Class codes stay valid values: the standard lists them as codes, and real data use
 * e.g. 承包经营权取得方式 100 (承包) and 所有权性质 30 (集体土地所有权).
 */

const SPEC = 'NY/T 2539-2016 附录C';

/** Build CodeDefs from `[code, name]` pairs (flat tables). */
function flat(pairs: readonly (readonly [string, string])[]): CodeDef[] {
  return pairs.map(([code, name]) => ({ code, name, parent: '' }));
}

/** Build CodeDefs from `[code, name, parent]` triples (hierarchical tables). */
function tree(rows: readonly (readonly [string, string, string])[]): CodeDef[] {
  return rows.map(([code, name, parent]) => ({ code, name, parent }));
}

/** 表C.1: `KZDDJ` lists the 控制点等级 values the table allows for the 控制点类型 (KZDLX). */
const controlPointTypes: CodeDef[] = [
  { code: '110100', name: '平面控制点', parent: '' },
  { code: '110101', name: '大地原点', parent: '110100', extra: { KZDDJ: ['大地原点'] } },
  { code: '110102', name: '三角点', parent: '110100', extra: { KZDDJ: ['一等', '二等', '三等', '四等', '5秒', '10秒'] } },
  { code: '110103', name: '图根点', parent: '110100', extra: { KZDDJ: ['一级', '二级', '三级'] } },
  { code: '110104', name: '导线点', parent: '110100', extra: { KZDDJ: ['一级', '二级'] } },
  { code: '110200', name: '高程控制点', parent: '' },
  { code: '110201', name: '水准原点', parent: '110200', extra: { KZDDJ: ['水准原点'] } },
  { code: '110202', name: '水准点', parent: '110200', extra: { KZDDJ: ['一等', '二等', '三等', '四等', '图根水准'] } },
  { code: '110300', name: '卫星定位控制点', parent: '' },
  { code: '110302', name: '卫星定位等级点', parent: '110300', extra: { KZDDJ: ['A', 'B', 'C', 'D', 'E'] } },
];

export const codeTables: readonly CodeTableDef[] = [
  {
    id: 'C.1',
    name: '控制点类型及等级代码表',
    source: `${SPEC} 表C.1`,
    codes: controlPointTypes,
    note:
      '等级 values are printed as one comma list per type ("一等，二等，三等，四等，5 秒，10 秒"); we split on the ' +
      'comma and drop the space inside "5 秒". Class rows (110100/110200/110300) print no 等级. There is no 110301. ' +
      '注2: 导线点 means 一级/二级 traverses with 5″/10″ accuracy; 注3: 图根导线 is recorded as 图根点.',
  },
  {
    id: 'C.2',
    name: '标石类型代码表',
    source: `${SPEC} 表C.2`,
    codes: flat([
      ['1', '基岩标石'],
      ['2', '混凝土标石'],
      ['3', '普通标石'],
      ['9', '其他标石类型'],
    ]),
  },
  {
    id: 'C.3',
    name: '标志类型代码表',
    source: `${SPEC} 表C.3`,
    codes: flat([
      ['1', '铜标志'],
      ['2', '钢标志'],
      ['3', '刻十字标志'],
      ['9', '其他标志类型'],
    ]),
  },
  {
    id: 'C.4',
    name: '界线类型代码表',
    source: `${SPEC} 表C.4 (按GB/T 13923-2006编码原则扩充)`,
    codes: tree([
      ['250200', '海岸线', ''],
      ['250201', '大潮平均高潮线', '250200'],
      ['250202', '零米等深线', '250200'],
      ['250203', '江河入海口陆海分界线', '250200'],
      ['620200', '国界', ''],
      ['630200', '省、自治区、直辖市界', ''],
      ['640200', '地区、自治州、地级市界', ''],
      ['650200', '县、区、旗、县级市界', ''],
      ['660200', '乡、街道、镇界', ''],
      ['670402', '开发区、保税区界', ''],
      ['670500', '街坊、村界', ''],
      ['670901', '组界', ''],
    ]),
    note:
      '250201–250203 are printed indented under 250200 (海岸线). 670402 is printed slightly indented too, but its ' +
      'GB/T 13923 class 670400 is not in the table, so it has no parent here.',
  },
  {
    id: 'C.5',
    name: '界线性质代码表',
    source: `${SPEC} 表C.5 (根据GB/T 13923-2006编码原则扩充)`,
    codes: flat([
      ['600001', '已定界'],
      ['600002', '未定界'],
      ['600003', '争议界'],
      ['600004', '工作界'],
      ['600009', '其他界线'],
    ]),
  },
  {
    id: 'C.6',
    name: '所有权性质代码表',
    source: `${SPEC} 表C.6 (代码引自TD/T 1015)`,
    codes: tree([
      ['10', '国有土地所有权', ''],
      ['30', '集体土地所有权', ''],
      ['31', '村民小组', '30'],
      ['32', '村级集体经济组织', '30'],
      ['33', '乡级集体经济组织', '30'],
      ['34', '其他农民集体经济组织', '30'],
    ]),
    note: '31–34 are printed indented under 30 (集体土地所有权).',
  },
  {
    id: 'C.7',
    name: '地块类别代码表',
    source: `${SPEC} 表C.7`,
    codes: flat([
      ['10', '承包地块'],
      ['21', '自留地'],
      ['22', '机动地'],
      ['23', '开荒地'],
      ['99', '其他集体土地'],
    ]),
    note: 'The column heading reads 地块性质 although the table is 地块类别.',
  },
  {
    id: 'C.8',
    name: '地力等级代码表',
    source: `${SPEC} 表C.8`,
    codes: flat([
      ['01', '一等地'],
      ['02', '二等地'],
      ['03', '三等地'],
      ['04', '四等地'],
      ['05', '五等地'],
      ['06', '六等地'],
      ['07', '七等地'],
      ['08', '八等地'],
      ['09', '九等地'],
      ['10', '十等地'],
    ]),
  },
  {
    id: 'C.9',
    name: '土地用途代码表',
    source: `${SPEC} 表C.9`,
    codes: flat([
      ['1', '种植业'],
      ['2', '林业'],
      ['3', '畜牧业'],
      ['4', '渔业'],
      ['5', '非农业用途'],
    ]),
  },
  {
    id: 'C.10',
    name: '承包经营权取得方式代码表',
    source: `${SPEC} 表C.10`,
    codes: tree([
      ['100', '承包', ''],
      ['110', '家庭承包', '100'],
      ['120', '其他方式承包', '100'],
      ['121', '招标', '120'],
      ['122', '拍卖', '120'],
      ['123', '公开协商', '120'],
      ['129', '其他方式', '120'],
      ['200', '转让', ''],
      ['300', '互换', ''],
      ['900', '其他方式', ''],
    ]),
    note:
      'Hierarchy from the printed indentation (three levels: 100 › 110/120 › 121–129). 129 and 900 share the ' +
      'name 其他方式; they differ by parent. The same table serves CBHT.CBFS (承包方式) and CBDKXX.CBJYQQDFS.',
  },
  {
    id: 'C.11',
    name: '界址点类型代码表',
    source: `${SPEC} 表C.11`,
    codes: flat([
      ['1', '实测法界址点'],
      ['2', '航测法界址点'],
      ['3', '图解法界址点'],
    ]),
  },
  {
    id: 'C.12',
    name: '界标类型',
    source: `${SPEC} 表C.12`,
    codes: flat([
      ['1', '钢钉'],
      ['2', '水泥桩'],
      ['3', '石灰桩'],
      ['4', '喷涂'],
      ['5', '瓷标志'],
      ['6', '无标志'],
      ['7', '木桩'],
      ['8', '埋石'],
      ['9', '其他界标'],
    ]),
    note: 'Printed title is 界标类型 (without 代码表).',
  },
  {
    id: 'C.13',
    name: '界址线类别代码表',
    source: `${SPEC} 表C.13`,
    codes: flat([
      ['01', '田垄（埂）'],
      ['02', '沟渠'],
      ['03', '道路'],
      ['04', '行树'],
      ['05', '围墙'],
      ['06', '墙壁'],
      ['07', '栅栏'],
      ['08', '两点连线'],
      ['99', '其他界线'],
    ]),
  },
  {
    id: 'C.14',
    name: '界址线位置',
    source: `${SPEC} 表C.14`,
    codes: flat([
      ['1', '内'],
      ['2', '中'],
      ['3', '外'],
    ]),
    note: 'Printed title is 界址线位置 (without 代码表).',
  },
  {
    id: 'C.15',
    name: '证件类型代码表',
    source: `${SPEC} 表C.15`,
    codes: flat([
      ['1', '居民身份证'],
      ['2', '军官证'],
      ['3', '行政、企事业单位机构代码证或法人代码证'],
      ['4', '户口簿'],
      ['5', '护照'],
      ['9', '其他证件'],
    ]),
  },
  {
    id: 'C.16',
    name: '承包方类型代码表',
    source: `${SPEC} 表C.16`,
    codes: flat([
      ['1', '农户'],
      ['2', '个人'],
      ['3', '单位'],
    ]),
  },
  {
    id: 'C.17',
    name: '性别代码表',
    source: `${SPEC} 表C.17 (按照GB/T 2261.1执行)`,
    codes: flat([
      ['1', '男'],
      ['2', '女'],
    ]),
    note: 'Only 1 and 2, although the note refers to GB/T 2261.1 (which also has 0, 5, 6, 9; see table "GB/T 2261.1").',
  },
  {
    id: 'C.18',
    name: '成员备注代码表',
    source: `${SPEC} 表C.18`,
    codes: flat([
      ['1', '外嫁女'],
      ['2', '入赘男'],
      ['3', '在校大学生'],
      ['4', '国家公职人员'],
      ['5', '军人（军官、士兵）'],
      ['6', '新生儿'],
      ['7', '去世'],
      ['9', '其他备注'],
    ]),
  },
  {
    id: 'C.19',
    name: '是否代码表',
    source: `${SPEC} 表C.19`,
    codes: flat([
      ['1', '是'],
      ['2', '否'],
    ]),
  },
  {
    id: 'GB/T 4761',
    name: '家庭关系代码',
    source: 'GB/T 4761-2008 (NY/T 2539 B.4: 与户主关系 按照 GB/T 4761 填写二位数字码)',
    codes: flat([
      ['01', '本人'],
      ['02', '户主'],
      ['10', '配偶'],
      ['11', '夫'],
      ['12', '妻'],
      ['20', '子'],
      ['21', '独生子'],
      ['22', '长子'],
      ['23', '次子'],
      ['24', '三子'],
      ['25', '四子'],
      ['26', '五子'],
      ['27', '养子或继子'],
      ['28', '女婿'],
      ['29', '其他儿子'],
      ['30', '女'],
      ['31', '独生女'],
      ['32', '长女'],
      ['33', '次女'],
      ['34', '三女'],
      ['35', '四女'],
      ['36', '五女'],
      ['37', '养女或继女'],
      ['38', '儿媳'],
      ['39', '其他女儿'],
      ['40', '孙子、孙女或外孙子、外孙女'],
      ['41', '孙子'],
      ['42', '孙女'],
      ['43', '外孙子'],
      ['44', '外孙女'],
      ['45', '孙媳妇或外孙媳妇'],
      ['46', '孙女婿或外孙女婿'],
      ['47', '曾孙子或外曾孙子'],
      ['48', '曾孙女或外曾孙女'],
      ['49', '其他孙子、孙女或外孙子、外孙女'],
      ['50', '父母'],
      ['51', '父亲'],
      ['52', '母亲'],
      ['53', '公公'],
      ['54', '婆婆'],
      ['55', '岳父'],
      ['56', '岳母'],
      ['57', '继父或养父'],
      ['58', '继母或养母'],
      ['59', '其他父母关系'],
      ['60', '祖父母或外祖父母'],
      ['61', '祖父'],
      ['62', '祖母'],
      ['63', '外祖父'],
      ['64', '外祖母'],
      ['65', '配偶的祖父母或外祖父母'],
      ['66', '曾祖父'],
      ['67', '曾祖母'],
      ['68', '配偶的曾祖父母或外曾祖父母'],
      ['69', '其他祖父母或外祖父母关系'],
      ['70', '兄弟姐妹'],
      ['71', '兄'],
      ['72', '嫂'],
      ['73', '弟'],
      ['74', '弟媳'],
      ['75', '姐姐'],
      ['76', '姐夫'],
      ['77', '妹妹'],
      ['78', '妹夫'],
      ['79', '其他兄弟姐妹'],
      ['80', '其他'],
      ['81', '伯父'],
      ['82', '伯母'],
      ['83', '叔父'],
      ['84', '婶母'],
      ['85', '舅父'],
      ['86', '舅母'],
      ['87', '姨父'],
      ['88', '姨母'],
      ['89', '姑父'],
      ['90', '姑母'],
      ['91', '堂兄弟、堂姐妹'],
      ['92', '表兄弟、表姐妹'],
      ['93', '侄子'],
      ['94', '侄女'],
      ['95', '外甥'],
      ['96', '外甥女'],
      ['97', '其他亲属'],
      ['99', '非亲属'],
    ]),
    note:
      'Not printed in NY/T 2539; taken from two independent implementations that agree (coding-rules.md §4.4). ' +
      'In 确权 data the household head is 02 (户主), not 01 (本人). 98 and 03–09 do not exist.',
  },
  {
    id: 'GB/T 2261.1',
    name: '人的性别代码',
    source: 'GB/T 2261.1-2003',
    codes: flat([
      ['0', '未知的性别'],
      ['1', '男性'],
      ['2', '女性'],
      ['5', '女性改(变)为男性'],
      ['6', '男性改(变)为女性'],
      ['9', '未说明的性别'],
    ]),
    note: 'The full national list. NY/T 2539 fields use 表C.17, which allows only 1 and 2.',
  },
  {
    id: 'GB/T 21010',
    name: '土地利用现状分类 (2007) 二级类',
    source: 'GB/T 21010-2007 (NY/T 2539 A.10 note c: 依据 GB/T 21010 填写至二级类编码)',
    advisory: true,
    codes: landUse2007(),
    note:
      'Written from the commonly published 2007 list, not checked against the standard text: values outside it ' +
      'are warnings, not errors. The 2017 edition uses 4-digit codes, which do not fit the Char(3) field.',
  },
];

/** GB/T 21010-2007 second-level classes; `extra` names the first-level class they belong to. */
function landUse2007(): CodeDef[] {
  const classes: readonly (readonly [string, string, readonly string[]])[] = [
    ['01', '耕地', ['水田', '水浇地', '旱地']],
    ['02', '园地', ['果园', '茶园', '其他园地']],
    ['03', '林地', ['有林地', '灌木林地', '其他林地']],
    ['04', '草地', ['天然牧草地', '人工牧草地', '其他草地']],
    ['05', '商服用地', ['批发零售用地', '住宿餐饮用地', '商务金融用地', '其他商服用地']],
    ['06', '工矿仓储用地', ['工业用地', '采矿用地', '仓储用地']],
    ['07', '住宅用地', ['城镇住宅用地', '农村宅基地']],
    [
      '08',
      '公共管理与公共服务用地',
      ['机关团体用地', '新闻出版用地', '科教用地', '医卫慈善用地', '文体娱乐用地', '公共设施用地', '公园与绿地', '风景名胜设施用地'],
    ],
    ['09', '特殊用地', ['军事设施用地', '使领馆用地', '监教场所用地', '宗教用地', '殡葬用地']],
    ['10', '交通运输用地', ['铁路用地', '公路用地', '街巷用地', '农村道路', '机场用地', '港口码头用地', '管道运输用地']],
    [
      '11',
      '水域及水利设施用地',
      ['河流水面', '湖泊水面', '水库水面', '坑塘水面', '沿海滩涂', '内陆滩涂', '沟渠', '水工建筑用地', '冰川及永久积雪'],
    ],
    ['12', '其他土地', ['空闲地', '设施农用地', '田坎', '盐碱地', '沼泽地', '沙地', '裸地']],
  ];
  return classes.flatMap(([classCode, className, names]) =>
    names.map((name, i) => ({
      code: `${classCode}${i + 1}`,
      name,
      parent: '',
      extra: { firstLevel: classCode, firstLevelName: className },
    })),
  );
}

const byId = new Map<CodeTableId, CodeTableDef>(codeTables.map((t) => [t.id, t]));
const codeIndex = new Map<CodeTableId, Map<string, CodeDef>>(
  codeTables.map((t) => [t.id, new Map(t.codes.map((c) => [c.code, c]))]),
);

/** The code table with this id ('C.1'…'C.19', 'GB/T 4761', 'GB/T 2261.1', 'GB/T 21010'), or undefined. */
export function getCodeTable(id: CodeTableId): CodeTableDef | undefined {
  return byId.get(id);
}

/** The code entry, or undefined when the table or the code is unknown. Exact match: no trimming. */
export function getCode(tableId: CodeTableId, value: string): CodeDef | undefined {
  return codeIndex.get(tableId)?.get(value);
}

/**
 * Whether `value` is a code of the table. Exact match on the stored text: ' 1', '01' for '1' or a number
 * are not codes (spaces and padding are separate findings). Throws on an unknown table id, a programming error.
 */
export function isValidCode(tableId: CodeTableId, value: string | number | null | undefined): boolean {
  const index = codeIndex.get(tableId);
  if (!index) throw new Error(`unknown code table ${tableId}`);
  return typeof value === 'string' && index.has(value);
}

/** The printed name of a code, or undefined. */
export function codeName(tableId: CodeTableId, value: string): string | undefined {
  return getCode(tableId, value)?.name;
}

/** Direct children of a code in a hierarchical table (C.1, C.4, C.6, C.10). */
export function childCodes(tableId: CodeTableId, parent: string): readonly CodeDef[] {
  return getCodeTable(tableId)?.codes.filter((c) => c.parent === parent) ?? [];
}

/** Whether `code` is `ancestor` or lies below it in the table's hierarchy (e.g. 121 under 100 in C.10). */
export function isCodeWithin(tableId: CodeTableId, code: string, ancestor: string): boolean {
  for (let c = getCode(tableId, code); c; c = c.parent ? getCode(tableId, c.parent) : undefined) {
    if (c.code === ancestor) return true;
  }
  return false;
}

/** 控制点等级 values 表C.1 allows for a 控制点类型 code; undefined when the type is unknown or a class row. */
export function controlPointGrades(KZDLX: string): readonly string[] | undefined {
  const grades = getCode('C.1', KZDLX)?.extra?.KZDDJ;
  return typeof grades === 'string' ? [grades] : grades;
}
