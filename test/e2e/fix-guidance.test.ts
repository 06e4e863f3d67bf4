/**
 * Fix guidance points at the wrong side no more (issue 12 item 4): on a generated package with a wrong contract
 * total, a contract pointing at a non-existent 发包方, a reversed contract term and (by hand) a head of household
 * whose ID number lost its check character, every cross-table or derived-value finding gives both sides and the
 * side to keep; the 亩 consequence of the wrong total is listed under it. Following the guidance literally — write
 * each root finding's `expected` into its located record and field, leave the consequences alone — and checking
 * again (after recomputing the summary tables from the corrected records, as `fix --only summary` does) leaves
 * none of those findings and creates no new one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MDBReader from 'mdb-reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsDocument, renderJson, runCheck, type Finding, type FindingsDocument } from '@nyt2539/checker';
import { generatePackage } from '@nyt2539/packager';
import { diffDocuments, fixPackage, writeMdb, type MdbValue } from '@nyt2539/packager';
import { physicalTables, validateIdNumber } from '@nyt2539/schema';

const defects = 'contract-area-wrong,fbf-code-wrong,contract-term-reversed';
const guided = ['contracts/total-area', 'contracts/mu-conversion', 'contracts/register-agrees', 'persons/household-head'];

type Tables = Map<string, Record<string, unknown>[]>;

let base: string;
let pkg: string;
const mdbOf = (root: string): string => join(root, '权属数据', '3407112016.mdb');

function readTables(root: string): Tables {
  const reader = new MDBReader(readFileSync(mdbOf(root)));
  const names = reader.getTableNames();
  return new Map(physicalTables.filter((t) => names.includes(t.name)).map((t) => [t.name, reader.getTable(t.name).getData() as Record<string, unknown>[]]));
}

async function writeTables(root: string, tables: Tables): Promise<void> {
  rmSync(mdbOf(root));
  await writeMdb(mdbOf(root), physicalTables.filter((t) => tables.has(t.name)).map((t) => ({ name: t.name, rows: tables.get(t.name)! as Record<string, MdbValue>[] })));
}

async function check(root: string, date: string): Promise<{ findings: readonly Finding[]; doc: FindingsDocument }> {
  const r = await runCheck(root, { workDir: join(base, `work-${date}`) });
  const doc = JSON.parse(renderJson(findingsDocument(r.info, r.summary, r.findings, { mask: true, checkedAt: date }))) as FindingsDocument;
  return { findings: r.findings, doc };
}

let first: { findings: readonly Finding[]; doc: FindingsDocument };
let second: { findings: readonly Finding[]; doc: FindingsDocument };
let between: { findings: readonly Finding[]; doc: FindingsDocument };
let headIdBefore: string;
let followed: Finding[];

describe('fix guidance names the side to keep; following it creates nothing new', () => {
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'nyt2539-guidance-'));
    const { packageDir } = await generatePackage({ scale: 'tiny', seed: 3, defects, outDir: join(base, 'gen') });
    pkg = packageDir;
    // by hand: the head of one household gets a wrong check character in the member table only
    const tables = readTables(pkg);
    const head = tables.get('CBF_JTCY')!.find((m) => m.YHZGX === '02' && validateIdNumber(String(m.CYZJHM)).ok)!;
    headIdBefore = String(head.CYZJHM);
    const last = headIdBefore.slice(-1);
    head.CYZJHM = headIdBefore.slice(0, -1) + (last === '0' ? '1' : '0');
    await writeTables(pkg, tables);

    first = await check(pkg, '2026-12-01');
    // follow the guidance: each root finding's expected value into its record and field
    const edit = readTables(pkg);
    followed = first.findings.filter((f) => guided.includes(f.ruleId) && f.rootCause === undefined);
    for (const f of followed) {
      const row = edit.get(f.location.table!)![f.location.record! - 1]!;
      const old = row[f.location.field!];
      row[f.location.field!] = old instanceof Date ? new Date(`${String(f.expected)}T00:00:00Z`) : typeof old === 'number' ? Number(f.expected) : f.expected;
    }
    await writeTables(pkg, edit);
    // the generated summary tables were computed from the damaged records (as the vendor's software makes them);
    // corrected records need them recomputed, which `fix --only summary` does from the records
    between = await check(pkg, '2026-12-02');
    const fixed = await fixPackage(pkg, join(base, 'fixed'), { only: ['summary'] });
    second = await check(fixed.packageDir!, '2026-12-03');
  }, 300_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('the 亩 value of a wrong total is a consequence listed under the total, told not to rewrite the 亩 value', () => {
    const total = first.findings.find((f) => f.ruleId === 'contracts/total-area')!;
    expect(total.trust?.zh).toContain('错在 HTZMJ');
    const i = first.findings.indexOf(total);
    const mu = first.findings[i + 1]!;
    expect([mu.ruleId, mu.location.table, mu.location.field, mu.location.record]).toEqual(['contracts/mu-conversion', 'CBHT', 'HTZMJM', total.location.record]);
    expect(mu.rootCause).toBe(total.fingerprint);
    expect(mu.trust?.zh).toContain('不要按 HTZMJ 改写 HTZMJM');
    // the text report indents it under its root
    const doc = first.doc;
    expect(doc.findings.find((f) => f.ruleId === 'contracts/mu-conversion')?.rootCause).toBe(total.fingerprint);
  });

  it('a register entry that disagrees with a contract whose own value is wrong points at the contract', () => {
    const agrees = first.findings.filter((f) => f.ruleId === 'contracts/register-agrees');
    expect(agrees.map((f) => [f.messageId, f.location.table, f.location.field]).sort()).toEqual([
      ['contractWrong', 'CBHT', 'CBQXQ'],
      ['contractWrong', 'CBHT', 'FBFBM'],
    ]);
    expect(agrees.every((f) => f.trust?.zh.includes('以登记簿为准'))).toBe(true);
  });

  it('a head whose member record holds an invalid ID number is corrected in the member table, not in CBF', () => {
    const head = first.findings.filter((f) => f.ruleId === 'persons/household-head');
    expect(head.map((f) => [f.messageId, f.location.table, f.location.field, f.expected])).toEqual([['memberId', 'CBF_JTCY', 'CYZJHM', headIdBefore]]);
    // the shareable document masks both sides, in the message and in the trust text
    const masked = first.doc.findings.find((f) => f.ruleId === 'persons/household-head')!;
    expect(JSON.stringify(masked)).not.toContain(headIdBefore);
  });

  it('following the guidance clears those findings and their consequences, and creates no new finding', () => {
    expect(followed.map((f) => f.ruleId).sort()).toEqual(['contracts/register-agrees', 'contracts/register-agrees', 'contracts/total-area', 'persons/household-head']);
    expect(followed.every((f) => f.trust !== undefined)).toBe(true);
    // before the summary tables are recomputed, only they disagree with the corrected records
    expect(new Set(diffDocuments(first.doc, between.doc).findings.filter((f) => f.status === 'new').map((f) => f.ruleId))).toEqual(new Set(['summary/tables']));
    const diff = diffDocuments(first.doc, second.doc).diff!;
    expect(diff.new).toBe(0);
    expect(second.findings.filter((f) => guided.includes(f.ruleId))).toEqual([]);
    // the other findings of the same defects went with them (foreign key, prefix, term, date chain, ID check)
    for (const rule of ['references/foreign-key', 'contracts/term', 'persons/id-number']) {
      expect(first.findings.some((f) => f.ruleId === rule)).toBe(true);
      expect(second.findings.some((f) => f.ruleId === rule)).toBe(false);
    }
  });
});
