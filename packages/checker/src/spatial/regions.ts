import type Database from 'better-sqlite3';
import { getField } from '@nyt2539/schema';
import { destroy, destroyPrepared, prepare } from './geos.js';
import { KEY_OF } from '../store/layer-geometry.js';
import { loadLayer, type LayerData } from './layer.js';
import { isSanePolygon } from './layers.js';
import { featureGeometry } from './polygon-geos.js';

/** Region layers from the county down (表2 境界与管辖区域); a region's code is a prefix of its children's codes. */
export const REGION_LEVELS = ['XJXZQ', 'XJQY', 'CJQY', 'ZJQY'] as const;
type RegionLevel = (typeof REGION_LEVELS)[number];

/** Length of a level's code (XZQDM 6, XJQYDM 9, CJQYDM 12, ZJQYDM 14), read from the schema. */
export function codeLength(level: RegionLevel): number {
  return getField(level, KEY_OF[level])?.length ?? 0;
}

/** GEOS geometries of one region layer, prepared, by region code; freed with `release`. */
export interface RegionSet {
  readonly layer: LayerData;
  readonly byCode: ReadonlyMap<string, { index: number; geom: number; prepared: number }[]>;
  release(): void;
}

export function regionSet(db: Database.Database, level: RegionLevel): RegionSet | null {
  const layer = loadLayer(db, level);
  if (!layer) return null;
  const byCode = new Map<string, { index: number; geom: number; prepared: number }[]>();
  for (let i = 0; i < layer.count; i++) {
    const code = layer.key(i);
    const f = layer.feature(i);
    if (code === undefined || !isSanePolygon(f)) continue;
    const geom = featureGeometry(f);
    if (!geom) continue;
    const list = byCode.get(code) ?? [];
    list.push({ index: i, geom, prepared: prepare(geom) });
    byCode.set(code, list);
  }
  return {
    layer,
    byCode,
    release() {
      for (const list of byCode.values()) {
        for (const r of list) {
          destroyPrepared(r.prepared);
          destroy(r.geom);
        }
      }
    },
  };
}
