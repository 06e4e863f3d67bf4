import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { LocalizedError } from '@nyt2539/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPackage } from '../bundle/test-support.js';
import { buildPackage, BuildError, finishBuild, type BuildResult } from './index.js';
import { exportToFolder, exportToGeoPackage, layerDump, mdbDump } from './test-support.js';

/** sha256 over every file's relative path and bytes: the package tree's identity. */
function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(relative(dir, p).split(sep).join('/')).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex');
}

let tmp: string;
let original: string;
let gpkg: string;
let fromGpkg: BuildResult;

beforeAll(async () => {
  ({ tmp, packageDir: original } = await tinyPackage('build'));
  gpkg = join(tmp, 'source.gpkg');
  exportToGeoPackage(original, gpkg);
  fromGpkg = await buildPackage(gpkg, { out: join(tmp, 'from-gpkg'), files: original });
}, 240_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('build', () => {
  it('turns a GeoPackage written by GDAL back into the original package, field by field (mdb-export, ogrinfo)', () => {
    expect(fromGpkg.source).toBe('geopackage');
    expect(fromGpkg.warnings).toBe(0);
    expect(fromGpkg.packageDir.endsWith('340711郊区')).toBe(true);
    const [a, b] = [mdbDump(original), mdbDump(fromGpkg.packageDir)];
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [t, rows] of a) expect(b.get(t), t).toEqual(rows);
    const [la, lb] = [layerDump(original), layerDump(fromGpkg.packageDir)];
    expect([...lb.keys()]).toEqual([...la.keys()]);
    for (const [t, features] of la) expect(lb.get(t), t).toEqual(features);
    // the carried attachments and the derived files are all there
    expect(existsSync(join(fromGpkg.packageDir, '权属数据', '3407112016权属单位代码表.xls'))).toBe(true);
    expect(readdirSync(join(fromGpkg.packageDir, '汇总表格'))).toHaveLength(6);
    expect(readdirSync(join(fromGpkg.packageDir, '其他资料', '权属来源附件')).length).toBeGreaterThan(0);
  });

  it('gives the same bytes from a folder with GBK CSVs, shuffled rows, UTF-8 shapefiles (.cpg, wider fields) and GeoJSON, and when run twice', async () => {
    const folder = join(tmp, 'folder');
    exportToFolder(original, folder, { csvEncoding: 'gbk', shuffleSeed: 7, utf8Shapefiles: true, geojsonLayers: ['ZJ'] });
    // the variations are really there
    expect(readFileSync(join(folder, 'DK.cpg'), 'utf8').trim()).toBe('UTF-8');
    const width = (dbf: string, field: string): number => {
      const b = readFileSync(dbf);
      for (let o = 32; b[o] !== 0x0d; o += 32) if (b.toString('latin1', o, o + 11).replace(/\0.*$/, '') === field) return b[o + 16]!;
      return -1;
    };
    expect(width(join(folder, 'DK.dbf'), 'DKMC')).toBeGreaterThan(width(join(original, '矢量数据', 'DK3407112016.dbf'), 'DKMC'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(join(folder, 'CBF.csv')))).toThrow();

    const fromFolder = await buildPackage(folder, { out: join(tmp, 'from-folder') });
    expect(fromFolder.encodings.find((e) => e.file === 'CBF.csv')?.encoding).toBe('GBK');
    expect(fromFolder.encodings.find((e) => e.file === 'DK.dbf')).toMatchObject({ encoding: 'UTF-8', how: { en: 'from the .cpg' } });
    expect(treeHash(fromFolder.packageDir)).toBe(treeHash(fromGpkg.packageDir));

    const again = await buildPackage(gpkg, { out: join(tmp, 'again'), files: original });
    expect(treeHash(again.packageDir)).toBe(treeHash(fromGpkg.packageDir));
    // re-building the package itself regenerates the same content
    const rebuilt = await buildPackage(fromGpkg.packageDir, { out: join(tmp, 'rebuilt') });
    expect(rebuilt.source).toBe('package');
    expect(treeHash(rebuilt.packageDir)).toBe(treeHash(fromGpkg.packageDir));
  }, 240_000);

  it('stops on a structural error with a located message and writes nothing', async () => {
    const folder = join(tmp, 'broken');
    exportToFolder(original, folder);
    const csv = readFileSync(join(folder, 'CBF.csv'), 'utf8').split('\n');
    const header = csv[0]!.split(',');
    const col = header.indexOf('CBFCYSL');
    const cells = csv[3]!.split(',');
    cells[col] = '三';
    csv[3] = cells.join(',');
    writeFileSync(join(folder, 'CBF.csv'), csv.join('\n'));
    const out = join(tmp, 'broken-out');
    let error: unknown;
    try {
      await buildPackage(folder, { out });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildError);
    const issue = (error as BuildError).issues[0]!;
    expect(issue).toMatchObject({ file: 'CBF.csv', table: 'CBF', row: 4, field: 'CBFCYSL' });
    expect((error as BuildError).localized('zh')).toContain('CBF.csv CBF #4 CBFCYSL');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 120_000);

  it('never reprojects silently: a WGS 84 source needs --crs, and with it lands within millimetres', async () => {
    const folder = join(tmp, 'wgs84');
    exportToFolder(original, folder);
    for (const n of readdirSync(folder).filter((f) => f.endsWith('.shp'))) {
      const layer = n.slice(0, -4);
      execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', '-lco', 'SIGNIFICANT_FIGURES=17', join(folder, `${layer}.geojson`), join(folder, n)]);
      for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) rmSync(join(folder, `${layer}.${ext}`), { force: true });
    }
    await expect(buildPackage(folder, { out: join(tmp, 'wgs84-out') })).rejects.toMatchObject({ code: 'build-crs' });
    const built = await buildPackage(folder, { out: join(tmp, 'wgs84-out'), crs: 'EPSG:4527' });
    expect(built.reprojected).toBe(true);
    const xy = (pkg: string): number[] =>
      execFileSync('ogrinfo', ['-ro', '-q', '-sql', 'SELECT XZBZ, YZBZ FROM JZD3407112016 ORDER BY BSM', join(pkg, '矢量数据', 'JZD3407112016.shp')], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => /(XZBZ|YZBZ) \(Real\) = /.test(l))
        .map((l) => Number(l.split('=')[1]));
    const [a, b] = [xy(original), xy(built.packageDir)];
    expect(b).toHaveLength(a.length);
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThan(0.005);
  }, 180_000);

  it('runs the full check after drawing the sketch maps: a clean source is 通过 with its reports in 文字报告/', async () => {
    const folder = join(tmp, 'full');
    exportToFolder(original, folder);
    let verdict: Awaited<ReturnType<typeof finishBuild>> | undefined;
    const built = await buildPackage(folder, {
      out: join(tmp, 'full-out'),
      finish: async (dir, staging, data) => {
        verdict = await finishBuild(dir, staging, data, { lang: 'zh', sketch: true, mask: true });
      },
    });
    expect(verdict).toMatchObject({ passed: true, errors: 0, sketches: 59 });
    const reports = join(built.packageDir, '文字报告');
    expect(readdirSync(reports)).toEqual(expect.arrayContaining(['findings.json', 'report.txt', '质检报告.html', '质检报告.docx', '问题清单.xlsx']));
    expect(verdict!.reports.some((f) => f.endsWith('findings.json'))).toBe(true);
    expect(readFileSync(join(reports, 'report.txt'), 'utf8')).toContain('结论：通过');
    expect(JSON.parse(readFileSync(join(reports, 'findings.json'), 'utf8')).passed).toBe(true);
    expect(readdirSync(join(built.packageDir, '图件')).flatMap((d) => readdirSync(join(built.packageDir, '图件', d)))).toHaveLength(59);
  }, 240_000);

  it('rejects a --crs that is not a CGCS2000 3° zone', async () => {
    await expect(buildPackage(gpkg, { out: join(tmp, 'x'), crs: 'EPSG:3857' })).rejects.toBeInstanceOf(LocalizedError);
  });
});
