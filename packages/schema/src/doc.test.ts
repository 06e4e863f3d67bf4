import { describe, expect, it } from 'vitest';
import { domainText, standardDocument, standardMarkdown } from './doc.js';
import { allTables } from './tables.js';

describe('standard document', () => {
  it('whole standard: every table, code table and decision; JSON round-trips', () => {
    const doc = standardDocument()!;
    expect(doc.tables).toBe(allTables);
    expect(JSON.parse(JSON.stringify(doc)).tables).toHaveLength(27);
    expect(doc.codeTables.map((c) => c.id)).toContain('C.19');
  });

  it('one table: physical schema and decisions of that table only', () => {
    const doc = standardDocument('CBJYQZDJB')!;
    expect(doc.physical.map((p) => p.name)).toEqual(['CBJYQZDJB']);
    expect(doc.ownershipTables.map((t) => t.table)).toEqual(['CBJYQZDJB']);
    expect(doc.decisions.map((d) => d.id)).toEqual(expect.arrayContaining(['cbjyqzdjb-column-order', 'long-term-sentinel', 'physical-date']));
    expect(doc.decisions.map((d) => d.id)).not.toContain('memo-dcjs');
    expect(standardDocument('nope')).toBeUndefined();
  });

  it('markdown prints each shared footnote once, with the fields it belongs to', () => {
    const md = standardMarkdown(standardDocument('DK')!, 'zh');
    expect(md).toContain('- DKDZ, DKXZ, DKNZ, DKBZ: 填写所调查地块四至');
    expect(md.match(/填写所调查地块四至/g)).toHaveLength(1);
  });

  it('domain text in both languages', () => {
    expect(domainText({ kind: 'codeTable', table: 'C.1', column: 'KZDDJ' }, 'zh')).toBe('见表 C.1 (KZDDJ)');
    expect(domainText({ kind: 'nonEmpty' }, 'en')).toBe('non-empty');
    expect(domainText({ kind: 'range', min: 0, text: '≥0' }, 'en')).toBe('≥0');
  });
});
