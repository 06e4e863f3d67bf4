import proj4 from 'proj4';

/**
 * A coordinate transform between two CRS definitions (WKT, PROJ string or a proj4-known `EPSG:` code), via proj4:
 * `(x, y)` in the source CRS (x = easting / longitude) → `[x, y]` in the target. Throws when proj4 cannot parse
 * either definition.
 */
export function coordinateTransform(from: string, to: string): (x: number, y: number) => [number, number] {
  const converter = proj4(from, to);
  return (x, y) => {
    const [tx, ty] = converter.forward([x, y]);
    return [tx!, ty!];
  };
}
