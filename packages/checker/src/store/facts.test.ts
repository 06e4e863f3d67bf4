import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { dataColumns, hasStoreTable } from './facts.js';

const dir = mkdtempSync(join(tmpdir(), 'nyt2539-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dataColumns', () => {
  it('lists the data columns (no bookkeeping, no $raw) on writable and read-only connections alike', () => {
    const path = join(dir, 'store.sqlite');
    const writer = new Database(path);
    writer.exec(`CREATE TABLE "DK" (_rid INTEGER PRIMARY KEY, _file TEXT, "DKBM" TEXT, "DKBM$raw" TEXT, "SCMJ" REAL, "SCMJ$raw" TEXT)`);
    expect([...dataColumns(writer, 'DK')]).toEqual(['DKBM', 'SCMJ']);
    expect(dataColumns(writer, 'CBF').size).toBe(0);
    // a writable connection sees a column added later
    writer.exec(`ALTER TABLE "DK" ADD COLUMN "DKMC" TEXT`);
    expect([...dataColumns(writer, 'DK')]).toEqual(['DKBM', 'SCMJ', 'DKMC']);
    writer.close();

    const reader = new Database(path, { readonly: true });
    try {
      const first = dataColumns(reader, 'DK');
      expect([...first]).toEqual(['DKBM', 'SCMJ', 'DKMC']);
      // the read-only connection's answer is listed once and reused
      expect(dataColumns(reader, 'DK')).toBe(first);
      expect(dataColumns(reader, 'CBF').size).toBe(0);
      expect(hasStoreTable(reader, 'DK')).toBe(true);
    } finally {
      reader.close();
    }
  });
});
