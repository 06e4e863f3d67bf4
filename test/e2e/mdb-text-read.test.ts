/**
 * mdb-reader is patched (patches/mdb-reader@3.2.0.patch) to read Jet4 text and the null mask straight from the
 * data page instead of through a Buffer view per value. Text written in both Jet4 forms (plain UCS-2, and the
 * FF FE compressed form with its mode toggles), empty and null, must read back exactly, across many pages.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { physicalTables } from '@nyt2539/schema';
import { MdbFile } from '../../packages/checker/src/readers/mdb.js';
import { writeMdb } from '../../packages/packager/src/mdb/index.js';

// CBF with every column optional: the rows carry only the text columns under test
const cbf = physicalTables.find((t) => t.name === 'CBF')!;
const schema = [{ ...cbf, columns: cbf.columns.map((c) => ({ ...c, required: false, defaultValue: undefined })) }];

const dir = mkdtempSync(join(tmpdir(), 'nyt2539-mdb-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Latin (compressible), CJK, characters whose low byte is 0 (never compressed), blanks
const char = fc.constantFrom('a', 'Z', '7', ' ', 'é', 'ÿ', '王', '承', '一', '丐', 'Ā', '　', '-');
const text = (max: number) => fc.oneof(fc.constant(null), fc.array(char, { maxLength: max }).map((a) => a.join('')));

describe('Jet4 text read from the page', () => {
  it('reads back every text value as written', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ name: text(50), address: text(100), note: text(254) }), { minLength: 1, maxLength: 400 }), async (rows) => {
        const out = join(dir, `t${run++}.mdb`);
        const input = rows.map((r, i) => ({ CBFBM: String(i).padStart(18, '0'), CBFMC: r.name, CBFDZ: r.address, GSJS: r.note }));
        await writeMdb(out, [{ name: 'CBF', rows: input }], { schema });
        const read: unknown[] = [];
        for (const batch of new MdbFile(readFileSync(out)).table('CBF').batches(97)) {
          for (const row of batch) read.push({ CBFBM: row.CBFBM, CBFMC: row.CBFMC, CBFDZ: row.CBFDZ, GSJS: row.GSJS });
        }
        expect(read).toEqual(input);
      }),
      { numRuns: 25 },
    );
  });
});
