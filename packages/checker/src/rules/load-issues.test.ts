import { describe, expect, it } from 'vitest';
import { rule as fileUnreadable } from './layout/file-unreadable.js';
import { loadIssueGroup } from './load-issues.js';
import { brief, runOnStore } from './rule-tester.js';
import { rule as readerStructure } from './structure/reader-structure.js';
import { rule as readerValue } from './values/reader-value.js';

const rules = [fileUnreadable, readerStructure, readerValue];

describe('load issues become findings of their category', () => {
  it('a clean load gives no findings', () => {
    expect(runOnStore({ issues: [{ severity: 'info', code: 'encoding-from-ldid', file: '矢量数据/DK2205812016.dbf' }] }, rules)).toEqual([]);
  });

  it('maps each issue to one rule, keeps its location and severity, and renders the reader message', () => {
    const findings = runOnStore(
      {
        issues: [
          { severity: 'error', code: 'dbf-truncated', file: '矢量数据/DK2205812016.dbf', zh: '属性表被截断', en: 'truncated' },
          { severity: 'error', code: 'dbf-header-length', file: '矢量数据/JZD2205812016.dbf' },
          { severity: 'error', code: 'dbf-bad-text', file: '矢量数据/DK2205812016.dbf', tbl: 'DK', record: 7, field: 'DKMC' },
          { severity: 'warning', code: 'encoding-guessed', file: '矢量数据/JZX2205812016.dbf' },
          { severity: 'error', code: 'shx-missing', file: '矢量数据/JZX2205812016.shx' },
        ],
      },
      rules,
    );
    expect(brief(findings)).toEqual([
      { rule: 'layout/file-unreadable', id: 'issue', severity: 'error', file: '矢量数据/DK2205812016.dbf' },
      { rule: 'structure/reader-structure', id: 'issue', severity: 'error', file: '矢量数据/JZD2205812016.dbf' },
      { rule: 'values/reader-value', id: 'issue', severity: 'error', file: '矢量数据/DK2205812016.dbf', table: 'DK', record: 7, field: 'DKMC' },
      { rule: 'values/reader-value', id: 'issue', severity: 'warning', file: '矢量数据/JZX2205812016.dbf' },
    ]);
    expect(findings[0].message).toEqual({ zh: '属性表被截断', en: 'truncated' });
  });

  it('classifies unknown codes by their wording', () => {
    expect(loadIssueGroup('mdb-unreadable')).toBe('layout');
    expect(loadIssueGroup('mdb-undecodable-text')).toBe('values');
    expect(loadIssueGroup('odd-thing')).toBe('structure');
    expect(loadIssueGroup('prj-missing')).toBeUndefined();
    expect(loadIssueGroup('xls-header-moved')).toBe('summary');
    expect(loadIssueGroup('metadata-root')).toBe('metadata');
    expect(loadIssueGroup('metadata-value')).toBeUndefined();
    expect(loadIssueGroup('mdb-format-jet3')).toBe('values');
  });
});
