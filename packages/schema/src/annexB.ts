import { domain } from './annexA.js';
import { ownershipTables } from './features.js';
import type { Condition, FieldDef, TableDef } from './types.js';

/**
 * NY/T 2539-2016 附录B 权属数据表结构, 表 B.1–B.12, fields in printed order (the 报批稿 v0.9 text; where the
 * published text or the Access template differ, see decisions.ts). Dates are `Date 8 YYYYMMDD`; the .mdb
 * stores them as DateTime (physical.ts).
 */

const { nonEmpty, positive, yyyymmdd, code } = domain;

/** A table's M/C/O and condition come from 表3 (features.ts), never re-typed here. */
function ownership(table: string): Pick<TableDef, 'constraint' | 'condition'> {
  const row = ownershipTables.find((t) => t.table === table);
  if (!row) throw new Error(`表3 has no table ${table}`);
  return row.condition ? { constraint: row.constraint, condition: row.condition } : { constraint: row.constraint };
}

const NYT2538 = '按照 NY/T 2538 执行。';

/**
 * "C/有原承包合同？": whether the household had an original contract is known from CBHT.YCBHTBM, so on a
 * CBDKXX row it takes a lookup (the checker's cross-table rule); on a CBHT row it is the row's own YCBHTBM.
 */
const HAS_ORIGINAL_CONTRACT_LOOKUP: Condition = { kind: 'text', text: '有原承包合同（对应 CBHT.YCBHTBM 已填写）' };
const HAS_ORIGINAL_CONTRACT: Condition = { kind: 'fieldPresent', field: 'YCBHTBM', text: '有原承包合同（已填原承包合同代码 YCBHTBM）' };
const CERTIFICATE_COLLECTED: Condition = { kind: 'fieldEquals', field: 'QZSFLQ', values: ['1'], text: '权证已领取（QZSFLQ=1，表 C.19）' };

/** 表 B.1 承包地块信息 CBDKXX */
const CBDKXX: TableDef = {
  name: 'CBDKXX',
  title: '承包地块信息',
  kind: 'attribute',
  annexTable: 'B.1',
  ...ownership('CBDKXX'),
  fields: [
    { seq: 1, code: 'DKBM', name: '地块代码', type: 'Char', length: 19, domain: nonEmpty, constraint: 'M' },
    { seq: 2, code: 'FBFBM', name: '发包方代码', type: 'Char', length: 14, domain: nonEmpty, constraint: 'M', note: NYT2538 },
    { seq: 3, code: 'CBFBM', name: '承包方代码', type: 'Char', length: 18, domain: nonEmpty, constraint: 'M', note: NYT2538 },
    { seq: 4, code: 'CBJYQQDFS', name: '承包经营权取得方式', type: 'Char', length: 3, domain: code('C.10'), constraint: 'M' },
    {
      seq: 5,
      code: 'HTMJ',
      name: '确权（合同）面积',
      type: 'Float',
      length: 15,
      decimals: 2,
      domain: positive,
      constraint: 'M',
      unit: 'm2',
      note:
        '确权（合同）面积填写农村土地承包经营权确权登记颁证申请提供的权属来源资料中记录的相应地块的面积，应与开展土地承包经营权确权登记颁证' +
        '重新签订、补签或完善的土地承包合同记载的相应地块“合同面积”一致。',
    },
    { seq: 6, code: 'CBHTBM', name: '承包合同代码', type: 'Char', length: 19, domain: nonEmpty, constraint: 'M', note: NYT2538 },
    {
      seq: 7,
      code: 'LZHTBM',
      name: '流转合同代码',
      type: 'Char',
      length: 18,
      domain: nonEmpty,
      constraint: 'O',
      note: '流转合同作为农村土地承包经营权确权登记颁证申请提供的权属来源资料时填写。采用 18 位数字码：14 位发包方编码+4 位合同顺序码。',
    },
    { seq: 8, code: 'CBJYQZBM', name: '承包经营权证(登记簿)代码', type: 'Char', length: 19, domain: nonEmpty, constraint: 'M', note: NYT2538 },
    {
      seq: 9,
      code: 'YHTMJ',
      name: '原合同面积',
      type: 'Float',
      length: 15,
      decimals: 2,
      domain: positive,
      constraint: 'C',
      condition: HAS_ORIGINAL_CONTRACT_LOOKUP,
      unit: 'm2',
      note: '原合同面积填写开展本次确权登记颁证之前，本集体经济组织农户认可的承包合同或者土地台账上记载的合同面积。',
    },
    { seq: 10, code: 'HTMJM', name: '确权（合同）面积（亩）', type: 'Float', length: 15, decimals: 2, domain: positive, constraint: 'O', unit: '亩' },
    {
      seq: 11,
      code: 'YHTMJM',
      name: '原合同面积（亩）',
      type: 'Float',
      length: 15,
      decimals: 2,
      domain: positive,
      constraint: 'C',
      condition: HAS_ORIGINAL_CONTRACT_LOOKUP,
      unit: '亩',
    },
    {
      seq: 12,
      code: 'SFQQQG',
      name: '是否确权确股',
      type: 'Char',
      length: 1,
      domain: code('C.19'),
      constraint: 'O',
      note: '填写是否是确权确股不确地的地块，如果是确权确股不确地的地块，确权（合同）面积字段填写该农户按其股份计算占有的确权（合同）面积。',
    },
  ],
};

