export { readFindingsFile } from './findings-file.js';
export { diffDocuments, unitOf, unitOrder } from './diff.js';
export { renderDiffText } from './diff-text.js';
export { findingsOf, isFindingsFile } from './recheck.js';
