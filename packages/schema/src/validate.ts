import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { DATE_FORMAT, integerDigits, isAdvisoryDomain, rowJsonSchema, type JsonSchemaOptions } from './jsonschema.js';
import { getTable } from './tables.js';
import { localize, type Lang, type Localized } from './i18n.js';
import type { FieldDef, TableDef } from './types.js';

/**
 * Row validation against Annex A/B: type, length, decimals, domain, required (M, and C when its row condition
 * holds), format and pattern. One ajv validator per table (and option set), compiled on first use and cached;
 * rows are normalized into a per-table scratch object, so a valid row allocates nothing but the Date strings.
 */

export type ViolationKind = 'type' | 'length' | 'decimals' | 'domain' | 'required' | 'format' | 'pattern';

export interface Violation {
  /** field code; for a row rule the codes joined with `/` (e.g. `DKDZ/DKXZ/DKNZ/DKBZ`) */
  readonly field: string;
  readonly kind: ViolationKind;
  /** what the standard expects, language-neutral: `Char`, `≤19`, `C.10`, `>0`, `M`, `YYYYMMDD` … */
  readonly expected: string;
  /** the value as the reader gave it (before normalization) */
  readonly actual: unknown;
  /** outside an advisory code list (GB/T 21010): report as a warning */
  readonly advisory?: true;
}

type ValidateOptions = JsonSchemaOptions;

/** Blank means "not filled": '' and whitespace-only strings count as null. */
function isBlank(s: string): boolean {
  return s.length === 0 || (s.charCodeAt(0) <= 32 && s.trim().length === 0) || (s.charCodeAt(s.length - 1) <= 32 && s.trim().length === 0);
}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * The value a row schema sees (jsonschema.ts): blank → null, Date → `YYYY-MM-DD` (UTC parts: mdb-reader puts
 * Access's zone-less time in UTC), numeric strings in Int/Float fields → number. Anything else is left as is,
 * for the schema to reject with a type finding.
 */
export function normalizeValue(field: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    if (isBlank(value)) return null;
    if ((field.type === 'Int' || field.type === 'Float') && NUMERIC.test(value)) return Number(value);
    return value;
  }
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? 'Invalid Date' : value.toISOString().slice(0, 10);
  }
  return value;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** `YYYYMMDD` or `YYYY-MM-DD` (optionally followed by `T…`), and a real calendar date. */
export function isStandardDate(s: string): boolean {
  let y: number, m: number, d: number;
  if (s.length === 8) {
    y = digitsAt(s, 0, 4);
    m = digitsAt(s, 4, 2);
    d = digitsAt(s, 6, 2);
  } else if (s.length >= 10 && s[4] === '-' && s[7] === '-' && (s.length === 10 || s[10] === 'T' || s[10] === ' ')) {
    y = digitsAt(s, 0, 4);
    m = digitsAt(s, 5, 2);
    d = digitsAt(s, 8, 2);
  } else return false;
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= DAYS_IN_MONTH[m - 1];
}

/** At most `d` decimals: the number equals itself rounded to d places (exact: both sides are correctly rounded). */
export function hasAtMostDecimals(v: number, d: number): boolean {
  const scale = 10 ** d;
  const scaled = Math.round(v * scale);
  return scaled / scale === v || !Number.isSafeInteger(scaled);
}

/**
 * The ajv 2020 class, loaded on first use: importing ajv is a noticeable part of start-up, and a command that
 * validates nothing should not pay it. Every ajv user in the workspace gets it here.
 */
