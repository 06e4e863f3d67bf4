export {};
export * from './shapefile/index.js';
