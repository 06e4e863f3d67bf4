import type { Rule } from '../engine/types.js';
import { rule as layoutFileUnreadable } from './layout/file-unreadable.js';
import { rule as layoutInconsistentCode } from './layout/inconsistent-code.js';
import { rule as layoutMisnamedFile } from './layout/misnamed-file.js';
import { rule as layoutRequiredFiles } from './layout/required-files.js';
import { rule as layoutRootName } from './layout/root-name.js';
import { rule as layoutShapefileParts } from './layout/shapefile-parts.js';
import { rule as layoutUnexpectedFile } from './layout/unexpected-file.js';
import { rule as structureFieldDecimals } from './structure/field-decimals.js';
import { rule as structureFieldExtra } from './structure/field-extra.js';
import { rule as structureFieldLength } from './structure/field-length.js';
import { rule as structureFieldMissing } from './structure/field-missing.js';
import { rule as structureFieldType } from './structure/field-type.js';
import { rule as structureReaderStructure } from './structure/reader-structure.js';
import { rule as structureTableMissing } from './structure/table-missing.js';
import { rule as valuesCodeDomain } from './values/code-domain.js';
import { rule as valuesFormat } from './values/format.js';
import { rule as valuesLength } from './values/length.js';
import { rule as valuesNumberText } from './values/number-text.js';
import { rule as valuesPrecision } from './values/precision.js';
import { rule as valuesRange } from './values/range.js';
import { rule as valuesReaderValue } from './values/reader-value.js';
import { rule as valuesRequired } from './values/required.js';
import { rule as valuesWhitespace } from './values/whitespace.js';

/**
 * The rule catalog, in run order (category order, then id). RULES.md is generated from these metas
 * (rules/catalog-doc.ts); a rule is added by writing its module and listing it here.
 */
export const rules: readonly Rule[] = [
  layoutRootName,
  layoutRequiredFiles,
  layoutShapefileParts,
  layoutMisnamedFile,
  layoutUnexpectedFile,
  layoutInconsistentCode,
  layoutFileUnreadable,
  structureTableMissing,
  structureFieldMissing,
  structureFieldType,
  structureFieldLength,
  structureFieldDecimals,
  structureFieldExtra,
  structureReaderStructure,
  valuesRequired,
  valuesNumberText,
  valuesLength,
  valuesPrecision,
  valuesCodeDomain,
  valuesRange,
  valuesFormat,
  valuesWhitespace,
  valuesReaderValue,
] as Rule[];

export function getRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
