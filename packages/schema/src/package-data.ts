/**
 * What `writePackage` needs to lay out a complete 汇交 package: rows per 权属 table, features per
 * layer, the 权属单位 list, the CRS, attachment files and metadata values. Sources are factories
 * returning fresh iterables, so a large county can be streamed and read more than once (the summary
 * tables re-read CBF, CBDKXX, DK …). Nothing here knows where the data came from.
 */

/** A cell value as the writers take it: Text → string, Decimal/Integer → number, DateTime → Date (UTC midnight). */
export type CellValue = string | number | Date | null;

export type Row = Readonly<Record<string, CellValue>>;

/** Geometry in projected coordinates (x = easting, y = northing); polygon rings ESRI-oriented (outer clockwise). */
export type Geometry =
  | { readonly type: 'Point'; readonly x: number; readonly y: number }
  | { readonly type: 'PolyLine' | 'Polygon'; readonly parts: readonly (readonly (readonly [number, number])[])[] }
  | null;

export interface Feature {
  readonly geometry: Geometry;
  readonly attributes: Row;
}

/** A re-iterable source: each call starts a new pass. */
export type Source<T> = () => Iterable<T>;

/** 权属单位: county, towns, villages, groups (code un-padded 6/9/12/14 digits or padded to 14). */
export interface PackageUnit {
  readonly code: string;
  /** full name from the province down */
  readonly name: string;
}

/** A file stored in the package, e.g. `其他资料\权属来源附件\<ZLFJBH>.pdf` (as written in the data, `\`-separated). */
export interface PackageFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface PackageCrs {
  readonly datum: 'CGCS2000';
  readonly zoneWidth: 3;
  readonly zone: number;
  /** 'zone': false easting carries the zone number (39 500 000 m); 'cm': 500 000 m */
  readonly variant: 'zone' | 'cm';
}

/** Values for the vector metadata XML that are not derived from the county/CRS (SPEC Annex D). */
export interface PackageMetadata {
  readonly title?: string;
  /** YYYYMMDD */
  readonly date: string;
  /** YYYYMMDD: end of data capture */
  readonly ending: string;
  readonly dataEdition?: string;
  readonly abstract: string;
  readonly rpOrgName: string;
  readonly rpCnt: string;
  readonly voiceNum: string;
  readonly cntAddress: string;
  readonly cntCode: string;
  readonly dqStatement: string;
  readonly dqLineage: string;
}

export interface PackageData {
  readonly county: { readonly code: string; readonly name: string };
  /** four-digit year in file names (`<county6><year4>.mdb`, `DK<county6><year4>.shp`) */
  readonly year: number;
  readonly units: Source<PackageUnit>;
  readonly crs: PackageCrs;
  /** the 12 权属 tables by name (CBF, CBDKXX …); a missing table is written empty */
  readonly tables: Readonly<Partial<Record<string, Source<Row>>>>;
  /** the vector layers by attribute-table name (DK, JZD …); a missing layer is written empty */
  readonly layers: Readonly<Partial<Record<string, Source<Feature>>>>;
  /** attachments, 地块示意图, 点之记 … at their relative paths */
  readonly files: Source<PackageFile>;
  readonly metadata: PackageMetadata;
}

export interface WritePackageResult {
  /** the package root `<outDir>/<county6><county name>` */
  readonly packageDir: string;
  /** relative paths (`/`-separated) of every file written, sorted */
  readonly files: readonly string[];
}
