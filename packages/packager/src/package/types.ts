/** The package data model lives in @nyt2539/schema (the generator and the writers share it); the writers' names for it. */
export type { CellValue, Feature, Geometry, PackageCrs, PackageData, PackageFile, PackageMetadata, PackageUnit, Row, Source, WritePackageResult } from '@nyt2539/schema';
