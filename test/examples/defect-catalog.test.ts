/**
 * Each model-editing kind changes exactly what its ground-truth record says: the defective package, read back
 * with independent readers (mdb-reader, shapefile), equals the clean package with the recorded changes applied,
 * and nothing else in those tables and layers differs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MDBReader from 'mdb-reader';
import { rules } from '@nyt2539/checker';
import { FOLDER, layerBaseName, mdbFileName } from '@nyt2539/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogInjectors, defectFamilies, seedKinds, seedSet, type DefectRecord, type GroundTruth } from '@nyt2539/examples';
import { generatePackage } from '@nyt2539/packager';

type Rec = Record<string, unknown>;
interface Shape {
  properties: Rec;
  geometry: { type: string; coordinates: unknown } | null;
}
interface ShapefileModule {
  open(shp: string, dbf: string, opts: { encoding: string }): Promise<{ read(): Promise<{ done: boolean; value: Shape }> }>;
}

const modelKinds = catalogInjectors.filter((k) => !k.afterWrite).map((k) => k.id);
const LAYERS = ['DK', 'JZD', 'JZX'];

interface Read {
  truth: GroundTruth;
  pkg: string;
  tables: Record<string, Rec[]>;
  layers: Record<string, Shape[]>;
}

const root = mkdtempSync(join(tmpdir(), 'nyt2539-catalog-'));
let clean: Read;
let broken: Read;

async function generate(defects: string, dir: string): Promise<Read> {
  const r = await generatePackage({ scale: 'tiny', seed: 11, defects, outDir: join(root, dir) });
  const truth = JSON.parse(readFileSync(r.groundTruthPath, 'utf8')) as GroundTruth;
  const reader = new MDBReader(readFileSync(join(r.packageDir, FOLDER.ownership, mdbFileName(truth.county.code, truth.year))));
  const tables = Object.fromEntries(reader.getTableNames().map((n) => [n, reader.getTable(n).getData() as Rec[]]));
  const shapefile = (await import('shapefile' as string)) as ShapefileModule;
  const layers: Record<string, Shape[]> = {};
  for (const l of LAYERS) {
    const base = join(r.packageDir, FOLDER.vector, layerBaseName(l, truth.county.code, truth.year));
    const src = await shapefile.open(`${base}.shp`, `${base}.dbf`, { encoding: 'gbk' });
    layers[l] = [];
    for (let x = await src.read(); !x.done; x = await src.read()) layers[l].push(x.value);
  }
  return { truth, pkg: r.packageDir, tables, layers };
}

beforeAll(async () => {
  clean = await generate('none', 'clean');
  broken = await generate(modelKinds.join(','), 'broken');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Empty text and null are the same absent value once written. */
const norm = (v: unknown): unknown => (v === '' || v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : v);
const normRow = (r: Rec): Rec => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, norm(v)]));

/** The clean rows with the recorded changes applied: removals by clean record number, then edits by written number. */
function expectedRows<T>(rows: T[], defects: DefectRecord[], edit: (row: T, d: DefectRecord) => T): T[] {
  const removed = new Set(defects.filter((d) => d.kind === 'record-removed').map((d) => d.record! - 1));
  const out = rows.filter((_, i) => !removed.has(i));
  for (const d of defects) if (d.kind !== 'record-removed') out[d.record! - 1] = edit(out[d.record! - 1], d);
  return out;
}

const close = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => close(x, b[i])) : typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-6 : a === b;

