import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeMdb } from './index.js';
import { tempDir, templateMdb } from './test-support.js';

const tmp = tempDir('mdb-index');
afterAll(() => tmp.remove());

const PAGE = 4096;

/** The MSysObjects indexes of a file, read from raw bytes: name → entries (key bytes, page, row). */
function catalogIndexes(file: string): Map<string, { key: string; page: number; row: number }[]> {
  const b = readFileSync(file);
  const tdef = b.subarray(2 * PAGE, 3 * PAGE);
  const nReal = tdef.readUInt32LE(51);
  const nCols = tdef.readUInt16LE(45);
  let pos = 63 + 12 * nReal + 25 * nCols;
  for (let i = 0; i < nCols; i++) pos += 2 + tdef.readUInt16LE(pos);
  const roots: number[] = [];
  for (let r = 0; r < nReal; r++, pos += 52) roots.push(tdef.readUInt32LE(pos + 38));
  const logical: { real: number }[] = [];
  for (let l = 0; l < tdef.readUInt32LE(47); l++, pos += 28) logical.push({ real: tdef.readUInt32LE(pos + 8) });
  const out = new Map<string, { key: string; page: number; row: number }[]>();
  for (const l of logical) {
    const name = tdef.subarray(pos + 2, pos + 2 + tdef.readUInt16LE(pos)).toString('utf16le');
    pos += 2 + tdef.readUInt16LE(pos);
    const leaf = b.subarray(roots[l.real] * PAGE, (roots[l.real] + 1) * PAGE);
    expect(leaf[0]).toBe(0x04);
    const starts = [0x1e0];
    for (let i = 0; i < (0x1e0 - 0x1b) * 8; i++) if (leaf[0x1b + (i >> 3)] & (1 << (i & 7))) starts.push(0x1e0 + i);
    const entries = [];
    for (let k = 0; k + 1 < starts.length; k++) {
      const e = leaf.subarray(starts[k], starts[k + 1]);
      entries.push({ key: e.subarray(0, e.length - 4).toString('hex'), page: e.readUIntBE(e.length - 4, 3), row: e[e.length - 1] });
    }
    out.set(name, entries);
  }
  return out;
}

describe('MSysObjects indexes', () => {
  it('are written like Access writes them: same definitions, ParentIdName keys identical to the template', async () => {
    const out = tmp.path('empty.mdb');
    await writeMdb(out, []);
    const ours = catalogIndexes(out);
    const theirs = catalogIndexes(templateMdb);
    expect([...ours.keys()]).toEqual(['Id', 'ParentIdName']);
    expect([...theirs.keys()]).toEqual(['Id', 'ParentIdName']);
    const template = new Set(theirs.get('ParentIdName')!.map((e) => e.key));
    const names = ours.get('ParentIdName')!;
    expect(names.length).toBe(26);
    for (const e of names) expect(template.has(e.key), e.key).toBe(true);
    for (const [, entries] of ours) expect(entries.map((e) => e.key)).toEqual(entries.map((e) => e.key).sort());
  });

  it('point every Id entry at the catalog row holding that Id', async () => {
    const out = tmp.path('rows.mdb');
    await writeMdb(out, [{ name: 'FBF', rows: [] }]);
    const b = readFileSync(out);
    for (const e of catalogIndexes(out).get('Id')!) {
      const rowStart = b.readUInt16LE(e.page * PAGE + 14 + 2 * e.row) & 0x1fff;
      const id = b.readInt32LE(e.page * PAGE + rowStart + 2); // Id: first fixed column, after the column count
      expect(e.key).toBe(`7f${((id ^ 0x80000000) >>> 0).toString(16).padStart(8, '0')}`);
    }
  });
});
