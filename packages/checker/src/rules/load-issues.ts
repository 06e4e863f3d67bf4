import type { RuleGroup } from '../engine/groups.js';
import { hasStoreTable } from '../engine/store-facts.js';
import type { RuleContext } from '../engine/types.js';

/**
 * Which check category a reader's `load_issues.code` belongs to. Readers record facts with stable codes
 * (readers/shapefile/issues.ts, readers/mdb.ts, the package scanner); the mapping lives here so a rule, not a
 * reader, decides what a finding is. Codes not listed fall back on their wording.
 */
const groupByCode: Readonly<Record<string, RuleGroup>> = {
  // the file cannot be opened, or is cut short / damaged (目录与文件, qc-rules)
  'shp-unreadable': 'layout',
  'shp-bad-header': 'layout',
  'shp-length-mismatch': 'layout',
  'shp-truncated': 'layout',
  'shx-bad': 'layout',
  'shx-offset-mismatch': 'layout',
  'dbf-bad-header': 'layout',
  'dbf-truncated': 'layout',
  'dbf-count-mismatch': 'layout',
  'dbf-no-eof': 'layout',
  'mdb-unreadable': 'layout',
  'mdb-table-unreadable': 'layout',
  'path-unreadable': 'layout',
  // the declared structure disagrees with itself (数据结构, qc-rules B)
  'dbf-header-length': 'structure',
  'dbf-record-length': 'structure',
  'dbf-duplicate-field': 'structure',
  'dbf-unsupported-type': 'structure',
  'shp-record-number': 'structure',
  'shp-type-mismatch': 'structure',
  'shp-unknown-type': 'structure',
  'shp-zm': 'structure',
  'shp-bad-record': 'structure',
  'count-mismatch': 'structure',
  'layer-part-mismatch': 'structure',
  'mdb-row-count-mismatch': 'structure',
  'duplicate-table': 'structure',
  'column-name-reserved': 'structure',
  // a value cannot be read as what its field declares (属性值域与格式, qc-rules C)
  'dbf-bad-number': 'values',
  'dbf-numeric-overflow': 'values',
  'dbf-bad-date': 'values',
  'dbf-bad-text': 'values',
  'dbf-deleted-flag': 'values',
  'cpg-unknown': 'values',
  'cpg-ldid-conflict': 'values',
  'encoding-guessed': 'values',
  // Access 97 stores text in a Western code page: Chinese values read as garbage
  'mdb-format-jet3': 'values',
};

/**
 * Missing companions are found from the file list by `layout/shapefile-parts`, which also covers .prj;
 * the readers' own notes about them would report the same file twice.
 */
const coveredElsewhere = new Set([
  'shp-missing',
  'shx-missing',
  'dbf-missing',
  'prj-missing',
  // layout/unexpected-file reports symbolic links
  'symlink-skipped',
  // metadata/values and metadata/layers check these on the parsed metadata themselves
  'metadata-value',
  'metadata-element-missing',
  'metadata-element-repeated',
  'metadata-no-layers',
  'metadata-eastfal-metres',
]);

export function loadIssueGroup(code: string): RuleGroup | undefined {
  if (coveredElsewhere.has(code)) return undefined;
  const known = groupByCode[code];
  if (known) return known;
  // the summary-table and metadata readers prefix their codes (readers/xls.ts, readers/metadata.ts)
  if (code.startsWith('xls-')) return 'summary';
  if (code.startsWith('metadata-')) return 'metadata';
  if (/text|encod|cpg|number|date|overflow|decode/.test(code)) return 'values';
  if (/missing|unreadable|truncat|corrupt|open|eof|bad-header|zip/.test(code)) return 'layout';
  return 'structure';
}

interface IssueRow {
  severity: string;
  code: string;
  file: string | null;
  tbl: string | null;
  record: number | null;
  field: string | null;
  message_zh: string;
  message_en: string;
}

/** Reports every error/warning load issue of one category; the reader's severity is kept ('info' is not a finding). */
export function reportLoadIssues(ctx: RuleContext, group: RuleGroup): void {
  if (!hasStoreTable(ctx.db, 'load_issues')) return;
  const rows = ctx.db
    .prepare(`SELECT severity, code, file, tbl, record, field, message_zh, message_en FROM load_issues WHERE severity IN ('error', 'warning') ORDER BY id`)
    .iterate() as IterableIterator<IssueRow>;
  for (const r of rows) {
    if (loadIssueGroup(r.code) !== group) continue;
    ctx.report({
      messageId: 'issue',
      data: { zh: r.message_zh, en: r.message_en, code: r.code },
      ...(r.file ? { file: r.file } : {}),
      ...(r.tbl ? { table: r.tbl } : {}),
      ...(r.record !== null ? { record: r.record } : {}),
      ...(r.field ? { field: r.field } : {}),
      ...(r.severity === 'warning' ? { severity: 'warning' as const } : {}),
    });
  }
}

export const loadIssueMessages = { issue: { zh: '{zh}', en: '{en}' } } as const;
