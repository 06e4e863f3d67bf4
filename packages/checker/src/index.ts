export {};
export * from './summary/compute.js';
export * from './readers/shapefile/index.js';
export * from './readers/prj.js';
export * from './readers/encoding.js';
export * from './readers/xls.js';
export { loadPackage, type LoadOptions, type LoadedPackage, type PackageInfo as LoadedPackageInfo } from './load.js';
export { InputError } from './package/errors.js';
export { defaultZipLimits, type ZipLimits } from './package/zip.js';
export { decodeGeometry, encodeGeometry, geometryBBox, GEOM_VERSION, type StoredGeometry, type Bbox } from './store/geometry.js';
export { layerExtent } from './store/data-table.js';
export * from './readers/metadata.js';
export { runCheck, type CheckOptions, type CheckProgress, type CheckResult } from './check.js';
export type { Rule, RuleMeta, RuleContext, ReportDescriptor, PackageInfo, FixedBy, OptionValue } from './engine/types.js';
export { ruleGroups, ruleGroupOrder, type RuleGroup } from './engine/groups.js';
export { loadProfile, validateProfile, resolveRules, defaultProfile, ProfileError, defaultMaxFindingsPerRule, profileRecord, profileDeviations, describeDeviation, type Profile, type RuleSetting, type ProfileRecord, type ProfileDeviation } from './engine/profile.js';
export { runRules, type RuleCount, type RunResult } from './engine/runner.js';
export { compareFindings, type Finding, type FindingLocation, type FindingValue, type Severity } from './engine/finding.js';
export { summarize, type CheckSummary, type GroupSummary } from './engine/summary.js';
export { maskFinding, maskIdNumber, maskPhone, maskSensitiveText, isValidIdNumber, isIdNumberField, isPhoneField } from './findings/mask.js';
export { readFindingsContext, proj4Definition, simplifyRing, lonLatTransform, CGCS2000_LONLAT, type FindingsContext } from './findings/context.js';
export { muPairs } from './rules/area/contracts/mu-conversion.js';
export {
  findingsDocument,
  renderJson,
  writeJsonAtomic,
  validateFindingsDocument,
  type FindingsDocument,
  type FindingsDocumentOptions,
  type DocumentFinding,
  type FindingStatus,
  type FindingsDiff,
  type DiffCounts,
  type AcceptanceRecord,
  reportCover,
  type ReportCover,
} from './findings/json-report.js';
export { fingerprintOf, checkDate, type FingerprintInput } from './engine/fingerprint.js';
export { renderText, renderTextReport, renderSummaryTable, formatLocation, displayWidth, type TextReportOptions, type DocumentTextOptions } from './findings/text-report.js';
export { rules, getRule, readerCodeSeverity } from './rules/index.js';
export { runRulesParallel, ruleThreadCount, type ParallelRunResult } from './threads/run-parallel.js';
export { workerEntry, childProcessEntry, type WorkerEntry, type ChildProcessEntry } from './threads/worker-entry.js';
export { prepareSummaryCheck } from './store/summary-expected.js';
export { renderRulesMarkdown } from './rules/catalog-doc.js';
export { createProgressReporter, type ProgressReporter } from './findings/progress-reporter.js';
export { openStore, readPackageInfo, sourceTables, sourceColumns, dataColumns, hasStoreTable, ident, type SourceTable, type SourceColumn } from './store/facts.js';
export { extractZip, type ExtractedZip } from './package/zip.js';
export * from './spatial/index.js';
export { applyEol, eols, type Eol } from './io/eol.js';
export { safeFileName, windowsNameProblem, isInsideFolder, NTFS_MAX_NAME, WINDOWS_MAX_PATH } from './io/names.js';
export { readRegularFile, openRegularFile } from './io/read-bounded.js';
export { writeFileAtomic, atomicTarget, replacePath, removePendingTemps, pendingTempPaths, registerScratch, type AtomicTarget } from './io/atomic.js';
export { toolVersion, ruleSetVersion } from './rules/version.js';
export { openSqlite, type SqliteDatabase } from './io/sqlite.js';
export { coordinateTransform } from './io/proj.js';
export { readerIssueMessage } from './rules/support/reader-issues.js';
