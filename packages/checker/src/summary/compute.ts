import {
  FBFBM_LENGTH,
  padUnitCode,
  summarySourceUnitField,
  summaryTables,
  toMu,
  unitCodePrefix,
  unitLevels,
  type SummaryFilter,
  type SummaryJoin,
  type SummaryMeasure,
  type SummarySource,
  type SummaryTableId,
} from '@nyt2539/schema';

/**
 * The six 汇总表格 and the 权属单位代码表 computed from the data, as a pure streaming aggregation driven by the
 * column definitions in `@nyt2539/schema` summaryTables (package-layout.md §2, §5). Storage-agnostic: the
 * generator passes in-memory arrays, the checker passes rows streamed from its SQLite store.
 *
 * Each source is read exactly once. Sources other rows are joined to (DK by DKBM, CBJYQZDJB and CBJYQZ by
 * CBJYQZBM) are read first and kept as a compact index holding only the fields the filters need, so memory
 * is bounded by the number of parcels/certificates, not by row width.
 *
 * Every figure is first summed per 发包方 (first 14 characters of the row's unit field), then rolled up to
 * every un-padded prefix of length 6/9/12/14: a unit's row is cumulative over all 发包方 whose FBFBM starts
 * with its code (§2.2). Areas are summed in integer hundredths of a 亩 after `toMu` per item, so sums are exact.
 */

export type PlainRow = Readonly<Record<string, unknown>>;
type RowSource<T = PlainRow> = Iterable<T> | AsyncIterable<T>;

/**
 * A source's rows as arrays, with the column each position holds: what a store hands over cheaper than a record
 * per row (a county's ~1.5M rows as records cost more than the computation itself).
 */
export interface ColumnRows {
  readonly columns: readonly string[];
  /** the rows a page at a time (a generator's step per row costs more than the row's test) */
  readonly pages: Iterable<readonly (readonly unknown[])[]>;
}

/** A row of either form; fields are read through the source's `FieldReader`. */
type SourceRow = PlainRow | readonly unknown[];
type FieldReader = (field: string) => (row: SourceRow) => unknown;

function fieldReader(source: RowSource | ColumnRows): FieldReader {
  if (!('columns' in source)) return (field) => (row) => (row as PlainRow)[field];
  const { columns } = source;
  return (field) => {
    const at = columns.indexOf(field);
    return at < 0 ? () => undefined : (row) => (row as readonly unknown[])[at];
  };
}

export interface SummaryUnit {
  /** 权属单位代码, un-padded (6/9/12/14 digits) or padded to 14 with '0' */
  readonly code: string;
  /** full name from the province down */
  readonly name: string;
}

export type SummaryInput = { readonly units: RowSource<SummaryUnit> } & { readonly [S in SummarySource]: RowSource | ColumnRows };

export interface SummaryRow {
  /** 14-character padded 权属单位代码 */
  readonly code: string;
  readonly name: string;
  /** by column key (summaryTables[].columns[].key); counts are integers, areas 亩 with ≤ 2 decimals */
  readonly values: Readonly<Record<string, number>>;
}

export interface UnitCodeRow {
  readonly code: string;
  readonly name: string;
}

export interface SummaryResult {
  readonly tables: Readonly<Record<SummaryTableId, readonly SummaryRow[]>>;
  readonly unitCodeTable: readonly UnitCodeRow[];
  /** units whose code is not 6/9/12/14 digits (either form); left out of every table */
  readonly invalidUnits: readonly SummaryUnit[];
  /**
   * per source: rows whose 发包方 (first 14 characters of the unit field, read as a 权属单位代码) is not a listed
   * unit. They still count in every listed unit whose code is a prefix (e.g. the county row).
   */
  readonly unassignedRows: Readonly<Partial<Record<SummarySource, number>>>;
}

interface PlannedMeasure {
  readonly key: string;
  readonly index: number;
  readonly measure: Exclude<SummaryMeasure, { op: 'total' }>;
}

/** A value filter on a joined row's field: its bit in the joined row's mask. */
interface JoinTest {
  readonly field: string;
  readonly kind: 'in' | 'notIn';
  readonly values: ReadonlySet<string>;
}

interface JoinIndex {
  /** position in the per-row cache of looked-up masks */
  readonly slot: number;
  readonly join: SummaryJoin;
  /** the filters on the joined rows' fields, bit i of a mask for tests[i] */
  readonly tests: JoinTest[];
  /** joined row key → the mask of the tests its fields pass: all a filter needs of the joined row */
  readonly rows: Map<string, number>;
}

/** Bits of a mask that stay a small integer. */
const MAX_JOIN_TESTS = 30;