/** 表 B.2 发包方 FBF. FBFDCJS prints C without a condition; B.3 words the same field "C/有调查记事？". */
const FBF: TableDef = {
  name: 'FBF',
  title: '发包方',
  kind: 'attribute',
  annexTable: 'B.2',
  ...ownership('FBF'),
  fields: [
    { seq: 1, code: 'FBFBM', name: '发包方代码', type: 'Char', length: 14, domain: nonEmpty, constraint: 'M' },
    { seq: 2, code: 'FBFMC', name: '发包方名称', type: 'Char', length: 50, domain: nonEmpty, constraint: 'M' },
    { seq: 3, code: 'FBFFZRXM', name: '发包方负责人姓名', type: 'Char', length: 50, domain: nonEmpty, constraint: 'M' },
    { seq: 4, code: 'FZRZJLX', name: '负责人证件类型', type: 'Char', length: 1, domain: code('C.15'), constraint: 'M' },
    { seq: 5, code: 'FZRZJHM', name: '负责人证件号码', type: 'Char', length: 30, domain: nonEmpty, constraint: 'M' },
    { seq: 6, code: 'LXDH', name: '联系电话', type: 'Char', length: 15, domain: nonEmpty, constraint: 'O' },
    { seq: 7, code: 'FBFDZ', name: '发包方地址', type: 'Char', length: 100, domain: nonEmpty, constraint: 'M' },
    { seq: 8, code: 'YZBM', name: '邮政编码', type: 'Char', length: 6, domain: nonEmpty, constraint: 'M' },
    { seq: 9, code: 'FBFDCY', name: '发包方调查员', type: 'Char', length: 254, domain: nonEmpty, constraint: 'M' },
    { seq: 10, code: 'FBFDCRQ', name: '发包方调查日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    {
      seq: 11,
      code: 'FBFDCJS',
      name: '发包方调查记事',
      type: 'Char',
      length: 254,
      domain: nonEmpty,
      constraint: 'C',
      condition: { kind: 'text', text: '有调查记事（条件未印出，同表 B.3 CBFDCJS）' },
    },
  ],
};

const CBF_A = '如承包方类型为“农户”，应填写户主信息，并填写表 B.4；如承包方类型为“个人”，应填写承包方本人信息；如承包方类型为“单位”，应填写单位法人代表信息。';
const CBF_C = '应填写最终公示无异议的公示信息。';

