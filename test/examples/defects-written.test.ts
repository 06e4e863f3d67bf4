/**
 * Each kind that edits the written package changes exactly what its ground-truth record says: every other file
 * is byte-identical to the clean package, and the changed files, read back with independent readers (ogrinfo,
 * shapefile, SheetJS), differ from the clean ones only in the recorded place.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWrittenDefects, catalogInjectors, dbfFields, reshapeDbf, selectInjectors, type DefectRecord, type GroundTruth } from '@nyt2539/examples';
import { generatePackage } from '@nyt2539/packager';

type Rec = Record<string, unknown>;
interface ShapefileModule {
  open(shp: string, dbf: string, opts: { encoding: string }): Promise<{ read(): Promise<{ done: boolean; value: { properties: Rec } }> }>;
}

const writtenKinds = catalogInjectors.filter((k) => k.afterWrite).map((k) => k.id);
const root = mkdtempSync(join(tmpdir(), 'nyt2539-written-'));
let cleanPkg: string;
let brokenPkg: string;
let defects: DefectRecord[];

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

beforeAll(async () => {
  cleanPkg = (await generatePackage({ scale: 'tiny', seed: 5, outDir: join(root, 'clean') })).packageDir;
  const spec = writtenKinds.join(',');
  const r = await generatePackage({ scale: 'tiny', seed: 5, defects: spec, outDir: join(root, 'broken') });
  brokenPkg = r.packageDir;
  const truth = JSON.parse(readFileSync(r.groundTruthPath, 'utf8')) as GroundTruth;
  // until generatePackage runs afterWrite kinds itself
  defects = truth.defects.length > 0 ? [...truth.defects] : applyWrittenDefects(selectInjectors(spec).selected, { packageDir: brokenPkg, seed: truth.seed, county: truth.county.code, year: truth.year });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const one = (id: string): DefectRecord => {
  const found = defects.filter((d) => d.id === id);
  expect(found, id).toHaveLength(1);
  return found[0];
};
const at = (pkg: string, rel: string): string => join(pkg, ...rel.split('/'));

async function properties(pkg: string, dbfRel: string): Promise<Rec[]> {
  const shapefile = (await import('shapefile' as string)) as ShapefileModule;
  const base = at(pkg, dbfRel).replace(/\.dbf$/, '');
  const src = await shapefile.open(`${base}.shp`, `${base}.dbf`, { encoding: 'gbk' });
  const out: Rec[] = [];
  for (let x = await src.read(); !x.done; x = await src.read()) out.push(x.value.properties);
  return out;
}

describe('written-package defect kinds', () => {
  it('records one defect per kind and changes no file it does not name', () => {
    expect(defects.map((d) => d.id).sort()).toEqual([...writtenKinds].sort());
    const named = new Set(defects.flatMap((d) => [d.file, typeof d.after === 'string' && d.after.includes('/') ? d.after : d.file]));
    const before = files(cleanPkg);
    const after = files(brokenPkg);
    const changed = [...new Set([...before, ...after])].filter((f) => !existsSync(at(cleanPkg, f)) || !existsSync(at(brokenPkg, f)) || !readFileSync(at(cleanPkg, f)).equals(readFileSync(at(brokenPkg, f))));
    expect(changed.filter((f) => !named.has(f))).toEqual([]);
    expect([...named].filter((f) => !changed.includes(f))).toEqual([]);
  });

  it('layout: the missing file is gone; the misnamed file holds the clean bytes under its wrong name', () => {
    const missing = one('mandatory-file-missing');
    expect(existsSync(at(brokenPkg, missing.file))).toBe(false);
    expect(existsSync(at(cleanPkg, missing.file))).toBe(true);
    const misnamed = one('file-misnamed');
    expect(existsSync(at(brokenPkg, misnamed.file))).toBe(false);
    expect(readFileSync(at(brokenPkg, String(misnamed.after)))).toEqual(readFileSync(at(cleanPkg, misnamed.file)));
  });

  it('structure: ogrinfo sees the field gone or narrowed; the shapefile reader sees the same values otherwise', async () => {
    const missing = one('field-missing');
    const ogr = (pkg: string, rel: string) => execFileSync('ogrinfo', ['-so', '-al', at(pkg, rel).replace(/\.dbf$/, '.shp')], { encoding: 'utf8' });
    expect(ogr(cleanPkg, missing.file)).toMatch(/^BZ: String \(50\.0\)$/m);
    expect(ogr(brokenPkg, missing.file)).not.toMatch(/^BZ:/m);
    const cleanRows = await properties(cleanPkg, missing.file);
    expect(await properties(brokenPkg, missing.file)).toEqual(cleanRows.map(({ BZ: _drop, ...rest }) => rest));

    const short = one('field-length-short');
    const width = /^C\((\d+)\)$/.exec(String(short.after))![1];
    expect(ogr(brokenPkg, short.file)).toMatch(new RegExp(`^BZ: String \\(${width}\\.0\\)$`, 'm'));
    expect(await properties(brokenPkg, short.file)).toEqual(await properties(cleanPkg, short.file));
  });

  it('reshapeDbf keeps every other field and value byte for byte', () => {
    const dbf = readFileSync(at(cleanPkg, one('field-missing').file));
    const same = reshapeDbf(dbf, {});
    expect(same.equals(dbf)).toBe(true);
    expect(dbfFields(reshapeDbf(dbf, { BZ: 0 })).map((f) => f.name)).toEqual(dbfFields(dbf).map((f) => f.name).filter((n) => n !== 'BZ'));
  });

  it('CRS: the .prj holds the recorded text (another zone) or is gone', () => {
    const zone = one('prj-wrong-zone');
    expect(readFileSync(at(cleanPkg, zone.file), 'utf8')).toBe(zone.before);
    expect(readFileSync(at(brokenPkg, zone.file), 'utf8')).toBe(zone.after);
    expect(String(zone.after)).not.toBe(String(zone.before));
    const gone = one('prj-missing');
    expect(existsSync(at(brokenPkg, gone.file))).toBe(false);
    expect(existsSync(at(cleanPkg, gone.file))).toBe(true);
  });

  it('summary: SheetJS reads the same sheet except the recorded cell', () => {
    const d = one('summary-cell-changed');
    const sheet = (pkg: string) => {
      const wb = XLSX.read(readFileSync(at(pkg, d.file)), { type: 'buffer' });
      return wb.Sheets[wb.SheetNames[0]];
    };
    const a = sheet(cleanPkg);
    const b = sheet(brokenPkg);
    const cells = (s: XLSX.WorkSheet) => Object.keys(s).filter((k) => !k.startsWith('!'));
    expect(cells(b)).toEqual(cells(a));
    const differing = cells(a).filter((k) => a[k].v !== b[k].v);
    expect(differing).toEqual([d.field]);
    expect(a[d.field!].v).toBe(d.before);
    expect(b[d.field!].v).toBe(d.after);
  });

  it('metadata: only the geoID value and the XZDW layer entry differ', () => {
    const geo = one('metadata-geoid-wrong');
    const layer = one('metadata-layer-missing');
    expect(geo.file).toBe(layer.file);
    const a = readFileSync(at(cleanPkg, geo.file), 'utf8');
    const b = readFileSync(at(brokenPkg, geo.file), 'utf8');
    const layers = (x: string) => [...x.matchAll(/<layerName>(\w+)<\/layerName>/g)].map((m) => m[1]);
    expect(layers(b)).toEqual(layers(a).filter((l) => l !== layer.before));
    expect(/<geoID>(\d+)<\/geoID>/.exec(b)![1]).toBe(geo.after);
    const withoutLayer = a.replace(/[ \t]*<layer>\s*<layerName>XZDW<\/layerName>[\s\S]*?<\/layer>\r?\n/, '');
    const remark = one('metadata-unknown-element');
    expect(remark.file).toBe(geo.file);
    expect(b).toBe(withoutLayer.replace(`<geoID>${String(geo.before)}</geoID>`, `<geoID>${String(geo.after)}</geoID>`).replace('</dataIdInfo>', '<remark>自检</remark></dataIdInfo>'));
  });

  it('readers: SheetJS reads the same summary sheets except the recorded cell; ogrinfo still opens the damaged layers', () => {
    const sheet = (pkg: string, file: string) => {
      const wb = XLSX.read(readFileSync(at(pkg, file)), { type: 'buffer' });
      return wb.Sheets[wb.SheetNames[0]];
    };
    for (const id of ['xls-header-renamed', 'xls-code-as-number']) {
      const d = one(id);
      const a = sheet(cleanPkg, d.file);
      const b = sheet(brokenPkg, d.file);
      const cells = (s: XLSX.WorkSheet) => Object.keys(s).filter((k) => !k.startsWith('!'));
      expect(cells(b)).toEqual(cells(a));
      expect(b['!merges']).toEqual(a['!merges']);
      const ref = id === 'xls-header-renamed' ? d.field! : `A${d.record}`;
      expect(cells(a).filter((k) => a[k].v !== b[k].v || a[k].t !== b[k].t)).toEqual([ref]);
      expect([a[ref].v, b[ref].v]).toEqual([d.before, d.after]);
    }
    const shp = one('shp-trailing-bytes');
    expect([statSync(at(cleanPkg, shp.file)).size, statSync(at(brokenPkg, shp.file)).size]).toEqual([shp.before, shp.after]);
    const shx = one('shx-damaged');
    expect([statSync(at(cleanPkg, shx.file)).size, statSync(at(brokenPkg, shx.file)).size]).toEqual([shx.before, shx.after]);
    const dbf = one('dbf-no-eof');
    expect(readFileSync(at(brokenPkg, dbf.file))).toEqual(readFileSync(at(cleanPkg, dbf.file)).subarray(0, -1));
    for (const d of [shp, shx, dbf]) {
      const count = (pkg: string) => /Feature Count: (\d+)/.exec(execFileSync('ogrinfo', ['-so', '-al', at(pkg, d.file).replace(/\.\w+$/, '.shp')], { encoding: 'utf8' }))![1];
      expect(count(brokenPkg), d.id).toBe(count(cleanPkg));
    }
    const cpg = one('cpg-unknown');
    expect(readFileSync(at(brokenPkg, cpg.file), 'latin1')).toBe(cpg.after);
  });
});
