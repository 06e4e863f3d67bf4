export {};
export * from './summary/compute.js';
