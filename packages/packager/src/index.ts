export {};
export * from './shapefile/index.js';
export * from './package/index.js';
export * from './xls/summaryXls.js';
export * from './mdb/index.js';
export * from './metadata/vectorMetadata.js';
export * from './bundle/index.js';
export * from './batch/index.js';
export * from './queue/index.js';
