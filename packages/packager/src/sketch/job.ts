/** One sketch map to draw: everything the page shows, in package coordinates (x = easting, y = northing). */
export type Ring = readonly (readonly [number, number])[];

/**
 * Polygons packed into typed arrays, so a job crosses to a worker thread as three transferred buffers instead of
 * a structured clone of thousands of small arrays: polygon p has rings polyStarts[p] … polyStarts[p + 1] − 1,
 * ring r has vertices ringStarts[r] … ringStarts[r + 1] − 1, vertex i is (coords[2i], coords[2i + 1]).
 */
export interface PackedPolygons {
  readonly coords: Float64Array;
  readonly ringStarts: Uint32Array;
  readonly polyStarts: Uint32Array;
}

/** Pack polygons (each a list of rings) into {@link PackedPolygons}. */
export function packPolygons(polygons: readonly (readonly Ring[])[]): PackedPolygons {
  let rings = 0, vertices = 0;
  for (const p of polygons) for (const r of p) rings++, (vertices += r.length);
  const coords = new Float64Array(vertices * 2);
  const ringStarts = new Uint32Array(rings + 1);
  const polyStarts = new Uint32Array(polygons.length + 1);
  let v = 0, ri = 0;
  polygons.forEach((p, pi) => {
    polyStarts[pi] = ri;
    for (const r of p) {
      ringStarts[ri++] = v;
      for (const [x, y] of r) (coords[2 * v] = x), (coords[2 * v + 1] = y), v++;
    }
  });
  polyStarts[polygons.length] = ri;
  ringStarts[rings] = v;
  return { coords, ringStarts, polyStarts };
}

/** The buffers to list in postMessage's transfer list. */
export function packedBuffers(p: PackedPolygons): ArrayBuffer[] {
  return [p.coords.buffer as ArrayBuffer, p.ringStarts.buffer as ArrayBuffer, p.polyStarts.buffer as ArrayBuffer];
}

export interface SketchPlot {
  readonly DKBM: string;
  readonly DKMC: string;
  /** 实测面积（亩） */
  readonly SCMJM: number | null;
  /** 地力等级 name (code table C.8) */
  readonly DLDJ: string;
  /** 是否基本农田: 是/否 */
  readonly SFJBNT: string;
  /** 东至, 南至, 西至, 北至 */
  readonly sizhi: readonly [string, string, string, string];
  readonly rings: readonly Ring[];
}

export interface SketchJob {
  /** package-relative output path, `/`-separated */
  readonly path: string;
  readonly FBFMC: string;
  readonly FBFBM: string;
  readonly CBFMC: string;
  /** masked unless --no-mask */
  readonly CBFZJHM: string;
  /** 证书编号 (CBJYQZBM), or '' for a contractor without a certificate */
  readonly CBJYQZBM: string;
  readonly CBFBM: string;
  readonly plots: readonly SketchPlot[];
  /** other plots within the map extent, drawn in grey */
  readonly neighbours: PackedPolygons;
  /** 界址点 on the contracted plots' outlines */
  readonly points: readonly { readonly x: number; readonly y: number; readonly JZDH: string }[];
  readonly producer: string;
  /** YYYY-MM-DD */
  readonly date: string;
}
