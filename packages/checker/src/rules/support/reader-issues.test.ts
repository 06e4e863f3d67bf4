import { describe, expect, it } from 'vitest';
import { ProfileError, validateProfile } from '../../engine/profile.js';
import { rule as fileUnreadable } from '../layout/file-unreadable.js';
import { rule as readerMetadata } from '../metadata/reader-metadata.js';
import { brief, runOnStore } from '../testing/rule-tester.js';
import { rule as readerStructure } from '../structure/reader-structure.js';
import { rule as readerSummary } from '../summary/reader-summary.js';
import { rule as readerValue } from '../values/reader-value.js';

const rules = [fileUnreadable, readerStructure, readerValue, readerSummary, readerMetadata];

describe('reader issues become findings of the rule that owns their code', () => {
  it('codes that are off by default give no finding', () => {
    expect(
      runOnStore(
        {
          issues: [
            { code: 'shx-missing', file: '矢量数据/JZX2205812016.shx' },
            { code: 'xls-extra-sheets', file: '汇总表格/x.xls', params: { actual: 2, expected: 'Sheet1' } },
            { code: 'metadata-element-order', file: '矢量数据/SL2205812016.xml', params: { actual: 'title' } },
          ],
        },
        rules,
      ),
    ).toEqual([]);
  });

  it('keeps the location, takes the severity from the owning meta and renders the reader template', () => {
    const findings = runOnStore(
      {
        issues: [
          { code: 'dbf-truncated', file: '矢量数据/DK2205812016.dbf', params: { declared: 10, actual: 7 } },
          { code: 'dbf-header-length', file: '矢量数据/JZD2205812016.dbf', params: { actual: 97, expected: 129, fields: 3 } },
          { code: 'dbf-bad-text', file: '矢量数据/DK2205812016.dbf', table: 'DK', record: 7, field: 'DKMC', params: { encoding: 'GBK' } },
          { code: 'xls-header-mismatch', file: '汇总表格/x.xls', table: '按地块汇总表', record: 3, field: 'C3', params: { cell: 'C3', expected: '地块数', actual: '地块' } },
          { code: 'xls-code-not-text', file: '汇总表格/x.xls', table: '按地块汇总表', record: 5, field: '权属单位代码', params: { actual: '340711001' } },
        ],
      },
      rules,
    );
    expect(brief(findings)).toEqual([
      { rule: 'layout/file-unreadable', id: 'dbf-truncated', severity: 'error', file: '矢量数据/DK2205812016.dbf' },
      { rule: 'summary/reader-summary', id: 'xls-header-mismatch', severity: 'error', file: '汇总表格/x.xls', table: '按地块汇总表', record: 3, field: 'C3' },
      { rule: 'structure/reader-structure', id: 'dbf-header-length', severity: 'warning', file: '矢量数据/JZD2205812016.dbf' },
      { rule: 'values/reader-value', id: 'dbf-bad-text', severity: 'warning', file: '矢量数据/DK2205812016.dbf', table: 'DK', record: 7, field: 'DKMC' },
      { rule: 'summary/reader-summary', id: 'xls-code-not-text', severity: 'warning', file: '汇总表格/x.xls', table: '按地块汇总表', record: 5, field: '权属单位代码' },
    ]);
    expect(findings[0].message).toEqual({
      zh: '属性表 矢量数据/DK2205812016.dbf 被截断：文件头记录数 10，完整记录只有 7 条',
      en: 'Attribute table 矢量数据/DK2205812016.dbf is truncated: header says 10 records, only 7 are complete',
    });
  });

  it('a profile sets the severity of one code, or turns it off, without touching the others', () => {
    const issues = [
      { code: 'xls-code-not-text', file: '汇总表格/x.xls', record: 5, params: { actual: '340711001' } },
      { code: 'xls-value-as-text', file: '汇总表格/x.xls', record: 6, field: 'C6', params: { expected: '地块数', actual: '3' } },
      { code: 'xls-extra-sheets', file: '汇总表格/x.xls', params: { actual: 2, expected: 'Sheet1' } },
    ];
    const profile = { rules: { 'summary/reader-summary': { codes: { 'xls-code-not-text': 'error', 'xls-value-as-text': 'off', 'xls-extra-sheets': 'warning' } } } } as const;
    expect(brief(runOnStore({ issues }, [readerSummary], profile)).map((f) => [f.id, f.severity])).toEqual([
      ['xls-code-not-text', 'error'],
      ['xls-extra-sheets', 'warning'],
    ]);
    // a rule-wide severity moves every code that is on, and leaves the off ones off
    expect(brief(runOnStore({ issues }, [readerSummary], { rules: { 'summary/reader-summary': 'error' } })).map((f) => [f.id, f.severity])).toEqual([
      ['xls-code-not-text', 'error'],
      ['xls-value-as-text', 'error'],
    ]);
  });

  it('a profile naming a code its rule does not own is refused with one clear line', () => {
    const bad = { rules: { 'summary/reader-summary': { codes: { 'dbf-truncated': 'warning' } } } };
    expect(() => validateProfile(bad, rules, 'p.json', 'en')).toThrow('profile p.json: rule summary/reader-summary owns no issue code dbf-truncated');
    expect(() => validateProfile({ rules: { 'summary/reader-summary': { codes: { 'xls-code-not-text': 'fatal' } } } }, rules, 'p.json')).toThrow(ProfileError);
  });
});
