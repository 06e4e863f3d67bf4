import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MDBReader from 'mdb-reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSet, type GroundTruth } from '@nyt2539/examples';
import { generatePackage } from '@nyt2539/packager';

type Rec = Record<string, unknown>;
interface ShapefileModule {
  open(shp: string, dbf: string, opts: { encoding: string }): Promise<{ read(): Promise<{ done: boolean; value: { properties: Rec } }> }>;
}

const root = mkdtempSync(join(tmpdir(), 'nyt2539-defects-'));
let truth: GroundTruth;
let pkg: string;
let mdb: Record<string, Rec[]>;
let dk: Rec[];

beforeAll(async () => {
  const r = await generatePackage({ scale: 'tiny', seed: 21, defects: 'seed', outDir: root });
  pkg = r.packageDir;
  truth = JSON.parse(readFileSync(r.groundTruthPath, 'utf8')) as GroundTruth;
  const reader = new MDBReader(readFileSync(join(pkg, '权属数据', '3407112016.mdb')));
  mdb = Object.fromEntries(reader.getTableNames().map((n) => [n, reader.getTable(n).getData() as Rec[]]));
  const shapefile = (await import('shapefile' as string)) as ShapefileModule;
  const src = await shapefile.open(join(pkg, '矢量数据', 'DK3407112016.shp'), join(pkg, '矢量数据', 'DK3407112016.dbf'), { encoding: 'gbk' });
  dk = [];
  for (let x = await src.read(); !x.done; x = await src.read()) dk.push(x.value.properties);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('--defects seed', () => {
  it('records at least one defect of every seed injector', () => {
    expect(new Set(truth.defects.map((d) => d.id))).toEqual(new Set(seedSet));
    expect(truth.stats.defects).toBe(truth.defects.length);
    for (const d of truth.defects) {
      expect(d.family.length).toBeGreaterThan(0);
      expect(d.description.length).toBeGreaterThan(0);
      expect(Object.keys(d.keys).length).toBeGreaterThan(0);
      expect('index' in d).toBe(false);
    }
  });

  it('every recorded change is what the written files hold, at the recorded record number', () => {
    for (const d of truth.defects) {
      if (d.kind === 'file-missing') {
        expect(existsSync(join(pkg, ...d.file.split('/'))), d.file).toBe(false);
        expect(mdb.CBJYQZDJB.some((r) => String(r.DKSYT).split('\\').join('/') === d.file)).toBe(true);
        continue;
      }
      const rows = d.table ? mdb[d.table] : dk;
      if (d.kind === 'record-removed') {
        expect(rows.some((r) => Object.entries(d.keys).every(([k, v]) => r[k] === v)), JSON.stringify(d)).toBe(false);
        if (d.table === 'QSLYZLFJ') expect(existsSync(join(pkg, ...String(d.before).split('\\')))).toBe(false);
        continue;
      }
      const row = rows[d.record! - 1];
      for (const [k, v] of Object.entries(d.keys)) expect(row[k], JSON.stringify(d)).toBe(v);
      const actual = row[d.field!];
      if (d.kind === 'cleared') expect(actual === '' || actual === null || actual === undefined, JSON.stringify(d)).toBe(true);
      else expect(typeof d.after === 'number' ? Number(actual) : actual, JSON.stringify(d)).toBe(d.after);
    }
  });

  it('a household missing a member no longer matches its CBFCYSL', () => {
    const missing = truth.defects.filter((d) => d.id === 'member-missing');
    for (const d of missing) {
      const cbf = mdb.CBF.find((r) => r.CBFBM === d.keys.CBFBM)!;
      const members = mdb.CBF_JTCY.filter((r) => r.CBFBM === d.keys.CBFBM).length;
      expect(members).toBeLessThan(cbf.CBFCYSL as number);
    }
  });
});
