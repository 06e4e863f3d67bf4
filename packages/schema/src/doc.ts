import { codeTables } from './codes.js';
import { decisions, decisionsFor, type SchemaDecision } from './decisions.js';
import { featureCodes, featureCodesOf, layers, ownershipTables, type OwnershipTableDef } from './features.js';
import type { Lang } from './i18n.js';
import { rowJsonSchema, type JsonSchema } from './jsonschema.js';
import { physicalTables } from './physical.js';
import { allTables, getTable } from './tables.js';
import type { CodeTableDef, Condition, Domain, FeatureCodeDef, FieldDef, LayerDef, PhysicalTable, TableDef } from './types.js';

/**
 * The whole encoded standard as one document (the `schema` command): generated from the annex modules, never
 * edited by hand. `--table` narrows it to one table and what that table refers to.
 */
interface StandardDocument {
  readonly standard: 'NY/T 2539-2016';
  readonly title: string;
  readonly source: string;
  readonly features: readonly FeatureCodeDef[];
  readonly layers: readonly LayerDef[];
  readonly ownershipTables: readonly OwnershipTableDef[];
  readonly tables: readonly TableDef[];
  readonly codeTables: readonly CodeTableDef[];
  readonly physical: readonly PhysicalTable[];
  readonly decisions: readonly SchemaDecision[];
  readonly jsonSchemas: Readonly<Record<string, JsonSchema>>;
}

const STANDARD_TITLE = '农村土地承包经营权确权登记数据库规范';
const SOURCE = 'NY/T 2539-2016 报批稿 v0.9 (2016-09-07); Access 模板 权属数据.mdb; see decisions for differences';

/** Code tables a table's fields refer to, in the order of the code-table list. */
function referencedCodeTables(tables: readonly TableDef[]): CodeTableDef[] {
  const ids = new Set(tables.flatMap((t) => t.fields.map((f) => (f.domain?.kind === 'codeTable' ? f.domain.table : ''))));
  return codeTables.filter((c) => ids.has(c.id));
}

/** The document for the whole standard, or (with `table`) for one table; undefined when the table is unknown. */
export function standardDocument(table?: string): StandardDocument | undefined {
  const tables = table === undefined ? allTables : [getTable(table)].filter((t): t is TableDef => t !== undefined);
  if (!tables.length) return undefined;
  const names = new Set(tables.map((t) => t.name));
  const one = table !== undefined;
  const codes = one ? new Set(tables.flatMap((t) => featureCodesOf(t.name))) : undefined;
  return {
    standard: 'NY/T 2539-2016',
    title: STANDARD_TITLE,
    source: SOURCE,
    features: codes ? featureCodes.filter((f) => codes.has(f.code)) : featureCodes,
    layers: one ? layers.filter((l) => names.has(l.table)) : layers,
    ownershipTables: one ? ownershipTables.filter((t) => names.has(t.table)) : ownershipTables,
    tables,
    codeTables: one ? referencedCodeTables(tables) : codeTables,
    physical: physicalTables.filter((p) => names.has(p.name)),
    decisions: one ? [...names].flatMap((n) => [...decisionsFor(n), ...tables.flatMap((t) => t.fields.flatMap((f) => decisionsFor(n, f.code)))]).filter((d, i, all) => all.indexOf(d) === i) : decisions,
    jsonSchemas: Object.fromEntries(tables.map((t) => [t.name, rowJsonSchema(t)])),
  };
}

const words = {
  zh: {
    features: '表1 要素代码与名称描述',
    layers: '表2 层名称及各层要素',
    ownership: '表3 权属数据表格信息关联表',
    codes: '附录C 属性值代码',
    decisions: '来源不一致之处的处理',
    featureHead: ['要素代码', '要素名称', '上级代码'],
    layerHead: ['层名称', '层要素', '几何特征', '属性表名称', '要素代码', '约束条件', '说明'],
    ownershipHead: ['序号', '权属数据', '属性名称', '表格名称', '约束条件', '说明'],
    fieldHead: ['序号', '字段代码', '字段名称', '字段类型', '字段长度', '小数位数', '值域', '约束条件', '单位'],
    codeHead: ['代码', '名称', '上级代码'],
    decisionHead: ['编号', '主题', '决定', '理由'],
    seeTable: (t: string) => `见表 ${t}`,
    nonEmpty: '非空',
    featureCode: '见表 1',
    conditions: '条件',
    rowRules: '行规则',
    notes: '注',
    attribute: '属性表名',
    tableName: '表名',
  },
  en: {
    features: 'Table 1 Feature codes',
    layers: 'Table 2 Layers',
    ownership: 'Table 3 Ownership tables',
    codes: 'Annex C Code tables',
    decisions: 'Where the sources disagree',
    featureHead: ['Feature code', 'Name', 'Parent'],
    layerHead: ['Group', 'Layer', 'Geometry', 'Table', 'Feature codes', 'Constraint', 'See'],
    ownershipHead: ['No.', 'Group', 'Name', 'Table', 'Constraint', 'See'],
    fieldHead: ['No.', 'Code', 'Name', 'Type', 'Length', 'Decimals', 'Domain', 'Constraint', 'Unit'],
    codeHead: ['Code', 'Name', 'Parent'],
    decisionHead: ['Id', 'Topic', 'Decision', 'Reason'],
    seeTable: (t: string) => `see ${t}`,
    nonEmpty: 'non-empty',
    featureCode: 'see Table 1',
    conditions: 'Conditions',
    rowRules: 'Row rules',
    notes: 'Notes',
    attribute: 'attribute table',
    tableName: 'table',
  },
} as const;

