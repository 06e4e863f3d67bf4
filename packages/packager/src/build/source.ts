import type { CrsInfo } from '@nyt2539/checker';
import type { Localized } from '@nyt2539/schema';
import type { Geometry, PackageUnit } from '../package/types.js';
import type { IssueLog } from './ingest.js';
import type { RowOrigin } from './staging.js';

export type SourceKind = 'geopackage' | 'folder' | 'package';

/** What a source reader hands the build besides the rows: facts about the county and files to carry over. */
export interface SourceFacts {
  readonly kind: SourceKind;
  /** county code/name and year the source itself states (root folder name, metadata table), if any */
  readonly county?: { readonly code?: string; readonly name?: string };
  readonly year?: number;
  /** the layers' CRS as written (WKT), with what the checker's .prj parser reads from it */
  readonly crs: { readonly text: string; readonly info: CrsInfo; readonly file: string } | null;
  readonly units: readonly PackageUnit[];
  /** metadata values by Annex D element code (title, date, ending, idAbs, rpOrgName …) */
  readonly metadata: Readonly<Record<string, string>>;
  /** files copied into the package: package-relative path → absolute source path */
  readonly files: readonly { readonly path: string; readonly abs: string }[];
  /** text encodings found, stated to the user (`DK.dbf: GBK (.cpg)`) */
  readonly encodings: readonly { readonly file: string; readonly encoding: string; readonly how: Localized }[];
}

/** Where a reader puts rows: `add` returns false for a table that is not the standard's. */
export interface RowSink {
  add(table: string, raw: Readonly<Record<string, unknown>>, origin: RowOrigin, geometry?: Geometry): boolean;
  readonly log: IssueLog;
}

/** Names of the two non-standard tables a GeoPackage or folder source carries. */
export const UNIT_TABLE = 'QSDWDMB';
export const METADATA_TABLE = 'METADATA';
/** Their columns: 权属单位代码表 as in the .xls; metadata as key/value. */
export const UNIT_COLUMNS = { code: '权属单位代码', name: '权属单位名称' } as const;

/** `DK`, `dk`, `DK3407112016`, `DK3407112016-2` → `DK` (a layer or table name as files and GIS tools write it). */
export function standardName(name: string): string {
  return name.trim().toUpperCase().replace(/\d{10}(-\d+)?$/, '');
}
