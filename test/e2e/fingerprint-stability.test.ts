/**
 * Fingerprints survive unrelated edits (issue 14 §1): on a generated package with every defect kind, rows are
 * inserted, deleted and reordered in the working store (what re-exporting a database after editing does to
 * record numbers and row order), the rules run again, and every finding whose rows were not touched keeps its
 * fingerprint; a pure reorder gives exactly the same fingerprints.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackage, openStore, prepareSummaryCheck, readPackageInfo, resolveRules, rules, runRules, type Finding } from '@nyt2539/checker';

type Store = ReturnType<typeof openStore>;
import { generatePackage } from '@nyt2539/packager';

type Edit =
  | { readonly kind: 'reorder'; readonly table: string; readonly seed: number }
  | { readonly kind: 'delete'; readonly table: string; readonly at: number }
  | { readonly kind: 'insert'; readonly table: string; readonly at: number };

const tables = ['CBF', 'CBF_JTCY', 'CBHT', 'CBDKXX', 'CBJYQZDJB', 'DK', 'JZD', 'JZX', 'LZHT'];
/** the code columns an inserted copy gets fresh values in, so it is a new row and not a duplicate */
const codeColumns = ['DKBM', 'CBFBM', 'CBHTBM', 'CBJYQZBM', 'LZHTBM', 'JZDH', 'JZXH', 'CYXM', 'CYZJHM', 'BSM'];

let base: string;
let storePath: string;
let baseline: readonly Finding[];
/** every code a baseline finding names: rows carrying one of them are "related" and are not deleted */
let named: Set<string>;

function run(path: string): Finding[] {
  const db = openStore(path);
  try {
    return runRules(db, readPackageInfo(db), resolveRules(rules)).findings;
  } finally {
    db.close();
  }
}

function columns(db: Store, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
}

/** Record numbers as a re-written file has them: 1.. per file in row order. */
function renumber(db: Store, table: string): void {
  db.exec(`UPDATE "${table}" SET _rec = (SELECT n FROM (SELECT _rid AS r, row_number() OVER (PARTITION BY _file ORDER BY _rid) AS n FROM "${table}") WHERE r = "${table}"._rid)`);
}

function apply(db: Store, e: Edit): void {
  const rids = (db.prepare(`SELECT _rid FROM "${e.table}" ORDER BY _rid`).all() as { _rid: number }[]).map((r) => r._rid);
  if (rids.length === 0) return;
  const cols = columns(db, e.table);
  if (e.kind === 'reorder') {
    const order = fc.sample(fc.shuffledSubarray(rids, { minLength: rids.length, maxLength: rids.length }), { seed: e.seed, numRuns: 1 })[0];
    db.exec(`UPDATE "${e.table}" SET _rid = -_rid`);
    const move = db.prepare(`UPDATE "${e.table}" SET _rid = ? WHERE _rid = ?`);
    order.forEach((old, i) => move.run(rids[i], -old));
  } else if (e.kind === 'delete') {
    const candidates = (db.prepare(`SELECT * FROM "${e.table}" ORDER BY _rid`).all() as Record<string, unknown>[]).filter(
      (row) => !cols.some((c) => !c.startsWith('_') && typeof row[c] === 'string' && named.has(String(row[c]).trim())),
    );
    if (candidates.length === 0) return;
    db.prepare(`DELETE FROM "${e.table}" WHERE _rid = ?`).run(candidates[e.at % candidates.length]._rid);
  } else {
    // a copy of a row with fresh codes, inserted in the middle: every later row's record number shifts
    const at = rids[e.at % rids.length];
    db.exec(`UPDATE "${e.table}" SET _rid = _rid + 1000000 WHERE _rid >= ${at}`);
    db.exec(`UPDATE "${e.table}" SET _rid = _rid - 1000000 + 1 WHERE _rid >= ${at + 1000000}`);
    const source = db.prepare(`SELECT * FROM "${e.table}" WHERE _rid = ?`).get(at + 1) as Record<string, unknown>;
    const row: Record<string, unknown> = { ...source, _rid: at };
    for (const c of codeColumns) if (cols.includes(c) && row[c] !== null && row[c] !== undefined) row[c] = typeof row[c] === 'number' ? 900000 + e.at : `${String(row[c]).slice(0, -4)}X${String(e.at % 1000).padStart(3, '0')}`;
    const names = Object.keys(row);
    db.prepare(`INSERT INTO "${e.table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => row[n]));
  }
  renumber(db, e.table);
}

async function edited(edits: readonly Edit[], name: string): Promise<Finding[]> {
  const path = join(base, `${name}.sqlite`);
  copyFileSync(storePath, path);
  const db = openStore(path, { writable: true });
  try {
    db.transaction(() => edits.forEach((e) => apply(db, e)))();
    await prepareSummaryCheck(db);
  } finally {
    db.close();
  }
  try {
    return run(path);
  } finally {
    rmSync(path, { force: true });
  }
}

const multiset = (fs: readonly Finding[]): string[] => fs.map((f) => f.fingerprint).sort();

describe('fingerprints', () => {
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'nyt2539-fingerprint-'));
    const { packageDir } = await generatePackage({ scale: 'tiny', seed: 3, defects: 'all', outDir: join(base, 'pkg') });
    const loaded = await loadPackage(packageDir, { workDir: join(base, 'work'), keepStore: true });
    await prepareSummaryCheck(loaded.db);
    storePath = join(base, 'store.sqlite');
    loaded.db.close();
    copyFileSync(loaded.storePath, storePath);
    loaded.close();
    baseline = run(storePath);
    named = new Set(baseline.flatMap((f) => [...Object.values(f.location.keys ?? {}), String(f.actual ?? ''), ...(f.message.en.match(/\d{14,19}[A-Z]?/g) ?? [])]).filter((v) => v !== ''));
  }, 120_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('are 16 hex digits, the same on a second run, and do not depend on record numbers', () => {
    expect(baseline.length).toBeGreaterThan(20);
    expect(baseline.every((f) => /^[0-9a-f]{16}$/.test(f.fingerprint))).toBe(true);
    expect(multiset(run(storePath))).toEqual(multiset(baseline));
  });

  it('a reorder of any tables keeps every fingerprint', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.constantFrom(...tables), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 1_000_000 }), async (picked, seed) => {
        const after = await edited(picked.map((table) => ({ kind: 'reorder', table, seed })), 'reorder');
        expect(multiset(after)).toEqual(multiset(baseline));
      }),
      { numRuns: 3, seed: 14 },
    );
  }, 120_000);

  it('insertions and deletions of unrelated rows keep the fingerprints of the findings they do not touch', async () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), table: fc.constantFrom(...tables), at: fc.nat(5000) }),
      fc.record({ kind: fc.constant('delete' as const), table: fc.constantFrom(...tables), at: fc.nat(5000) }),
      fc.record({ kind: fc.constant('reorder' as const), table: fc.constantFrom(...tables), seed: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
        const after = new Set((await edited(edits, 'edit')).map((f) => f.fingerprint));
        const lost = baseline.filter((f) => !after.has(f.fingerprint));
        expect(lost.map((f) => `${f.ruleId} ${f.location.table} ${JSON.stringify(f.location.keys)} ${f.message.en}`)).toEqual([]);
      }),
      { numRuns: 4, seed: 2539 },
    );
  }, 240_000);
});
