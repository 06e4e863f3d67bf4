export { buildPackage, stageSource, detectSourceKind, parseTargetCrs, BuildError, type BuildOptions, type BuildResult, type StagedSource } from './build.js';
export { finishBuild, type FinishOptions, type FinishResult } from './finish.js';
export { type BuildIssue } from './ingest.js';
export { decodeGpkgGeometry, decodeWkb, WkbError, type WkbGeometry } from './wkb.js';
export { Staging } from './staging.js';
export { UNIT_TABLE, METADATA_TABLE, UNIT_COLUMNS, type SourceFacts, type SourceKind } from './source.js';
