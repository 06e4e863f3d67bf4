import { createRequire } from 'node:module';
import type Proj4 from 'proj4';

let library: typeof Proj4 | undefined;

/**
 * proj4, loaded on first use through require. Its package is CommonJS (one 317 KB file): imported as an ES module,
 * Node first scans the whole source for its export names (cjs-module-lexer), ~64 ms of CPU in every thread that
 * loads it against ~12 ms through require; and a thread that never transforms a coordinate loads nothing.
 */
export function proj4(): typeof Proj4 {
  return (library ??= createRequire(import.meta.url)('proj4') as typeof Proj4);
}

/**
 * A coordinate transform between two CRS definitions (WKT, PROJ string or a proj4-known `EPSG:` code), via proj4:
 * `(x, y)` in the source CRS (x = easting / longitude) → `[x, y]` in the target. Throws when proj4 cannot parse
 * either definition.
 */
export function coordinateTransform(from: string, to: string): (x: number, y: number) => [number, number] {
  const converter = proj4()(from, to);
  return (x, y) => {
    const [tx, ty] = converter.forward([x, y]);
    return [tx!, ty!];
  };
}
