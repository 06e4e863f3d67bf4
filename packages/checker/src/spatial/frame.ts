import type Database from 'better-sqlite3';
import { hasStoreTable } from '../store/facts.js';
import { layerExtent } from '../store/data-table.js';

/**
 * The local origin every spatial rule subtracts before computing. Gauss-Krüger coordinates are ~4e7 m with
 * 0.0001 m precision; x·y products on absolute values lose the centimetres (npm-notes §2.6). Subtracting a
 * nearby round origin is exact in float64 (Sterbenz: the difference of two doubles within a factor of two is
 * representable), so local coordinates are the stored values, only shifted. One origin for the whole store, so
 * layers compare with each other.
 */
export interface LocalFrame {
  readonly ox: number;
  readonly oy: number;
}

const frames = new WeakMap<Database.Database, LocalFrame>();

/** Rounded down to a whole kilometre so the origin is representable and the same for any layer order. */
export function localFrame(db: Database.Database): LocalFrame {
  const cached = frames.get(db);
  if (cached) return cached;
  let minx = Infinity;
  let miny = Infinity;
  const layers = hasStoreTable(db, 'src_tables') ? (db.prepare(`SELECT name FROM src_tables WHERE origin = 'shp' ORDER BY name`).pluck().all() as string[]) : [];
  for (const name of layers) {
    const extent = layerExtent(db, name);
    if (extent && extent[0] < minx) minx = extent[0];
    if (extent && extent[1] < miny) miny = extent[1];
  }
  const frame = { ox: Number.isFinite(minx) ? Math.floor(minx / 1000) * 1000 : 0, oy: Number.isFinite(miny) ? Math.floor(miny / 1000) * 1000 : 0 };
  frames.set(db, frame);
  return frame;
}
