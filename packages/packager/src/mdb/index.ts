export { writeMdb, DEFAULT_CREATED_AT, type MdbTableInput, type WriteMdbOptions, type WriteMdbResult } from './writer.js';
export { MdbValueError, MdbSizeLimitError, mdbValueProblemText, type MdbValueProblem } from './errors.js';
export { encodeValue, type MdbValue } from './values.js';
export { fromPhysicalTable, layoutTable, type ColumnLayout, type TableLayout } from './columns.js';
export { JET4_MAX_FILE_BYTES } from './format.js';
