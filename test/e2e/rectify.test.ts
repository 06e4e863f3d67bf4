/**
 * The rectification loop end to end on a generated package (issue 14 "Done when"): check, fix, re-check (every
 * derivable defect fixed, every count/total defect still reported and explained, nothing new, the .mdb differs
 * only in the changed cells per mdb-export); then two new defects and one fix undone by hand: the diff names
 * them precisely; the ledger over the three checks has the right dates and progress, read back with SheetJS.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MDBReader from 'mdb-reader';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsDocument, renderJson, runCheck, type FindingsDocument } from '@nyt2539/checker';
import { applyWrittenDefects, selectInjectors, type GroundTruth } from '@nyt2539/examples';
import { generatePackage } from '@nyt2539/packager';
import { applyCheck, diffDocuments, emptyLedger, fixPackage, ledgerXlsx, progressByUnit, readPlan, writeMdb, type FixResult } from '@nyt2539/packager';
import { physicalTables } from '@nyt2539/schema';

const derivable = ['text-with-space', 'summary-cell-changed'];
const defects = ['member-missing', 'member-id-missing', 'form-unsigned', 'contract-area-wrong', ...derivable].join(',');

let base: string;
let pkg: string;
let truth: GroundTruth;
let first: FindingsDocument;
let fixed: FixResult;
let second: FindingsDocument;

async function check(dir: string, date: string): Promise<FindingsDocument> {
  const r = await runCheck(dir, { workDir: join(base, `work-${date}`) });
  return JSON.parse(renderJson(findingsDocument(r.info, r.summary, r.findings, { mask: true, checkedAt: date }))) as FindingsDocument;
}

const mdbOf = (root: string): string => join(root, '权属数据', '3407112016.mdb');
const exportTable = (mdb: string, table: string): string[] => execFileSync('mdb-export', [mdb, table], { encoding: 'utf8' }).split('\n');

describe('check → fix → re-check → diff → ledger', () => {
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'nyt2539-rectify-'));
    const out = join(base, 'gen');
    const { packageDir } = await generatePackage({ scale: 'tiny', seed: 1, defects, outDir: out });
    truth = JSON.parse(readFileSync(join(out, 'ground-truth.json'), 'utf8')) as GroundTruth;
    const written = selectInjectors(defects).selected.filter((i) => 'afterWrite' in i && !truth.defects.some((d) => d.id === i.id));
    if (written.length > 0) truth = { ...truth, defects: [...truth.defects, ...applyWrittenDefects(written, { packageDir, seed: truth.seed, county: truth.county.code, year: truth.year })] };
    pkg = packageDir;
    first = await check(pkg, '2026-11-01');
    fixed = await fixPackage(pkg, join(base, 'fixed'));
    second = diffDocuments(first, await check(fixed.packageDir!, '2026-11-10'));
  }, 300_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('fix changes exactly the injected derivable defects and logs the count/total ones with their cause', () => {
    const expected = truth.defects.filter((d) => derivable.includes(d.id));
    expect(fixed.log.changes.map((c) => c.rule).sort()).toEqual(['summary/tables', 'values/whitespace', 'values/whitespace']);
    for (const d of expected.filter((x) => x.id === 'text-with-space')) {
      expect(fixed.log.changes.some((c) => c.table === d.table && c.field === d.field && c.key === `FBFBM=${d.keys.FBFBM}` && c.before === d.after && c.after === d.before)).toBe(true);
    }
    const cell = expected.find((x) => x.id === 'summary-cell-changed')!;
    expect(fixed.log.changes.find((c) => c.rule === 'summary/tables')).toMatchObject({ before: cell.after, after: cell.before });
    expect(fixed.log.notFixed.map((r) => `${r.rule} ${r.table}.${r.field}`).sort()).toEqual(['contracts/mu-conversion CBHT.HTZMJM', 'contracts/total-area CBHT.HTZMJ', 'persons/member-count CBF.CBFCYSL']);
    expect(fixed.log.notFixed.find((r) => r.rule === 'persons/member-count')?.cause.zh).toContain('漏录了家庭成员');
  });

  it('the re-check shows every fixable finding fixed, the count/total findings persisting, nothing new', () => {
    const d = second.diff!;
    expect(d.new).toBe(0);
    expect(d.fixedFindings.map((f) => f.ruleId).sort()).toEqual(['summary/tables', 'values/whitespace', 'values/whitespace']);
    expect(d.fixedFindings.every((f) => f.fixedOn === '2026-11-10' && f.firstSeen === '2026-11-01')).toBe(true);
    const persisting = new Set(second.findings.filter((f) => f.status === 'persisting').map((f) => f.ruleId));
    for (const r of ['persons/member-count', 'contracts/total-area', 'values/required']) expect(persisting.has(r)).toBe(true);
  });

  it('the rewritten .mdb differs from the original only in the changed cells and opens in mdb-reader', () => {
    const before = mdbOf(pkg);
    const after = mdbOf(fixed.packageDir!);
    for (const t of physicalTables) {
      const a = exportTable(before, t.name);
      const b = exportTable(after, t.name);
      expect(b.length).toBe(a.length);
      const differing = a.map((line, i) => [line, b[i]] as const).filter(([x, y]) => x !== y);
      const changed = fixed.log.changes.filter((c) => c.table === t.name);
      expect(differing.length).toBe(changed.length);
      for (const [x, y] of differing) {
        const c = changed.find((ch) => x.includes(String(ch.before)) && y.includes(String(ch.after)))!;
        expect(c).toBeDefined();
        expect(x.replace(String(c.before), String(c.after))).toBe(y);
      }
    }
    const reader = new MDBReader(readFileSync(after));
    expect(reader.getTable('FBF').rowCount).toBe(new MDBReader(readFileSync(before)).getTable('FBF').rowCount);
  });

  it('two new defects and one fix undone by hand: the diff reports them as new, the rest persisting; the ledger over three checks', async () => {
    const root = fixed.packageDir!;
    const reader = new MDBReader(readFileSync(mdbOf(root)));
    const tables = physicalTables.map((t) => ({ name: t.name, rows: reader.getTable(t.name).getData() as Record<string, never>[] }));
    const rows = (name: string) => tables.find((t) => t.name === name)!.rows as Record<string, unknown>[];
    const undone = truth.defects.find((d) => d.id === 'text-with-space')!;
    const fbf = rows('FBF').find((r) => r.FBFBM === undone.keys.FBFBM)!;
    fbf.FBFDZ = undone.after;
    // two households no finding names yet
    const cbf = rows('CBF').filter((r) => !first.findings.some((f) => f.location.keys?.CBFBM === r.CBFBM) && r.GSJSR);
    cbf[1].CBFDZ = `${String(cbf[1].CBFDZ)} `;
    cbf[2].GSJSR = '';
    rmSync(mdbOf(root));
    await writeMdb(mdbOf(root), tables);
    const third = diffDocuments(second, await check(root, '2026-11-20'));
    const d = third.diff!;
    expect(third.findings.filter((f) => f.status === 'new').map((f) => `${f.ruleId} ${f.location.table}.${f.location.field} ${f.location.keys?.FBFBM ?? f.location.keys?.CBFBM}`).sort()).toEqual(
      [`values/required CBF.GSJSR ${String(cbf[2].CBFBM)}`, `values/whitespace CBF.CBFDZ ${String(cbf[1].CBFBM)}`, `values/whitespace FBF.FBFDZ ${undone.keys.FBFBM}`].sort(),
    );
    expect([d.new, d.persisting, d.fixed]).toEqual([3, second.findings.length, 0]);
    expect(third.findings.filter((f) => f.status === 'persisting').every((f) => f.firstSeen === '2026-11-01' && f.checks === 3)).toBe(true);
    // against the first check the undone fix is the same finding again: persisting, not new
    const vsFirst = diffDocuments(first, third);
    const again = vsFirst.findings.find((f) => f.ruleId === 'values/whitespace' && f.location.keys?.FBFBM === undone.keys.FBFBM);
    expect(again?.status).toBe('persisting');

    // the ledger: three checks in date order
    const plan = readPlan();
    const ledger = emptyLedger();
    for (const doc of [first, second, third]) applyCheck(ledger, doc, plan, `check ${doc.checkedAt}`);
    const byRuleKey = (rule: string, key: string) => ledger.items.filter((i) => i.ruleId === rule && i.location.includes(key));
    const reopened = byRuleKey('values/whitespace', undone.keys.FBFBM)[0];
    expect([reopened.status, reopened.firstSeen, reopened.reopened]).toEqual(['open', '2026-11-01', ['2026-11-10']]);
    const summaryItem = ledger.items.find((i) => i.ruleId === 'summary/tables')!;
    expect([summaryItem.status, summaryItem.firstSeen, summaryItem.closedOn, summaryItem.unit, summaryItem.deadline]).toEqual(['closed', '2026-11-01', '2026-11-10', '测绘单位', '2026-11-16']);
    const member = ledger.items.find((i) => i.ruleId === 'persons/member-count')!;
    expect([member.status, member.firstSeen, member.checks, member.unit, member.deadline]).toEqual(['open', '2026-11-01', 3, '村组', '2026-11-21']);
    const newOne = byRuleKey('values/required', String(cbf[2].CBFBM)).find((i) => i.location.includes('GSJSR'))!;
    expect([newOne.firstSeen, newOne.status]).toEqual(['2026-11-20', 'open']);
    const progress = progressByUnit(ledger, '2026-11-20');
    const total = progress.reduce((n, p) => n + p.total, 0);
    expect(total).toBe(ledger.items.length);
    expect(progress.reduce((n, p) => n + p.closed, 0)).toBe(ledger.items.filter((i) => i.status === 'closed').length);
    const surveyor = progress.find((p) => p.unit === '测绘单位')!;
    // closed: the summary table and the space that stayed fixed; the undone space is open again
    expect(surveyor.closed).toBe(2);

    // the workbook, read back by SheetJS
    mkdirSync(join(base, 'ledger'), { recursive: true });
    const path = join(base, 'ledger', 'ledger.xlsx');
    writeFileSync(path, await ledgerXlsx(ledger, '2026-11-20'));
    const wb = XLSX.read(readFileSync(path), { cellStyles: true });
    const sheet = XLSX.utils.sheet_to_json<Record<string, string>>(wb.Sheets['整改台账']);
    expect(sheet).toHaveLength(ledger.items.length);
    const row = sheet.find((r) => r['编号'] === summaryItem.id)!;
    expect([row['状态'], row['首次发现'], row['销号日期'], row['责任单位'], row['期限']]).toEqual(['已整改', '2026-11-01', '2026-11-10', '测绘单位', '2026-11-16']);
    // 2026-11-16 deadlines still open on 2026-11-20 are overdue
    const overdue = sheet.filter((r) => r['状态'] === '遗留（逾期）');
    expect(overdue.length).toBe(progress.reduce((n, p) => n + p.overdue, 0));
    expect(overdue.length).toBeGreaterThan(0);
    const progressSheet = XLSX.utils.sheet_to_json<Record<string, string | number>>(wb.Sheets['整改进度']);
    expect(progressSheet.map((r) => [r['责任单位'], r['问题数'], r['已整改'], r['遗留'], r['逾期']])).toEqual(progress.map((p) => [p.unit, p.total, p.closed, p.open, p.overdue]));
  });
});
