import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findingsDocument, fingerprintOf, renderJson, summarize, validateFindingsDocument, type Finding, type PackageInfo } from '@nyt2539/checker';
import { diffDocuments } from './diff.js';
import { renderDiffText } from './diff-text.js';
import { readFindingsFile } from './findings-file.js';
import { writeReports } from '../reports/index.js';
import { runCli } from '../cli/test-support.js';
import XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';

const info: PackageInfo = { root: '/x/340711郊区', rootName: '340711郊区', county: '340711', countyName: '郊区', year: '2016', input: '/x', inputKind: 'folder' };

function finding(ruleId: string, group: Finding['group'], keys: Record<string, string>, field: string, record: number): Finding {
  const location = { file: '权属数据/3407112016.mdb', table: 'CBF', record, keys, field };
  return { ruleId, group, severity: 'error', messageId: 'm', message: { zh: `${field} 有误`, en: `${field} wrong` }, location, fingerprint: fingerprintOf({ ruleId, messageId: 'm', location }) };
}

function doc(findings: Finding[], date: string, dropped: Record<string, number> = {}) {
  const rules = ['values/required', 'persons/member-count', 'contracts/mu-conversion'];
  const counts = rules.map((r) => ({ ruleId: r, group: r.split('/')[0] === 'persons' ? ('logic' as const) : r.startsWith('values') ? ('values' as const) : ('area' as const), errors: findings.filter((f) => f.ruleId === r).length, warnings: 0, dropped: dropped[r] ?? 0 }));
  return findingsDocument(info, summarize(counts), findings, { mask: true, checkedAt: date });
}

const a = finding('values/required', 'values', { CBFBM: '340711101201010004' }, 'GSJSR', 4);
const b = finding('persons/member-count', 'logic', { CBFBM: '340711101201030003' }, 'CBFCYSL', 38);
const c = finding('contracts/mu-conversion', 'area', { CBFBM: '340711101201030001' }, 'HTZMJM', 36);

