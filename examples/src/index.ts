/**
 * The generator's public API: what the packager's `gen`/`demo` commands and the tests import
 * (test/e2e/public-api.test.ts fails on a name no other workspace imports).
 */
export { generateCounty, type GenerateOptions, type GenerateResult, type GroundTruth } from './generate.js';
export { counties, countyDef } from './counties.js';
export { isScale, type Scale } from './scales.js';
export { type DefectRecord, injectors, seedSet, selectInjectors } from './defects/index.js';
export { catalogInjectors, seedKinds } from './defects/kinds.js';
export { defectFamilies } from './defects/catalog.js';
export { applyWrittenDefects, dbfFields, reshapeDbf } from './defects/written.js';
