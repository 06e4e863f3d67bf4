import Flatbush from 'flatbush';
import type { LayerData } from './layer.js';
import { pointSegmentDistance } from './rings.js';

/**
 * A bbox index over every boundary segment of some layers, for "is this point on any of their boundaries?"
 * without scanning whole polygons (a county outline has thousands of vertices).
 */
interface SegmentIndex {
  /** whether (x, y) lies within `tol` of a segment */
  near(x: number, y: number, tol: number): boolean;
}

export function segmentIndex(layers: readonly LayerData[]): SegmentIndex {
  const owner: number[] = [];
  const start: number[] = [];
  layers.forEach((l, k) => {
    for (let p = 0; p + 1 < l.partStart.length; p++) {
      for (let v = l.partStart[p]; v + 1 < l.partStart[p + 1]; v++) {
        owner.push(k);
        start.push(v);
      }
    }
  });
  if (start.length === 0) return { near: () => false };
  const index = new Flatbush(start.length);
  for (let s = 0; s < start.length; s++) {
    const c = layers[owner[s]].coords;
    const v = start[s];
    index.add(Math.min(c[2 * v], c[2 * v + 2]), Math.min(c[2 * v + 1], c[2 * v + 3]), Math.max(c[2 * v], c[2 * v + 2]), Math.max(c[2 * v + 1], c[2 * v + 3]));
  }
  index.finish();
  return {
    near(x, y, tol) {
      for (const s of index.search(x - tol, y - tol, x + tol, y + tol)) {
        const c = layers[owner[s]].coords;
        const v = start[s];
        if (pointSegmentDistance(x, y, c[2 * v], c[2 * v + 1], c[2 * v + 2], c[2 * v + 3]) <= tol) return true;
      }
      return false;
    },
  };
}
