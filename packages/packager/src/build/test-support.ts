/**
 * Test helpers that turn a generated package into the working-data sources `build` reads, with independent
 * writers: GDAL `ogr2ogr` for the GeoPackage and the shapefiles/GeoJSON, `mdb-export` (mdbtools) for the tables.
 * Also used to produce the documented examples (examples/build-sources/README.md).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import iconv from 'iconv-lite';
import { readUnitCodeTable, readVectorMetadata } from '@nyt2539/checker';
import { FOLDER, parseRootFolderName, physicalTables } from '@nyt2539/schema';
import { METADATA_TABLE, UNIT_COLUMNS, UNIT_TABLE } from './source.js';

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });

function mdbOf(pkg: string): string {
  const dir = join(pkg, ...FOLDER.ownership.split('/'));
  return join(dir, readdirSync(dir).find((n) => n.endsWith('.mdb'))!);
}

function shapefilesOf(pkg: string): { layer: string; path: string }[] {
  const dir = join(pkg, ...FOLDER.vector.split('/'));
  return readdirSync(dir)
    .filter((n) => n.endsWith('.shp'))
    .sort()
    .map((n) => ({ layer: n.replace(/\d{10}\.shp$/, ''), path: join(dir, n) }));
}

/** `<TABLE>.csv` text (UTF-8) of every 权属 table, by mdb-export with ISO dates. */
function tableCsvs(pkg: string): Map<string, string> {
  const mdb = mdbOf(pkg);
  const out = new Map<string, string>();
  for (const t of physicalTables) out.set(t.name, run('mdb-export', ['-T', '%Y-%m-%d', mdb, t.name]));
  return out;
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** QSDWDMB.csv (权属单位代码, 权属单位名称) from the package's 权属单位代码表 and METADATA.csv (key, value) from its SL…xml. */
function unitAndMetadataCsvs(pkg: string): { units: string; metadata: string } {
  const dir = join(pkg, ...FOLDER.ownership.split('/'));
  const units = readUnitCodeTable(join(dir, readdirSync(dir).find((n) => n.endsWith('权属单位代码表.xls'))!));
  const vdir = join(pkg, ...FOLDER.vector.split('/'));
  const meta = readVectorMetadata(join(vdir, readdirSync(vdir).find((n) => /^SL.*\.xml$/.test(n))!));
  const root = parseRootFolderName(basename(pkg))!;
  const year = /^\d{6}(\d{4})\.mdb$/.exec(basename(mdbOf(pkg)))![1]!;
  const keys = ['title', 'date', 'ending', 'dataEdition', 'idAbs', 'rpOrgName', 'rpCnt', 'voiceNum', 'cntAddress', 'cntCode', 'dqStatement', 'dqLineage'];
  const rows: [string, string][] = [['county', root.county], ['countyName', root.countyName], ['year', year]];
  for (const k of keys) {
    const path = Object.keys(meta.elements).find((p) => p.endsWith(`/${k}`));
    const v = path ? meta.elements[path]![0] : undefined;
    if (v !== undefined) rows.push([k, v]);
  }
  return {
    units: [`${UNIT_COLUMNS.code},${UNIT_COLUMNS.name}`, ...units.rows.map((r) => `${csvCell(r.code)},${csvCell(r.name)}`)].join('\n') + '\n',
    metadata: ['key,value', ...rows.map(([k, v]) => `${csvCell(k)},${csvCell(v)}`)].join('\n') + '\n',
  };
}

/**
 * The package as one GeoPackage written by GDAL: each layer a feature table named by its code (DK, JZD …),
 * each 权属 table, QSDWDMB and METADATA an attribute table (text columns, as a CSV import in QGIS gives).
 */
export function exportToGeoPackage(pkg: string, gpkg: string): void {
  const tmp = mkdtempSync(join(tmpdir(), 'nyt-gpkg-src-'));
  try {
    rmSync(gpkg, { force: true });
    let first = true;
    const add = (src: string, name: string, extra: string[] = []): void => {
      run('ogr2ogr', ['-f', 'GPKG', ...(first ? [] : ['-update']), gpkg, src, '-nln', name, ...extra]);
      first = false;
    };
    for (const { layer, path } of shapefilesOf(pkg)) add(path, layer);
    const csv = (name: string, text: string): void => {
      const p = join(tmp, `${name}.csv`);
      writeFileSync(p, text);
      add(p, name, ['-oo', 'AUTODETECT_TYPE=NO', '-oo', 'EMPTY_STRING_AS_NULL=YES']);
    };
    for (const [name, text] of tableCsvs(pkg)) csv(name, text);
    const { units, metadata } = unitAndMetadataCsvs(pkg);
    csv(UNIT_TABLE, units);
    csv(METADATA_TABLE, metadata);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface FolderVariations {
  /** CSV text encoding (default UTF-8) */
  readonly csvEncoding?: 'utf-8' | 'gbk';
  /** shuffle CSV data rows and shapefile records with this seed */
  readonly shuffleSeed?: number;
  /** write the layers through GDAL as UTF-8 shapefiles with a .cpg and GDAL's default (wider) field widths */
  readonly utf8Shapefiles?: boolean;
  /** layers written as GeoJSON instead of shapefiles */
  readonly geojsonLayers?: readonly string[];
}

/** Deterministic Fisher–Yates with a small LCG (tests only). */
function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  for (let i = items.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function shuffleCsv(text: string, seed: number): string {
  const lines = text.split('\n').filter((l) => l !== '');
  const [header, ...rows] = lines;
  return [header, ...shuffle(rows, seed)].join('\n') + '\n';
}

/** The package as a working-data folder: `<TABLE>.csv`, QSDWDMB.csv, METADATA.csv, layers, 其他资料/ … */
export function exportToFolder(pkg: string, dir: string, v: FolderVariations = {}): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const write = (name: string, text: string): void => {
    const t = v.shuffleSeed !== undefined ? shuffleCsv(text, v.shuffleSeed) : text;
    writeFileSync(join(dir, name), v.csvEncoding === 'gbk' ? iconv.encode(t, 'gbk') : t);
  };
  for (const [name, text] of tableCsvs(pkg)) write(`${name}.csv`, text);
  const { units, metadata } = unitAndMetadataCsvs(pkg);
  write(`${UNIT_TABLE}.csv`, units);
  write(`${METADATA_TABLE}.csv`, metadata);
  const tmp = mkdtempSync(join(tmpdir(), 'nyt-folder-src-'));
  try {
    for (const { layer, path } of shapefilesOf(pkg)) {
      const sql = v.shuffleSeed !== undefined ? ['-sql', `SELECT * FROM "${basename(path, '.shp')}" ORDER BY ${v.shuffleSeed % 2 ? 'BSM DESC' : 'YSDM DESC, BSM'}`] : [];
      if (v.geojsonLayers?.includes(layer)) {
        run('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'SIGNIFICANT_FIGURES=17', ...sql, join(dir, `${layer}.geojson`), path]);
      } else if (v.utf8Shapefiles) {
        // through GeoJSON, which carries no field widths: GDAL then writes its default, wider DBF fields
        const gj = join(tmp, `${layer}.geojson`);
        run('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'SIGNIFICANT_FIGURES=17', ...sql, gj, path]);
        run('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', join(dir, `${layer}.shp`), gj]);
      } else if (sql.length) {
        run('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP936', ...sql, join(dir, `${layer}.shp`), path]);
      } else {
        // as the vendor has them: the GBK files themselves, under the layer's short name
        for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) {
          const from = path.replace(/\.shp$/, `.${ext}`);
          if (existsSync(from)) cpSync(from, join(dir, `${layer}.${ext}`));
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const f of [FOLDER.other, FOLDER.raster]) cpSync(join(pkg, ...f.split('/')), join(dir, ...f.split('/')), { recursive: true });
}

/** Every table's rows as mdb-export prints them, sorted (row order is not part of the content). */
export function mdbDump(pkg: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, text] of tableCsvs(pkg)) {
    const [header, ...rows] = text.split('\n').filter((l) => l !== '');
    out.set(name, [header!, ...rows.sort()]);
  }
  return out;
}

/** Every layer's features as `ogrinfo -al` prints them (fields and geometry), FID lines dropped, sorted. */
export function layerDump(pkg: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { layer, path } of shapefilesOf(pkg)) {
    const text = run('ogrinfo', ['-ro', '-al', '-q', path]);
    const features = text.split(/\n(?=OGRFeature\()/).slice(1).map((f) => f.replace(/^OGRFeature\([^)]*\):\d+\n/, '').trim());
    out.set(layer, features.sort());
  }
  return out;
}
