export * from './format.js';
export { ReaderError, shapefileIssueCodes, type ReaderIssue, type ShapefileIssueCode } from './issues.js';
export type { DbfField, AttributeValue, RawMode } from './dbf.js';
export type { Bbox, ShapeGeometry } from './shp.js';
export { openShapefile, type ShapefileHandle, type ShapefileInfo, type ShapeRecord, type ShapeRow, type EncodingSource } from './reader.js';
export { openLayer, type LayerHandle, type LayerRecord, type LayerRows } from './layer.js';
