import type Database from 'better-sqlite3';
import { proj4 } from '../io/proj.js';
import { hasStoreTable } from '../store/facts.js';
import { layerExtent } from '../store/data-table.js';
import type { CrsInfo } from '../readers/prj.js';

/** A shapefile layer's coordinate system as the loader parsed it from the .prj, with the layer's extent. */
interface LayerCrs {
  readonly layer: string;
  /** the first file of the layer (where the .prj sits) */
  readonly file: string;
  readonly crs: CrsInfo;
  /** [minx, miny, maxx, maxy] over the layer's shapes (the store's box columns) */
  readonly extent?: readonly [number, number, number, number];
}

export function layerCrs(db: Database.Database): LayerCrs[] {
  if (!hasStoreTable(db, 'src_tables')) return [];
  const rows = db.prepare(`SELECT name, files, crs_json FROM src_tables WHERE origin = 'shp' AND crs_json IS NOT NULL ORDER BY name`).all() as { name: string; files: string | null; crs_json: string }[];
  return rows.map((r) => {
    const files = JSON.parse(r.files ?? '[]') as string[];
    const extent = hasStoreTable(db, r.name) ? layerExtent(db, r.name) : undefined;
    return { layer: r.name, file: (files[0] ?? '').replace(/\.shp$/i, '.prj'), crs: JSON.parse(r.crs_json) as CrsInfo, ...(extent ? { extent } : {}) };
  });
}

/** DK first, then the other layers by name: the reference layer for agreement checks is the plot layer. */
export function dkFirst(list: readonly LayerCrs[]): LayerCrs[] {
  return [...list].sort((a, b) => (a.layer === 'DK' ? -1 : b.layer === 'DK' ? 1 : a.layer < b.layer ? -1 : 1));
}

/** A short human description of a CRS for messages: `CGCS2000 GK CM 120 FE 40500000`. */
export function describeCrs(c: CrsInfo): string {
  if (!c.projected) return `${c.datum} 地理坐标 / geographic`;
  return `${c.datum} ${c.projection ?? '?'} CM ${c.centralMeridian ?? '?'} FE ${c.falseEasting ?? '?'}`;
}

/** proj4 definition of a Gauss-Krüger CRS as read from a .prj; null when it is geographic or lacks parameters. */
export function proj4Definition(c: CrsInfo): string | null {
  if (!c.projected || c.centralMeridian === null || c.falseEasting === null) return null;
  const ellps = c.datum === 'Xian80' ? 'IAU76' : c.datum === 'Beijing54' ? 'krass' : c.datum === 'WGS84' ? 'WGS84' : 'GRS80';
  return `+proj=tmerc +lat_0=${c.latitudeOfOrigin ?? 0} +lon_0=${c.centralMeridian} +k=${c.scaleFactor ?? 1} +x_0=${c.falseEasting} +y_0=${c.falseNorthing ?? 0} +ellps=${ellps} +units=m +no_defs`;
}

/** CGCS2000 geographic (EPSG:4490): lon/lat on the GRS80 ellipsoid, which CGCS2000 uses within millimetres. */
export const CGCS2000_LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';

/** Package coordinates → EPSG:4490 lon/lat, from the package CRS's proj4 definition. */
export function lonLatTransform(definition: string): (x: number, y: number) => [number, number] {
  const converter = proj4()(definition, CGCS2000_LONLAT);
  return (x, y) => converter.forward([x, y]) as [number, number];
}
