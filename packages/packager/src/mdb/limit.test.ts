import { existsSync, readdirSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { JET4_MAX_FILE_BYTES, MdbSizeLimitError, writeMdb } from './index.js';
import { tempDir } from './test-support.js';

const tmp = tempDir('mdb-limit');
afterAll(() => tmp.remove());

const rows = function* (n: number) {
  for (let i = 0; i < n; i++) {
    yield { CBFBM: String(i), CYXM: '成员'.repeat(25), CYXB: '1', CYZJLX: '1', CYZJHM: String(i), YHZGX: '01', CYBZSM: '备注说明'.repeat(60) };
  }
};

describe('Jet4 2 GB guard (injectable limit)', () => {
  it('refuses, located at table and row, before the file would pass the limit; no output left', async () => {
    const out = tmp.path('limited.mdb');
    const limit = 80 * 4096;
    const err = await writeMdb(out, [{ name: 'CBF_JTCY', rows: rows(10_000) }], { maxFileBytes: limit }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MdbSizeLimitError);
    expect(err).toMatchObject({ limitBytes: limit, table: 'CBF_JTCY' });
    const row = (err as MdbSizeLimitError).row!;
    expect(row).toBeGreaterThan(50);
    expect(row).toBeLessThan(1000);
    expect((err as MdbSizeLimitError).localized('zh')).toContain(`第 ${row} 条记录`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('writes right up to the limit, and never allows more than the Jet4 maximum', async () => {
    const out = tmp.path('fits.mdb');
    const limit = 80 * 4096;
    const result = await writeMdb(out, [{ name: 'CBF_JTCY', rows: rows(40) }], { maxFileBytes: limit });
    expect(result.bytes).toBeLessThanOrEqual(limit);
    expect(statSync(out).size).toBe(result.bytes);
    expect(JET4_MAX_FILE_BYTES).toBe(2 ** 31);
    const big = await writeMdb(tmp.path('big.mdb'), [], { maxFileBytes: 2 ** 40 });
    expect(big.bytes).toBeLessThan(JET4_MAX_FILE_BYTES);
  });
});
