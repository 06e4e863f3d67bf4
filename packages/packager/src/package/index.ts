export * from './types.js';
export * from './writePackage.js';