/** 表 B.3 承包方 CBF */
const CBF: TableDef = {
  name: 'CBF',
  title: '承包方',
  kind: 'attribute',
  annexTable: 'B.3',
  ...ownership('CBF'),
  fields: [
    { seq: 1, code: 'CBFBM', name: '承包方代码', type: 'Char', length: 18, domain: nonEmpty, constraint: 'M' },
    { seq: 2, code: 'CBFLX', name: '承包方类型', type: 'Char', length: 1, domain: code('C.16'), constraint: 'M' },
    { seq: 3, code: 'CBFMC', name: '承包方(代表)名称', type: 'Char', length: 50, domain: nonEmpty, constraint: 'M', note: CBF_A },
    { seq: 4, code: 'CBFZJLX', name: '承包方(代表)证件类型', type: 'Char', length: 1, domain: code('C.15'), constraint: 'M', note: CBF_A },
    { seq: 5, code: 'CBFZJHM', name: '承包方(代表)证件号码', type: 'Char', length: 20, domain: nonEmpty, constraint: 'M', note: CBF_A },
    { seq: 6, code: 'CBFDZ', name: '承包方地址', type: 'Char', length: 100, domain: nonEmpty, constraint: 'M', note: CBF_A },
    { seq: 7, code: 'YZBM', name: '邮政编码', type: 'Char', length: 6, domain: nonEmpty, constraint: 'M', note: CBF_A },
    { seq: 8, code: 'LXDH', name: '联系电话', type: 'Char', length: 20, domain: nonEmpty, constraint: 'O', note: CBF_A },
    {
      seq: 9,
      code: 'CBFCYSL',
      name: '承包方成员数量',
      type: 'Int',
      length: 2,
      domain: positive,
      constraint: 'M',
      note: '如承包方类型为“个人”或“单位”，填写“1”；如承包方类型为“农户”时，应填写家庭成员数量。',
    },
    { seq: 10, code: 'CBFDCRQ', name: '承包方调查日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    { seq: 11, code: 'CBFDCY', name: '承包方调查员', type: 'Char', length: 50, domain: nonEmpty, constraint: 'M' },
    {
      seq: 12,
      code: 'CBFDCJS',
      name: '承包方调查记事',
      type: 'Char',
      length: 254,
      domain: nonEmpty,
      constraint: 'C',
      condition: { kind: 'text', text: 'C/有调查记事？' },
    },
    {
      seq: 13,
      code: 'GSJS',
      name: '公示记事',
      type: 'Char',
      length: 254,
      domain: nonEmpty,
      constraint: 'C',
      condition: { kind: 'text', text: 'C/有公示记事？' },
      note: CBF_C,
    },
    { seq: 14, code: 'GSJSR', name: '公示记事人', type: 'Char', length: 50, domain: nonEmpty, constraint: 'M', note: CBF_C },
    { seq: 15, code: 'GSSHRQ', name: '公示审核日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M', note: CBF_C },
    { seq: 16, code: 'GSSHR', name: '公示审核人', type: 'Char', length: 50, domain: nonEmpty, constraint: 'M', note: CBF_C },
  ],
};

/** 表 B.4 家庭成员 CBF_JTCY. YHZGX prints 值域 "非空" with footnote a: GB/T 4761 two-digit codes. */
const CBF_JTCY: TableDef = {
  name: 'CBF_JTCY',
  title: '家庭成员',
  kind: 'attribute',
  annexTable: 'B.4',
  ...ownership('CBF_JTCY'),
  fields: [
    { seq: 1, code: 'CBFBM', name: '承包方代码', type: 'Char', length: 18, domain: nonEmpty, constraint: 'M' },
    { seq: 2, code: 'CYXM', name: '成员姓名', type: 'Char', length: 50, domain: nonEmpty, constraint: 'M' },
    { seq: 3, code: 'CYXB', name: '成员性别', type: 'Char', length: 1, domain: code('C.17'), constraint: 'M' },
    { seq: 4, code: 'CYZJLX', name: '成员证件类型', type: 'Char', length: 1, domain: code('C.15'), constraint: 'M' },
    { seq: 5, code: 'CYZJHM', name: '成员证件号码', type: 'Char', length: 20, domain: nonEmpty, constraint: 'M' },
    { seq: 6, code: 'YHZGX', name: '与户主关系', type: 'Char', length: 2, domain: code('GB/T 4761'), constraint: 'M', note: '按照 GB/T 4761 填写二位数字码。' },
    { seq: 7, code: 'CYBZ', name: '成员备注', type: 'Char', length: 1, domain: code('C.18'), constraint: 'O' },
    { seq: 8, code: 'SFGYR', name: '是否共有人', type: 'Char', length: 1, domain: code('C.19'), constraint: 'O', note: '通过合法权属证明资料获取。' },
    {
      seq: 9,
      code: 'CYBZSM',
      name: '成员备注说明',
      type: 'Char',
      length: 254,
      domain: nonEmpty,
      constraint: 'O',
      note: '视需要填写成员备注相应的详细说明，如“XXXX 年外嫁”、“XXXX 年入赘”、“XXXX 年入学的在校学生”、“XXXX 年新生儿”、“XXXX 年去世”等。',
    },
  ],
};

/** 表 B.5 承包合同 CBHT */
const CBHT: TableDef = {
  name: 'CBHT',
  title: '承包合同',
  kind: 'attribute',
  annexTable: 'B.5',
  ...ownership('CBHT'),
  fields: [
    {
      seq: 1,
      code: 'CBHTBM',
      name: '承包合同代码',
      type: 'Char',
      length: 19,
      domain: nonEmpty,
      constraint: 'M',
      note: '原始承包合同作为权属来源资料时按照 NY/T 2538 对合同进行重新编码填入；完善后的承包合同作为权属来源资料时填写完善后的合同代码（注1、注2）。',
    },
    {
      seq: 2,
      code: 'YCBHTBM',
      name: '原承包合同代码',
      type: 'Char',
      length: 19,
      domain: nonEmpty,
      constraint: 'C',
      condition: { kind: 'text', text: 'C/有原始承包合同？' },
      note: '原始承包合同作为权属来源资料时填写该合同原始编码；完善后的承包合同作为权属来源资料时记录原始承包合同的代码（注1、注2）。',
    },
    { seq: 3, code: 'FBFBM', name: '发包方代码', type: 'Char', length: 14, domain: nonEmpty, constraint: 'M' },
    { seq: 4, code: 'CBFBM', name: '承包方代码', type: 'Char', length: 18, domain: nonEmpty, constraint: 'M' },
    { seq: 5, code: 'CBFS', name: '承包方式', type: 'Char', length: 3, domain: code('C.10'), constraint: 'M' },
    { seq: 6, code: 'CBQXQ', name: '承包期限起', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    { seq: 7, code: 'CBQXZ', name: '承包期限止', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    {
      seq: 8,
      code: 'HTZMJ',
      name: '确权（合同）总面积',
      type: 'Float',
      length: 15,
      decimals: 2,
      domain: positive,
      constraint: 'M',
      unit: 'm2',
      note: '确权（合同）总面积填写农村土地承包经营权确权登记颁证申请提供的权属来源资料中记录的地块总面积（注4）。',
    },
    { seq: 9, code: 'CBDKZS', name: '承包地块总数', type: 'Int', length: 3, domain: positive, constraint: 'M' },
    { seq: 10, code: 'QDSJ', name: '签订时间', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    { seq: 11, code: 'HTZMJM', name: '确权（合同）总面积（亩）', type: 'Float', length: 15, decimals: 2, domain: positive, constraint: 'O', unit: '亩' },
    {
      seq: 12,
      code: 'YHTZMJ',
      name: '原合同总面积',
      type: 'Float',
      length: 15,
      decimals: 2,
      domain: positive,
      constraint: 'C',
      condition: HAS_ORIGINAL_CONTRACT,
      unit: 'm2',
      note: '原合同总面积填写开展本次确权登记颁证之前，本集体经济组织农户认可的承包合同或土地台账上记载的地块总面积（注5）。',
    },
    {
      seq: 13,
      code: 'YHTZMJM',
      name: '原合同总面积（亩）',
      type: 'Float',
      length: 15,
      decimals: 2,
      domain: positive,
      constraint: 'C',
      condition: HAS_ORIGINAL_CONTRACT,
      unit: '亩',
    },
  ],
};

/** 表 B.6 流转合同 LZHT */
const LZHT: TableDef = {
  name: 'LZHT',
  title: '流转合同',
  kind: 'attribute',
  annexTable: 'B.6',
  ...ownership('LZHT'),
  fields: [
    { seq: 1, code: 'CBHTBM', name: '承包合同代码', type: 'Char', length: 19, domain: nonEmpty, constraint: 'M', note: '填写与流转合同共同作为权属来源资料的承包合同代码。' },
    { seq: 2, code: 'LZHTBM', name: '流转合同代码', type: 'Char', length: 18, domain: nonEmpty, constraint: 'M' },
    { seq: 3, code: 'CBFBM', name: '承包方代码', type: 'Char', length: 18, domain: nonEmpty, constraint: 'M' },
    { seq: 4, code: 'SRFBM', name: '受让方代码', type: 'Char', length: 18, domain: nonEmpty, constraint: 'M', note: '按照 NY/T 2538 承包方代码执行。' },
    { seq: 5, code: 'LZFS', name: '流转方式', type: 'Char', length: 3, domain: code('C.10'), constraint: 'M' },
    { seq: 6, code: 'LZQX', name: '流转期限', type: 'Char', length: 10, domain: nonEmpty, constraint: 'M' },
    { seq: 7, code: 'LZQXKSRQ', name: '流转期限开始日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    { seq: 8, code: 'LZQXJSRQ', name: '流转期限结束日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    { seq: 9, code: 'LZMJ', name: '流转面积', type: 'Float', length: 15, decimals: 2, domain: positive, constraint: 'M', unit: 'm2' },
    { seq: 10, code: 'LZDKS', name: '流转地块数', type: 'Int', length: 3, domain: positive, constraint: 'M' },
    { seq: 11, code: 'LZQTDYT', name: '流转前土地用途', type: 'Char', length: 1, domain: code('C.9'), constraint: 'O' },
    { seq: 12, code: 'LZHTDYT', name: '流转后土地用途', type: 'Char', length: 1, domain: code('C.9'), constraint: 'O' },
    { seq: 13, code: 'LZJGSM', name: '流转费用说明', type: 'Char', length: 100, domain: nonEmpty, constraint: 'M', note: '应填写流转价款及支付方式等信息。' },
    { seq: 14, code: 'HTQDRQ', name: '合同签订日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    { seq: 15, code: 'LZMJM', name: '流转面积（亩）', type: 'Float', length: 15, decimals: 2, domain: positive, constraint: 'O', unit: '亩' },
  ],
};

/** 表 B.7 权属来源资料附件 QSLYZLFJ */
const QSLYZLFJ: TableDef = {
  name: 'QSLYZLFJ',
  title: '权属来源资料附件',
  kind: 'attribute',
  annexTable: 'B.7',
  ...ownership('QSLYZLFJ'),
  fields: [
    { seq: 1, code: 'CBJYQZBM', name: '承包经营权证(登记簿)代码', type: 'Char', length: 19, domain: nonEmpty, constraint: 'M' },
    { seq: 2, code: 'ZLFJBH', name: '资料附件编号', type: 'Char', length: 20, domain: nonEmpty, constraint: 'M' },
    { seq: 3, code: 'ZLFJMC', name: '资料附件名称', type: 'Char', length: 100, domain: nonEmpty, constraint: 'M' },
    { seq: 4, code: 'ZLFJRQ', name: '资料附件日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    {
      seq: 5,
      code: 'FJ',
      name: '附件',
      type: 'Char',
      length: 254,
      domain: nonEmpty,
      constraint: 'M',
      note:
        '影像文件。附件采用 pdf 或 jpg 格式存储，字段填写文件的相对路径：pdf 格式“其他资料\\权属来源附件\\资料附件编号.pdf”，多个附件整合到一个 pdf 文件；' +
        'jpg 格式“其他资料\\权属来源附件\\资料附件编号.jpg”，多个附件用“/”作为分割符。',
    },
  ],
};

/** 表 B.8 承包经营权登记簿 CBJYQZDJB. DJSJ prints 值域 "非空" (not YYYYMMDD) but is a Date like the others. */
const CBJYQZDJB: TableDef = {
  name: 'CBJYQZDJB',
  title: '承包经营权登记簿',
  kind: 'attribute',
  annexTable: 'B.8',
  ...ownership('CBJYQZDJB'),
  fields: [
    { seq: 1, code: 'CBJYQZBM', name: '承包经营权证(登记簿)代码', type: 'Char', length: 19, domain: nonEmpty, constraint: 'M' },
    { seq: 2, code: 'FBFBM', name: '发包方代码', type: 'Char', length: 14, domain: nonEmpty, constraint: 'M' },
    { seq: 3, code: 'CBFBM', name: '承包方代码', type: 'Char', length: 18, domain: nonEmpty, constraint: 'M' },
    { seq: 4, code: 'CBFS', name: '承包方式', type: 'Char', length: 3, domain: code('C.10'), constraint: 'M' },
    { seq: 5, code: 'CBQX', name: '承包期限', type: 'Char', length: 30, domain: nonEmpty, constraint: 'M' },
    { seq: 6, code: 'CBQXQ', name: '承包期限起', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    {
      seq: 7,
      code: 'CBQXZ',
      name: '承包期限止',
      type: 'Date',
      length: 8,
      domain: yyyymmdd,
      constraint: 'M',
      note: '“承包期限止”字段，当承包期为长久不变时填写“9999-01-01”。',
    },
    {
      seq: 8,
      code: 'DKSYT',
      name: '地块示意图',
      type: 'Char',
      length: 254,
      domain: nonEmpty,
      constraint: 'M',
      note:
        '承包地块示意图文件采用 pdf 或 jpg 格式存储，图片分辨率应不小于 300dpi。字段填写文件的相对路径：pdf 格式“图件\\发包方编码\\DKSYT+19 位承包经营权证编码.pdf”，' +
        '多个承包地块示意图整合到一个 pdf 文件；jpg 格式“图件\\发包方编码\\DKSYT+19 位承包经营权证编码+顺序码.jpg”，多个承包地块示意图用“/”作为分割符。',
    },
    {
      seq: 9,
      code: 'CBJYQZLSH',
      name: '承包经营权证流水号',
      type: 'Char',
      length: 254,
      domain: nonEmpty,
      constraint: 'M',
      note: '填写承包经营权登记簿和权证上的农村土地承包经营权证流水号，如苏（2015）涟水县农村土地承包经营权证第 000001 号。',
    },
    { seq: 10, code: 'DJBFJ', name: '登记簿附记', type: 'Char', length: 254, domain: nonEmpty, constraint: 'O' },
    { seq: 11, code: 'YCBJYQZBH', name: '原承包经营权证编号', type: 'Char', length: 100, domain: nonEmpty, constraint: 'O' },
    { seq: 12, code: 'DBR', name: '登簿人', type: 'Char', length: 50, domain: nonEmpty, constraint: 'M' },
    { seq: 13, code: 'DJSJ', name: '登记时间', type: 'Date', length: 8, domain: nonEmpty, constraint: 'M' },
  ],
};

/** 表 B.9 承包经营权证 CBJYQZ: the 领取 fields are C, required once QZSFLQ = 1 (是). */
const CBJYQZ: TableDef = {
  name: 'CBJYQZ',
  title: '承包经营权证',
  kind: 'attribute',
  annexTable: 'B.9',
  ...ownership('CBJYQZ'),
  fields: [
    { seq: 1, code: 'CBJYQZBM', name: '承包经营权证(登记簿)代码', type: 'Char', length: 19, domain: nonEmpty, constraint: 'M' },
    { seq: 2, code: 'FZJG', name: '发证机关', type: 'Char', length: 50, domain: nonEmpty, constraint: 'M' },
    { seq: 3, code: 'FZRQ', name: '发证日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    { seq: 4, code: 'QZSFLQ', name: '权证是否领取', type: 'Char', length: 1, domain: code('C.19'), constraint: 'M' },
    { seq: 5, code: 'QZLQRQ', name: '权证领取日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'C', condition: CERTIFICATE_COLLECTED },
    { seq: 6, code: 'QZLQRXM', name: '权证领取人姓名', type: 'Char', length: 50, domain: nonEmpty, constraint: 'C', condition: CERTIFICATE_COLLECTED },
    { seq: 7, code: 'QZLQRZJLX', name: '权证领取人证件类型', type: 'Char', length: 1, domain: code('C.15'), constraint: 'C', condition: CERTIFICATE_COLLECTED },
    { seq: 8, code: 'QZLQRZJHM', name: '权证领取人证件号码', type: 'Char', length: 20, domain: nonEmpty, constraint: 'C', condition: CERTIFICATE_COLLECTED },
  ],
};

/** 表 B.10 权证补发 CBJYQZ_QZBF */
const CBJYQZ_QZBF: TableDef = {
  name: 'CBJYQZ_QZBF',
  title: '权证补发',
  kind: 'attribute',
  annexTable: 'B.10',
  ...ownership('CBJYQZ_QZBF'),
  fields: [
    { seq: 1, code: 'CBJYQZBM', name: '承包经营权证(登记簿)代码', type: 'Char', length: 19, domain: nonEmpty, constraint: 'M' },
    { seq: 2, code: 'QZBFYY', name: '权证补发原因', type: 'Char', length: 200, domain: nonEmpty, constraint: 'M' },
    { seq: 3, code: 'BFRQ', name: '补发日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    { seq: 4, code: 'QZBFLQRQ', name: '权证补发领取日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    { seq: 5, code: 'QZBFLQRXM', name: '权证补发领取人姓名', type: 'Char', length: 50, domain: nonEmpty, constraint: 'M' },
    { seq: 6, code: 'BFLQRZJLX', name: '权证补发领取人证件类型', type: 'Char', length: 1, domain: code('C.15'), constraint: 'M' },
    { seq: 7, code: 'BFLQRZJHM', name: '权证补发领取人证件号码', type: 'Char', length: 20, domain: nonEmpty, constraint: 'M' },
  ],
};

/** 表 B.11 权证换发 CBJYQZ_QZHF */
const CBJYQZ_QZHF: TableDef = {
  name: 'CBJYQZ_QZHF',
  title: '权证换发',
  kind: 'attribute',
  annexTable: 'B.11',
  ...ownership('CBJYQZ_QZHF'),
  fields: [
    { seq: 1, code: 'CBJYQZBM', name: '承包经营权证(登记簿)代码', type: 'Char', length: 19, domain: nonEmpty, constraint: 'M' },
    { seq: 2, code: 'QZHFYY', name: '权证换发原因', type: 'Char', length: 200, domain: nonEmpty, constraint: 'M' },
    { seq: 3, code: 'HFRQ', name: '换发日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    { seq: 4, code: 'QZHFLQRQ', name: '权证换发领取日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
    { seq: 5, code: 'QZHFLQRXM', name: '权证换发领取人姓名', type: 'Char', length: 50, domain: nonEmpty, constraint: 'M' },
    { seq: 6, code: 'HFLQRZJLX', name: '权证换发领取人证件类型', type: 'Char', length: 1, domain: code('C.15'), constraint: 'M' },
    { seq: 7, code: 'HFLQRZJHM', name: '权证换发领取人证件号码', type: 'Char', length: 20, domain: nonEmpty, constraint: 'M' },
  ],
};

/** 表 B.12 权证注销 CBJYQZ_QZZX */
const CBJYQZ_QZZX: TableDef = {
  name: 'CBJYQZ_QZZX',
  title: '权证注销',
  kind: 'attribute',
  annexTable: 'B.12',
  ...ownership('CBJYQZ_QZZX'),
  fields: [
    { seq: 1, code: 'CBJYQZBM', name: '承包经营权证(登记簿)代码', type: 'Char', length: 19, domain: nonEmpty, constraint: 'M' },
    { seq: 2, code: 'ZXYY', name: '注销原因', type: 'Char', length: 200, domain: nonEmpty, constraint: 'M' },
    { seq: 3, code: 'ZXRQ', name: '注销日期', type: 'Date', length: 8, domain: yyyymmdd, constraint: 'M' },
  ],
};

/** Annex B 表 B.1–B.12 in printed order. */
export const annexBTables: readonly TableDef[] = [
  CBDKXX,
  FBF,
  CBF,
  CBF_JTCY,
  CBHT,
  LZHT,
  QSLYZLFJ,
  CBJYQZDJB,
  CBJYQZ,
  CBJYQZ_QZBF,
  CBJYQZ_QZHF,
  CBJYQZ_QZZX,
];
