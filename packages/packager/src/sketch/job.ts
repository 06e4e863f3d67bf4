/** One sketch map to draw: everything the page shows, in package coordinates (x = easting, y = northing). */
export type Ring = readonly (readonly [number, number])[];

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
  readonly neighbours: readonly (readonly Ring[])[];
  /** 界址点 on the contracted plots' outlines */
  readonly points: readonly { readonly x: number; readonly y: number; readonly JZDH: string }[];
  readonly producer: string;
  /** YYYY-MM-DD */
  readonly date: string;
}
