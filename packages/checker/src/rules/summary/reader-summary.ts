import type { Rule } from '../../engine/types.js';
import { loadIssueMessages, reportLoadIssues } from '../load-issues.js';

/**
 * What the .xls reader met in the 汇总表格 and the 权属单位代码表: an unreadable workbook, a header that is not the
 * template's, codes stored as numbers, values stored as text, duplicate unit codes.
 */
export const rule: Rule = {
  meta: {
    id: 'summary/reader-summary',
    group: 'summary',
    severity: 'error',
    title: { zh: '汇总表格无法读取或格式不符', en: 'Summary table unreadable or not in the template layout' },
    messages: loadIssueMessages,
    spec: '汇交办法 汇总表格 (package-layout.md §2)',
    basis: "qc-rules.md A-10, I-02 (the 汇交 platform refuses a table not in its template layout); the reader's own severity is kept",
    basisKind: 'official-qc',
    fixedBy: '县确权办',
  },
  run: (ctx) => reportLoadIssues(ctx, 'summary'),
};