function cell(v: unknown): string {
  return String(v ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

export function domainText(d: Domain | undefined, lang: Lang): string {
  const w = words[lang];
  switch (d?.kind) {
    case 'codeTable':
      return w.seeTable(d.column ? `${d.table} (${d.column})` : d.table) + (d.advisory ? (lang === 'zh' ? '（参考）' : ' (advisory)') : '');
    case 'featureCode':
      return w.featureCode;
    case 'nonEmpty':
      return w.nonEmpty;
    case 'range':
    case 'pattern':
      return d.text;
    default:
      return '';
  }
}

function conditionText(c: Condition): string {
  return c.text;
}

/** `- A, B: text` lines, one per distinct text, fields in order (shared footnotes print once). */
function groupByText(entries: readonly (readonly [string, string])[]): string[] {
  const byText = new Map<string, string[]>();
  for (const [code, text] of entries) byText.set(text, [...(byText.get(text) ?? []), code]);
  return [...byText].map(([text, codes]) => `- ${codes.join(', ')}: ${text}`);
}

function tableMarkdown(t: TableDef, lang: Lang): string {
  const w = words[lang];
  const kind = t.kind === 'layer' ? w.attribute : w.tableName;
  const heading = lang === 'zh' ? `## 表${t.annexTable} ${t.title}（${kind}：${t.name}）` : `## Table ${t.annexTable} ${t.title} (${kind}: ${t.name})`;
  const rows = t.fields.map((f: FieldDef) => [f.seq, f.code, f.name, f.type, f.length ?? '', f.decimals ?? '', domainText(f.domain, lang), f.constraint, f.unit ?? '']);
  const parts = [heading, '', mdTable(w.fieldHead, rows)];
  const conditions = groupByText(t.fields.filter((f) => f.condition).map((f) => [f.code, `C/${conditionText(f.condition!)}`]));
  if (conditions.length) parts.push('', `**${w.conditions}**`, '', ...conditions);
  if (t.rowRules?.length) parts.push('', `**${w.rowRules}**`, '', ...t.rowRules.map((r) => `- ${r.fields.join('/')}: ${r.text}`));
  const notes = groupByText(t.fields.filter((f) => f.note).map((f) => [f.code, f.note!]));
  if (notes.length) parts.push('', `**${w.notes}**`, '', ...notes);
  return parts.join('\n');
}

/** Readable markdown of a document: Chinese, or English headings with `lang = 'en'` (the data stays Chinese). */
export function standardMarkdown(doc: StandardDocument, lang: Lang): string {
  const w = words[lang];
  const parts: string[] = [`# ${doc.standard} ${doc.title}`, '', `> ${doc.source}`];
  if (doc.features.length) parts.push('', `## ${w.features}`, '', mdTable(w.featureHead, doc.features.map((f) => [f.code, f.name, f.parent])));
  if (doc.layers.length) {
    const rows = doc.layers.map((l) => [l.group, l.name, l.geometry, l.table, l.featureCodes.join(', '), l.constraint, w.seeTable(l.annexTable)]);
    parts.push('', `## ${w.layers}`, '', mdTable(w.layerHead, rows));
  }
  if (doc.ownershipTables.length) {
    const rows = doc.ownershipTables.map((t) => [t.seq, t.group, t.name, t.table, t.condition ? t.condition.text : t.constraint, w.seeTable(t.annexTable)]);
    parts.push('', `## ${w.ownership}`, '', mdTable(w.ownershipHead, rows));
  }
  for (const t of doc.tables) parts.push('', tableMarkdown(t, lang));
  if (doc.codeTables.length) {
    parts.push('', `## ${w.codes}`);
    for (const c of doc.codeTables) parts.push('', `### ${c.id} ${c.name}`, '', mdTable(w.codeHead, c.codes.map((x) => [x.code, x.name, x.parent ?? ''])));
  }
  if (doc.decisions.length) parts.push('', `## ${w.decisions}`, '', mdTable(w.decisionHead, doc.decisions.map((d) => [d.id, d.topic, d.decision, d.reason])));
  return `${parts.join('\n')}\n`;
}
