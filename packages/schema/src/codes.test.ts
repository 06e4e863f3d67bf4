import { describe, expect, it } from 'vitest';
import {
  childCodes,
  codeName,
  codeTables,
  controlPointGrades,
  getCode,
  getCodeTable,
  isCodeWithin,
  isValidCode,
} from './codes.js';

/**
 * Expected content typed again from the printed 附录C (and the reference notes for the external lists), as
 * `code name` strings, so a transcription slip in codes.ts is caught here.
 */
const expected: Record<string, { name: string; codes: string }> = {
  'C.1': {
    name: '控制点类型及等级代码表',
    codes: '110100 平面控制点|110101 大地原点|110102 三角点|110103 图根点|110104 导线点|110200 高程控制点|110201 水准原点|110202 水准点|110300 卫星定位控制点|110302 卫星定位等级点',
  },
  'C.2': { name: '标石类型代码表', codes: '1 基岩标石|2 混凝土标石|3 普通标石|9 其他标石类型' },
  'C.3': { name: '标志类型代码表', codes: '1 铜标志|2 钢标志|3 刻十字标志|9 其他标志类型' },
  'C.4': {
    name: '界线类型代码表',
    codes: '250200 海岸线|250201 大潮平均高潮线|250202 零米等深线|250203 江河入海口陆海分界线|620200 国界|630200 省、自治区、直辖市界|640200 地区、自治州、地级市界|650200 县、区、旗、县级市界|660200 乡、街道、镇界|670402 开发区、保税区界|670500 街坊、村界|670901 组界',
  },
  'C.5': { name: '界线性质代码表', codes: '600001 已定界|600002 未定界|600003 争议界|600004 工作界|600009 其他界线' },
  'C.6': {
    name: '所有权性质代码表',
    codes: '10 国有土地所有权|30 集体土地所有权|31 村民小组|32 村级集体经济组织|33 乡级集体经济组织|34 其他农民集体经济组织',
  },
  'C.7': { name: '地块类别代码表', codes: '10 承包地块|21 自留地|22 机动地|23 开荒地|99 其他集体土地' },
  'C.8': {
    name: '地力等级代码表',
    codes: '01 一等地|02 二等地|03 三等地|04 四等地|05 五等地|06 六等地|07 七等地|08 八等地|09 九等地|10 十等地',
  },
  'C.9': { name: '土地用途代码表', codes: '1 种植业|2 林业|3 畜牧业|4 渔业|5 非农业用途' },
  'C.10': {
    name: '承包经营权取得方式代码表',
    codes: '100 承包|110 家庭承包|120 其他方式承包|121 招标|122 拍卖|123 公开协商|129 其他方式|200 转让|300 互换|900 其他方式',
  },
  'C.11': { name: '界址点类型代码表', codes: '1 实测法界址点|2 航测法界址点|3 图解法界址点' },
  'C.12': { name: '界标类型', codes: '1 钢钉|2 水泥桩|3 石灰桩|4 喷涂|5 瓷标志|6 无标志|7 木桩|8 埋石|9 其他界标' },
  'C.13': {
    name: '界址线类别代码表',
    codes: '01 田垄（埂）|02 沟渠|03 道路|04 行树|05 围墙|06 墙壁|07 栅栏|08 两点连线|99 其他界线',
  },
  'C.14': { name: '界址线位置', codes: '1 内|2 中|3 外' },
  'C.15': {
    name: '证件类型代码表',
    codes: '1 居民身份证|2 军官证|3 行政、企事业单位机构代码证或法人代码证|4 户口簿|5 护照|9 其他证件',
  },
  'C.16': { name: '承包方类型代码表', codes: '1 农户|2 个人|3 单位' },
  'C.17': { name: '性别代码表', codes: '1 男|2 女' },
  'C.18': {
    name: '成员备注代码表',
    codes: '1 外嫁女|2 入赘男|3 在校大学生|4 国家公职人员|5 军人（军官、士兵）|6 新生儿|7 去世|9 其他备注',
  },
  'C.19': { name: '是否代码表', codes: '1 是|2 否' },
  'GB/T 2261.1': { name: '人的性别代码', codes: '0 未知的性别|1 男性|2 女性|5 女性改(变)为男性|6 男性改(变)为女性|9 未说明的性别' },
};

