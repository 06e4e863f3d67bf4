/**
 * The schema package's public API: the names the checker, the packager, the generator and the tests import
 * (test/e2e/public-api.test.ts fails on a name no other workspace imports). Everything else stays inside the package.
 */
export { atomicTarget, registerScratch, removePendingTemps, removeScratch, replacePath, writeChunksAtomic, writeFileAtomic } from './atomic.js';
export { type AccessType, type Condition, type FieldDef, type PhysicalColumn, type PhysicalTable, type TableDef } from './types.js';
export { formatMessage, type Lang, localize, type Localized, resolveLang } from './i18n.js';
export { LocalizedError } from './errors.js';
export { physicalTable, physicalTables } from './physical.js';
export { codeName, getCodeTable } from './codes.js';
export { MU_FACTOR_TOLERANCE, MU_ROUNDING_TOLERANCE, roundDecimal, SLIVER_AREA_M2, toMu } from './area.js';
export { FBFBM_LENGTH, padUnitCode, type SheetLayout, type SummaryColumn, type SummaryFilter, type SummaryJoin, type SummaryMeasure, type SummarySource, summarySourceUnitField, summaryTable, type SummaryTableDef, type SummaryTableId, summaryTables, UNIT_CODE_LENGTH, unitCodePrefix, unitCodeTable, unitLevels } from './summaryTables.js';
export { CODE_LIST_SEPARATOR, type CodeResult, forEachCodeListItem, formatCBJYQZLSH, validateCBFBM, validateCBHTBM, validateCBJYQZBM, validateCBJYQZLSH, validateDKBM, validateFBFBM, validateLZHTBM, validatePhone, validatePostcode, validateSRFBM } from './coding.js';
export { featureCodesOf, getLayerTable, layerTableList, ownershipTables, vectorLayerTables } from './features.js';
export { allTables, fbfPrefixedFields, getField, getTable, identifyingFields, layerTables } from './tables.js';
export { idCheckChar, makeIdNumber, sexFromId, validateIdNumber } from './idNumber.js';
export { canonicalField, dbfNumericWidth, decisionsFor, fieldAliases, LONG_TERM_END, LONG_TERM_END_PUBLISHED, type SchemaDecision } from './decisions.js';
export { attachmentPath, BUNDLE_MANIFEST_FILE, classifyPath, controlPointSketchPath, countyOfRootFolder, type ExpectedEntry, expectedFileNames, FOLDER, isJunkPath, layerBaseName, mayBeReaderFile, mdbFileName, parseRootFolderName, type PathKind, requiredShapefileExtensions, rootFolderName, SKETCH_MAP_PREFIX, sketchMapPath, splitFieldPaths, summaryTableFileName, summaryTableNames, UNIT_CODE_TABLE_SUFFIX, unitCodeTableFileName, vectorMetadataFileName } from './naming.js';
export { domainValues } from './jsonschema.js';
export { ajv2020, validateRow, type ViolationKind } from './validate.js';
export { standardDocument, standardMarkdown } from './doc.js';
export { checkMetadataValue, METADATA_FIELD_ELEMENT, METADATA_ROOT, type MetadataDomain, type MetadataElementDef, type MetadataLayer, metadataSection, type MetadataSectionCode, metadataSections, metadataStructure, metadataValueMessages, standardMetadataLayers } from './metadata.js';
export { provinceOf } from './provinces.js';
export { type CellValue, type Feature, type Geometry, type PackageCrs, type PackageData, type PackageFile, type PackageMetadata, type PackageUnit, type Row, type Source, type WritePackageResult } from './package-data.js';
export { cgcs2000Epsg, cgcs2000Parameters, esriPrj, type EsriPrjOptions, zoneForLongitude } from './prj.js';
export { printable } from './printable.js';
