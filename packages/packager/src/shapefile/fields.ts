/**
 * DBF field descriptors for a standard layer, derived from Annex A (`getTable('DK').fields`), never re-typed.
 *
 * Widening rules (each checked against the real ArcGIS templates in fixtures/real/shp by fields.test.ts):
 * 1. Float(p, s) with s > 0 → N(p + 1, s). The standard's length counts digits (ArcGIS "precision"); a DBF width
 *    also holds the decimal point. Templates: SCMJ/SCMJM F15.2 → N16.2, XZBZ/YZBZ F10.3 → N11.3.
 * 2. Int(p) → N(p, 0); Float(p, 0) → N(p, 0); Char(n) → C(n); Date → D(8). Template: BSM Int10 → N10.
 * 3. Projected coordinates (Annex A: the Float fields with 3 decimals that hold an X or Y coordinate — KZD X2000/Y2000/
 *    X80/Y80, JZD XZBZ/YZBZ, ZJ ZJDZXJXZB/ZJDZXJYZB) get N(12, 3) with `{ zonePrefixedCoordinates: true }`:
 *    a Gauss-Krüger easting with the zone number (39 512 345.678, 'zone' .prj variant) has 8 integer digits and does
 *    not fit the template's N(11,3). SII's exporter writes these fields as N(12,3) for the same reason.
 *    Default off, so the output matches the templates; the writer reports a value that does not fit.
 */
import type { FieldDef, TableDef } from '@nyt2539/schema';

/** One DBF column as written. */
export interface DbfFieldSpec {
  /** ≤ 10 ASCII characters */
  readonly name: string;
  readonly type: 'C' | 'N' | 'F' | 'D' | 'L';
  /** width in bytes (C: bytes of encoded text, so a GBK Chinese character takes 2) */
  readonly length: number;
  readonly decimals: number;
}

export interface DbfFieldsOptions {
  /** widen projected-coordinate fields to N(12,3) for zone-prefixed eastings (rule 3) */
  readonly zonePrefixedCoordinates?: boolean;
}

/** Width of a projected coordinate that carries the zone prefix: 8 integer digits, '.', 3 decimals. */
export const ZONE_PREFIXED_COORDINATE_WIDTH = 12;

/** True for Annex A fields holding a projected X or Y coordinate (rule 3). */
export function isProjectedCoordinateField(field: FieldDef): boolean {
  return field.type === 'Float' && field.decimals === 3 && /[XY]/.test(field.name);
}

/** The DBF field for one Annex A field. */
export function dbfFieldFor(field: FieldDef, options: DbfFieldsOptions = {}): DbfFieldSpec {
  const length = field.length;
  switch (field.type) {
    case 'Char':
      return { name: field.code, type: 'C', length: need(field, length), decimals: 0 };
    case 'Int':
      return { name: field.code, type: 'N', length: need(field, length), decimals: 0 };
    case 'Float': {
      const decimals = field.decimals ?? 0;
      if (options.zonePrefixedCoordinates && isProjectedCoordinateField(field)) {
        return { name: field.code, type: 'N', length: ZONE_PREFIXED_COORDINATE_WIDTH, decimals };
      }
      return { name: field.code, type: 'N', length: need(field, length) + (decimals > 0 ? 1 : 0), decimals };
    }
    case 'Date':
      return { name: field.code, type: 'D', length: 8, decimals: 0 };
    default:
      throw new Error(`字段 ${field.code} 的类型 ${field.type} 不能写入 DBF / field ${field.code} of type ${field.type} cannot be stored in a DBF`);
  }
}

/** DBF fields of a layer table, in Annex A order. */
export function dbfFieldsForLayer(table: TableDef, options: DbfFieldsOptions = {}): DbfFieldSpec[] {
  if (table.kind !== 'layer') throw new Error(`${table.name} 不是附录 A 的图层表 / ${table.name} is not an Annex A layer table`);
  return table.fields.map((f) => dbfFieldFor(f, options));
}

function need(field: FieldDef, length: number | undefined): number {
  if (length === undefined) throw new Error(`字段 ${field.code} 没有长度 / field ${field.code} has no length`);
  return length;
}