const gbt4761 =
  '01 本人|02 户主|10 配偶|11 夫|12 妻|20 子|21 独生子|22 长子|23 次子|24 三子|25 四子|26 五子|27 养子或继子|28 女婿|29 其他儿子|' +
  '30 女|31 独生女|32 长女|33 次女|34 三女|35 四女|36 五女|37 养女或继女|38 儿媳|39 其他女儿|' +
  '40 孙子、孙女或外孙子、外孙女|41 孙子|42 孙女|43 外孙子|44 外孙女|45 孙媳妇或外孙媳妇|46 孙女婿或外孙女婿|47 曾孙子或外曾孙子|48 曾孙女或外曾孙女|49 其他孙子、孙女或外孙子、外孙女|' +
  '50 父母|51 父亲|52 母亲|53 公公|54 婆婆|55 岳父|56 岳母|57 继父或养父|58 继母或养母|59 其他父母关系|' +
  '60 祖父母或外祖父母|61 祖父|62 祖母|63 外祖父|64 外祖母|65 配偶的祖父母或外祖父母|66 曾祖父|67 曾祖母|68 配偶的曾祖父母或外曾祖父母|69 其他祖父母或外祖父母关系|' +
  '70 兄弟姐妹|71 兄|72 嫂|73 弟|74 弟媳|75 姐姐|76 姐夫|77 妹妹|78 妹夫|79 其他兄弟姐妹|' +
  '80 其他|81 伯父|82 伯母|83 叔父|84 婶母|85 舅父|86 舅母|87 姨父|88 姨母|89 姑父|' +
  '90 姑母|91 堂兄弟、堂姐妹|92 表兄弟、表姐妹|93 侄子|94 侄女|95 外甥|96 外甥女|97 其他亲属|99 非亲属';

const gbt21010 =
  '011 水田|012 水浇地|013 旱地|021 果园|022 茶园|023 其他园地|031 有林地|032 灌木林地|033 其他林地|041 天然牧草地|042 人工牧草地|043 其他草地|' +
  '051 批发零售用地|052 住宿餐饮用地|053 商务金融用地|054 其他商服用地|061 工业用地|062 采矿用地|063 仓储用地|071 城镇住宅用地|072 农村宅基地|' +
  '081 机关团体用地|082 新闻出版用地|083 科教用地|084 医卫慈善用地|085 文体娱乐用地|086 公共设施用地|087 公园与绿地|088 风景名胜设施用地|' +
  '091 军事设施用地|092 使领馆用地|093 监教场所用地|094 宗教用地|095 殡葬用地|' +
  '101 铁路用地|102 公路用地|103 街巷用地|104 农村道路|105 机场用地|106 港口码头用地|107 管道运输用地|' +
  '111 河流水面|112 湖泊水面|113 水库水面|114 坑塘水面|115 沿海滩涂|116 内陆滩涂|117 沟渠|118 水工建筑用地|119 冰川及永久积雪|' +
  '121 空闲地|122 设施农用地|123 田坎|124 盐碱地|125 沼泽地|126 沙地|127 裸地';

const listOf = (id: string) => getCodeTable(id)!.codes.map((c) => `${c.code} ${c.name}`);

