import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { computeSummaries, safeFileName, type PlainRow } from '@nyt2539/checker';
import {
  atomicTarget,
  FOLDER,
  getLayerTable,
  getTable,
  layerBaseName,
  mdbFileName,
  physicalTables,
  rootFolderName,
  summaryTableFileName,
  summaryTables,
  unitCodeTableFileName,
  vectorLayerTables,
} from '@nyt2539/schema';
import { writeMdb } from '../mdb/index.js';
import { esriPrj } from '@nyt2539/schema';
import { dbfFieldsForLayer, writeShapefile } from '../shapefile/index.js';
import { writeSummaryXls, writeUnitCodeTableXls } from '../xls/summaryXls.js';
import { writePackageMetadata } from './metadata.js';
import type { Feature, PackageData, PackageFile, WritePackageResult } from '@nyt2539/schema';

/** Folders every package gets, even when empty (SII's exporter creates the same set). */
const FOLDERS = [
  FOLDER.vector,
  FOLDER.ownership,
  FOLDER.summary,
  FOLDER.other,
  FOLDER.maps,
  FOLDER.reports,
  FOLDER.raster,
  FOLDER.attachments,
  FOLDER.controlPointSketches,
  FOLDER.rasterDom,
  FOLDER.rasterDrg,
  FOLDER.rasterOther,
];

/**
 * Lay out a complete 汇交 package `<outDir>/<county6><county name>/` from data: the .mdb and the
 * 权属单位代码表, the 14 layers and the SL…xml, the six 汇总表格 computed from the same rows, and every
 * attachment file. Built in a temporary folder beside the target and renamed into place at the end,
 * so a failed run leaves no half package; an existing package of the same name is replaced.
 */
export async function writePackage(data: PackageData, outDir: string): Promise<WritePackageResult> {
  const { code, name } = data.county;
  // names from the data (the county name, attachment paths) are made valid on Windows, where packages are opened
  const rootName = safeFileName(rootFolderName(code, name));
  const finalDir = join(outDir, rootName);
  const target = atomicTarget(finalDir);
  const work = target.tmp;
  mkdirSync(work, { recursive: true });
  try {
    for (const f of FOLDERS) mkdirSync(join(work, ...f.split('/')), { recursive: true });

    // 权属数据
    await writeMdb(
      join(work, FOLDER.ownership, mdbFileName(code, data.year)),
      physicalTables.map((t) => ({ name: t.name, rows: data.tables[t.name]?.() ?? [] })),
    );

    // 汇总表格 + 权属单位代码表, from the same sources
    const rows = (table: string): Iterable<PlainRow> => data.tables[table]?.() ?? [];
    const summary = await computeSummaries({
      units: data.units(),
      FBF: rows('FBF'),
      CBF: rows('CBF'),
      CBDKXX: rows('CBDKXX'),
      CBHT: rows('CBHT'),
      CBJYQZ: rows('CBJYQZ'),
      CBJYQZDJB: rows('CBJYQZDJB'),
      DK: attributesOf(data.layers.DK?.() ?? []),
    });
    const county = { countyCode: code, countyName: name };
    for (const t of summaryTables) writeSummaryXls(join(work, FOLDER.summary, safeFileName(summaryTableFileName(code, name, t.id))), t.id, county, summary.tables[t.id]);
    // after the summaries: SheetJS keeps number formats in process-global state, and this order gives
    // the same bytes whether or not another package was written earlier in the same process
    writeUnitCodeTableXls(join(work, FOLDER.ownership, unitCodeTableFileName(code, data.year)), summary.unitCodeTable, county);

    // 矢量数据
    const prj = esriPrj({ datum: data.crs.datum, zoneWidth: data.crs.zoneWidth, zone: data.crs.zone, variant: data.crs.variant });
    for (const layer of vectorLayerTables) {
      const table = getTable(layer);
      const geometry = getLayerTable(layer)?.geometry;
      if (!table || !geometry) continue;
      const shapeType = geometry === 'Polygon' ? 'Polygon' : geometry === 'Line' ? 'PolyLine' : 'Point';
      await writeShapefile(
        join(work, FOLDER.vector, layerBaseName(layer, code, data.year)),
        { shapeType, fields: dbfFieldsForLayer(table, { zonePrefixedCoordinates: data.crs.variant === 'zone' }), prj, layer },
        data.layers[layer]?.() ?? [],
      );
    }
    writePackageMetadata(join(work, FOLDER.vector), data);

    // 图件, 其他资料 …: files at the relative paths the tables store
    await writeFiles(work, data.files());

    target.commit();
  } catch (err) {
    target.abort();
    throw err;
  }
  return { packageDir: finalDir, files: listFiles(finalDir) };
}

/**
 * Many small files (a county has hundreds of thousands of attachments): written with bounded
 * concurrency, since one synchronous open/write/close at a time leaves the disk idle between calls.
 */
async function writeFiles(root: string, files: Iterable<PackageFile>): Promise<void> {
  const made = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  for (const file of files) {
    const parts = file.path.split(/[\\/]/).filter((p) => p !== '');
    if (parts.length === 0 || parts.some((p) => p === '..' || p === '.')) throw new Error(`writePackage: unsafe file path ${JSON.stringify(file.path)}`);
    const target = join(root, ...parts.map(safeFileName));
    const dir = dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const p: Promise<void> = writeFile(target, file.bytes).finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= FILE_CONCURRENCY) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

const FILE_CONCURRENCY = 64;

function* attributesOf(features: Iterable<Feature>): Iterable<PlainRow> {
  for (const f of features) yield f.attributes;
}


function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}