function joinId(j: SummaryJoin): string {
  return `${j.table}.${j.key}<-${j.from}`;
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value.trim() : String(value);
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** 亩 of an m² value: on the decimal text when the store hands us Decimal strings (exact), else on the number. */
function muOf(raw: unknown, n: number): number {
  if (typeof raw === 'string') {
    try {
      return toMu(raw.trim());
    } catch {
      // text Number() accepts but a decimal parser does not (e.g. '0x10'): use the number
    }
  }
  return toMu(n);
}

/** Plan: all non-total measures, each with an accumulator slot; joins with the fields they must keep. */
function plan(): { measures: PlannedMeasure[]; joins: Map<string, JoinIndex> } {
  const measures: PlannedMeasure[] = [];
  const joins = new Map<string, JoinIndex>();
  const noteJoin = (f: SummaryFilter): void => {
    const j = f.join;
    if (!j) return;
    const id = joinId(j);
    let idx = joins.get(id);
    if (!idx) {
      idx = { slot: joins.size, join: j, tests: [], rows: new Map() };
      joins.set(id, idx);
    }
    if (f.kind !== 'exists' && testBit(idx, f) < 0) {
      if (idx.tests.length === MAX_JOIN_TESTS) throw new Error(`summary definitions filter more than ${MAX_JOIN_TESTS} ways on ${id}`);
      idx.tests.push({ field: f.field, kind: f.kind, values: new Set(f.values) });
    }
  };
  for (const t of summaryTables) {
    for (const c of t.columns) {
      const m = c.measure;
      if (!m || m.op === 'total') continue;
      for (const f of m.where ?? []) noteJoin(f);
      measures.push({ key: c.key, index: measures.length, measure: m });
    }
  }
  return { measures, joins };
}

/**
 * The fields computeSummaries reads from each source: its unit field, measured fields, filter fields, the join
 * keys it is looked up by and the joined fields it keeps. A store reads only these columns (a county DK row has
 * ~25, the summaries need 4), which is most of the cost of the computation at county scale.
 */
export function summaryColumns(): Readonly<Record<SummarySource, readonly string[]>> {
  const out = Object.fromEntries(Object.entries(summarySourceUnitField).map(([s, f]) => [s, new Set<string>([f])])) as Record<SummarySource, Set<string>>;
  for (const t of summaryTables) {
    for (const c of t.columns) {
      const m = c.measure;
      if (!m || m.op === 'total') continue;
      if (m.op !== 'count') out[m.table].add(m.field);
      for (const f of m.where ?? []) {
        if (!f.join) {
          if (f.kind !== 'exists') out[m.table].add(f.field);
          continue;
        }
        out[m.table].add(f.join.from);
        out[f.join.table].add(f.join.key);
        if (f.kind !== 'exists') out[f.join.table].add(f.field);
      }
    }
  }
  return Object.fromEntries(Object.entries(out).map(([s, set]) => [s, [...set]])) as Record<SummarySource, string[]>;
}

/** Read order: a join target before any source whose measures join to it. */
function sourceOrder(measures: readonly PlannedMeasure[]): SummarySource[] {
  const all = Object.keys(summarySourceUnitField) as SummarySource[];
  const deps = new Map<SummarySource, Set<SummarySource>>(all.map((s) => [s, new Set()]));
  for (const m of measures) for (const f of m.measure.where ?? []) if (f.join) deps.get(m.measure.table)!.add(f.join.table);
  const order: SummarySource[] = [];
  const state = new Map<SummarySource, 'visiting' | 'done'>();
  const visit = (s: SummarySource): void => {
    if (state.get(s) === 'done') return;
    if (state.get(s) === 'visiting') throw new Error(`summary definitions join in a cycle through ${s}`);
    state.set(s, 'visiting');
    for (const d of deps.get(s)!) visit(d);
    state.set(s, 'done');
    order.push(s);
  };
  for (const s of all) visit(s);
  return order;
}

/** The bit of filter `f` in `idx`'s masks, or -1. */
function testBit(idx: JoinIndex, f: Exclude<SummaryFilter, { kind: 'exists' }>): number {
  return idx.tests.findIndex((t) => t.field === f.field && t.kind === f.kind && t.values.size === f.values.length && f.values.every((v) => t.values.has(v)));
}

/** The mask of `idx`'s tests a joined row passes: a missing field reads as '' (a present row, a blank value). */
function maskOf(idx: JoinIndex, row: SourceRow, fields: readonly ((row: SourceRow) => unknown)[]): number {
  let mask = 0;
  idx.tests.forEach((t, i) => {
    const v = text(fields[i](row)) ?? '';
    if (t.values.has(v) === (t.kind === 'in')) mask |= 1 << i;
  });
  return mask;
}

/** No joined row: of a filter on its fields, only `notIn` passes (there is no value in the set). */
const NO_ROW = -1;
/** Not looked up yet for the current row. */
const UNKNOWN = -2;

/** The joined rows' masks of the current source row, by join slot: looked up at most once per row. */
type JoinedMasks = number[];

function joinedMask(row: SourceRow, idx: JoinIndex, from: (row: SourceRow) => unknown, cache: JoinedMasks): number {
  let hit = cache[idx.slot];
  if (hit === UNKNOWN) {
    const key = text(from(row));
    hit = (key === undefined ? undefined : idx.rows.get(key)) ?? NO_ROW;
    cache[idx.slot] = hit;
  }
  return hit;
}

type RowPredicate = (row: SourceRow, cache: JoinedMasks) => boolean;

/** One predicate for a measure's filters, with sets, fields and mask bits resolved once. */
function compileFilters(filters: readonly SummaryFilter[] | undefined, joins: Map<string, JoinIndex>, field: FieldReader): RowPredicate {
  const tests: RowPredicate[] = (filters ?? []).map((f) => {
    if (f.kind === 'exists') {
      const idx = joins.get(joinId(f.join))!;
      const from = field(f.join.from);
      return (row, cache) => joinedMask(row, idx, from, cache) !== NO_ROW;
    }
    if (f.join) {
      const idx = joins.get(joinId(f.join))!;
      const from = field(f.join.from);
      const bit = 1 << testBit(idx, f);
      const missing = f.kind === 'notIn';
      return (row, cache) => {
        const mask = joinedMask(row, idx, from, cache);
        return mask === NO_ROW ? missing : (mask & bit) !== 0;
      };
    }
    const values = new Set(f.values);
    const valueOf = field(f.field);
    return f.kind === 'in'
      ? (row) => {
          const v = text(valueOf(row));
          return v !== undefined && values.has(v);
        }
      : (row) => {
          const v = text(valueOf(row));
          return v === undefined || !values.has(v);
        };
  });
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0];
  return (row, cache) => {
    for (const t of tests) if (!t(row, cache)) return false;
    return true;
  };
}

