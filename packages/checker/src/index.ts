export {};
export * from './summary/compute.js';
export * from './readers/shapefile/index.js';
export * from './readers/prj.js';
export * from './readers/encoding.js';
export * from './readers/xls.js';
