import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ZipArchive } from 'archiver';
import iconv from 'iconv-lite';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackage } from './load.js';
import { layerExtent } from './store/data-table.js';
import { InputError } from './package/errors.js';
import { decodeGeometry } from './store/geometry.js';
import { xlsIssueCodes } from './readers/xls-issues.js';
import { rule as readerMetadata } from './rules/metadata/reader-metadata.js';

const fixtures = process.env.NYT2539_FIXTURES ?? '';
let base: string;
let county: string;

/** A small package: the real Access template, a DK layer split in two parts written by GDAL (an independent
 * shapefile writer) in GBK with the real .prj, a real summary-table template, a stray file and a symlink. */
function buildPackage(): void {
  county = join(base, '220581梅河口市');
  for (const d of ['矢量数据', '权属数据', '汇总表格', '其他资料']) mkdirSync(join(county, d), { recursive: true });
  copyFileSync(join(fixtures, 'access', '权属数据-template-jet4.mdb'), join(county, '权属数据', '2205812016.mdb'));
  copyFileSync(join(fixtures, 'xls', '按地块汇总表.xls'), join(county, '汇总表格', '220581梅河口市按地块汇总表.xls'));
  copyFileSync(join(fixtures, 'metadata', 'SL2205812016.xml'), join(county, '矢量数据', 'SL2205812016.xml'));
  const geojson = join(base, 'dk.geojson');
  writeFileSync(
    geojson,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { DKBM: '2205811000070100001', DKMC: '东大地', SCMJ: 1234.56, BSM: 1 },
          geometry: { type: 'Polygon', coordinates: [[[39500000.5, 4600000.25], [39500100, 4600000], [39500100, 4600100], [39500000.5, 4600000.25]]] },
        },
        {
          type: 'Feature',
          properties: { DKBM: '2205811000070100002', DKMC: '西洼子', SCMJ: 77.1, BSM: 2 },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [[39500200, 4600000], [39500300, 4600000], [39500300, 4600100], [39500200, 4600000]],
              [[39500250, 4600010], [39500260, 4600010], [39500260, 4600020], [39500250, 4600010]],
            ],
          },
        },
      ],
    }),
  );
  for (const part of [1, 2]) {
    const name = `DK2205812016-${part}`;
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP936', '-nln', name, '-where', `BSM=${part}`, join(county, '矢量数据', `${name}.shp`), geojson]);
    copyFileSync(join(fixtures, 'prj', 'CGCS2000_3_Degree_GK_Zone_39.prj'), join(county, '矢量数据', `${name}.prj`));
  }
  writeFileSync(join(county, '其他资料', 'readme.txt'), '说明');
  symlinkSync('/etc/hostname', join(county, '其他资料', 'link'));
}

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) visit(p);
      else out[relative(dir, p)] = `${st.mode}:${st.mtimeMs}:${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
    }
  };
  visit(dir);
  return out;
}

/** Everything in the store except where the input came from, to compare loads. */
function dumpStore(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
    out[name] = name === 'pkg_info' ? rows.filter((r) => !['root', 'input', 'inputKind'].includes(String(r.key))) : rows;
  }
  return out;
}

async function zipFolder(folder: string, zipPath: string, prefix: string | false): Promise<void> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const done = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(zipPath);
    out.on('close', () => resolve());
    archive.on('error', reject);
    archive.pipe(out);
  });
  // the symlink is left out: archives with symlinks are refused
  archive.glob('**/*', { cwd: folder, ignore: ['**/link'], dot: false }, prefix === false ? {} : { prefix });
  await archive.finalize();
  await done;
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'nyt2539-load-'));
  buildPackage();
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('loadPackage (folder)', () => {
  it('lists, classifies and loads the package without touching the input', async () => {
    const before = hashTree(county);
    const phases = new Set<string>();
    const pkg = await loadPackage(county, { workDir: join(base, 'work1'), onProgress: (p) => phases.add(p.phase) });
    try {
      expect(hashTree(county)).toEqual(before);
      expect(pkg.info).toEqual({ root: county, rootName: '220581梅河口市', county: '220581', countyName: '梅河口市', year: '2016', inputKind: 'folder' });
      const info = Object.fromEntries((pkg.db.prepare('SELECT key, value FROM pkg_info').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
      expect(info).toMatchObject({ root: county, input: county, inputKind: 'folder', county: '220581', year: '2016' });
      expect([...phases]).toEqual(expect.arrayContaining(['files', 'mdb', 'shp', 'xls']));

      const files = pkg.db.prepare('SELECT path, kind, layer, year, part, summary_table, is_dir FROM pkg_files ORDER BY path').all() as Record<string, unknown>[];
      const byPath = new Map(files.map((f) => [f.path, f]));
      expect(byPath.get('矢量数据')).toMatchObject({ kind: 'folder', is_dir: 1 });
      expect(byPath.get('矢量数据/DK2205812016-2.shp')).toMatchObject({ kind: 'layerFile', layer: 'DK', year: '2016', part: 2, is_dir: 0 });
      expect(byPath.get('权属数据/2205812016.mdb')).toMatchObject({ kind: 'mdb', year: '2016' });
      expect(byPath.get('汇总表格/220581梅河口市按地块汇总表.xls')).toMatchObject({ kind: 'summaryTable', summary_table: 'byParcel' });
      expect(byPath.get('其他资料/link')).toMatchObject({ kind: 'symlink' });
      expect(pkg.db.prepare(`SELECT code, file FROM load_issues WHERE code = 'symlink-skipped'`).all()).toEqual([{ code: 'symlink-skipped', file: '其他资料/link' }]);

      const names = (pkg.db.prepare('SELECT name FROM src_tables ORDER BY name').all() as { name: string }[]).map((r) => r.name);
      expect(names).toContain('CBF');
      expect(names).toContain('DK');
      expect(names).toHaveLength(13);
    } finally {
      pkg.close();
    }
    expect(readdirSync(join(base, 'work1'))).toEqual([]);
  });

  it('loads the split layer as one table matching what GDAL reads, with geometry and its box', async () => {
    const pkg = await loadPackage(county, { workDir: join(base, 'work2'), keepStore: true });
    try {
      const t = pkg.db.prepare(`SELECT * FROM src_tables WHERE name = 'DK'`).get() as Record<string, unknown>;
      expect(t).toMatchObject({ origin: 'shp', record_count: 2, shape_type: 5, has_z: 0, has_m: 0, encoding_source: 'cpg' });
      expect(String(t.encoding).toLowerCase()).toMatch(/gbk|gb18030|936/);
      expect(JSON.parse(String(t.files))).toEqual(['矢量数据/DK2205812016-1.shp', '矢量数据/DK2205812016-2.shp']);
      expect(JSON.parse(String(t.crs_json))).toMatchObject({ datum: 'CGCS2000', zone: 39 });
      expect(String(t.prj_text)).toContain('CGCS2000_3_Degree_GK_Zone_39');
      const cols = pkg.db.prepare(`SELECT name, src_type, size, scale FROM src_columns WHERE tbl = 'DK' ORDER BY ordinal`).all();
      expect(cols).toEqual([
        { name: 'DKBM', src_type: 'C', size: 80, scale: 0 },
        { name: 'DKMC', src_type: 'C', size: 80, scale: 0 },
        { name: 'SCMJ', src_type: 'N', size: 24, scale: 15 },
        { name: 'BSM', src_type: 'N', size: 9, scale: 0 },
      ]);

      const rows = pkg.db.prepare(`SELECT * FROM DK ORDER BY _rid`).all() as Record<string, unknown>[];
      const oracle: { features: { properties: Record<string, unknown>; geometry: { coordinates: number[][][] } }[] }[] = [1, 2].map((part) =>
        JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'RFC7946=NO', '/vsistdout/', join(county, '矢量数据', `DK2205812016-${part}.shp`)], { encoding: 'utf8' })),
      );
      expect(rows).toHaveLength(2);
      rows.forEach((row, i) => {
        const f = oracle[i].features[0];
        expect(row).toMatchObject({ _rid: i + 1, _file: `矢量数据/DK2205812016-${i + 1}.shp`, _rec: 1, _deleted: 0 });
        expect(row.DKBM).toBe(f.properties.DKBM);
        expect(row.DKMC).toBe(f.properties.DKMC);
        expect(row.SCMJ).toBeCloseTo(f.properties.SCMJ as number, 9);
        expect(row.BSM).toBe(f.properties.BSM);
        // the DBF text is the value padded with spaces to the field width: the value says it all, no raw copy
        expect(row['DKMC$raw']).toBeNull();
        expect(row['SCMJ$raw'] === null || Number(row['SCMJ$raw']) === row.SCMJ).toBe(true);
        const g = decodeGeometry(row._geom as Buffer);
        expect(g.shapeType).toBe(5);
        expect(g.parts.map((p) => Array.from(p))).toEqual(f.geometry.coordinates.map((ring) => ring.flat()));
      });
      const hits = pkg.db.prepare(`SELECT _rid FROM DK WHERE _minx <= 39500150 AND _maxx >= 39500050 ORDER BY _rid`).all();
      expect(hits).toEqual([{ _rid: 1 }]);
      rows.forEach((row) => {
        const ring = decodeGeometry(row._geom as Buffer).parts[0];
        const xs = Array.from(ring).filter((_, k) => k % 2 === 0);
        const ys = Array.from(ring).filter((_, k) => k % 2 === 1);
        expect([row._minx, row._miny, row._maxx, row._maxy]).toEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
      });
      // the extent the loader recorded is what min()/max() over the box columns give
      const sql = pkg.db.prepare(`SELECT min(_minx), min(_miny), max(_maxx), max(_maxy) FROM DK`).raw().get();
      expect(JSON.parse(String(t.extra_json)).extent).toEqual(sql);
      expect(layerExtent(pkg.db, 'DK')).toEqual(sql);
    } finally {
      pkg.close();
    }
    expect(readdirSync(join(base, 'work2'))).toEqual(['store.sqlite']);
  });

  it('reads the vector metadata into meta_xml', async () => {
    const pkg = await loadPackage(county, { workDir: join(base, 'work4') });
    try {
      const meta = new Map<string, string[]>();
      for (const r of pkg.db.prepare(`SELECT key, value FROM meta_xml ORDER BY rowid`).all() as { key: string; value: string }[]) {
        meta.set(r.key, [...(meta.get(r.key) ?? []), r.value]);
      }
      expect(meta.get('@file')).toEqual(['矢量数据/SL2205812016.xml']);
      expect(meta.size).toBeGreaterThan(10);
      // an independent look at the same file: every layer name the XML carries is in meta_xml_layers
      const xml = readFileSync(join(county, '矢量数据', 'SL2205812016.xml'), 'utf8');
      const layers = (pkg.db.prepare(`SELECT name FROM meta_xml_layers`).all() as { name: string }[]).map((r) => r.name);
      expect(layers.length).toBeGreaterThan(0);
      for (const l of layers) expect(xml).toContain(`>${l}<`);
      const errorCodes = Object.entries(readerMetadata.meta.readerCodes ?? {}).filter(([, s]) => s === 'error').map(([c]) => c);
      const codes = (pkg.db.prepare(`SELECT code FROM load_issues WHERE file = '矢量数据/SL2205812016.xml'`).all() as { code: string }[]).map((r) => r.code);
      expect(codes.filter((c) => errorCodes.includes(c))).toEqual([]);
    } finally {
      pkg.close();
    }
  });

  it('reads the summary table rows into xls_rows and its layout issues into load_issues', async () => {
    const pkg = await loadPackage(county, { workDir: join(base, 'work3') });
    try {
      // the real template is empty: read without a layout problem, no data rows
      expect(pkg.db.prepare(`SELECT count(*) AS n FROM xls_rows`).get()).toEqual({ n: 0 });
      const issues = pkg.db.prepare(`SELECT code FROM load_issues WHERE file = '汇总表格/220581梅河口市按地块汇总表.xls'`).all() as { code: string }[];
      expect(issues.filter((i) => !Object.hasOwn(xlsIssueCodes, i.code) || i.code !== 'xls-extra-sheets')).toEqual([]);
    } finally {
      pkg.close();
    }
  });
});

describe('loadPackage (zip)', () => {
  it('loads a zip of the county folder exactly like the folder', async () => {
    const zip = join(base, '220581梅河口市.zip');
    await zipFolder(county, zip, '220581梅河口市');
    const zipHash = createHash('sha256').update(readFileSync(zip)).digest('hex');
    const folder = await loadPackage(county, { workDir: join(base, 'wf') });
    const zipped = await loadPackage(zip, { workDir: join(base, 'wz') });
    try {
      expect(zipped.info.inputKind).toBe('zip');
      expect(zipped.info.rootName).toBe('220581梅河口市');
      expect(zipped.info.root.startsWith(join(base, 'wz'))).toBe(true);
      const a = dumpStore(folder.db);
      const b = dumpStore(zipped.db);
      // the symlink is not in the zip
      a.pkg_files = a.pkg_files.filter((f) => (f as { path: string }).path !== '其他资料/link');
      a.load_issues = a.load_issues.filter((i) => (i as { code: string }).code !== 'symlink-skipped');
      const renumber = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), id: 0 }));
      expect(renumber(b.pkg_files)).toEqual(renumber(a.pkg_files));
      expect(renumber(b.load_issues)).toEqual(renumber(a.load_issues));
      for (const k of Object.keys(a).filter((k) => k !== 'pkg_files' && k !== 'load_issues')) expect(b[k], k).toEqual(a[k]);
    } finally {
      folder.close();
      zipped.close();
    }
    expect(readdirSync(join(base, 'wz'))).toEqual([]);
    expect(createHash('sha256').update(readFileSync(zip)).digest('hex')).toBe(zipHash);
  });

  it('finds the county folder inside a wrapper folder', async () => {
    const zip = join(base, 'export.zip');
    await zipFolder(county, zip, '汇交成果/220581梅河口市');
    const pkg = await loadPackage(zip, { workDir: join(base, 'ww') });
    try {
      expect(pkg.info).toMatchObject({ rootName: '220581梅河口市', county: '220581', year: '2016', inputKind: 'zip' });
      expect(pkg.db.prepare(`SELECT count(*) AS n FROM pkg_files WHERE path = '权属数据/2205812016.mdb'`).get()).toEqual({ n: 1 });
    } finally {
      pkg.close();
    }
  });

  it('loads a zip of the folder contents under the zip name', async () => {
    const zip = join(base, '220581梅河口市-contents.zip');
    await zipFolder(county, zip, false);
    const pkg = await loadPackage(zip, { workDir: join(base, 'wc') });
    try {
      expect(pkg.info.rootName).toBe('220581梅河口市-contents');
      expect(pkg.info.county).toBe('220581');
      expect(pkg.db.prepare(`SELECT count(*) AS n FROM src_tables`).get()).toEqual({ n: 13 });
    } finally {
      pkg.close();
    }
  });
});

describe('loadPackage on input that is not a package', () => {
  it('produces an empty store for an empty folder', async () => {
    const empty = join(base, 'empty');
    mkdirSync(empty);
    const pkg = await loadPackage(empty, { workDir: join(base, 'we') });
    try {
      expect(pkg.info).toMatchObject({ rootName: 'empty', county: '', countyName: '', year: '', inputKind: 'folder' });
      expect(pkg.db.prepare(`SELECT count(*) AS n FROM pkg_files`).get()).toEqual({ n: 0 });
      expect(pkg.db.prepare(`SELECT count(*) AS n FROM src_tables`).get()).toEqual({ n: 0 });
    } finally {
      pkg.close();
    }
  });

  it('still reads a misnamed .mdb found elsewhere, and records a damaged one as a load issue', async () => {
    const odd = join(base, 'odd');
    mkdirSync(odd);
    copyFileSync(join(fixtures, 'access', '权属数据-template-jet4.mdb'), join(odd, 'data.mdb'));
    writeFileSync(join(odd, 'broken.mdb'), readFileSync(join(fixtures, 'access', '权属数据-template-jet4.mdb')).subarray(0, 9000));
    const pkg = await loadPackage(odd, { workDir: join(base, 'wo') });
    try {
      expect(pkg.db.prepare(`SELECT count(*) AS n FROM src_tables WHERE origin = 'mdb'`).get()).toEqual({ n: 12 });
      const issues = pkg.db.prepare(`SELECT code, file FROM load_issues`).all() as { code: string; file: string }[];
      expect(issues.some((i) => i.file === 'broken.mdb' && i.code.startsWith('mdb-'))).toBe(true);
    } finally {
      pkg.close();
    }
  });

  it('refuses a missing path and a plain file with a located InputError', async () => {
    await expect(loadPackage(join(base, 'nope'), { workDir: join(base, 'wn') })).rejects.toThrow(InputError);
    await expect(loadPackage(join(base, 'nope'), { workDir: join(base, 'wn') })).rejects.toThrow(/nope/);
    writeFileSync(join(base, 'plain.txt'), 'x');
    const e = await loadPackage(join(base, 'plain.txt'), { workDir: join(base, 'wn') }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).text.en).toContain('plain.txt');
    expect((e as InputError).exitCode).toBe(2);
  });

  it('refuses a hostile zip and leaves nothing extracted', async () => {
    const zip = join(base, 'many.zip');
    await zipFolder(county, zip, '220581梅河口市');
    const e = await loadPackage(zip, { workDir: join(base, 'wh'), limits: { maxZipEntries: 3 } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).text.zh).toContain('many.zip');
    expect(readdirSync(join(base, 'wh'))).toEqual([]);
  });
});
