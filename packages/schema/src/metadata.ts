import { getLayerTable, vectorLayerTables } from './features.js';
import type { Localized } from './i18n.js';
import { getTable } from './tables.js';
import type { Constraint } from './types.js';

/**
 * NY/T 2539-2016 附录D 矢量数据元数据 (表D.1–D.4) as data, with the element structure of the real sample
 * `SL2205812016.xml` (fixtures/real/metadata; SII's exporter template): root `Metadata`, the four sections in
 * table order, elements in table order, `contInfo` holding one `layer` group per layer with `layerName`,
 * `catFetTyps`, `attrTypList` (one `fieldID` per attribute, Annex A names in table order) and `capacity`.
 *
 * Where the sample and the text differ: the layer-name element is `layerName` in the sample and `layName` in
 * D.3 — we write `layerName` and read both (decision `metadata-layer-name` in decisions.ts); eastFAL/northFAL
 * are kilometres as D.2 says and the sample shows (decision `metadata-east-false`).
 */

export type MetadataSectionCode = 'dataIdInfo' | 'refSysInfo' | 'contInfo' | 'dqInfo';

type MetadataValueType = 'Char' | 'Date' | 'Number';

export type MetadataDomain =
  | { readonly kind: 'freeText'; readonly text?: string }
  | { readonly kind: 'date'; readonly text: 'YYYYMMDD' }
  | { readonly kind: 'pattern'; readonly pattern: string; readonly text: string }
  | { readonly kind: 'codes'; readonly codes: readonly { readonly code: string; readonly name: string }[] }
  | { readonly kind: 'number'; readonly unit: string };

export interface MetadataElementDef {
  /** 序号 within its table */
  readonly seq: number;
  /** 中文名称 */
  readonly name: string;
  /** 缩写名 as printed in Annex D */
  readonly code: string;
  /** the XML element name written and read first (differs from `code` only for layName → layerName) */
  readonly element: string;
  /** other element names accepted on reading */
  readonly aliases?: readonly string[];
  readonly definition: string;
  readonly constraint: Constraint;
  /** when C: the condition as printed */
  readonly condition?: string;
  /** 最多出现次数 */
  readonly maxOccurs: 1 | 'N';
  readonly type: MetadataValueType;
  readonly domain: MetadataDomain;
  /** how the writer prints a number: 'oneDecimal' keeps a trailing .0 as the sample does (44500.0) */
  readonly numberFormat?: 'plain' | 'oneDecimal';
}

interface MetadataSectionDef {
  readonly table: 'D.1' | 'D.2' | 'D.3' | 'D.4';
  /** 表名 = XML element name */
  readonly code: MetadataSectionCode;
  readonly title: string;
  /** element that groups one repetition of the section's elements (contInfo: one `layer` per layer) */
  readonly group?: string;
  readonly elements: readonly MetadataElementDef[];
}

/** Root element of the metadata document (sample). */
export const METADATA_ROOT = 'Metadata';
/** Child of attrTypList holding one attribute name (sample). */
export const METADATA_FIELD_ELEMENT = 'fieldID';

const freeText = { kind: 'freeText' } as const;
const yyyymmdd = { kind: 'date', text: 'YYYYMMDD' } as const;

