/**
 * The checker's public API: exactly the names the packager, the examples and the tests import (index.test.ts lists
 * them and fails when a name is exported that no other package imports). Everything else stays inside the checker.
 * Ordered as the stack runs: io → readers → package → store → summary → engine → spatial → rules → threads → check
 * → findings.
 */
export { applyEol, eols, type Eol } from './io/eol.js';
export { isInsideFolder, safeFileName } from './io/names.js';
export { coordinateTransform } from './io/proj.js';
export { readRegularFile } from './io/read-bounded.js';
export { openSqlite, type SqliteDatabase } from './io/sqlite.js';
export { encodeText, type EncodeResult, type OutputEncoding } from './readers/encoding.js';
export { MetadataReadError, readVectorMetadata, type VectorMetadataRead } from './readers/metadata.js';
export { parsePrj, type CrsInfo } from './readers/prj.js';
export type { DbfField } from './readers/shapefile/dbf.js';
export { DBF_EOF, DBF_FIELD_DESCRIPTOR_BYTES, DBF_FIELD_OFFSET, DBF_HEADER_BYTES, DBF_HEADER_TERMINATOR, DBF_OFFSET, DBF_RECORD_ACTIVE, DBF_RECORD_DELETED, DBF_VERSION_DBASE3, dbfHeaderLength, EMPTY_EXTENT, LDID_GBK, LDID_NONE, ShapeTypeCode, SHP_FILE_CODE, SHP_HEADER_BYTES, SHP_OFFSET, SHP_POINT_CONTENT_BYTES, SHP_POLY_FIXED_BYTES, SHP_RECORD_HEADER_BYTES, SHP_VERSION, SHX_ENTRY_BYTES } from './readers/shapefile/format.js';
export { ReaderError } from './readers/shapefile/issues.js';
export { openLayer } from './readers/shapefile/layer.js';
export { openShapefile, type ShapeRecord } from './readers/shapefile/reader.js';
export type { ShapeGeometry } from './readers/shapefile/shp.js';
export { readSummaryTable, readUnitCodeTable, readXls } from './readers/xls.js';
export { InputError } from './package/errors.js';
export { defaultZipLimits, type ZipLimits } from './package/zip.js';
export { hasStoreTable, openStore, readPackageInfo, sourceTables, type PackageInfo } from './store/facts.js';
export { decodeGeometry } from './store/geometry.js';
export type { LayerGeometry } from './store/layer-geometry.js';
export { prepareSummaryCheck } from './store/summary-expected.js';
export { computeSummaries, type PlainRow, type SummaryResult, type SummaryRow, type SummaryUnit, type UnitCodeRow } from './summary/compute.js';
export type { Finding } from './engine/finding.js';
export { checkDate, fingerprintOf } from './engine/fingerprint.js';
export { ruleGroupOrder, ruleGroups, type RuleGroup } from './engine/groups.js';
export { defaultProfile, describeDeviation, loadProfile, resolveRules, type Profile, type ProfileDeviation, type ProfileRecord } from './engine/profile.js';
export { runRules } from './engine/runner.js';
export { summarize } from './engine/summary.js';
export type { Rule } from './engine/types.js';
export { lonLatTransform } from './spatial/crs.js';
export { adoptFrame, localFrame } from './spatial/frame.js';
export { heapBytes as geosHeapBytes } from './spatial/geos.js';
export { layerColumn, loadLayer, provideGeometry, type LayerData } from './spatial/layer.js';
export { muPairs } from './rules/area/contracts/mu-conversion.js';
export { getRule, readerCodeSeverity, rules } from './rules/index.js';
export { readerIssueMessage } from './rules/support/reader-issues.js';
export { ruleSetVersion, toolVersion } from './rules/version.js';
export { ruleThreadCount, runRulesParallel } from './threads/run-parallel.js';
export { childProcessEntry, workerEntry, type ChildProcessEntry } from './io/worker-entry.js';
export { runCheck, type CheckOptions, type CheckResult } from './check.js';
export { loadPackage, looksLikeZip } from './load.js';
export { findingsDocument, renderJson, reportCover, validateFindingsDocument, writeJsonAtomic, type AcceptanceRecord, type DiffCounts, type DocumentFinding, type FindingsDiff, type FindingsDocument } from './findings/json-report.js';
export { isIdNumberField, isPhoneField, maskFinding, maskIdNumber, maskPhone } from './findings/mask.js';
export { createProgressReporter, type CheckProgress } from './findings/progress-reporter.js';
export { displayWidth, formatLocation, renderText, renderTextReport, textReportLines } from './findings/text-report.js';
