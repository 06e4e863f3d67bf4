/**
 * The long campaign's worst mutants replayed one by one (issue 12): damage is reported once at its root, and an
 * .mdb whose pages point nowhere is said as damage (errorText), not with the JavaScript error mdb-reader tripped over.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Mutant } from './campaign.js';
import { runReaderCampaign, type ReaderResult } from './reader-campaign.js';

const seeds = JSON.parse(readFileSync(join(import.meta.dirname, 'seeds.json'), 'utf8')) as { cases: Mutant[] };

describe('cascades of the 100k reader campaign', () => {
  it('each of its worst mutants gives a handful of located issues, the root first', async () => {
    const mdb: Mutant = { reader: 'mdb', file: '权属数据/3407112016.mdb', op: 'truncate', seed: 1518644949 };
    const results: ReaderResult[] = [];
    await runReaderCampaign({ seed: 1, mutants: 0, cases: [...seeds.cases, mdb], onResult: (r) => results.push(r) });
    const byKey = new Map(results.map((r) => [`${r.mutant.file} ${r.mutant.op} ${r.mutant.seed}`, r]));
    const codes = (file: string, op: string, seed: number): string[] =>
      byKey.get(`${file} ${op} ${seed}`)!.lines.map((l) => l.split(' ')[0]!);
    // was 2,837 dbf-bad-text
    expect(codes('矢量数据/JZX3407112016.dbf', 'delete', 738821255)).toEqual(['dbf-no-eof', 'dbf-misaligned']);
    // was 2,320 per-record .shp/.shx issues
    expect(codes('矢量数据/JZX3407112016.shp', 'delete', 1666603185)).toEqual(['shp-bad-record', 'shp-length-short', 'shp-misaligned']);
    // was 151 dbf-bad-number
    expect(codes('矢量数据/DK3407112016.dbf', 'double', 1224803136)).toContain('dbf-fields-misaligned');
    // (the cut .mdb keeps one mdb-table-cut per table under its one reported mdb-truncated: 13)
    expect(results.filter((r) => r.mutant !== mdb && r.issues > 5).map((r) => ({ mutant: r.mutant, issues: r.issues }))).toEqual([]);
    expect(results.every((r) => r.failures.length === 0)).toBe(true);
    const cut = byKey.get(`${mdb.file} ${mdb.op} ${mdb.seed}`)!;
    expect(cut.internal).toBe(0);
    expect(cut.lines.join('\n')).toContain('文件内部结构损坏');
  }, 120_000);
});