describe('re-check diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nyt2539-diff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a fixed finding of an unmasked baseline is masked when the current check is', () => {
    const id = '340711199001011234';
    const withId: Finding = { ...finding('persons/id-number', 'logic', { CBFBM: '340711101201010004' }, 'CBFZJHM', 4), actual: id };
    const counts = [{ ruleId: 'persons/id-number', group: 'logic' as const, errors: 1, warnings: 0, dropped: 0 }];
    const unmasked = findingsDocument(info, summarize(counts), [withId], { mask: false, checkedAt: '2026-11-01' });
    const masked = findingsDocument(info, summarize(counts.map((x) => ({ ...x, errors: 0 }))), [], { mask: true, checkedAt: '2026-11-10' });
    const d = diffDocuments(unmasked, masked);
    expect(d.diff?.fixedFindings).toHaveLength(1);
    expect(JSON.stringify(d.diff?.fixedFindings)).not.toContain(id);
    expect(JSON.stringify(diffDocuments(unmasked, findingsDocument(info, summarize(counts), [], { mask: false, checkedAt: '2026-11-10' })).diff?.fixedFindings)).toContain(id);
  });

  it('marks new, persisting (with first-seen date and check count) and fixed (with the confirming date), per category and unit', () => {
    const first = doc([a, b, c], '2026-11-01');
    // b moved two records down (rows inserted above it): still the same finding
    const moved = finding('persons/member-count', 'logic', { CBFBM: '340711101201030003' }, 'CBFCYSL', 40);
    const d = finding('values/required', 'values', { CBFBM: '340711101201010009' }, 'GSJSR', 9);
    const second = diffDocuments(first, doc([moved, a, d], '2026-11-10'));
    expect(validateFindingsDocument(JSON.parse(renderJson(second)))).toEqual([]);
    expect(second.findings.map((f) => [f.location.keys?.CBFBM, f.status, f.firstSeen, f.checks])).toEqual([
      ['340711101201030003', 'persisting', '2026-11-01', 2],
      ['340711101201010004', 'persisting', '2026-11-01', 2],
      ['340711101201010009', 'new', '2026-11-10', 1],
    ]);
    expect(second.diff?.fixedFindings.map((f) => [f.ruleId, f.status, f.fixedOn, f.firstSeen])).toEqual([['contracts/mu-conversion', 'fixed', '2026-11-10', '2026-11-01']]);
    expect([second.diff?.new, second.diff?.persisting, second.diff?.fixed, second.diff?.unconfirmed]).toEqual([1, 2, 1, 0]);
    expect(second.diff?.byUnit).toEqual([
      { unit: '测绘单位', new: 0, persisting: 0, fixed: 1 },
      { unit: '村组', new: 1, persisting: 2, fixed: 0 },
    ]);
    // a third check carries the history on
    const third = diffDocuments(second, doc([a], '2026-11-20'));
    expect(third.findings.map((f) => [f.status, f.firstSeen, f.checks])).toEqual([['persisting', '2026-11-01', 3]]);
    expect(third.diff?.fixedFindings.map((f) => [f.location.keys?.CBFBM, f.checks, f.fixedOn])).toEqual([
      ['340711101201030003', 2, '2026-11-20'],
      ['340711101201010009', 1, '2026-11-20'],
    ]);
    const text = renderDiffText(third, 'zh');
    expect(text).toContain('新增 0 条，遗留 1 条，已整改（销号）2 条');
    expect(text).toContain('首次发现 2026-11-01，2026-11-20 复查确认销号');
    expect(renderDiffText(third, 'en')).toContain('0 new, 1 persisting, 2 fixed (closed)');
  });

  it('every report format of the registry shows the status (XLSX read back with SheetJS)', async () => {
    const second = diffDocuments(doc([a, b, c], '2026-11-01'), doc([a, finding('values/required', 'values', { CBFBM: '340711101201010009' }, 'GSJSR', 9)], '2026-11-10'));
    const out = join(dir, 'reports');
    await writeReports(second, out, { formats: ['xlsx'], lang: 'zh' });
    const wb = XLSX.read(readFileSync(join(out, '问题清单.xlsx')));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['属性值域与格式'], { header: 1 });
    const head = rows[0] as string[];
    const statusAt = head.indexOf('状态');
    expect(statusAt).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => (r as unknown[])[statusAt]).sort()).toEqual(['新增', '遗留']);
  });

  it('`diff` prints the JSON document only for --format json, the diff text otherwise; --out writes the same document', () => {
    const old = join(dir, 'cli-old.json');
    const now = join(dir, 'cli-new.json');
    writeFileSync(old, renderJson(doc([a, b, c], '2026-11-01')));
    writeFileSync(now, renderJson(doc([a], '2026-11-10')));
    const out = join(dir, 'cli-out');
    const json = runCli(['diff', old, now, '--format', 'json', '--out', out, '--reports', 'json']);
    expect(json.code).toBe(1);
    const printed = JSON.parse(json.stdout) as ReturnType<typeof diffDocuments>;
    expect(validateFindingsDocument(printed)).toEqual([]);
    expect([printed.diff?.fixed, printed.diff?.persisting]).toEqual([2, 1]);
    expect(readFileSync(join(out, 'findings.json'), 'utf8')).toBe(json.stdout);
    const text = runCli(['diff', old, now]);
    expect(text.code).toBe(1);
    expect(text.stdout).not.toContain('"formatVersion"');
    expect(text.stdout).toBe(renderDiffText(printed, 'zh', 50));
  });

  it('never closes a finding of a rule that hit its limit or did not run', () => {
    const first = doc([a, c], '2026-11-01');
    const second = diffDocuments(first, doc([], '2026-11-10', { 'values/required': 3 }));
    expect([second.diff?.fixed, second.diff?.unconfirmed]).toEqual([1, 1]);
  });

  it('refuses a version-1, foreign or damaged findings file with one located message', () => {
    const v1 = join(dir, 'v1.json');
    writeFileSync(v1, JSON.stringify({ ...doc([a], '2026-11-01'), formatVersion: 1 }));
    expect(() => readFindingsFile(v1)).toThrow(/格式版本为 1/);
    const foreign = join(dir, 'foreign.json');
    writeFileSync(foreign, '{"hello": 1}');
    expect(() => readFindingsFile(foreign)).toThrow(/不是 nyt2539 质检问题清单/);
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, renderJson(doc([a], '2026-11-01')).slice(0, 200));
    expect(() => readFindingsFile(cut)).toThrow(/不是有效的 JSON/);
    const ok = join(dir, 'ok.json');
    writeFileSync(ok, renderJson(doc([a], '2026-11-01')));
    expect(readFindingsFile(ok).findings).toHaveLength(1);
  });
});
