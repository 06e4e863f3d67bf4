import { getCodeTable } from './codes.js';
import { COORDINATE_DIGIT_ALLOWANCE, getDecision } from './decisions.js';
import { featureCodesOf } from './features.js';
import { allTables, getTable } from './tables.js';
import type { Condition, FieldDef, TableDef } from './types.js';

/**
 * JSON Schema 2020-12 for one row of a table or layer, generated from the field definitions.
 *
 * The schema describes a row **after normalization** (validate.ts `normalizeValue`), because readers hand over
 * different JS types for the same field:
 * - empty or all-blank strings become `null` (an empty value is "not filled", for M/C checks and domains alike);
 * - `Date` objects (mdb DateTime) become `YYYY-MM-DD` from their UTC parts; DBF dates stay `YYYYMMDD` strings;
 *   both satisfy `format: "nyt-date"`;
 * - numeric strings in Int/Float fields (mdb Decimal comes as `"1234.56"`) become numbers.
 *
 * Custom keywords (annotations for any other JSON Schema tool; ajv validators are registered in validate.ts):
 * - `nytDigits: n` — a number has at most n integer digits (`|v| < 10^n`): 字段长度 − 小数位数;
 * - `nytDecimals: d` — a number has at most d decimals (it equals itself rounded to d places);
 * - `nytAdvisoryEnum: [...]` — like `enum`, but a value outside the list is a warning (advisory code lists);
 * - `nytAtLeastNonEmpty: { fields, min }` — at least `min` of `fields` are non-null (row rules).
 * Format `nyt-date`: `YYYYMMDD` or `YYYY-MM-DD[T…]`, a real calendar date.
 */

export type JsonSchema = { readonly [key: string]: unknown };

export interface JsonSchemaOptions {
  /** Apply Float(10,3) to projected coordinates literally, without the zone-prefix allowance (decision coordinate-zone-prefix). */
  readonly strictCoordinates?: boolean;
}

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
export const DATE_FORMAT = 'nyt-date';

const coordinateFields = new Set(getDecision('coordinate-zone-prefix')?.applies ?? []);

/** The values a code-table domain allows, or undefined when the code table is not (yet) available. */
export function domainValues(field: FieldDef): readonly string[] | undefined {
  const d = field.domain;
  if (d?.kind !== 'codeTable') return undefined;
  const table = getCodeTable(d.table);
  if (!table) return undefined;
  if (!d.column) return table.codes.map((c) => c.code);
  const values = new Set<string>();
  for (const c of table.codes) {
    const v = c.extra?.[d.column];
    if (typeof v === 'string') values.add(v);
    else if (v) for (const x of v) values.add(x);
  }
  return [...values];
}

/** Whether a value outside the field's code list is only a warning. */
export function isAdvisoryDomain(field: FieldDef): boolean {
  const d = field.domain;
  return d?.kind === 'codeTable' && (d.advisory === true || getCodeTable(d.table)?.advisory === true);
}

/** Integer digits a number in this field may have (Int: length; Float: length − decimals; + zone prefix allowance). */
export function integerDigits(table: string, field: FieldDef, opts: JsonSchemaOptions = {}): number | undefined {
  if (field.length === undefined || (field.type !== 'Int' && field.type !== 'Float')) return undefined;
  const digits = field.length - (field.decimals ?? 0);
  return !opts.strictCoordinates && coordinateFields.has(`${table}.${field.code}`) ? digits + COORDINATE_DIGIT_ALLOWANCE : digits;
}