export function ajv2020(): typeof Ajv2020 {
  return (createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020;
}

function createAjv(): Ajv2020 {
  const ajv = new (ajv2020())({ strict: true, allErrors: true, allowUnionTypes: true, validateFormats: true });
  ajv.addFormat(DATE_FORMAT, { type: 'string', validate: isStandardDate });
  ajv.addKeyword({
    keyword: 'nytDigits',
    type: 'number',
    schemaType: 'number',
    compile: (digits: number) => {
      const limit = 10 ** digits;
      return (v: number) => Math.abs(v) < limit;
    },
  });
  ajv.addKeyword({
    keyword: 'nytDecimals',
    type: 'number',
    schemaType: 'number',
    compile: (d: number) => (v: number) => hasAtMostDecimals(v, d),
  });
  ajv.addKeyword({
    keyword: 'nytAdvisoryEnum',
    type: 'string',
    schemaType: 'array',
    compile: (codes: string[]) => {
      const set = new Set(codes);
      return (v: string) => set.has(v);
    },
  });
  ajv.addKeyword({
    keyword: 'nytAtLeastNonEmpty',
    type: 'object',
    schemaType: 'object',
    compile: (rule: { fields: string[]; min: number }) => (row: Record<string, unknown>) => {
      let filled = 0;
      for (const f of rule.fields) if (row[f] !== null && row[f] !== undefined) filled++;
      return filled >= rule.min;
    },
  });
  return ajv;
}

let sharedAjv: Ajv2020 | undefined;

interface CompiledTable {
  readonly table: TableDef;
  readonly validate: ValidateFunction;
  /** normalizes a row's fields into `scratch` */
  readonly copy: (row: Readonly<Record<string, unknown>>, scratch: Record<string, unknown>) => void;
  readonly byCode: ReadonlyMap<string, FieldDef>;
  /** reused for every row of this table: fixed keys, values overwritten per row */
  readonly scratch: Record<string, unknown>;
}

const compiledByName = new Map<string, CompiledTable>();
const compiledByDef = new WeakMap<TableDef, CompiledTable>();

type Normalizer = (value: unknown) => unknown;

const INT_FIELD: FieldDef = { seq: 0, code: '', name: '', type: 'Int', constraint: 'O' };
const FLOAT_FIELD: FieldDef = { seq: 0, code: '', name: '', type: 'Float', constraint: 'O' };
const DATE_FIELD: FieldDef = { seq: 0, code: '', name: '', type: 'Date', constraint: 'O' };

const normalizers: Record<FieldDef['type'], Normalizer> = {
  Char: (v) => (v === undefined || v === null ? null : typeof v === 'string' ? (isBlank(v) ? null : v) : v),
  Int: (v) => normalizeValue(INT_FIELD, v),
  Float: (v) => normalizeValue(FLOAT_FIELD, v),
  Date: (v) => normalizeValue(DATE_FIELD, v),
  Varbin: (v) => (v === undefined || v === null ? null : typeof v === 'string' && isBlank(v) ? null : v),
};

/**
 * A per-table copier `(row, scratch) => void` with the field codes as literal property names. Keyed access with
 * variable names (`row[code]`) is megamorphic and costs more than the whole ajv validation of a row; field codes
 * are plain identifiers (checked), so generated code is safe here.
 */
function makeCopier(fields: readonly FieldDef[]): (row: Readonly<Record<string, unknown>>, scratch: Record<string, unknown>) => void {
  for (const f of fields) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(f.code)) throw new Error(`field code is not an identifier: ${f.code}`);
  const body = fields.map((f) => `s.${f.code} = n.${f.type}(r.${f.code});`).join('\n');
  return new Function('n', `return function copyRow(r, s) {\n${body}\n};`)(normalizers) as ReturnType<typeof makeCopier>;
}

function makeScratch(fields: readonly FieldDef[]): Record<string, unknown> {
  // an object literal gets fast, fixed-shape properties
  return new Function(`return { ${fields.map((f) => `${f.code}: null`).join(', ')} };`)() as Record<string, unknown>;
}

function compile(table: TableDef, opts: ValidateOptions): CompiledTable {
  sharedAjv ??= createAjv();
  // without $id: ajv registers ids, and the same table may be compiled again (by name and as a TableDef)
  const { $id: _id, ...schema } = rowJsonSchema(table, opts);
  return {
    table,
    validate: sharedAjv.compile(schema),
    copy: makeCopier(table.fields),
    byCode: new Map(table.fields.map((f) => [f.code, f])),
    scratch: makeScratch(table.fields),
  };
}

function compiledFor(tableOrName: string | TableDef, opts: ValidateOptions): CompiledTable {
  if (typeof tableOrName !== 'string') {
    // a caller-made TableDef (profiles, tests): cached per object; strictCoordinates is fixed at first use
    let c = compiledByDef.get(tableOrName);
    if (!c) compiledByDef.set(tableOrName, (c = compile(tableOrName, opts)));
    return c;
  }
  const key = opts.strictCoordinates ? `${tableOrName}\u0000strict` : tableOrName;
  let c = compiledByName.get(key);
  if (c) return c;
  const table = getTable(tableOrName);
  if (!table) throw new Error(`validateRow: unknown table ${tableOrName}`);
  compiledByName.set(key, (c = compile(table, opts)));
  return c;
}

const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);

function expectedOf(c: CompiledTable, field: FieldDef, kind: ViolationKind, opts: ValidateOptions): string {
  switch (kind) {
    case 'type':
      return field.type;
    case 'length':
      return field.type === 'Char' ? `≤${field.length}` : `≤${integerDigits(c.table.name, field, opts)} integer digits`;
    case 'decimals':
      return `≤${field.decimals}`;
    case 'domain': {
      const d = field.domain;
      if (d?.kind === 'codeTable') return d.column ? `${d.table}:${d.column}` : d.table;
      if (d?.kind === 'range') return d.text;
      if (d?.kind === 'featureCode') return '表1';
      return d?.kind ?? '';
    }
    case 'required':
      return field.constraint === 'C' && field.condition ? `C/${field.condition.text}` : field.constraint;
    case 'format':
      return 'YYYYMMDD';
    case 'pattern':
      return field.domain?.kind === 'pattern' ? field.domain.text : '';
  }
}

