import type { Localized } from '@nyt2539/schema';

/**
 * Check categories (检查类别). Order is the report order; Chinese names follow qc-rules.md groups A–K so the
 * summary table reads like the 汇交 platform's "质检检查类别 | 错误个数".
 */
export const ruleGroups = {
  layout: { zh: '目录与文件', en: 'Folders and files' }, // qc-rules A
  structure: { zh: '数据结构', en: 'Data structure' }, // qc-rules B
  values: { zh: '属性值域与格式', en: 'Attribute values and formats' }, // qc-rules C
  coding: { zh: '编码', en: 'Coding' }, // qc-rules D
  logic: { zh: '逻辑一致性', en: 'Logical consistency' }, // qc-rules E
  crs: { zh: '空间参考', en: 'Spatial reference' }, // qc-rules F
  topology: { zh: '图形拓扑', en: 'Geometry and topology' }, // qc-rules G
  area: { zh: '面积', en: 'Areas' }, // qc-rules H
  summary: { zh: '汇总表', en: 'Summary tables' }, // qc-rules I
  metadata: { zh: '元数据', en: 'Metadata' }, // qc-rules J
  attachments: { zh: '附件', en: 'Attachments' }, // qc-rules K
} as const satisfies Record<string, Localized>;

export type RuleGroup = keyof typeof ruleGroups;

export const ruleGroupOrder: readonly RuleGroup[] = Object.keys(ruleGroups) as RuleGroup[];

export function groupRank(group: RuleGroup): number {
  return ruleGroupOrder.indexOf(group);
}
