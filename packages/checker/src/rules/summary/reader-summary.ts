import { readerIssueRule } from '../support/reader-issues.js';

/**
 * What the .xls reader met in the 汇总表格 and the 权属单位代码表: an unreadable workbook, a header that is not the
 * template's, codes stored as numbers, values stored as text, duplicate unit codes.
 */
export const rule = readerIssueRule({
  id: 'summary/reader-summary',
  group: 'summary',
  severity: 'error',
  title: { zh: '汇总表格无法读取或格式不符', en: 'Summary table unreadable or not in the template layout' },
  spec: '汇交办法 汇总表格 (package-layout.md §2)',
  basis: 'qc-rules.md A-10, I-02 (the 汇交 platform refuses a table not in its template layout); a variant the platform still reads is a warning',
  basisKind: 'official-qc',
  fixedBy: '县确权办',
  codes: {
    'xls-unreadable': 'error',
    'xls-open-missing': 'error',
    'xls-open-denied': 'error',
    'xls-open-not-file': 'error',
    'xls-too-large': 'error',
    'xls-not-xls': 'error',
    'xls-is-xlsx': 'error',
    'xls-corrupt': 'error',
    'xls-too-many-rows': 'error',
    'xls-hostile': 'error',
    'xls-no-sheet': 'error',
    'xls-header-mismatch': 'error',
    'xls-header-moved': 'warning',
    'xls-header-missing': 'error',
    'xls-merge-missing': 'warning',
    'xls-code-not-text': 'warning',
    'xls-code-format': 'error',
    'xls-name-empty': 'error',
    'xls-value-missing': 'error',
    'xls-value-not-number': 'error',
    'xls-value-as-text': 'warning',
    'xls-extra-cell': 'warning',
    'xls-duplicate-code': 'error',
    'xls-parse-warning': 'warning',
    // only the first sheet is read; a second one is a note, not a defect of the table
    'xls-extra-sheets': 'off',
  },
});
