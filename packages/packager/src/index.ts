/**
 * The packager's public API (the published `nyt2539` library entry): the names the tests, the benches and a library
 * user's writeReports import (test/e2e/public-api.test.ts fails on a name no caller imports). The CLI is not here.
 */
export { dbfFieldsForLayer, orientPolygon, type ShapeFeature, updateDbfNumbers, writeShapefile } from './shapefile/index.js';
export { generatePackage } from './package/index.js';
export { writeSummaryXls, writeUnitCodeTableXls } from './xls/summaryXls.js';
export { type MdbTableInput, type MdbValue, writeMdb } from './mdb/index.js';
export { buildManifest, checkIntegrity, packBundle, packSubmission, renderManifest } from './bundle/index.js';
export { applyCheck, diffDocuments, emptyLedger, fixPackage, type FixResult, ledgerXlsx, progressByUnit, readFindingsFile, readPlan, renderDiffText } from './rectify/index.js';
export { buildPackage, stageSource } from './build/index.js';
export { renderSketches } from './sketch/index.js';
export { type BatchEvent, type CountyRecord, overviewTable, runBatch, writeOverview } from './batch/index.js';
export { serveBatch } from './queue/index.js';
export { writeReports, type WriteReportsOptions } from './reports/index.js';
