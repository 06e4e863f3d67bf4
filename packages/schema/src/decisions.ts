import type { Decision, FieldDef } from './types.js';

/**
 * Every place where the sources disagree — the 报批稿 v0.9 draft (annexA/annexB), the published 2016 text (as a
 * third-party transcription carries it), the real Access template `权属数据.mdb` and the working exporters (SII,
 * YuLinTu) — with what we follow and what a checker accepts. Rule of thumb: the template's physical types are
 * always accepted; a published variant is accepted with a warning that names it; nothing that follows the
 * template is ever rejected.
 */

/** How a checker treats data that follows a given variant. */
type Acceptance = 'accept' | 'warn';

/** One source's version of a field (or a whole topic). */
interface Variant {
  readonly source: 'draft' | 'published' | 'template' | 'exporters' | 'sample';
  readonly text: string;
  readonly accept: Acceptance;
}

export interface SchemaDecision extends Decision {
  /** `TABLE.FIELD` (or `TABLE`, or a topic key such as `metadata.location`) the decision governs */
  readonly applies: readonly string[];
  readonly variants: readonly Variant[];
}

export const decisions: readonly SchemaDecision[] = [
  {
    id: 'physical-decimal',
    topic: 'Float(15,2) 面积字段的物理类型',
    applies: ['CBDKXX.HTMJ', 'CBDKXX.YHTMJ', 'CBDKXX.HTMJM', 'CBDKXX.YHTMJM', 'CBHT.HTZMJ', 'CBHT.HTZMJM', 'CBHT.YHTZMJ', 'CBHT.YHTZMJM', 'LZHT.LZMJ', 'LZHT.LZMJM'],
    sources: ['NY/T 2539 附录B: Float 15,2', '权属数据.mdb 模板: Decimal(15,2), 默认值 0'],
    variants: [
      { source: 'draft', text: 'Float 15,2', accept: 'accept' },
      { source: 'template', text: 'Decimal precision 15 scale 2, DefaultValue 0', accept: 'accept' },
      { source: 'exporters', text: 'Double', accept: 'warn' },
    ],
    decision: 'The .mdb carries Decimal(15,2) as in the template; a Double column is read but warned about (binary rounding of 2-decimal areas).',
    reason: 'Access has no "Float 15,2"; the template every exporter copies uses Decimal(15,2), which keeps exact 2-decimal values.',
  },
  {
    id: 'physical-integer',
    topic: 'Int 字段的物理类型',
    applies: ['CBF.CBFCYSL', 'CBHT.CBDKZS', 'LZHT.LZDKS'],
    sources: ['NY/T 2539 附录B: Int 2/3', '权属数据.mdb 模板: Integer (16-bit)'],
    variants: [
      { source: 'template', text: 'Integer (16-bit)', accept: 'accept' },
      { source: 'exporters', text: 'Long (32-bit)', accept: 'accept' },
    ],
    decision: 'Integer (16-bit) as in the template; Long holds the same values and is accepted.',
    reason: 'Int 2/Int 3 digits fit in 16 bits; the width is an Access storage choice, not a data difference.',
  },
  {
    id: 'physical-date',
    topic: 'Date 8 (YYYYMMDD) 的物理类型',
    applies: ['FBF.FBFDCRQ', 'CBF.CBFDCRQ', 'CBF.GSSHRQ', 'CBHT.CBQXQ', 'CBHT.CBQXZ', 'CBHT.QDSJ', 'LZHT.LZQXKSRQ', 'LZHT.LZQXJSRQ', 'LZHT.HTQDRQ', 'QSLYZLFJ.ZLFJRQ', 'CBJYQZDJB.CBQXQ', 'CBJYQZDJB.CBQXZ', 'CBJYQZDJB.DJSJ', 'CBJYQZ.FZRQ', 'CBJYQZ.QZLQRQ', 'CBJYQZ_QZBF.BFRQ', 'CBJYQZ_QZBF.QZBFLQRQ', 'CBJYQZ_QZHF.HFRQ', 'CBJYQZ_QZHF.QZHFLQRQ', 'CBJYQZ_QZZX.ZXRQ'],
    sources: ['NY/T 2539 附录B: Date 8 YYYYMMDD', '权属数据.mdb 模板: DateTime (Short Date)'],
    variants: [
      { source: 'template', text: 'DateTime', accept: 'accept' },
      { source: 'draft', text: 'Text 8 YYYYMMDD', accept: 'warn' },
    ],
    decision: 'DateTime in the .mdb; validators see a Date object, DBF dates arrive as YYYYMMDD strings; both validate (validate.ts normalizes).',
    reason: 'The template and every exporter store DateTime; YYYYMMDD is the exchange notation of the text.',
  },
  {
    id: 'memo-dcjs',
    topic: '调查记事字段为 Memo',
    applies: ['FBF.FBFDCJS', 'CBF.CBFDCJS'],
    sources: ['NY/T 2539 附录B (draft and published): Char 254', '权属数据.mdb 模板: Memo'],
    variants: [
      { source: 'draft', text: 'Char 254', accept: 'accept' },
      { source: 'template', text: 'Memo (Long Text)', accept: 'accept' },
    ],
    decision: 'Physical column is Memo (template); a value longer than 254 characters is still reported as a length finding against Annex B.',
    reason: 'The template is what packages carry; the standard still limits the content to 254 characters.',
  },
  {
    id: 'cbjyqzdjb-column-order',
    topic: 'CBJYQZDJB 列顺序',
    applies: ['CBJYQZDJB'],
    sources: [
      'NY/T 2539 B.8 (draft and published): …DKSYT, CBJYQZLSH, DJBFJ, YCBJYQZBH, DBR, DJSJ',
      '权属数据.mdb 模板: …DKSYT, YCBJYQZBH, CBJYQZLSH, DJBFJ, DBR, DJSJ',
    ],
    variants: [
      { source: 'template', text: 'DKSYT, YCBJYQZBH, CBJYQZLSH, DJBFJ, DBR, DJSJ', accept: 'accept' },
      { source: 'draft', text: 'DKSYT, CBJYQZLSH, DJBFJ, YCBJYQZBH, DBR, DJSJ', accept: 'accept' },
    ],
    decision: 'Columns are matched by name, never by position; the writer keeps the template order.',
    reason: 'Exporters insert by column name, so order is cosmetic; rejecting either order would reject real packages.',
  },
  {
    id: 'cbjyqzdjb-lengths',
    topic: 'CBJYQZDJB 流水号/附记长度',
    applies: ['CBJYQZDJB.CBJYQZLSH', 'CBJYQZDJB.DJBFJ'],
    sources: ['draft: Char 254', 'published: Char 50', 'template: Text 254'],
    variants: [
      { source: 'draft', text: 'Char 254', accept: 'accept' },
      { source: 'template', text: 'Text 254', accept: 'accept' },
      { source: 'published', text: 'Char 50', accept: 'warn' },
    ],
    decision: 'Length 254 (draft = template). Values over 50 characters are valid; a 50-character column is accepted with a warning.',
    reason: 'Real 流水号 such as “苏（2015）涟水县农村土地承包经营权证第000001号” fit either, and the template allows 254.',
  },
  {
    id: 'cbjyqzdjb-original-certificate',
    topic: '原承包经营权证编号字段名',
    applies: ['CBJYQZDJB.YCBJYQZBH'],
    sources: ['draft: YCBJYQZBH Char 100', 'published: YCBJYQZLSH Char 50', 'template: YCBJYQZBH Text 100'],
    variants: [
      { source: 'draft', text: 'YCBJYQZBH Char 100', accept: 'accept' },
      { source: 'template', text: 'YCBJYQZBH Text 100', accept: 'accept' },
      { source: 'published', text: 'YCBJYQZLSH Char 50', accept: 'warn' },
    ],
    decision: 'YCBJYQZBH (100). A column named YCBJYQZLSH is read as YCBJYQZBH with a warning.',
    reason: 'Draft and template agree; the published name is a variant real databases may carry.',
  },
  {
    id: 'varbin-paths',
    topic: '示意图/附件字段类型',
    applies: ['CBJYQZDJB.DKSYT', 'QSLYZLFJ.FJ'],
    sources: ['draft: Char 254 (relative path)', 'published: Varbin', 'template: Text 254'],
    variants: [
      { source: 'template', text: 'Text 254 relative path', accept: 'accept' },
      { source: 'published', text: 'Varbin (embedded file)', accept: 'warn' },
    ],
    decision: 'A relative path in Text 254, as the notes of B.7/B.8 describe; a binary column is accepted with a warning and its path checks are skipped.',
    reason: 'The notes of both texts describe paths, the template stores text, and exporters write 图件\\… and 其他资料\\… paths.',
  },
  {
    id: 'long-term-sentinel',
    topic: '长久不变的承包期限止',
    applies: ['CBJYQZDJB.CBQXZ', 'CBHT.CBQXZ'],
    sources: ['draft B.8 note a: 9999-01-01', 'published: 9999-99-99'],
    variants: [
      { source: 'draft', text: '9999-01-01', accept: 'accept' },
      { source: 'published', text: '9999-99-99', accept: 'warn' },
    ],
    decision: 'The sentinel is 9999-01-01 (LONG_TERM_END). 9999-99-99 is not a date and cannot be stored in a DateTime column; in a text source it is recognised as the published sentinel and warned about.',
    reason: 'Only a real date fits the template’s DateTime column.',
  },
  {
    id: 'cbdkxx-lengths',
    topic: 'CBDKXX 合同代码长度',
    applies: ['CBDKXX.CBHTBM', 'CBDKXX.LZHTBM'],
    sources: ['draft: CBHTBM 19, LZHTBM 18', 'published: CBHTBM 18, LZHTBM 20', 'template: 19, 18'],
    variants: [
      { source: 'draft', text: 'CBHTBM Char 19, LZHTBM Char 18', accept: 'accept' },
      { source: 'published', text: 'CBHTBM Char 18, LZHTBM Char 20', accept: 'warn' },
    ],
    decision: 'CBHTBM 19 (= CBHT.CBHTBM) and LZHTBM 18 (its own note: 18 digits).',
    reason: 'The published lengths contradict the referenced tables and the note; the draft agrees with the template.',
  },
  {
    id: 'lzht-lzdks',
    topic: 'LZHT.LZDKS 长度',
    applies: ['LZHT.LZDKS'],
    sources: ['draft: Int 3', 'published: Int 2', 'template: Integer'],
    variants: [
      { source: 'draft', text: 'Int 3', accept: 'accept' },
      { source: 'published', text: 'Int 2', accept: 'accept' },
    ],
    decision: 'Int 3.',
    reason: 'Any Int 2 value is a valid Int 3 value.',
  },
  {
    id: 'coordinate-zone-prefix',
    topic: '投影坐标字段长度 Float(10,3) 与带号',
    applies: ['KZD.X2000', 'KZD.Y2000', 'KZD.X80', 'KZD.Y80', 'JZD.XZBZ', 'JZD.YZBZ', 'ZJ.ZJDZXJXZB', 'ZJ.ZJDZXJYZB'],
    sources: ['附录A: Float 10,3', 'SII exporter: N(11,3)/N(12,3)', 'ArcGIS DBF templates: N(11,3)'],
    variants: [
      { source: 'draft', text: 'Float 10,3 (7 integer digits)', accept: 'accept' },
      { source: 'exporters', text: 'Y with 3° zone prefix, e.g. 39512345.678 (8 integer digits)', accept: 'accept' },
    ],
    decision: 'Coordinates may carry one more integer digit than Float(10,3) allows (8: a 2-digit zone + 6-digit easting) (COORDINATE_DIGIT_ALLOWANCE); validateRow applies it unless asked to be strict.',
    reason: 'A Gauss-Krüger easting with zone prefix has 8 integer digits; the Zone variant is what the real metadata sample and the ESRI .prj files use.',
  },
  {
    id: 'dbf-field-order',
    topic: 'DBF 字段顺序与数值宽度',
    applies: ['DK', 'JZD', 'JZX'],
    sources: [
      '附录A 表A.10–A.12 printed order',
      'real ArcGIS DBF templates (fixtures/real/shp): DK …DLDJ, TDLYLX, SFJBNT, TDYT, DKDZ…DKBZ, ZJRXM, DKBZXX, KJZB, SCMJ, SCMJM; JZD …JBLX, JZDLX…; Float n,d as N(n+1,d)',
    ],
    variants: [
      { source: 'draft', text: 'Annex A order', accept: 'accept' },
      { source: 'exporters', text: 'template order', accept: 'accept' },
    ],
    decision: 'Fields are matched by name, never by position. A Float(n,d) field is written as DBF N(n+1,d) (the templates count the decimal point; dbfNumericWidth), Int(n) as N(n,0).',
    reason: 'The templates every exporter copies use their own order and widths; the standard gives digits, DBF gives characters.',
  },
  {
    id: 'tdlylx-domain',
    topic: 'DK.TDLYLX 值域',
    applies: ['DK.TDLYLX'],
    sources: ['A.10: 值域 非空, note c: 依据 GB/T 21010 填写至二级类编码'],
    variants: [{ source: 'draft', text: 'GB/T 21010 二级类 (3 digits)', accept: 'accept' }],
    decision: 'Domain is the GB/T 21010 code list, advisory: a value outside it is a warning.',
    reason: 'The footnote names the list; 2007 and 2017 editions differ, so an unknown code may be current.',
  },
  {
    id: 'yhzgx-domain',
    topic: 'CBF_JTCY.YHZGX 值域',
    applies: ['CBF_JTCY.YHZGX'],
    sources: ['B.4: 值域 非空, note a: 按照 GB/T 4761 填写二位数字码'],
    variants: [{ source: 'draft', text: 'GB/T 4761 two-digit code', accept: 'accept' }],
    decision: 'Domain is the GB/T 4761 code table.',
    reason: 'The footnote makes the code list normative.',
  },
  {
    id: 'dk-sizhi',
    topic: 'DK 四至的条件必选',
    applies: ['DK.DKDZ', 'DK.DKXZ', 'DK.DKNZ', 'DK.DKBZ'],
    sources: ['A.10: DKDZ/DKXZ/DKNZ/DKBZ C; note d: 至少填写 3 个方向'],
    variants: [{ source: 'draft', text: 'at least 3 of 4 for 承包地块 (DKLB=10)', accept: 'accept' }],
    decision: 'A row rule, not four field conditions: when DKLB = 10, at least 3 of the 4 are non-empty.',
    reason: 'Requiring each field would reject the irregular parcels the note explicitly allows.',
  },
  {
    id: 'original-contract-condition',
    topic: '“有原承包合同” 条件',
    applies: ['CBDKXX.YHTMJ', 'CBDKXX.YHTMJM', 'CBHT.YHTZMJ', 'CBHT.YHTZMJM', 'CBHT.YCBHTBM'],
    sources: ['B.1/B.5: C/有原承包合同？'],
    variants: [{ source: 'draft', text: 'C/有原承包合同？', accept: 'accept' }],
    decision: 'On CBHT the condition is the row’s YCBHTBM being filled; on CBDKXX it needs the contract row (a cross-table rule of the checker). YCBHTBM itself is not checkable.',
    reason: 'Only YCBHTBM records that an original contract exists.',
  },
  {
    id: 'fbfdcjs-condition',
    topic: 'FBF.FBFDCJS 条件未印出',
    applies: ['FBF.FBFDCJS'],
    sources: ['B.2: C (no condition printed)', 'B.3 CBFDCJS: C/有调查记事？'],
    variants: [{ source: 'draft', text: 'C', accept: 'accept' }],
    decision: 'Read as “C/有调查记事？” like CBF.CBFDCJS: never required by itself.',
    reason: 'Same field in the sister table; an empty 记事 is normal.',
  },
  {
    id: 'djsj-domain',
    topic: 'CBJYQZDJB.DJSJ 值域',
    applies: ['CBJYQZDJB.DJSJ'],
    sources: ['B.8: Date 8, 值域 非空 (other dates print YYYYMMDD)'],
    variants: [{ source: 'draft', text: 'Date 8 非空', accept: 'accept' }],
    decision: 'Validated as a date like every other Date field.',
    reason: 'The type is Date; 非空 only restates M.',
  },
  {
    id: 'metadata-location',
    topic: '矢量数据元数据的位置',
    applies: ['metadata.location'],
    sources: ['§7.4: 存放到“元数据”目录', 'SII/YuLinTu exporters and SII viewer: 矢量数据/SL<县6><年4>.xml'],
    variants: [
      { source: 'exporters', text: '矢量数据/SL<county6><year4>.xml', accept: 'accept' },
      { source: 'draft', text: '元数据/SL<county6><year4>.xml', accept: 'accept' },
    ],
    decision: 'Write it to 矢量数据/ (what tools read) and a copy in 元数据/; a checker accepts either location.',
    reason: 'The text says 元数据; every working reader looks in 矢量数据.',
  },
  {
    id: 'metadata-layer-name',
    topic: '元数据图层名元素 layerName / layName',
    applies: ['metadata.contInfo.layer'],
    sources: ['D.3 缩写名: layName', 'real sample SL2205812016.xml: layerName'],
    variants: [
      { source: 'sample', text: 'layerName', accept: 'accept' },
      { source: 'draft', text: 'layName', accept: 'warn' },
    ],
    decision: 'Write layerName; read both, warning on layName.',
    reason: 'Consumers (SII viewer, YuLinTu) read the sample’s element names.',
  },
  {
    id: 'metadata-east-false',
    topic: '元数据 eastFAL 单位',
    applies: ['metadata.refSysInfo.eastFAL'],
    sources: ['D.2: km', 'sample: 44500.0 (km, zone 44)', 'YuLinTu: metres'],
    variants: [
      { source: 'draft', text: 'km', accept: 'accept' },
      { source: 'exporters', text: 'm', accept: 'warn' },
    ],
    decision: 'km, as the text and the sample.',
    reason: 'Two sources against one.',
  },
];