function valueSchema(table: TableDef, field: FieldDef, nullable: boolean, opts: JsonSchemaOptions): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  const withNull = (t: string) => (nullable ? [t, 'null'] : t);
  switch (field.type) {
    case 'Char':
      s.type = withNull('string');
      if (field.length !== undefined) s.maxLength = field.length;
      break;
    case 'Date':
      s.type = withNull('string');
      s.format = DATE_FORMAT;
      break;
    case 'Int':
    case 'Float': {
      s.type = withNull(field.type === 'Int' ? 'integer' : 'number');
      const digits = integerDigits(table.name, field, opts);
      if (digits !== undefined) s.nytDigits = digits;
      if (field.type === 'Float' && field.decimals !== undefined) s.nytDecimals = field.decimals;
      break;
    }
    case 'Varbin':
      if (!nullable) s.not = { type: 'null' };
      break;
  }
  const d = field.domain;
  if (d?.kind === 'range') {
    if (d.min !== undefined) s[d.exclusiveMin ? 'exclusiveMinimum' : 'minimum'] = d.min;
    if (d.max !== undefined) s[d.exclusiveMax ? 'exclusiveMaximum' : 'maximum'] = d.max;
  } else if (d?.kind === 'pattern' && field.type !== 'Date') {
    s.pattern = d.pattern;
  } else if (d?.kind === 'featureCode') {
    const codes = featureCodesOf(table.name);
    if (codes.length) s.enum = nullable ? [...codes, null] : [...codes];
  } else if (d?.kind === 'codeTable') {
    const codes = domainValues(field);
    if (codes && isAdvisoryDomain(field)) s.nytAdvisoryEnum = codes;
    else if (codes) s.enum = nullable ? [...codes, null] : [...codes];
  }
  if (field.unit) s.$comment = `单位: ${field.unit}`;
  s.title = field.name;
  return s;
}

/** JSON Schema `if` for a row-level condition; undefined when the condition is not checkable on one row. */
function conditionSchema(c: Condition): Record<string, unknown> | undefined {
  switch (c.kind) {
    case 'fieldEquals':
      return { type: 'object', properties: { [c.field]: { enum: [...c.values] } }, required: [c.field] };
    case 'fieldPresent':
      return { type: 'object', properties: { [c.field]: { not: { type: 'null' } } }, required: [c.field] };
    case 'anyOf': {
      const parts = c.conditions.map(conditionSchema);
      return parts.every((p) => p !== undefined) ? { anyOf: parts } : undefined;
    }
    default:
      return undefined;
  }
}

/** The row schema of one table (Annex A layer or Annex B table). */
export function rowJsonSchema(tableOrName: TableDef | string, opts: JsonSchemaOptions = {}): JsonSchema {
  const table = typeof tableOrName === 'string' ? getTable(tableOrName) : tableOrName;
  if (!table) throw new Error(`unknown table ${String(tableOrName)}`);
  const properties: Record<string, unknown> = {};
  const allOf: Record<string, unknown>[] = [];
  for (const f of table.fields) {
    properties[f.code] = valueSchema(table, f, f.constraint !== 'M', opts);
    if (f.constraint !== 'C' || !f.condition) continue;
    const when = conditionSchema(f.condition);
    if (!when) continue;
    // only presence here: the value itself is already checked by the field's own (nullable) schema
    const present = { type: 'object', properties: { [f.code]: { not: { type: 'null' } } }, required: [f.code] };
    allOf.push({ $comment: `${f.code}: C/${f.condition.text}`, if: when, then: present });
  }
  for (const rule of table.rowRules ?? []) {
    const check = { type: 'object', nytAtLeastNonEmpty: { fields: [...rule.fields], min: rule.min } };
    const when = rule.when ? conditionSchema(rule.when) : undefined;
    allOf.push(when ? { $comment: rule.text, if: when, then: check } : { $comment: rule.text, ...check });
  }
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `urn:nyt2539:row:${table.name}${opts.strictCoordinates ? ':strict' : ''}`,
    title: `${table.name} ${table.title} (NY/T 2539-2016 表${table.annexTable})`,
    $comment: 'Describes a normalized row: empty strings → null, Date → YYYY-MM-DD, numeric strings in Int/Float fields → numbers.',
    type: 'object',
    properties,
    required: table.fields.filter((f) => f.constraint === 'M').map((f) => f.code),
    ...(allOf.length ? { allOf } : {}),
  };
}

/** Row schemas of every Annex A and B table, keyed by table name. */
export function allRowJsonSchemas(opts: JsonSchemaOptions = {}): Record<string, JsonSchema> {
  return Object.fromEntries(allTables.map((t) => [t.name, rowJsonSchema(t, opts)]));
}