export const metadataSections: readonly MetadataSectionDef[] = [
  {
    table: 'D.1',
    code: 'dataIdInfo',
    title: '数据标识',
    elements: [
      { seq: 1, name: '名称', code: 'title', element: 'title', definition: '数据集名称', constraint: 'M', maxOccurs: 1, type: 'Char', domain: freeText },
      { seq: 2, name: '日期', code: 'date', element: 'date', definition: '数据集发布或最近更新日期', constraint: 'M', maxOccurs: 1, type: 'Date', domain: yyyymmdd },
      {
        seq: 3,
        name: '行政区代码',
        code: 'geoID',
        element: 'geoID',
        definition: '定位名称的唯一标识',
        constraint: 'M',
        maxOccurs: 1,
        type: 'Char',
        domain: { kind: 'pattern', pattern: '^\\d{6}$', text: '采用 GB/T 2260 的 6 位数字码' },
      },
      {
        seq: 4,
        name: '版本',
        code: 'dataEdition',
        element: 'dataEdition',
        definition: '数据集的版本',
        constraint: 'C',
        condition: '数据集有新版本？',
        maxOccurs: 1,
        type: 'Char',
        domain: freeText,
      },
      {
        seq: 5,
        name: '语种',
        code: 'dataLang',
        element: 'dataLang',
        definition: '数据集使用的语种',
        constraint: 'M',
        maxOccurs: 'N',
        type: 'Char',
        domain: { kind: 'pattern', pattern: '^[a-z]{2}$', text: '参照 GB/T 4880-1991，用两位小写字母表示' },
      },
      { seq: 6, name: '摘要', code: 'idAbs', element: 'idAbs', definition: '数据集内容的概要说明', constraint: 'M', maxOccurs: 1, type: 'Char', domain: { kind: 'freeText', text: '300 字左右' } },
      {
        seq: 7,
        name: '现状',
        code: 'status',
        element: 'status',
        definition: '数据集的现状',
        constraint: 'M',
        maxOccurs: 1,
        type: 'Char',
        domain: {
          kind: 'codes',
          codes: [
            { code: '001', name: '完成' },
            { code: '002', name: '作废' },
            { code: '003', name: '连续更新' },
            { code: '004', name: '正在建设中' },
          ],
        },
      },
      { seq: 8, name: '终止时间', code: 'ending', element: 'ending', definition: '数据集原始数据生成或采集的终止时间', constraint: 'M', maxOccurs: 1, type: 'Date', domain: yyyymmdd },
      { seq: 9, name: '负责单位名称', code: 'rpOrgName', element: 'rpOrgName', definition: '数据集负责单位名称', constraint: 'M', maxOccurs: 1, type: 'Char', domain: freeText },
      { seq: 10, name: '联系人', code: 'rpCnt', element: 'rpCnt', definition: '数据集负责单位联系人姓名', constraint: 'M', maxOccurs: 1, type: 'Char', domain: freeText },
      { seq: 11, name: '电话', code: 'voiceNum', element: 'voiceNum', definition: '数据集负责单位或联系人的电话号码', constraint: 'M', maxOccurs: 'N', type: 'Char', domain: freeText },
      { seq: 12, name: '传真', code: 'faxNum', element: 'faxNum', definition: '数据集负责单位或联系人的传真号码', constraint: 'O', maxOccurs: 'N', type: 'Char', domain: freeText },
      { seq: 13, name: '通信地址', code: 'cntAddress', element: 'cntAddress', definition: '数据集负责单位或联系人的通信地址', constraint: 'M', maxOccurs: 1, type: 'Char', domain: freeText },
      // D.1 says 自由文本; the sample even holds 15 digits
      { seq: 14, name: '邮政编码', code: 'cntCode', element: 'cntCode', definition: '数据集负责单位邮政编码', constraint: 'M', maxOccurs: 1, type: 'Char', domain: freeText },
      { seq: 15, name: '电子信箱地址', code: 'cntEmail', element: 'cntEmail', definition: '数据集负责单位或联系人的电子信箱地址', constraint: 'O', maxOccurs: 'N', type: 'Char', domain: freeText },
      {
        seq: 16,
        name: '安全等级代码',
        code: 'classCode',
        element: 'classCode',
        definition: '出于国家安全、保密或其他考虑，对数据集安全限制的等级名称',
        constraint: 'M',
        maxOccurs: 1,
        type: 'Char',
        domain: {
          kind: 'codes',
          codes: [
            { code: '001', name: '绝密' },
            { code: '002', name: '机密' },
            { code: '003', name: '秘密' },
            { code: '004', name: '限制' },
            { code: '005', name: '内部' },
            { code: '006', name: '无限制' },
          ],
        },
      },
    ],
  },
  {
    table: 'D.2',
    code: 'refSysInfo',
    title: '空间参照系统',
    elements: [
      {
        seq: 1,
        name: '大地坐标参照系统名称',
        code: 'coorRSID',
        element: 'coorRSID',
        definition: '大地坐标参照系统名称',
        constraint: 'M',
        maxOccurs: 1,
        type: 'Char',
        domain: {
          kind: 'codes',
          codes: [
            { code: '001', name: '2000 国家大地坐标系' },
            { code: '002', name: '1980 西安坐标系' },
          ],
        },
      },
      { seq: 2, name: '中央子午线', code: 'centralMer', element: 'centralMer', definition: '中央子午线参数信息', constraint: 'M', maxOccurs: 1, type: 'Number', domain: { kind: 'number', unit: '度' }, numberFormat: 'plain' },
      { seq: 3, name: '东偏移', code: 'eastFAL', element: 'eastFAL', definition: '东偏移参数信息', constraint: 'M', maxOccurs: 1, type: 'Number', domain: { kind: 'number', unit: '公里' }, numberFormat: 'oneDecimal' },
      { seq: 4, name: '北偏移', code: 'northFAL', element: 'northFAL', definition: '北偏移参数信息', constraint: 'M', maxOccurs: 1, type: 'Number', domain: { kind: 'number', unit: '公里' }, numberFormat: 'oneDecimal' },
      {
        seq: 5,
        name: '分带方式',
        code: 'coorFDKD',
        element: 'coorFDKD',
        definition: '说明分带宽度',
        constraint: 'M',
        maxOccurs: 1,
        type: 'Char',
        domain: {
          kind: 'codes',
          codes: [
            { code: '001', name: '1.5°' },
            { code: '002', name: '3°' },
          ],
        },
      },
    ],
  },
  {
    table: 'D.3',
    code: 'contInfo',
    title: '数据内容',
    group: 'layer',
    elements: [
      { seq: 1, name: '图层名称', code: 'layName', element: 'layerName', aliases: ['layName'], definition: '数据集所包含的图层名称', constraint: 'M', maxOccurs: 'N', type: 'Char', domain: freeText },
      { seq: 2, name: '数据集要素类型名称', code: 'catFetTyps', element: 'catFetTyps', definition: '具有同类属性的要素类名称', constraint: 'M', maxOccurs: 'N', type: 'Char', domain: freeText },
      {
        seq: 3,
        name: '与数据集要素类名称对应的主要属性列表',
        code: 'attrTypList',
        element: 'attrTypList',
        definition: '要素类主要属性内容的文字表述',
        constraint: 'M',
        maxOccurs: 'N',
        type: 'Char',
        domain: { kind: 'freeText', text: `one <${METADATA_FIELD_ELEMENT}> per attribute (sample)` },
      },
      { seq: 4, name: '数据量', code: 'capacity', element: 'capacity', definition: '数据集所占存储空间的大小', constraint: 'O', maxOccurs: 1, type: 'Char', domain: freeText },
    ],
  },
  {
    table: 'D.4',
    code: 'dqInfo',
    title: '数据质量',
    elements: [
      { seq: 1, name: '数据质量概述', code: 'dqStatement', element: 'dqStatement', definition: '数据集质量的定性和定量的概括说明', constraint: 'M', maxOccurs: 1, type: 'Char', domain: freeText },
      {
        seq: 2,
        name: '数据志',
        code: 'dqLineage',
        element: 'dqLineage',
        definition: '数据生产过程中数据源、处理过程（算法与参数）等的说明信息',
        constraint: 'M',
        maxOccurs: 1,
        type: 'Char',
        domain: freeText,
      },
    ],
  },
];

