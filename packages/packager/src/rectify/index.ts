export { readFindingsFile } from './findings-file.js';
export { diffDocuments, unitOf, unitOrder } from './diff.js';
export { renderDiffText } from './diff-text.js';
export { findingsOf, isFindingsFile } from './recheck.js';
export { fixPackage, fixKinds, type FixKind, type FixChange, type FixRefusal, type FixLog, type FixOptions, type FixResult } from './fix.js';
export { fixLogXlsx, renderFixLogJson, writeFixLog } from './fix-log.js';
export * from './ledger.js';
export { ledgerXlsx, ledgerHtml, importManualItems, ledgerColumns } from './ledger-render.js';
