import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverage, coverageStatus, renderCoverageMarkdown } from './coverage.js';
import { rules } from './index.js';

const coverageDoc = new URL('../../COVERAGE.md', import.meta.url);

describe('peer coverage', () => {
  it('lists every one of the 130 + 28 peer checks once', () => {
    const ids = coverage.map((e) => e.peer);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('U-'))).toHaveLength(130);
    expect(ids.filter((id) => id.startsWith('S-'))).toHaveLength(28);
    const groups = { F: 10, S: 8, V: 16, R: 12, C: 15, X: 16, L: 8, I: 2, D: 15, A: 8, T: 1, G: 11, P: 5, K: 3 };
    for (const [g, n] of Object.entries(groups)) expect(ids.filter((id) => id.startsWith(`U-${g}`)), g).toHaveLength(n);
  });

  it('names only rules of the catalog; says why when none applies', () => {
    const known = new Set(rules.map((r) => r.meta.id));
    for (const e of coverage) {
      expect(e.rules.filter((id) => !known.has(id)), e.peer).toEqual([]);
      if (coverageStatus(e) === 'not applicable') expect(e.note?.length ?? 0, e.peer).toBeGreaterThan(10);
    }
  });

  it('COVERAGE.md is generated from coverage.ts and the catalog', () => {
    const text = renderCoverageMarkdown(rules);
    if (process.env.NYT2539_UPDATE_DOCS === '1') writeFileSync(coverageDoc, text);
    expect(readFileSync(coverageDoc, 'utf8')).toBe(text);
  });
});