/** 承包期限止 for 长久不变 (B.8 note a). */
export const LONG_TERM_END = '9999-01-01';
/** The published text's sentinel; not a storable date. */
export const LONG_TERM_END_PUBLISHED = '9999-99-99';
/** Extra integer digits allowed in projected-coordinate fields (decision `coordinate-zone-prefix`). */
export const COORDINATE_DIGIT_ALLOWANCE = 1;

/**
 * DBF width of an Annex A numeric field as the ArcGIS templates write it: Float(n,d) → N(n+1,d) (one character for
 * the decimal point), Int(n) → N(n,0). With `zonePrefix`, projected coordinates get COORDINATE_DIGIT_ALLOWANCE more.
 */
export function dbfNumericWidth(table: string, field: FieldDef, opts: { zonePrefix?: boolean } = {}): number | undefined {
  if (field.length === undefined || (field.type !== 'Int' && field.type !== 'Float')) return undefined;
  const width = field.type === 'Float' && (field.decimals ?? 0) > 0 ? field.length + 1 : field.length;
  const coordinate = getDecision('coordinate-zone-prefix')?.applies.includes(`${table}.${field.code}`) ?? false;
  return opts.zonePrefix && coordinate ? width + COORDINATE_DIGIT_ALLOWANCE : width;
}

/** A column name some databases carry instead of the standard's field code (read as `field`, with a warning). */
interface FieldAlias {
  readonly table: string;
  readonly alias: string;
  readonly field: string;
  readonly decision: string;
}

export const fieldAliases: readonly FieldAlias[] = [{ table: 'CBJYQZDJB', alias: 'YCBJYQZLSH', field: 'YCBJYQZBH', decision: 'cbjyqzdjb-original-certificate' }];

/** The standard field code a physical column name stands for (itself when it is not a known alias). */
export function canonicalField(table: string, column: string): string {
  return fieldAliases.find((a) => a.table === table && a.alias === column)?.field ?? column;
}

export function getDecision(id: string): SchemaDecision | undefined {
  return decisions.find((d) => d.id === id);
}

/** Decisions that govern `TABLE.FIELD` (or the whole `TABLE`). */
export function decisionsFor(table: string, field?: string): readonly SchemaDecision[] {
  const key = field ? `${table}.${field}` : table;
  return decisions.filter((d) => d.applies.includes(key) || d.applies.includes(table));
}
