import { describe, expect, it } from 'vitest';
import { brief, runOnStore } from '../rules/testing/rule-tester.js';
import { ProfileError, defaultProfile, resolveRules, validateProfile } from './profile.js';
import type { Rule } from './types.js';

/** A rule reporting one finding per CBF row whose CBFMC is empty; enough to exercise the engine. */
const emptyName: Rule = {
  meta: {
    id: 'values/test-empty-name',
    group: 'values',
    severity: 'error',
    title: { zh: '测试', en: 'test' },
    messages: { empty: { zh: '第 {record} 条记录 {field} 为空', en: 'record {record}: {field} empty' } },
    spec: 'test',
    basis: 'test',
    basisKind: 'standard',
    fixedBy: '村组',
    options: { downgrade: false },
  },
  run(ctx) {
    for (const r of ctx.db.prepare(`SELECT _rec, _file, CBFBM FROM CBF WHERE CBFMC IS NULL OR CBFMC = '' ORDER BY _rid DESC`).iterate() as IterableIterator<{ _rec: number; _file: string; CBFBM: string }>) {
      ctx.report({ messageId: 'empty', table: 'CBF', file: r._file, record: r._rec, field: 'CBFMC', keys: { CBFBM: r.CBFBM }, ...(ctx.options.downgrade ? { severity: 'warning' as const } : {}) });
    }
  },
};

const broken: Rule = {
  meta: { ...emptyName.meta, id: 'layout/test-broken', group: 'layout', options: undefined },
  run() {
    throw new Error('boom');
  },
};

const store = {
  tables: [
    {
      name: 'CBF',
      columns: [{ name: 'CBFBM' }, { name: 'CBFMC' }],
      rows: [
        { CBFBM: '220581100007010001', CBFMC: '' },
        { CBFBM: '220581100007010002', CBFMC: '张三' },
        { CBFBM: '220581100007010003', CBFMC: null },
      ],
    },
  ],
};

describe('runRules', () => {
  it('renders messages in both languages, sorts by location, and keeps keys', () => {
    const findings = runOnStore(store, [emptyName]);
    expect(brief(findings)).toEqual([
      { rule: 'values/test-empty-name', id: 'empty', severity: 'error', file: '权属数据/2205812016.mdb', table: 'CBF', record: 1, field: 'CBFMC' },
      { rule: 'values/test-empty-name', id: 'empty', severity: 'error', file: '权属数据/2205812016.mdb', table: 'CBF', record: 3, field: 'CBFMC' },
    ]);
    expect(findings[0].message).toEqual({ zh: '第 1 条记录 CBFMC 为空', en: 'record 1: CBFMC empty' });
    expect(findings[0].location.keys).toEqual({ CBFBM: '220581100007010001' });
  });

  it('applies profile severity, options and off', () => {
    expect(runOnStore(store, [emptyName], { rules: { 'values/test-empty-name': 'off' } })).toEqual([]);
    expect(runOnStore(store, [emptyName], { rules: { 'values/test-empty-name': 'warning' } }).map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(runOnStore(store, [emptyName], { rules: { 'values/test-empty-name': { options: { downgrade: true } } } }).map((f) => f.severity)).toEqual(['warning', 'warning']);
    // an explicit profile severity wins over a rule's per-finding downgrade
    expect(runOnStore(store, [emptyName], { rules: { 'values/test-empty-name': { severity: 'error', options: { downgrade: true } } } }).map((f) => f.severity)).toEqual(['error', 'error']);
  });

  it('turns a crashing rule into an error finding and goes on', () => {
    const findings = runOnStore(store, [broken, emptyName]);
    expect(findings.map((f) => [f.ruleId, f.messageId])).toEqual([
      ['layout/test-broken', 'ruleFailed'],
      ['values/test-empty-name', 'empty'],
      ['values/test-empty-name', 'empty'],
    ]);
    expect(findings[0].message.en).toContain('boom');
  });
});

describe('profiles', () => {
  it('accepts the default profile and rejects unknown rules, options and severities', () => {
    const rules = [emptyName];
    expect(validateProfile(defaultProfile(rules), rules, 'p.json')).toBeTruthy();
    expect(() => validateProfile({ rules: { 'values/nope': 'off' } }, rules, 'p.json')).toThrow(ProfileError);
    expect(() => validateProfile({ rules: { 'values/test-empty-name': { options: { nope: 1 } } } }, rules, 'p.json', 'en')).toThrow('rule values/test-empty-name has no option nope');
    expect(() => validateProfile({ rules: { 'values/test-empty-name': 'fatal' } }, rules, 'p.json', 'en')).toThrow(/profile p.json is invalid/);
    expect(() => validateProfile({ limit: 3 }, rules, 'p.json')).toThrow(ProfileError);
    expect(() => validateProfile({ rules: { 'values/test-empty-name': { options: { downgrade: 'yes' } } } }, rules, 'p.json', 'en')).toThrow('option downgrade of rule values/test-empty-name must be true or false');
  });

  it('merges options over the defaults', () => {
    const [r] = resolveRules([emptyName], { rules: { 'values/test-empty-name': { options: { downgrade: true } } } });
    expect(r.options).toEqual({ downgrade: true });
    expect(r.enabled).toBe(true);
  });
});
