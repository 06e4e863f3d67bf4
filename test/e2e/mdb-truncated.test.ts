/**
 * Issue 12, the fuzz campaign's worst remaining cascade: a .mdb cut short made every table past the cut
 * unreadable, and each table, its row count and every plot, contract and attachment that then had no partner
 * became a finding of its own (541 on the tiny package, ~1,000 on the example). It is one finding at the file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '@nyt2539/checker';
import { generatePackage } from '../../packages/packager/src/package/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'nyt2539-mdb-cut-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a truncated .mdb', () => {
  it('is one error at the file naming the tables it lost, not a cascade', async () => {
    const { packageDir } = await generatePackage({ scale: 'tiny', seed: 7, defects: 'none', outDir: join(dir, 'pkg') });
    const mdb = join(packageDir, '权属数据', '3407112016.mdb');
    const bytes = readFileSync(mdb);
    writeFileSync(mdb, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const r = await runCheck(packageDir, { workDir: join(dir, 'work') });
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.ruleId, f.location.file])).toEqual([['layout/file-unreadable', '权属数据/3407112016.mdb']]);
    expect(errors[0].message.zh).toContain('被截断');
    expect(errors[0].message.zh).toContain('CBDKXX');
    // nothing else follows from the lost tables (orphans, unreferenced attachments, row counts)
    expect(r.findings.filter((f) => ['references/orphans', 'attachments/unreferenced', 'structure/reader-structure'].includes(f.ruleId))).toEqual([]);
  }, 120_000);
});
