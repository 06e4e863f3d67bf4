import { describe, expect, it } from 'vitest';
import { canonicalField, decisions, decisionsFor, fieldAliases, LONG_TERM_END } from './decisions.js';
import { getField, getTable } from './tables.js';

describe('decisions', () => {
  it('ids are unique and every decision names its sources, reason and at least one accepted variant', () => {
    expect(new Set(decisions.map((d) => d.id)).size).toBe(decisions.length);
    for (const d of decisions) {
      expect(d.sources.length, d.id).toBeGreaterThan(0);
      expect(d.reason.length, d.id).toBeGreaterThan(0);
      expect(d.variants.some((v) => v.accept === 'accept'), d.id).toBe(true);
    }
  });

  it('every TABLE.FIELD reference exists in Annex A/B', () => {
    for (const d of decisions) {
      for (const ref of d.applies) {
        if (ref.startsWith('metadata.')) continue;
        const [table, field] = ref.split('.');
        expect(getTable(table), `${d.id}: ${ref}`).toBeDefined();
        if (field) expect(getField(table, field), `${d.id}: ${ref}`).toBeDefined();
      }
    }
  });

  it('field aliases point at real fields and at the decision that allows them', () => {
    for (const a of fieldAliases) {
      expect(getField(a.table, a.field), a.alias).toBeDefined();
      expect(getField(a.table, a.alias), a.alias).toBeUndefined();
      expect(decisionsFor(a.table, a.field).map((d) => d.id)).toContain(a.decision);
    }
    expect(canonicalField('CBJYQZDJB', 'YCBJYQZLSH')).toBe('YCBJYQZBH');
    expect(canonicalField('CBJYQZDJB', 'DBR')).toBe('DBR');
  });

  it('the sentinel follows the draft note of B.8', () => {
    expect(getField('CBJYQZDJB', 'CBQXZ')?.note).toContain(LONG_TERM_END);
    expect(decisionsFor('CBJYQZDJB', 'CBQXZ').map((d) => d.id)).toContain('long-term-sentinel');
  });
});
