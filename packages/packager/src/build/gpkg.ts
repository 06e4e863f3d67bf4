import { basename } from 'node:path';
import { openSqlite, parsePrj, type SqliteDatabase } from '@nyt2539/checker';
import { getLayerTable, getTable, LocalizedError } from '@nyt2539/schema';
import type { Geometry, PackageUnit } from '../package/types.js';
import { METADATA_TABLE, standardName, UNIT_COLUMNS, UNIT_TABLE, type RowSink, type SourceFacts } from './source.js';
import { decodeGpkgGeometry, WkbError, type WkbGeometry } from './wkb.js';

/** True when the file starts with the SQLite header (a GeoPackage is an SQLite database). */
export function isSqliteFile(head: Uint8Array): boolean {
  return Buffer.from(head.subarray(0, 16)).toString('latin1') === 'SQLite format 3\u0000';
}

/**
 * A GeoPackage (what QGIS writes by default) holding the layers (DK, JZD …) as feature tables and the 权属 tables
 * (CBF, CBDKXX …) as attribute tables, column names = the standard's field codes; plus QSDWDMB (权属单位代码,
 * 权属单位名称) and METADATA (key, value). Read with better-sqlite3; geometry blobs decoded by wkb.ts.
 */
export function readGeoPackage(path: string, sink: RowSink): Omit<SourceFacts, 'files'> {
  const file = basename(path);
  let db: SqliteDatabase;
  try {
    db = openSqlite(path, { readonly: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    throw new LocalizedError({ zh: `无法打开 GeoPackage ${path}：${(e as Error).message}`, en: `cannot open the GeoPackage ${path}: ${(e as Error).message}` }, { code: 'gpkg-unreadable', file: path });
  }
  try {
    const hasContents = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_contents'`).get();
    if (!hasContents) throw new LocalizedError({ zh: `${path} 不是 GeoPackage（没有 gpkg_contents 表）`, en: `${path} is not a GeoPackage (no gpkg_contents table)` }, { code: 'gpkg-invalid', file: path });
    const contents = db.prepare(`SELECT table_name AS name, data_type AS type FROM gpkg_contents ORDER BY table_name`).all() as { name: string; type: string }[];
    const geomColumns = new Map(
      (db.prepare(`SELECT table_name AS t, column_name AS c, srs_id AS srs FROM gpkg_geometry_columns`).all() as { t: string; c: string; srs: number }[]).map((r) => [r.t, r]),
    );
    const srsDefs = new Map(
      (db.prepare(`SELECT srs_id AS id, definition AS def FROM gpkg_spatial_ref_sys`).all() as { id: number; def: string }[]).map((r) => [r.id, r.def]),
    );
    let crs: SourceFacts['crs'] = null;
    let units: PackageUnit[] = [];
    const metadata: Record<string, string> = {};
    for (const { name } of contents) {
      const std = standardName(name);
      const where = `${file}:${name}`;
      if (std === UNIT_TABLE) {
        units = readUnits(db, name, where, sink);
        continue;
      }
      if (std === METADATA_TABLE) {
        for (const r of db.prepare(`SELECT * FROM ${q(name)}`).all() as Record<string, unknown>[]) {
          if (typeof r.key === 'string' && r.value !== null && r.value !== undefined) metadata[r.key] = String(r.value);
        }
        continue;
      }
      if (!getTable(std)) {
        sink.log.add({ severity: 'warning', file: where, message: { zh: `表 ${name} 不是标准中的表或图层，已忽略`, en: `table ${name} is not a table or layer of the standard; ignored` } }, 'table');
        continue;
      }
      const gc = geomColumns.get(name);
      const isLayer = getLayerTable(std) !== undefined;
      if (isLayer && !gc) {
        sink.log.add({ severity: 'error', file: where, table: std, message: { zh: `图层 ${std} 没有几何列`, en: `layer ${std} has no geometry column` } }, 'geometry');
        continue;
      }
      if (isLayer && gc && crs === null) {
        const def = srsDefs.get(gc.srs);
        if (def && def !== 'undefined') crs = { text: def, info: parsePrj(def), file: where };
      }
      let n = 0;
      for (const r of db.prepare(`SELECT * FROM ${q(name)} ORDER BY rowid`).iterate() as Iterable<Record<string, unknown>>) {
        n++;
        let geometry: Geometry | undefined;
        if (isLayer && gc) {
          const blob = r[gc.c];
          delete r[gc.c];
          geometry = null;
          if (blob instanceof Uint8Array) {
            try {
              geometry = toGeometry(decodeGpkgGeometry(blob).geometry);
            } catch (e) {
              if (!(e instanceof WkbError)) throw e;
              sink.log.add({ severity: 'error', file: where, table: std, row: n, field: gc.c, message: { zh: `几何无法解码：${e.reason}`, en: `geometry cannot be decoded: ${e.reason}` } }, 'wkb');
              continue;
            }
          }
        }
        sink.add(std, r, { file: where, row: n }, geometry);
      }
    }
    const year = metadata.year !== undefined ? Number(metadata.year) : undefined;
    return {
      kind: 'geopackage',
      county: { ...(metadata.county ? { code: metadata.county } : {}), ...(metadata.countyName ? { name: metadata.countyName } : {}) },
      ...(year !== undefined && Number.isInteger(year) ? { year } : {}),
      crs,
      units,
      metadata,
      encodings: [{ file, encoding: 'UTF-8', how: { zh: 'GeoPackage 文本均为 UTF-8', en: 'GeoPackage text is always UTF-8' } }],
    };
  } finally {
    db.close();
  }
}

function readUnits(db: SqliteDatabase, name: string, where: string, sink: RowSink): PackageUnit[] {
  const out: PackageUnit[] = [];
  let n = 0;
  for (const r of db.prepare(`SELECT * FROM ${q(name)} ORDER BY rowid`).iterate() as Iterable<Record<string, unknown>>) {
    n++;
    const unit = unitOf(r, where, n, sink);
    if (unit) out.push(unit);
  }
  return out;
}

/** One 权属单位代码表 row → unit; located error when a cell is missing. */
export function unitOf(r: Readonly<Record<string, unknown>>, where: string, row: number, sink: RowSink): PackageUnit | undefined {
  const code = r[UNIT_COLUMNS.code];
  const name = r[UNIT_COLUMNS.name];
  if ((typeof code !== 'string' && typeof code !== 'number') || typeof name !== 'string' || name.trim() === '') {
    sink.log.add(
      { severity: 'error', file: where, table: UNIT_TABLE, row, message: { zh: `需要 ${UNIT_COLUMNS.code} 与 ${UNIT_COLUMNS.name} 两列的值`, en: `needs values in ${UNIT_COLUMNS.code} and ${UNIT_COLUMNS.name}` } },
      'unit',
    );
    return undefined;
  }
  return { code: String(code).trim(), name: name.trim() };
}

function toGeometry(g: WkbGeometry | null): Geometry {
  if (!g) return null;
  if (g.type === 'Point') return g.point ? { type: 'Point', x: g.point[0], y: g.point[1] } : null;
  if (g.type === 'LineString') return g.lines.length ? { type: 'PolyLine', parts: g.lines } : null;
  const parts = g.polygons.flat();
  return parts.length ? { type: 'Polygon', parts } : null;
}

function q(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