export function metadataSection(code: MetadataSectionCode): MetadataSectionDef {
  return metadataSections.find((s) => s.code === code)!;
}

/**
 * Element paths of a metadata document in document order, as the sample has them, for the given layers
 * (each with its number of attribute names): `Metadata`, `Metadata/dataIdInfo`, `Metadata/dataIdInfo/title`, …,
 * `Metadata/contInfo/layer/attrTypList/fieldID`, … Writers produce exactly this; readers compare against it.
 * Repeatable D.1 elements (dataLang, voiceNum, faxNum, cntEmail) appear once per value, at least once.
 */
export function metadataStructure(layers: readonly { readonly fields: number }[], repeats: Readonly<Record<string, number>> = {}): string[] {
  const paths: string[] = [METADATA_ROOT];
  for (const s of metadataSections) {
    const base = `${METADATA_ROOT}/${s.code}`;
    paths.push(base);
    if (s.group) {
      for (const layer of layers) {
        const g = `${base}/${s.group}`;
        paths.push(g);
        for (const e of s.elements) {
          paths.push(`${g}/${e.element}`);
          if (e.code === 'attrTypList') for (let i = 0; i < layer.fields; i++) paths.push(`${g}/${e.element}/${METADATA_FIELD_ELEMENT}`);
        }
      }
      continue;
    }
    for (const e of s.elements) {
      const n = e.maxOccurs === 'N' ? Math.max(1, repeats[e.code] ?? 1) : 1;
      for (let i = 0; i < n; i++) paths.push(`${base}/${e.element}`);
    }
  }
  return paths;
}

