export { writeMdb, DEFAULT_CREATED_AT, type MdbTableInput, type WriteMdbOptions, type WriteMdbResult } from './writer.js';
export type { MdbValue } from './values.js';
export { MdbValueError, MdbSizeLimitError, type MdbValueProblem } from './errors.js';
export { JET4_MAX_FILE_BYTES } from './format.js';
