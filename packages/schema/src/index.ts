export * from './types.js';
export * from './i18n.js';
export * from './physical.js';
export * from './codes.js';
export * from './area.js';
export * from './summaryTables.js';
export * from './coding.js';
