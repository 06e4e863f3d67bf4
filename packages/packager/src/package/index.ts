export * from './writePackage.js';
export * from './generate.js';
