import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalizedError } from '@nyt2539/schema';
import { openShapefile } from '@nyt2539/checker';
import { updateDbfNumbers, type DbfLayout } from './dbf-cells.js';
import { writeShapefile, type ShapeFeature } from './writer.js';
import type { DbfFieldSpec } from './fields.js';

const work = mkdtempSync(join(tmpdir(), 'nyt2539-dbf-cells-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fields: DbfFieldSpec[] = [
  { name: 'DKBM', type: 'C', length: 19, decimals: 0 },
  { name: 'SCMJ', type: 'N', length: 16, decimals: 2 },
  { name: 'SCMJM', type: 'N', length: 16, decimals: 2 },
];
const square = (x: number) => ({ type: 'Polygon' as const, parts: [[[x, 0], [x, 10], [x + 10, 10], [x + 10, 0], [x, 0]] as [number, number][]] });
const features = (mu: number, deleted = false): ShapeFeature[] => [
  { geometry: square(0), attributes: { DKBM: '3407111012010000001', SCMJ: 100, SCMJM: 0.15 } },
  { geometry: square(20), deleted, attributes: { DKBM: '3407111012010000002', SCMJ: 100.05, SCMJM: mu } },
];

async function layout(base: string): Promise<DbfLayout> {
  const shp = await openShapefile(`${base}.shp`);
  await shp.close();
  return { headerLength: shp.info.headerLength, recordLength: shp.info.recordLength, fields: shp.info.fields };
}

describe('updateDbfNumbers', () => {
  it('gives the bytes a fresh write of the new value gives, and GDAL reads the new value', async () => {
    const patched = join(work, 'patched');
    const fresh = join(work, 'fresh');
    await writeShapefile(patched, { shapeType: 'Polygon', fields }, features(9.99));
    await writeShapefile(fresh, { shapeType: 'Polygon', fields }, features(0.150075));
    const shpBefore = readFileSync(`${patched}.shp`);
    updateDbfNumbers(`${patched}.dbf`, await layout(patched), 'DK', [{ record: 2, field: 'SCMJM', value: 0.150075 }]);
    expect(readFileSync(`${patched}.dbf`).equals(readFileSync(`${fresh}.dbf`))).toBe(true);
    expect(readFileSync(`${patched}.shp`).equals(shpBefore)).toBe(true);
    const out = execFileSync('ogrinfo', ['-ro', '-al', '-q', `${patched}.shp`], { encoding: 'utf8' });
    expect(out.match(/SCMJM \(Real\) = [\d.]+/g)).toEqual(['SCMJM (Real) = 0.15', 'SCMJM (Real) = 0.15']);
  });

  it('refuses a deleted record, a missing record and a field that is not numeric, naming the layer', async () => {
    const base = join(work, 'refuse');
    await writeShapefile(base, { shapeType: 'Polygon', fields }, features(9.99, true));
    const l = await layout(base);
    const before = readFileSync(`${base}.dbf`);
    const message = (f: () => void): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(LocalizedError);
        return (e as LocalizedError).message;
      }
      throw new Error('no error');
    };
    expect(message(() => updateDbfNumbers(`${base}.dbf`, l, 'DK', [{ record: 2, field: 'SCMJM', value: 1 }]))).toContain('DK 第 2 条记录已删除');
    expect(message(() => updateDbfNumbers(`${base}.dbf`, l, 'DK', [{ record: 3, field: 'SCMJM', value: 1 }]))).toContain('DK 没有第 3 条记录');
    expect(message(() => updateDbfNumbers(`${base}.dbf`, l, 'DK', [{ record: 1, field: 'DKBM', value: 1 }]))).toContain('DK 没有数值字段 DKBM');
    expect(readFileSync(`${base}.dbf`).equals(before)).toBe(true);
  });
});