describe('code tables', () => {
  it('holds the 19 Annex C tables in order plus the three external lists', () => {
    expect(codeTables.map((t) => t.id)).toEqual([
      ...Array.from({ length: 19 }, (_, i) => `C.${i + 1}`),
      'GB/T 4761',
      'GB/T 2261.1',
      'GB/T 21010',
    ]);
  });

  it.each(Object.entries(expected))('%s has every printed code and name', (id, want) => {
    const table = getCodeTable(id)!;
    expect(table.name).toBe(want.name);
    expect(listOf(id)).toEqual(want.codes.split('|'));
  });

  it('has the counts per table', () => {
    const counts = Object.fromEntries(codeTables.map((t) => [t.id, t.codes.length]));
    expect(counts).toEqual({
      'C.1': 10, 'C.2': 4, 'C.3': 4, 'C.4': 12, 'C.5': 5, 'C.6': 6, 'C.7': 5, 'C.8': 10, 'C.9': 5, 'C.10': 10,
      'C.11': 3, 'C.12': 9, 'C.13': 9, 'C.14': 3, 'C.15': 6, 'C.16': 3, 'C.17': 2, 'C.18': 8, 'C.19': 2,
      'GB/T 4761': 84, 'GB/T 2261.1': 6, 'GB/T 21010': 57,
    });
  });

  it('GB/T 4761 family relationships: full list, 户主 is 02, 98 and 03–09 do not exist', () => {
    expect(listOf('GB/T 4761')).toEqual(gbt4761.split('|'));
    expect(codeName('GB/T 4761', '02')).toBe('户主');
    for (const bad of ['98', '03', '09', '00', '2', '100']) expect(isValidCode('GB/T 4761', bad)).toBe(false);
    // the codes match the regex the reference notes give for the valid set
    for (const c of getCodeTable('GB/T 4761')!.codes) expect(c.code).toMatch(/^(0[12]|1[0-2]|[2-8]\d|9[0-79])$/);
  });

  it('GB/T 21010 (2007) second level is advisory and 3 digits with its first-level class', () => {
    const t = getCodeTable('GB/T 21010')!;
    expect(t.advisory).toBe(true);
    expect(listOf('GB/T 21010')).toEqual(gbt21010.split('|'));
    expect(getCode('GB/T 21010', '117')?.extra).toEqual({ firstLevel: '11', firstLevelName: '水域及水利设施用地' });
    expect(isValidCode('GB/T 21010', '0101')).toBe(false); // 2017 edition code
    expect(isValidCode('GB/T 21010', '01')).toBe(false); // first level only
  });

  it('codes are unique within each table and every table cites its source', () => {
    for (const t of codeTables) {
      expect(new Set(t.codes.map((c) => c.code)).size, t.id).toBe(t.codes.length);
      expect(t.source, t.id).toBeTruthy();
    }
  });

  it('C.1 lists the allowed 等级 per 控制点类型', () => {
    expect(controlPointGrades('110101')).toEqual(['大地原点']);
    expect(controlPointGrades('110102')).toEqual(['一等', '二等', '三等', '四等', '5秒', '10秒']);
    expect(controlPointGrades('110103')).toEqual(['一级', '二级', '三级']);
    expect(controlPointGrades('110104')).toEqual(['一级', '二级']);
    expect(controlPointGrades('110201')).toEqual(['水准原点']);
    expect(controlPointGrades('110202')).toEqual(['一等', '二等', '三等', '四等', '图根水准']);
    expect(controlPointGrades('110302')).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(controlPointGrades('110100')).toBeUndefined(); // class row: no 等级 printed
    expect(controlPointGrades('110301')).toBeUndefined(); // not in the table
    expect(childCodes('C.1', '110300').map((c) => c.code)).toEqual(['110302']);
  });

  it('C.10 hierarchy: 100 › 110, 120 › 121–129; 200, 300, 900 top level', () => {
    const parents = Object.fromEntries(getCodeTable('C.10')!.codes.map((c) => [c.code, c.parent]));
    expect(parents).toEqual({
      '100': '', '110': '100', '120': '100', '121': '120', '122': '120', '123': '120', '129': '120',
      '200': '', '300': '', '900': '',
    });
    expect(childCodes('C.10', '').map((c) => c.code)).toEqual(['100', '200', '300', '900']);
    expect(childCodes('C.10', '120').map((c) => c.code)).toEqual(['121', '122', '123', '129']);
    expect(isCodeWithin('C.10', '121', '100')).toBe(true);
    expect(isCodeWithin('C.10', '121', '120')).toBe(true);
    expect(isCodeWithin('C.10', '110', '120')).toBe(false);
    expect(isCodeWithin('C.10', '900', '100')).toBe(false);
    expect(isCodeWithin('C.10', '100', '100')).toBe(true);
  });

  it('C.4 and C.6 keep the printed indentation as parents', () => {
    expect(childCodes('C.4', '250200').map((c) => c.code)).toEqual(['250201', '250202', '250203']);
    expect(childCodes('C.6', '30').map((c) => c.code)).toEqual(['31', '32', '33', '34']);
  });

  it('isValidCode matches exactly: no trimming, no padding, no numbers', () => {
    expect(isValidCode('C.8', '01')).toBe(true);
    expect(isValidCode('C.8', '1')).toBe(false);
    expect(isValidCode('C.9', ' 1')).toBe(false);
    expect(isValidCode('C.9', '1 ')).toBe(false);
    expect(isValidCode('C.9', 1)).toBe(false);
    expect(isValidCode('C.9', null)).toBe(false);
    expect(isValidCode('C.9', undefined)).toBe(false);
    expect(isValidCode('C.19', '0')).toBe(false);
    expect(() => isValidCode('C.20', '1')).toThrow(/unknown code table C\.20/);
  });

  it('codeName and getCodeTable answer unknown ids and codes with undefined', () => {
    expect(codeName('C.16', '1')).toBe('农户');
    expect(codeName('C.16', '4')).toBeUndefined();
    expect(codeName('nope', '1')).toBeUndefined();
    expect(getCodeTable('nope')).toBeUndefined();
    expect(codeName('C.10', '129')).toBe('其他方式');
    expect(codeName('C.10', '900')).toBe('其他方式');
  });
});
