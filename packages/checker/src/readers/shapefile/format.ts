/**
 * Byte layout of the ESRI shapefile (.shp/.shx) and of the dBase III table (.dbf) it carries.
 * The ONE place these numbers live: the reader here and the writer in @nyt2539/packager import them.
 *
 * Sources: "ESRI Shapefile Technical Description" (ESRI white paper, July 1998) for .shp/.shx;
 * the dBase III+ file structure (dBASE Language Reference, Appendix "Table file structure") for .dbf;
 * the LDID (language driver id) values are the ones ArcGIS and GDAL/shapelib use (shapelib `dbfopen.c`).
 */

// ---- .shp / .shx main file header (100 bytes; big-endian integers, little-endian doubles) ----
export const SHP_HEADER_BYTES = 100;
export const SHP_FILE_CODE = 9994; // big-endian int32 at 0
export const SHP_VERSION = 1000; // little-endian int32 at 28
export const SHP_OFFSET = {
  fileCode: 0, // int32 BE
  fileLengthWords: 24, // int32 BE, whole file length in 16-bit words
  version: 28, // int32 LE
  shapeType: 32, // int32 LE
  xmin: 36, // double LE …
  ymin: 44,
  xmax: 52,
  ymax: 60,
  zmin: 68,
  zmax: 76,
  mmin: 84,
  mmax: 92,
} as const;

/** Record header in .shp: record number (1-based) and content length in 16-bit words, both int32 BE. */
export const SHP_RECORD_HEADER_BYTES = 8;
/** One .shx entry: offset (words) and content length (words) of a .shp record, both int32 BE. */
export const SHX_ENTRY_BYTES = 8;

/** Shape type codes (ESRI Shapefile Technical Description, table 1). */
export const ShapeTypeCode = {
  Null: 0,
  Point: 1,
  PolyLine: 3,
  Polygon: 5,
  MultiPoint: 8,
  PointZ: 11,
  PolyLineZ: 13,
  PolygonZ: 15,
  MultiPointZ: 18,
  PointM: 21,
  PolyLineM: 23,
  PolygonM: 25,
  MultiPointM: 28,
  MultiPatch: 31,
} as const;
export type ShapeTypeName = keyof typeof ShapeTypeCode;

const codeToName = new Map<number, ShapeTypeName>(
  (Object.entries(ShapeTypeCode) as [ShapeTypeName, number][]).map(([name, code]) => [code, name]),
);

/** Name of a shape type code, or undefined for codes the format does not define. */
export function shapeTypeName(code: number): ShapeTypeName | undefined {
  return codeToName.get(code);
}

/** The 2D family a Z/M type belongs to ('PolygonZ' → 'Polygon'), so validators can treat x/y alike. */
export function baseShapeType(name: ShapeTypeName): 'Null' | 'Point' | 'PolyLine' | 'Polygon' | 'MultiPoint' | 'MultiPatch' {
  return name.replace(/[ZM]$/, '') as 'Null' | 'Point' | 'PolyLine' | 'Polygon' | 'MultiPoint' | 'MultiPatch';
}

export function shapeTypeHasZ(name: ShapeTypeName): boolean {
  return name.endsWith('Z') || name === 'MultiPatch';
}

export function shapeTypeHasM(name: ShapeTypeName): boolean {
  return name.endsWith('M') || shapeTypeHasZ(name); // Z types carry an optional M block
}

/**
 * Fixed record-content sizes: Point = type + x + y; PolyLine/Polygon header = type + bbox(4 doubles) + numParts + numPoints.
 */
export const SHP_POINT_CONTENT_BYTES = 20;
export const SHP_POLY_FIXED_BYTES = 44;

/**
 * ArcGIS writes an empty layer's extent as xmin=0, ymin=0, xmax=-1, ymax=-1 (seen in the real templates
 * fixtures/real/shp/*.shp), i.e. an "inverted" box that no point satisfies.
 */
export const EMPTY_EXTENT = { xmin: 0, ymin: 0, xmax: -1, ymax: -1 } as const;

// ---- .dbf (dBase III) ----
export const DBF_VERSION_DBASE3 = 0x03; // no memo file
export const DBF_HEADER_BYTES = 32;
export const DBF_FIELD_DESCRIPTOR_BYTES = 32;
export const DBF_OFFSET = {
  version: 0,
  year: 1, // years since 1900
  month: 2,
  day: 3,
  recordCount: 4, // uint32 LE
  headerLength: 8, // uint16 LE
  recordLength: 10, // uint16 LE
  ldid: 29,
} as const;
export const DBF_FIELD_OFFSET = {
  name: 0, // 11 bytes, NUL padded
  type: 11,
  length: 16,
  decimals: 17,
} as const;
export const DBF_FIELD_NAME_BYTES = 11;
/** Ends the field descriptor array. Header length = 32 + 32·n + 1. */
export const DBF_HEADER_TERMINATOR = 0x0d;
/** Written after the last record by dBase, ArcGIS and GDAL. */
export const DBF_EOF = 0x1a;
export const DBF_RECORD_ACTIVE = 0x20; // ' '
export const DBF_RECORD_DELETED = 0x2a; // '*'

/** DBF header length for n fields. */
export function dbfHeaderLength(fieldCount: number): number {
  return DBF_HEADER_BYTES + DBF_FIELD_DESCRIPTOR_BYTES * fieldCount + 1;
}

/**
 * Language driver ids. 0x4D is what ArcGIS writes for code page 936 (GBK) — the real templates carry it.
 * For UTF-8 there is no LDID: ArcGIS and GDAL write 0x00 and say "UTF-8" in the .cpg (GDAL 3.6 verified).
 */
export const LDID_NONE = 0x00;
export const LDID_GBK = 0x4d;

/** Code page named by an LDID, as a WHATWG TextDecoder label; 'ansi' = the writer's system code page (unknown). */
export const LDID_ENCODINGS: Readonly<Record<number, string>> = {
  0x01: 'ibm437', // not a WHATWG label: TextDecoder lacks it, so the content is sniffed instead
  0x02: 'ibm850', // likewise
  0x03: 'windows-1252',
  0x4d: 'gb18030', // cp936 GBK; decoded with the GB18030 superset (Node's 'gbk' drops byte pairs)
  0x4e: 'euc-kr', // cp949
  0x4f: 'big5', // cp950
  0x57: 'ansi', // "ANSI": the system code page; says nothing about the actual one
  0x7a: 'gb18030', // PRC GBK (dBase IV/FoxPro variant)
  0xc8: 'windows-1250',
  0xc9: 'windows-1251',
};
