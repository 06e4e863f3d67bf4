import { getTable, sketchMapPath, toMu, validateRow, type FieldDef, type Localized, type TableDef } from '@nyt2539/schema';
import type { Geometry, Row } from '../package/types.js';
import { orientPolygon } from '../shapefile/orient.js';
import type { RowOrigin, Staging } from './staging.js';
import { excelMangled, toCell } from './values.js';

/** A problem with the source, located by file, table, row and field. Errors stop the build; warnings are reported. */
export interface BuildIssue {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly table?: string;
  readonly row?: number;
  readonly field?: string;
  readonly message: Localized;
}

/** Issues listed per kind before the rest are only counted (a county can repeat one mistake 500 000 times). */
const LISTED_PER_KIND = 20;

export class IssueLog {
  readonly issues: BuildIssue[] = [];
  readonly counts = new Map<string, number>();
  errors = 0;
  warnings = 0;

  add(issue: BuildIssue, kind: string): void {
    if (issue.severity === 'error') this.errors++;
    else this.warnings++;
    const key = `${issue.severity}\u0000${issue.table ?? ''}\u0000${issue.field ?? ''}\u0000${kind}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n <= LISTED_PER_KIND) this.issues.push(issue);
  }

  /** Issues of a kind beyond the listed ones. */
  unlisted(): number {
    let n = 0;
    for (const c of this.counts.values()) n += Math.max(0, c - LISTED_PER_KIND);
    return n;
  }
}

/** (亩 field, m² field) pairs of a table, read from the schema as the checker's mu-conversion rule reads them. */
function muPairs(def: TableDef): { mu: string; m2: string }[] {
  return def.fields.flatMap((mu) => {
    if (mu.unit !== '亩' || !mu.code.endsWith('M')) return [];
    const m2 = def.fields.find((f) => f.code === mu.code.slice(0, -1) && f.unit === 'm2');
    return m2 ? [{ mu: mu.code, m2: m2.code }] : [];
  });
}

/**
 * Takes source rows into the staging store: columns matched to the standard's field codes (case-insensitively),
 * each cell converted by the field's type, the row validated with `validateRow`, derivable fields regenerated
 * (亩 from m², the sketch-map path), polygon rings ESRI-oriented.
 */
export class Ingest {
  readonly #columnMaps = new Map<string, Map<string, FieldDef | null>>();

  constructor(
    readonly staging: Staging,
    readonly log: IssueLog,
    /** regenerate derivable fields (a build does; `sketch` reads the package as it is) */
    readonly deriveFields = true,
  ) {}

  /** Returns false when the table is not one of the standard's (reported once by the caller). */
  add(table: string, raw: Readonly<Record<string, unknown>>, origin: RowOrigin, geometry?: Geometry): boolean {
    const def = getTable(table);
    if (!def) return false;
    const columns = this.#columns(def, origin.file, raw);
    const row: Record<string, Row[string]> = {};
    for (const f of def.fields) row[f.code] = null;
    let broken = false;
    for (const [name, value] of Object.entries(raw)) {
      const field = columns.get(name);
      if (!field) continue;
      const cell = toCell(field, value);
      if (cell === undefined) {
        broken = true;
        this.log.add(
          {
            severity: 'error',
            file: origin.file,
            table: def.name,
            row: origin.row,
            field: field.code,
            message: {
              zh: `值 ${JSON.stringify(String(value))} 不能作为 ${field.type} 类型写入`,
              en: `value ${JSON.stringify(String(value))} cannot be written as ${field.type}`,
            },
          },
          'type',
        );
        continue;
      }
      row[field.code] = cell;
      const mangled = typeof cell === 'string' ? excelMangled(field, cell) : undefined;
      if (mangled) this.log.add({ severity: 'warning', file: origin.file, table: def.name, row: origin.row, field: field.code, message: mangled }, 'excel');
    }
    if (broken) return true;
    let geom = geometry;
    // orientation survives the reprojection a build may apply later (both frames have x east, y north)
    if (geom && geom.type === 'Polygon') geom = { type: 'Polygon', parts: orientPolygon(geom.parts) };
    if (this.deriveFields) derive(def, row);
    for (const v of validateRow(def.name, row)) {
      this.log.add(
        {
          severity: 'warning',
          file: origin.file,
          table: def.name,
          row: origin.row,
          field: v.field,
          message: {
            zh: `不符合标准（${v.kind}，应为 ${v.expected}）：${JSON.stringify(v.actual)}`,
            en: `does not meet the standard (${v.kind}, expected ${v.expected}): ${JSON.stringify(v.actual)}`,
          },
        },
        v.kind,
      );
    }
    this.staging.add(def.name, row, origin, geom);
    return true;
  }

  #columns(def: TableDef, file: string, raw: Readonly<Record<string, unknown>>): Map<string, FieldDef | null> {
    const key = `${def.name}\u0000${file}`;
    let map = this.#columnMaps.get(key);
    if (map && Object.keys(raw).every((k) => map!.has(k))) return map;
    map ??= new Map();
    const byCode = new Map(def.fields.map((f) => [f.code, f]));
    for (const name of Object.keys(raw)) {
      if (map.has(name)) continue;
      const field = byCode.get(name.trim().toUpperCase()) ?? null;
      map.set(name, field);
      if (!field && !IGNORED_COLUMNS.has(name.toLowerCase())) {
        this.log.add(
          { severity: 'warning', file, table: def.name, field: name, message: { zh: `列 ${name} 不是 ${def.name} 的字段，已忽略`, en: `column ${name} is not a field of ${def.name}; ignored` } },
          'column',
        );
      }
    }
    this.#columnMaps.set(key, map);
    return map;
  }
}

/** Columns GIS tools add on their own (GeoPackage feature ids, geometry columns). */
const IGNORED_COLUMNS = new Set(['fid', 'ogc_fid', 'geom', 'geometry', 'the_geom', 'shape']);

/** Fields the package derives from others: the checker verifies the same relations. */
function derive(def: TableDef, row: Record<string, Row[string]>): void {
  for (const { mu, m2 } of muPairs(def)) {
    const v = row[m2];
    if (typeof v === 'number' && v > 0) row[mu] = toMu(v);
  }
  if (def.name === 'CBJYQZDJB' && typeof row.CBJYQZBM === 'string') {
    const fbfbm = typeof row.FBFBM === 'string' && row.FBFBM !== '' ? row.FBFBM : row.CBJYQZBM.slice(0, 14);
    row.DKSYT = sketchMapPath(fbfbm, row.CBJYQZBM);
  }
}

export function reproject(g: NonNullable<Geometry>, t: (x: number, y: number) => [number, number]): Geometry {
  if (g.type === 'Point') {
    const [x, y] = t(g.x, g.y);
    return { type: 'Point', x, y };
  }
  return { type: g.type, parts: g.parts.map((p) => p.map(([x, y]) => t(x, y))) };
}

/** After a reprojection the coordinate attributes follow the geometry (X = 北 northing, Y = 东 easting). */
export function coordinateFields(table: string, row: Record<string, Row[string]>, geometry: Geometry): void {
  if (!geometry || geometry.type !== 'Point') return;
  const r3 = (v: number): number => Math.round(v * 1000) / 1000;
  if (table === 'JZD') {
    row.XZBZ = r3(geometry.y);
    row.YZBZ = r3(geometry.x);
  } else if (table === 'KZD') {
    row.X2000 = r3(geometry.y);
    row.Y2000 = r3(geometry.x);
  }
}