type MetadataValueProblem = 'missing' | 'notDate' | 'notNumber' | 'notInDomain' | 'pattern';

export const metadataValueMessages: Readonly<Record<MetadataValueProblem, Localized>> = {
  missing: { zh: '必选元素为空', en: 'mandatory element is empty' },
  notDate: { zh: '“{value}”不是 YYYYMMDD 格式的有效日期', en: '"{value}" is not a valid YYYYMMDD date' },
  notNumber: { zh: '“{value}”不是数值', en: '"{value}" is not a number' },
  notInDomain: { zh: '“{value}”不在值域 {domain} 内', en: '"{value}" is not one of {domain}' },
  pattern: { zh: '“{value}”不符合“{domain}”', en: '"{value}" does not match "{domain}"' },
};

/** Check one value of an element against its Annex D type and domain; undefined when fine. */
export function checkMetadataValue(e: MetadataElementDef, value: string): { problem: MetadataValueProblem; domain?: string } | undefined {
  const v = value.trim();
  if (v === '') return e.constraint === 'M' ? { problem: 'missing' } : undefined;
  const d = e.domain;
  switch (d.kind) {
    case 'date': {
      const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
      if (!m) return { problem: 'notDate' };
      const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (date.getUTCFullYear() !== Number(m[1]) || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) return { problem: 'notDate' };
      return undefined;
    }
    case 'number':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v) ? undefined : { problem: 'notNumber' };
    case 'codes':
      return d.codes.some((c) => c.code === v) ? undefined : { problem: 'notInDomain', domain: d.codes.map((c) => `${c.code} ${c.name}`).join('；') };
    case 'pattern':
      return new RegExp(d.pattern).test(v) ? undefined : { problem: 'pattern', domain: d.text };
    default:
      return undefined;
  }
}

/** One `layer` group of contInfo. */
export interface MetadataLayer {
  /** attribute table name, e.g. `DK` */
  readonly layerName: string;
  /** 表2 name, e.g. `地块` */
  readonly catFetTyps: string;
  /** attribute names (Annex A 字段名称) in table order */
  readonly fields: readonly string[];
  readonly capacity?: string;
}

/**
 * The 14 vector layers with their Annex A attribute names, as the sample lists them (KZD … JBNTBHQ, ZJ).
 * Names are written without spaces ('X坐标值'): the printed tables set a space between CJK and Latin letters.
 */
export function standardMetadataLayers(): MetadataLayer[] {
  return vectorLayerTables.map((table) => ({
    layerName: table,
    catFetTyps: getLayerTable(table)!.name,
    fields: getTable(table)!.fields.map((f) => f.name.replace(/\s+/g, '')),
  }));
}
