export { writeShapefile, ShapefileWriteError, DEFAULT_DBF_DATE, type ShapeFeature, type ShapeGeometryInput, type WriteShapefileOptions, type WriteShapefileResult } from './writer.js';
export { dbfFieldsForLayer, dbfFieldFor, isProjectedCoordinateField, ZONE_PREFIXED_COORDINATE_WIDTH, type DbfFieldSpec, type DbfFieldsOptions } from './fields.js';
export { orientPolygon, isClockwise, signedArea2, type Ring } from './orient.js';
export { updateDbfNumbers, type DbfLayout, type DbfNumberUpdate } from './dbf-cells.js';