describe('model-editing defect kinds', () => {
  it('every catalog kind names its family and rules that exist; every family has a kind', () => {
    const ids = new Set(rules.map((r) => r.meta.id));
    for (const k of catalogInjectors) {
      expect(defectFamilies).toContain(k.family);
      expect(k.rules.length, k.id).toBeGreaterThan(0);
      expect([...k.rules, ...(k.alsoReportedBy ?? [])].filter((r) => !ids.has(r)), k.id).toEqual([]);
      expect(k.title.zh.length * k.title.en.length, k.id).toBeGreaterThan(0);
    }
    const families = new Set([...catalogInjectors.map((k) => k.family), ...Object.values(seedKinds).map((k) => k.family)]);
    expect(defectFamilies.filter((f) => !families.has(f))).toEqual([]);
    expect(new Set([...seedSet, ...catalogInjectors.map((k) => k.id)]).size).toBe(seedSet.length + catalogInjectors.length);
  });

  it('records at least one defect of each model kind, with its family, keys and record number', () => {
    expect(new Set(broken.truth.defects.map((d) => d.id))).toEqual(new Set(modelKinds));
    for (const d of broken.truth.defects) {
      expect(catalogInjectors.find((k) => k.id === d.id)!.family).toBe(d.family);
      expect(Object.keys(d.keys).length, d.id).toBeGreaterThan(0);
      if (d.kind !== 'file-missing') expect(d.record, d.id).toBeGreaterThan(0);
    }
  });

  it('no record is touched by two defects', () => {
    const touched = broken.truth.defects.map((d) => `${d.table ?? d.layer ?? d.file}#${d.record ?? ''}`);
    const byRecord = new Map<string, Set<string>>();
    broken.truth.defects.forEach((d, i) => byRecord.set(touched[i], (byRecord.get(touched[i]) ?? new Set()).add(d.id)));
    expect([...byRecord].filter(([, ids]) => ids.size > 1)).toEqual([]);
  });

  it('no household or plot is broken by two kinds', () => {
    const ids = (d: DefectRecord): string[] =>
      Object.entries(d.keys).flatMap(([k, v]) => (k === 'DKBM' ? v.split('/') : ['CBFBM', 'CBHTBM', 'CBJYQZBM'].includes(k) ? [v.slice(0, 18)] : []));
    const owner = new Map<string, string>();
    const shared: string[] = [];
    for (const d of broken.truth.defects) {
      for (const id of ids(d)) {
        if (owner.has(id) && owner.get(id) !== d.id) shared.push(`${id}: ${owner.get(id)} and ${d.id}`);
        owner.set(id, d.id);
      }
    }
    expect(shared).toEqual([]);
  });

  it('each 权属 table equals the clean one with exactly the recorded changes', () => {
    for (const [name, rows] of Object.entries(clean.tables)) {
      const defects = broken.truth.defects.filter((d) => d.table === name);
      const want = expectedRows(rows.map(normRow), defects, (r, d) => {
        for (const [k, v] of Object.entries(d.keys)) expect(r[k], `${d.id} ${k}`).toBe(v);
        // dates went through JSON as ISO strings, as normRow writes them
        expect(r[d.field!], d.id).toEqual(norm(d.before));
        return { ...r, [d.field!]: norm(d.after) };
      });
      expect(broken.tables[name].map(normRow), name).toEqual(want);
    }
  });

  it('each layer equals the clean one with exactly the recorded attribute and geometry changes', () => {
    for (const l of LAYERS) {
      const defects = broken.truth.defects.filter((d) => d.layer === l);
      const want = expectedRows(
        clean.layers[l].map((s) => ({ properties: normRow(s.properties), geometry: s.geometry })),
        defects,
        (s, d) => {
          for (const [k, v] of Object.entries(d.keys)) expect(s.properties[k], `${d.id} ${k}`).toBe(v);
          if (d.kind === 'geometry') {
            const rings = s.geometry!.coordinates as number[][][];
            expect(close(rings[0], d.before), `${d.id} before`).toBe(true);
            return { properties: s.properties, geometry: { type: 'Polygon', coordinates: [d.after as number[][]] } };
          }
          expect(s.properties[d.field!], d.id).toEqual(norm(d.before));
          return { properties: { ...s.properties, [d.field!]: norm(d.after) }, geometry: s.geometry };
        },
      );
      const got = broken.layers[l];
      expect(got.length, l).toBe(want.length);
      got.forEach((s, i) => {
        expect(normRow(s.properties), `${l} #${i + 1}`).toEqual(want[i].properties);
        expect(close(s.geometry?.coordinates, want[i].geometry?.coordinates), `${l} #${i + 1} geometry`).toBe(true);
      });
    }
  });

  it('attachment kinds change only the recorded files', () => {
    for (const d of broken.truth.defects.filter((x) => x.family === 'attachments')) {
      const before = join(broken.pkg, ...d.file.split('/'));
      expect(() => readFileSync(before), d.file).toThrow();
      expect(readFileSync(join(broken.pkg, ...String(d.after).split('\\')))).toEqual(readFileSync(join(clean.pkg, ...d.file.split('/'))));
    }
  });
});
