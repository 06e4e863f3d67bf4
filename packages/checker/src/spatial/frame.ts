import type Database from 'better-sqlite3';
import { hasStoreTable } from '../store/facts.js';
import { layerExtent } from '../store/data-table.js';
import type { LayerGeometry } from '../store/layer-geometry.js';

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
  const frame = frameAt(minx, miny);
  frames.set(db, frame);
  return frame;
}

function frameAt(minx: number, miny: number): LocalFrame {
  return { ox: Number.isFinite(minx) ? Math.floor(minx / 1000) * 1000 : 0, oy: Number.isFinite(miny) ? Math.floor(miny / 1000) * 1000 : 0 };
}

/** Use `frame` (computed on another connection to the same store) as this connection's frame. */
export function setLocalFrame(db: Database.Database, frame: LocalFrame): void {
  frames.set(db, frame);
}

/**
 * The frame from the boxes the loader stored (layer-geometry.ts tracks their lower left), without scanning every
 * layer table of the store again; set for `db` when `layers` are exactly the store's layers, else left to
 * `localFrame`. True when set.
 */
export function adoptFrame(db: Database.Database, layers: readonly LayerGeometry[]): boolean {
  if (frames.has(db) || !hasStoreTable(db, 'src_tables')) return false;
  const names = db.prepare(`SELECT name FROM src_tables WHERE origin = 'shp' ORDER BY name`).pluck().all() as string[];
  const given = layers.map((l) => l.table).sort();
  if (names.length !== given.length || names.some((n, i) => n !== given[i])) return false;
  let minx = Infinity;
  let miny = Infinity;
  for (const l of layers) {
    if (!l.lowerLeft) continue;
    if (l.lowerLeft[0] < minx) minx = l.lowerLeft[0];
    if (l.lowerLeft[1] < miny) miny = l.lowerLeft[1];
  }
  frames.set(db, frameAt(minx, miny));
  return true;
}
