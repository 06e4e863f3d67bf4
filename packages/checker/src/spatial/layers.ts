import type Database from 'better-sqlite3';
import { layerTableList } from '@nyt2539/schema';
import { baseShapeType, loadLayer, SHAPE, type Feature, type LayerData } from './layer.js';
import { isClosed, pointCount } from './rings.js';

/** Vector layers of 表2 by geometry kind (annotation ZJ and raster SGSJ carry no checked geometry). */
const polygonLayers: readonly string[] = layerTableList.filter((t) => t.geometry === 'Polygon').map((t) => t.table);
export const lineLayers: readonly string[] = layerTableList.filter((t) => t.geometry === 'Line').map((t) => t.table);
export const pointLayers: readonly string[] = layerTableList.filter((t) => t.geometry === 'Point').map((t) => t.table);

/** The shapefile base type each layer must have. */
export function expectedShapeType(table: string): number | undefined {
  if (polygonLayers.includes(table)) return SHAPE.polygon;
  if (lineLayers.includes(table)) return SHAPE.polyline;
  if (pointLayers.includes(table)) return SHAPE.point;
  return undefined;
}

/** Layers present in the store among `tables`, in the given order (DK is listed first by callers). */
export function presentLayers(db: Database.Database, tables: readonly string[]): LayerData[] {
  const out: LayerData[] = [];
  for (const t of tables) {
    const l = loadLayer(db, t);
    if (l) out.push(l);
  }
  return out;
}

/** Polygon layers with DK first, as the check order asks. */
export function polygonLayersDkFirst(): string[] {
  return ['DK', ...polygonLayers.filter((t) => t !== 'DK')];
}

/**
 * A polygon feature whose rings GEOS can take: polygon type, every ring closed with ≥ 4 points. Other shapes are
 * reported by the structure rules and skipped by the measuring ones, so one fault is reported once.
 */
export function isSanePolygon(f: Feature): boolean {
  if (baseShapeType(f.shapeType) !== SHAPE.polygon || f.parts.length === 0) return false;
  return f.parts.every((r) => pointCount(r) >= 4 && isClosed(r));
}

export function isSaneLine(f: Feature): boolean {
  return baseShapeType(f.shapeType) === SHAPE.polyline && f.parts.length > 0 && f.parts.every((p) => pointCount(p) >= 2);
}

