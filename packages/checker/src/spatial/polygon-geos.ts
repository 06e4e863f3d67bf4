import type { Feature } from './layer.js';
import { destroy, makeCollection, makePolygon, type GeomPtr } from './geos.js';
import { groupRings } from './rings.js';

/**
 * The GEOS geometry of a sane polygon feature (see `isSanePolygon`): rings grouped the shapefile way, one
 * Polygon or a MultiPolygon. 0 when GEOS refuses it. The caller frees it (`destroy` / `using`).
 */
export function featureGeometry(f: Feature): GeomPtr {
  const groups = groupRings(f.parts);
  const polys: GeomPtr[] = [];
  for (const rings of groups) {
    const p = makePolygon(rings);
    if (!p) {
      for (const q of polys) destroy(q);
      return 0;
    }
    polys.push(p);
  }
  if (polys.length === 1) return polys[0];
  return makeCollection('MultiPolygon', polys);
}
