import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleGroups } from '../engine/groups.js';
import { defaultProfile, validateProfile } from '../engine/profile.js';
import { readerIssueCodes, readerIssueCodesBySource } from '../store/issue-codes.js';
import { renderRulesMarkdown, ruleModulePath } from './catalog-doc.js';
import { rules } from './index.js';

const rulesDoc = new URL('../../RULES.md', import.meta.url);

describe('rule catalog', () => {
  it('every rule lives in rules/<group>/…: rules/<id>.ts when its id starts with its group, else rules/<group>/<id>.ts', () => {
    expect(ruleModulePath({ id: 'area/plot-area', group: 'area' })).toBe('area/plot-area.ts');
    expect(ruleModulePath({ id: 'persons/sex-id', group: 'logic' })).toBe('logic/persons/sex-id.ts');
    const misplaced = rules.map((r) => r.meta).filter((m) => !existsSync(new URL(`./${ruleModulePath(m)}`, import.meta.url))).map((m) => `${m.id} (${m.group})`);
    expect(misplaced).toEqual([]);
    // and no rule module sits anywhere else (a copy left behind, or a module missing from the registry)
    const modules = readdirSync(new URL('.', import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.split(sep).join('/'))
      .filter((f) => /^export const rule\b/m.test(readFileSync(new URL(`./${f}`, import.meta.url), 'utf8')));
    expect(modules.sort()).toEqual(rules.map((r) => ruleModulePath(r.meta)).sort());
  });

  it('every rule is in a known category, with messages in both languages and a basis', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      const { id, group, messages, basis, spec } = r.meta;
      expect(Object.hasOwn(ruleGroups, group)).toBe(true);
      expect(Object.keys(messages).length).toBeGreaterThan(0);
      for (const text of Object.values(messages)) expect(text.zh.length * text.en.length).toBeGreaterThan(0);
      expect(basis.length * spec.length).toBeGreaterThan(0);
    }
  });

  it('a rule whose basis is an inference (no clause of NY/T 2539/2538 or the official QC rules) defaults to a warning', () => {
    const kinds = new Set(['standard', 'official-qc', 'inference']);
    for (const r of rules) expect(kinds.has(r.meta.basisKind), r.meta.id).toBe(true);
    const inferredErrors = rules.filter((r) => r.meta.basisKind === 'inference' && r.meta.severity === 'error').map((r) => r.meta.id);
    expect(inferredErrors).toEqual([]);
    // a control point just outside the county: control networks extend past county lines, no clause forbids it
    expect(rules.find((r) => r.meta.id === 'topology/region-features')?.meta).toMatchObject({ basisKind: 'inference', severity: 'warning' });
  });

  it('every code a reader can emit is owned by exactly one rule, and every owned code exists', () => {
    const owners = new Map<string, string[]>();
    for (const r of rules) for (const code of Object.keys(r.meta.readerCodes ?? {})) owners.set(code, [...(owners.get(code) ?? []), r.meta.id]);
    const bySource = Object.values(readerIssueCodesBySource).flatMap((codes) => Object.keys(codes));
    // no two readers declare the same code (one would silently take the other's message)
    expect(bySource.length).toBe(new Set(bySource).size);
    expect(Object.keys(readerIssueCodes).filter((c) => owners.get(c)?.length !== 1).map((c) => `${c}: ${owners.get(c)?.join(', ') ?? 'no owner'}`)).toEqual([]);
    expect([...owners.keys()].filter((c) => !Object.hasOwn(readerIssueCodes, c))).toEqual([]);
  });

  it('a rule that reads decoded layers says so in its meta (the thread runner schedules by it)', () => {
    const undeclared = rules.filter((r) => !r.meta.layers && /from '(\.\.\/)+spatial\//.test(readFileSync(new URL(`./${ruleModulePath(r.meta)}`, import.meta.url), 'utf8')));
    expect(undeclared.map((r) => r.meta.id)).toEqual([]);
  });

  it('a rule whose code calls GEOS says so in its meta, and only such a rule (the thread runner schedules by it)', () => {
    const geos = fileURLToPath(new URL('../spatial/geos.ts', import.meta.url));
    const reached = new Map<string, boolean>();
    // the module's value imports (an `import type` loads nothing), followed through the checker's own modules
    const reachesGeos = (file: string): boolean => {
      if (file === geos) return true;
      const known = reached.get(file);
      if (known !== undefined) return known;
      reached.set(file, false);
      const source = readFileSync(file, 'utf8');
      const specifiers = [...source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'|\bimport\('(\.[^']+)'\)/gm)].map((m) => m[1] ?? m[2]);
      const hit = specifiers.some((s) => {
        const target = join(dirname(file), s.replace(/\.js$/, '.ts'));
        return existsSync(target) && reachesGeos(target);
      });
      reached.set(file, hit);
      return hit;
    };
    const mismatched = rules.filter((r) => (r.meta.geos === true) !== reachesGeos(fileURLToPath(new URL(`./${ruleModulePath(r.meta)}`, import.meta.url))));
    expect(mismatched.map((r) => `${r.meta.id}: geos ${r.meta.geos === true}`)).toEqual([]);
    expect(rules.filter((r) => r.meta.geos).map((r) => r.meta.id)).toContain('topology/plot-gap');
  });

  it('the default profile is a valid profile', () => {
    expect(validateProfile(defaultProfile(rules), rules, 'default')).toMatchObject({ rules: { 'values/whitespace': { severity: 'error' } } });
  });

  it('RULES.md is generated from the metas', () => {
    const text = renderRulesMarkdown(rules);
    if (process.env.NYT2539_UPDATE_DOCS === '1') writeFileSync(rulesDoc, text);
    expect(readFileSync(rulesDoc, 'utf8'), 'RULES.md is out of date: NYT2539_UPDATE_DOCS=1 pnpm exec vitest run packages/checker/src/rules/catalog.test.ts').toBe(text);
  });
});
