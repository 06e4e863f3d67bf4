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
import { findingsDocument, readVectorMetadata, renderJson, runCheck, type FindingsDocument } from '@nyt2539/checker';
import { applyWrittenDefects, selectInjectors, type GroundTruth } from '@nyt2539/examples';
import { generatePackage } from '@nyt2539/packager';
import { applyCheck, diffDocuments, emptyLedger, fixPackage, ledgerXlsx, progressByUnit, readPlan, writeMdb, type FixResult } from '@nyt2539/packager';
import { physicalTables, vectorLayerTables } from '@nyt2539/schema';

const derivable = ['text-with-space', 'summary-cell-changed', 'plot-mu-wrong', 'metadata-geoid-wrong', 'metadata-layer-missing'];
/** the rule each derivable kind's change resolves */
const ruleOfKind: Readonly<Record<string, string>> = {
  'text-with-space': 'values/whitespace',
  'summary-cell-changed': 'summary/tables',
  'plot-mu-wrong': 'contracts/mu-conversion',
  'metadata-geoid-wrong': 'metadata/values',
  'metadata-layer-missing': 'metadata/layers',
};
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
    expect(fixed.log.changes.map((c) => c.rule).sort()).toEqual(expected.map((d) => ruleOfKind[d.id]).sort());
    for (const d of expected.filter((x) => x.id === 'plot-mu-wrong')) {
      expect(fixed.log.changes).toContainEqual({ file: '矢量数据/DK3407112016.dbf', table: 'DK', key: `DKBM=${d.keys.DKBM}`, field: 'SCMJM', before: Number(d.after).toFixed(2), after: Number(d.before).toFixed(2), rule: 'contracts/mu-conversion' });
    }
    expect(fixed.log.changes.filter((c) => c.file === '矢量数据/SL3407112016.xml').map((c) => [c.field, c.after])).toEqual([
      ['dataIdInfo/geoID', '340711'],
      ['contInfo/layer', 'XZDW'],
    ]);
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
    const expected = truth.defects.filter((x) => derivable.includes(x.id)).map((x) => ruleOfKind[x.id]).sort();
    expect(d.fixedFindings.map((f) => f.ruleId).sort()).toEqual(expected);
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

  it('the fixed DK layer differs only in the changed SCMJM cells (GDAL reads both), its .shp/.shx are untouched; the metadata reads back with the derived values', () => {
    const layer = (root: string) => join(root, '矢量数据', 'DK3407112016.shp');
    const rows = (root: string) =>
      (JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', layer(root)], { encoding: 'utf8', maxBuffer: 256 << 20 })) as { features: { properties: Record<string, unknown> }[] }).features.map((f) => f.properties);
    const before = rows(pkg);
    const after = rows(fixed.packageDir!);
    expect(after.length).toBe(before.length);
    const changed = fixed.log.changes.filter((c) => c.table === 'DK');
    expect(changed.length).toBeGreaterThan(0);
    const differing = before.map((x, i) => [x, after[i]!] as const).filter(([x, y]) => JSON.stringify(x) !== JSON.stringify(y));
    expect(differing.length).toBe(changed.length);
    for (const [x, y] of differing) {
      const c = changed.find((ch) => ch.key === `DKBM=${String(x.DKBM)}`)!;
      expect(c).toBeDefined();
      expect([x.SCMJM, y.SCMJM]).toEqual([Number(c.before), Number(c.after)]);
      expect({ ...y, SCMJM: 0 }).toEqual({ ...x, SCMJM: 0 });
    }
    for (const ext of ['shp', 'shx', 'prj', 'cpg']) {
      expect(readFileSync(join(fixed.packageDir!, '矢量数据', `DK3407112016.${ext}`)).equals(readFileSync(join(pkg, '矢量数据', `DK3407112016.${ext}`)))).toBe(true);
    }
    const meta = readVectorMetadata(join(fixed.packageDir!, '矢量数据', 'SL3407112016.xml'));
    expect(meta.issues).toEqual([]);
    expect(meta.elements['dataIdInfo/geoID']).toEqual(['340711']);
    expect(meta.layers).toContain('XZDW');
    expect(meta.layers).toEqual([...meta.layers].sort((a, b) => vectorLayerTables.indexOf(a) - vectorLayerTables.indexOf(b)));
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
    // closed: every derivable fix but the undone space, which is open again
    expect(surveyor.closed).toBe(truth.defects.filter((x) => derivable.includes(x.id)).length - 1);

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
