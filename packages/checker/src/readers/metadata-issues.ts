import type { Localized } from '@nyt2539/schema';
import { FILE_READ_MESSAGES, type IssueCodes, readFailureCodes } from './issues.js';

/**
 * The metadata reader's issue codes and their messages (metadata.ts emits them): apart from the reader, so the
 * rules that own the codes (rules/support/reader-issues.ts) do not load the XML parser with them.
 */

export type MetadataReadProblem = 'missing' | 'denied' | 'notFile' | 'unreadable' | 'tooLarge' | 'encoding' | 'malformed';

export const READ_MESSAGES: Record<MetadataReadProblem, Localized> = {
  ...FILE_READ_MESSAGES,
  encoding: { zh: '文本编码无法按 {detail} 解码', en: 'text cannot be decoded as {detail}' },
  malformed: { zh: 'XML 格式错误：{detail}', en: 'malformed XML: {detail}' },
};

export const READ_CODES = {
  missing: 'metadata-open-missing',
  denied: 'metadata-open-denied',
  notFile: 'metadata-open-not-file',
  unreadable: 'metadata-unreadable',
  tooLarge: 'metadata-too-large',
  encoding: 'metadata-encoding',
  malformed: 'metadata-malformed',
} as const satisfies Record<MetadataReadProblem, string>;

const ISSUE_MESSAGES = {
  'metadata-root': { zh: '根元素应为 <{expected}>，实为 <{actual}>', en: 'root element should be <{expected}> but is <{actual}>' },
  'metadata-section-missing': { zh: '缺少 <{expected}>（{annexTable}）', en: '<{expected}> ({annexTable}) is missing' },
  'metadata-element-missing': { zh: '缺少必选元素 <{expected}>（{name}）', en: 'mandatory element <{expected}> ({name}) is missing' },
  'metadata-element-unknown': { zh: '附录D 没有元素 <{actual}>', en: 'Annex D has no element <{actual}>' },
  'metadata-element-repeated': { zh: '<{actual}> 最多出现 1 次，实际 {count} 次', en: '<{actual}> may occur once but occurs {count} times' },
  'metadata-layer-element-repeated': { zh: '图层 {layer} 的描述中 <{actual}> 出现 {count} 次，每个图层只应 1 次（只读取了第一个）', en: 'the entry of layer {layer} holds <{actual}> {count} times; a layer has one (only the first was read)' },
  'metadata-layer-duplicate': { zh: '图层 {actual} 被描述了 {count} 次（第 {lines} 行），每个图层只应描述 1 次', en: 'layer {actual} is described {count} times (lines {lines}); each layer is described once' },
  'metadata-element-order': { zh: '<{actual}> 的位置与附录D 的顺序不同', en: '<{actual}> is out of the Annex D order' },
  'metadata-layname': { zh: '图层名元素写作 <layName>（附录D 缩写名），通行样例为 <layerName>', en: 'layer name element is <layName> (Annex D abbreviation); the sample uses <layerName>' },
  'metadata-no-layers': { zh: '<contInfo> 中没有图层', en: '<contInfo> lists no layer' },
  'metadata-eastfal-metres': { zh: '东偏移 {actual} 看来以米为单位，附录D 要求公里', en: 'eastFAL {actual} looks like metres; Annex D wants kilometres' },
  // metadata/values reports these itself, on the parsed element values
  'metadata-value': { zh: '<{element}>（{name}）的值“{value}”不符合附录D', en: '<{element}> ({name}): value "{value}" does not meet Annex D' },
} satisfies Record<string, Localized>;

export type MetadataIssueCode = keyof typeof ISSUE_MESSAGES;

/** Every code the metadata reader emits, with its message template (a located problem, or a file that cannot be read). */
export const metadataIssueCodes: IssueCodes = { ...ISSUE_MESSAGES, ...readFailureCodes(READ_CODES, READ_MESSAGES, { zh: '{file}{at}', en: '{file}{atEn}' }) };
