export { BundleError } from './errors.js';
export { MANIFEST_NAME, WHOLE_READ_BYTES, compareUtf8, listPackageEntries, hashFile, type PackageEntry, type FileProgress } from './files.js';
export {
  buildManifest,
  validateManifest,
  renderManifest,
  readManifest,
  isManifestDate,
  manifestSchemaUrl,
  type Manifest,
  type ManifestFile,
  type ManifestCheck,
  type BuildManifestOptions,
} from './manifest.js';
export { packBundle, gbkName, zipNameEncodings, DEFAULT_ENTRY_DATE, FILE_MODE, DIR_MODE, type PackBundleOptions, type PackedBundle, type ZipNameEncoding } from './zip-writer.js';
export { packSubmission, reportPathsFor, BUNDLED_REPORT_FORMATS, BUNDLE_REPORT_FOLDER, type PackOptions, type PackResult } from './pack.js';
export { verifyBundle, checkIntegrity, type VerifyOptions, type VerifyResult, type IntegrityReport, type ChangedFile } from './verify.js';
export { renderIntegrity } from './verify-report.js';
