export { generateCounty, type PackageWriter, type GenerateOptions, type GenerateResult, type GenerateStats, type GroundTruth } from './generate.js';
export { counties, countyDef, DEFAULT_COUNTY, type CountyDef } from './counties.js';
export { scales, isScale, type Scale, type ScaleDef } from './scales.js';
export { injectors, seedSet, selectInjectors, type DefectInjector, type DefectRecord } from './defects/index.js';
export { minimalJpeg, minimalPdf } from './files.js';
export { catalogInjectors, seedKinds } from './defects/kinds.js';
export { defectFamilies, type CatalogInjector, type DefectFamily } from './defects/catalog.js';
export { applyWrittenDefects, dbfFields, reshapeDbf } from './defects/written.js';