/** Iterate a source without an await per row when it is a plain (sync) iterable. */
async function eachRow<T>(source: RowSource<T>, visit: (row: T) => void): Promise<void> {
  if (Symbol.iterator in source) {
    for (const row of source as Iterable<T>) visit(row);
    return;
  }
  for await (const row of source) visit(row);
}

async function eachSourceRow(source: RowSource | ColumnRows, visit: (row: SourceRow) => void): Promise<void> {
  if (!('columns' in source)) return eachRow<SourceRow>(source, visit);
  for (const page of source.pages) for (const row of page) visit(row);
}

/** 权属单位代码表 rows: valid units, de-duplicated, padded, sorted by code (county first). */
export function computeUnitCodeTable(units: Iterable<SummaryUnit>): { rows: UnitCodeRow[]; prefixes: string[]; invalid: SummaryUnit[] } {
  const byPrefix = new Map<string, UnitCodeRow>();
  const invalid: SummaryUnit[] = [];
  for (const u of units) {
    const prefix = unitCodePrefix(String(u.code ?? '').trim());
    if (prefix === undefined) {
      invalid.push(u);
      continue;
    }
    if (!byPrefix.has(prefix)) byPrefix.set(prefix, { code: padUnitCode(prefix), name: String(u.name ?? '').trim() });
  }
  const prefixes = [...byPrefix.keys()].sort((a, b) => {
    const pa = padUnitCode(a);
    const pb = padUnitCode(b);
    return pa < pb ? -1 : pa > pb ? 1 : a.length - b.length;
  });
  return { rows: prefixes.map((p) => byPrefix.get(p)!), prefixes, invalid };
}

