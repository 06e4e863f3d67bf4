import { requireCommonJs } from './require.js';

/**
 * What the checker uses of proj4: a converter between two CRS definitions. Typed here, not by proj4's own
 * declarations, which name packages proj4 only optionally depends on (geotiff): a library user's compiler would
 * look for them through ours.
 */
type Proj4 = (from: string, to: string) => { forward(point: [number, number]): number[] };

let library: Proj4 | undefined;

/** proj4, loaded at the first transform (io/require.ts). */
export function proj4(): Proj4 {
  return (library ??= requireCommonJs<Proj4>('proj4'));
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
