import type { Rng } from './random.js';

/**
 * Fictional names. Surnames are common ones (not identifying); given names and place names are
 * random combinations of ordinary characters, so no real person or village is described.
 */
const SURNAMES = chars('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文');
const MALE = chars('伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛');
const FEMALE = chars('秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽');
const PLACE = chars('石桥塘湾岭冲河畈岗圩埠湖庄坝山林溪口坊店垄洲滩港渡铺集');
const PLACE_FIRST = chars('东西南北大小新老上下前后中高长青黄白红金银柳杨桃李竹松梅兰荷凤龙马牛羊鹤双三五七九和安平顺丰永兴福寿太');
function chars(s: string): readonly string[] {
  return [...s];
}

const FIELD = '大塘田长冲田门前田屋后地河边田岗头地塘埂田坝下田冲口田垄上地湾里田山脚地林边地圩心田渠边田';
const FIELD_NAMES = FIELD.match(/.{2,3}?[田地]/gu) ?? ['大田'];
const ROADS = ['机耕路', '田间路', '生产路', '乡道', '村道'];
const DITCHES = ['排水沟', '灌溉渠', '支渠', '斗渠', '干渠', '河沟'];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function personName(rng: Rng, sex: '1' | '2', surname?: string): string {
  const s = surname ?? rng.pick(SURNAMES);
  const pool = sex === '1' ? MALE : FEMALE;
  const given = rng.chance(0.7) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
  return s + given;
}

export function surnameOf(name: string): string {
  return [...name][0];
}

/** Two-character place stem plus a suffix such as 镇, 乡, 村. */
export function placeName(rng: Rng, suffix: string): string {
  return rng.pick(PLACE_FIRST) + rng.pick(PLACE) + suffix;
}

export function fieldName(rng: Rng): string {
  return rng.pick(FIELD_NAMES);
}

/** A field road or ditch name (≤ 10 characters: XZDW.DWMC is Char 10). */
export function wayName(rng: Rng): string {
  const stem = rng.pick(PLACE_FIRST);
  return rng.chance(0.5) ? stem + rng.pick(ROADS) : stem + rng.pick(DITCHES);
}

/** 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (group names 一组 … 九十九组). */
export function chineseNumber(n: number): string {
  if (n <= 10) return NUMERALS[n - 1];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : NUMERALS[tens - 1]) + '十' + (ones ? NUMERALS[ones - 1] : '');
}

export function companyName(rng: Rng, place: string): string {
  return place + rng.pick(['种植专业合作社', '家庭农场', '农业发展有限公司', '果蔬专业合作社', '水产养殖场']);
}

export function phoneNumber(rng: Rng): string {
  return '1' + rng.pick(['3', '5', '8']) + String(rng.int(0, 999_999_999)).padStart(9, '0');
}