function kindOf(error: ErrorObject): ViolationKind | undefined {
  switch (error.keyword) {
    case 'type':
      return 'type';
    case 'required':
    case 'not':
    case 'nytAtLeastNonEmpty':
      return 'required';
    case 'maxLength':
    case 'nytDigits':
      return 'length';
    case 'nytDecimals':
      return 'decimals';
    case 'enum':
    case 'nytAdvisoryEnum':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return 'domain';
    case 'format':
      return 'format';
    case 'pattern':
      return 'pattern';
    default:
      return undefined; // if/then/allOf wrappers: their inner errors carry the finding
  }
}

/**
 * Check one row of `table` (`DK`, `CBF_JTCY`, … or a TableDef) against the standard. `row` holds values as readers give them
 * (strings, numbers, Date, null); unknown keys are ignored, missing keys count as empty. Returns a frozen empty
 * array when the row is valid. Cross-table conditions (表3, "有原承包合同" on CBDKXX) are the checker's job.
 */
export function validateRow(table: string | TableDef, row: Readonly<Record<string, unknown>>, opts: ValidateOptions = {}): readonly Violation[] {
  const c = compiledFor(table, opts);
  const scratch = c.scratch;
  c.copy(row, scratch);
  if (c.validate(scratch)) return NO_VIOLATIONS;
  const violations: Violation[] = [];
  for (const error of c.validate.errors ?? []) {
    const kind = kindOf(error);
    if (!kind) continue;
    if (error.keyword === 'nytAtLeastNonEmpty') {
      const rule = c.table.rowRules?.find((r) => r.kind === 'atLeastNonEmpty');
      const codes = rule?.fields ?? [];
      violations.push({ field: codes.join('/'), kind, expected: `≥${rule?.min} of ${codes.join('/')}`, actual: codes.map((code) => row[code] ?? null) });
      continue;
    }
    const code = error.keyword === 'required' ? String((error.params as { missingProperty: string }).missingProperty) : error.instancePath.slice(1);
    const field = c.byCode.get(code);
    if (!field) continue;
    const empty = scratch[code] === null;
    // an empty value can only be wrong by being required; its type/enum errors say the same thing again
    if (empty && kind !== 'required' && kind !== 'type') continue;
    const finalKind: ViolationKind = empty ? 'required' : kind;
    if (violations.some((v) => v.field === code && v.kind === finalKind)) continue;
    const violation: Violation = { field: code, kind: finalKind, expected: expectedOf(c, field, finalKind, opts), actual: row[code] ?? null };
    violations.push(error.keyword === 'nytAdvisoryEnum' || (finalKind === 'domain' && isAdvisoryDomain(field)) ? { ...violation, advisory: true } : violation);
  }
  if (!violations.length) return NO_VIOLATIONS;
  // a value of the wrong type (number 1 for code '1') is one finding, not also a domain/length one
  const mistyped = violations.filter((v) => v.kind === 'type').map((v) => v.field);
  return mistyped.length ? violations.filter((v) => v.kind === 'type' || !mistyped.includes(v.field)) : violations;
}

/** Message templates per violation kind: `{table}.{field}（{name}）`, expected, actual. */
const violationMessages: Readonly<Record<ViolationKind, Localized>> = {
  type: { zh: '{where}：类型应为 {expected}，实际为 {actual}', en: '{where}: type should be {expected}, got {actual}' },
  length: { zh: '{where}：长度应 {expected}，实际为 {actual}', en: '{where}: length should be {expected}, got {actual}' },
  decimals: { zh: '{where}：小数位数应 {expected}，实际为 {actual}', en: '{where}: decimals should be {expected}, got {actual}' },
  domain: { zh: '{where}：值不在值域 {expected} 内：{actual}', en: '{where}: value outside the domain {expected}: {actual}' },
  required: { zh: '{where}：必填（{expected}）但为空', en: '{where}: required ({expected}) but empty' },
  format: { zh: '{where}：日期格式应为 {expected}（或有效日期），实际为 {actual}', en: '{where}: date should be {expected} (a real date), got {actual}' },
  pattern: { zh: '{where}：格式应为 {expected}，实际为 {actual}', en: '{where}: format should be {expected}, got {actual}' },
};

function showValue(v: unknown): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString().slice(0, 10);
  if (typeof v === 'string') return `“${v}”`;
  return Array.isArray(v) ? v.map(showValue).join(', ') : String(v);
}

/** One located line for a violation, e.g. `DK.SCMJ（实测面积）：小数位数应 ≤2，实际为 12.555`. */
export function describeViolation(table: string, v: Violation, lang: Lang): string {
  const name = getTable(table)?.fields.find((f) => f.code === v.field)?.name;
  const where = name ? (lang === 'zh' ? `${table}.${v.field}（${name}）` : `${table}.${v.field} (${name})`) : `${table}.${v.field}`;
  return localize(violationMessages[v.kind], lang, { where, expected: v.expected, actual: showValue(v.actual) });
}