export async function computeSummaries(input: SummaryInput): Promise<SummaryResult> {
  const units: SummaryUnit[] = [];
  for await (const u of input.units) units.push(u);
  const unitTable = computeUnitCodeTable(units);
  const unitSet = new Set(unitTable.prefixes);

  const { measures, joins } = plan();
  const perFbf = new Map<string, Float64Array>();
  /** whether a 发包方 code (row prefix) is itself a listed unit */
  const fbfListed = new Map<string, boolean>();
  const unassignedRows: Partial<Record<SummarySource, number>> = {};

  for (const source of sourceOrder(measures)) {
    const field = fieldReader(input[source]);
    // a row's summed value is worked out once per field and op, however many measures add it (CBDKXX: 8 of 9)
    const sumSlots = new Map<string, number>();
    const own = measures
      .filter((m) => m.measure.table === source)
      .map((m) => {
        const op = m.measure.op;
        const sumKey = op === 'sum' || op === 'sumMu' ? `${op}:${m.measure.field}` : undefined;
        if (sumKey !== undefined && !sumSlots.has(sumKey)) sumSlots.set(sumKey, sumSlots.size);
        return {
          ...m,
          accepts: compileFilters(m.measure.where, joins, field),
          value: op === 'count' ? undefined : field(m.measure.field),
          distinct: op === 'countDistinct' ? new Set<string>() : undefined,
          sumSlot: sumKey === undefined ? -1 : sumSlots.get(sumKey)!,
        };
      });
    /** this row's value per sum slot: undefined = not worked out yet, NaN = not a number (the row adds nothing) */
    const sums = new Array<number | undefined>(sumSlots.size);
    const indexes = [...joins.values()]
      .filter((j) => j.join.table === source)
      .map((idx) => ({ idx, key: field(idx.join.key), fields: idx.tests.map((t) => field(t.field)) }));
    if (own.length === 0 && indexes.length === 0) continue;
    const unitOf = field(summarySourceUnitField[source]);
    const cache: JoinedMasks = new Array<number>(joins.size).fill(UNKNOWN);
    await eachSourceRow(input[source], (row) => {
      for (const { idx, key: keyOf, fields } of indexes) {
        const key = text(keyOf(row));
        if (key !== undefined && !idx.rows.has(key)) idx.rows.set(key, maskOf(idx, row, fields));
      }
      if (own.length === 0) return;
      const fbf = (text(unitOf(row)) ?? '').slice(0, FBFBM_LENGTH);
      let acc = perFbf.get(fbf);
      let listed = fbfListed.get(fbf);
      if (listed === undefined) {
        const ownUnit = unitCodePrefix(fbf);
        fbfListed.set(fbf, (listed = ownUnit !== undefined && unitSet.has(ownUnit)));
      }
      if (!listed) unassignedRows[source] = (unassignedRows[source] ?? 0) + 1;
      cache.fill(UNKNOWN);
      sums.fill(undefined);
      for (const m of own) {
        if (!m.accepts(row, cache)) continue;
        let add = 1;
        const op = m.measure.op;
        if (op === 'countDistinct') {
          const v = text(m.value!(row));
          if (v === undefined || m.distinct!.has(v)) continue;
          m.distinct!.add(v);
        } else if (op === 'sum' || op === 'sumMu') {
          let value = sums[m.sumSlot];
          if (value === undefined) {
            const raw = m.value!(row);
            const n = numeric(raw);
            value = n === undefined ? Number.NaN : op === 'sumMu' ? Math.round(muOf(raw, n) * 100) : n;
            sums[m.sumSlot] = value;
          }
          if (Number.isNaN(value)) continue;
          add = value;
        }
        if (!acc) perFbf.set(fbf, (acc = new Float64Array(measures.length)));
        acc[m.index] += add;
      }
    });
  }

  // roll up to every unit prefix (6/9/12/14)
  const perUnit = new Map<string, Float64Array>();
  for (const [fbf, acc] of perFbf) {
    for (const l of unitLevels) {
      if (fbf.length < l.length) break;
      const p = fbf.slice(0, l.length);
      if (!unitSet.has(p)) continue;
      let u = perUnit.get(p);
      if (!u) perUnit.set(p, (u = new Float64Array(measures.length)));
      for (let i = 0; i < acc.length; i++) u[i] += acc[i];
    }
  }

  const measureByKey = new Map(measures.map((m) => [m.key, m]));
  const tables = {} as Record<SummaryTableId, SummaryRow[]>;
  for (const t of summaryTables) {
    const totals = new Map(t.columns.flatMap((c) => (c.measure?.op === 'total' ? [[c.key, c.measure.of] as const] : [])));
    tables[t.id] = unitTable.prefixes.map((prefix, i) => {
      const acc = perUnit.get(prefix);
      // values in hundredths for areas, plain for counts, so totals stay exact
      const raw = new Map<string, number>();
      const valueOf = (key: string): number => {
        const known = raw.get(key);
        if (known !== undefined) return known;
        const parts = totals.get(key);
        const v = parts ? parts.reduce((s, k) => s + valueOf(k), 0) : acc ? acc[measureByKey.get(key)!.index] : 0;
        raw.set(key, v);
        return v;
      };
      const values: Record<string, number> = {};
      for (const c of t.columns) {
        if (!c.measure) continue;
        const v = valueOf(c.key);
        values[c.key] = c.kind === 'area' ? v / 100 : v;
      }
      return { code: unitTable.rows[i].code, name: unitTable.rows[i].name, values };
    });
  }
  return { tables, unitCodeTable: unitTable.rows, invalidUnits: unitTable.invalid, unassignedRows };
}
