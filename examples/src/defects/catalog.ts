import type { CellValue, Feature, Geometry, Row } from '@nyt2539/schema';
import type { Rng } from '../random.js';
import { sample, howMany } from './edit.js';
import type { DefectInjector, DefectRecord, InjectContext } from './types.js';

/**
 * The documented defect catalog (issue "examples" §2): every kind names the QC rule family it imitates and
 * the checker rules that must catch it. Kinds that break the model before writing use `inject`; kinds that
 * break what the writers produced (file names, DBF headers, .prj, summary .xls, metadata XML) use
 * `afterWrite` and leave the model alone.
 */

/** QC rule families of the issue text, in its order. */
export const defectFamilies = [
  'layout',
  'structure',
  'code-domains',
  'required-fields',
  'whitespace',
  'coding',
  'references',
  'logic',
  'areas',
  'geometry',
  'overlaps',
  'snapping',
  'boundary',
  'crs',
  'summary',
  'metadata',
  'attachments',
] as const;
export type DefectFamily = (typeof defectFamilies)[number];

/** What an `afterWrite` kind gets: the written package and a seeded stream. */
export interface WrittenContext {
  /** absolute path of the written package root folder */
  readonly packageDir: string;
  readonly rng: Rng;
  readonly county: string;
  readonly year: number;
}

export interface CatalogInjector extends DefectInjector {
  readonly family: DefectFamily;
  /** rules of which at least one must report each injected record */
  readonly rules: readonly string[];
  /** further rules that legitimately report the same defect (a broken record is seen from several sides) */
  readonly alsoReportedBy?: readonly string[];
  /** edits the written files; recorded defects use package-relative paths */
  afterWrite?(ctx: WrittenContext): DefectRecord[];
}

type Keys = (r: Row) => Record<string, string>;

/**
 * Households and plots already broken by an earlier injector of this run: a household by the first 18
 * characters of its CBFBM / CBHTBM / CBJYQZBM, a plot by its DKBM (JZD/JZX list several, `/`-separated).
 * Kinds pick only records outside it, so one finding never has two causes.
 */
const takenByModel = new WeakMap<object, Set<string>>();

function idsOf(r: Row): string[] {
  const ids: string[] = [];
  for (const f of ['CBFBM', 'CBHTBM', 'CBJYQZBM'] as const) if (typeof r[f] === 'string' && r[f]) ids.push((r[f] as string).slice(0, 18));
  if (typeof r.DKBM === 'string') ids.push(...r.DKBM.split('/').filter(Boolean));
  return ids;
}

function taken(ctx: InjectContext): Set<string> {
  let set = takenByModel.get(ctx.model);
  if (set) return set;
  const found = new Set<string>();
  // what the injectors before the first catalog kind (the seed set) changed or removed
  const scan = <T>(store: { edits: Map<number, T | null>; raw(): Iterable<T> }, row: (r: T) => Row): void => {
    if (store.edits.size === 0) return;
    for (const e of store.edits.values()) if (e) idsOf(row(e)).forEach((id) => found.add(id));
    const removed = new Set([...store.edits].filter(([, e]) => e === null).map(([i]) => i));
    if (removed.size === 0) return;
    let i = 0;
    for (const r of store.raw()) if (removed.has(i++)) idsOf(row(r)).forEach((id) => found.add(id));
  };
  for (const store of ctx.model.tables.values()) scan(store, (r) => r);
  for (const store of ctx.model.layers.values()) scan(store, (f) => f.attributes);
  // attachment files carry their contract or attachment code after the kind (`DKSYT <CBJYQZBM>`, `ZLFJ <ZLFJBH>`)
  scan(ctx.model.files, (f) => ({ CBJYQZBM: f.text.split(' ')[1] ?? '' }));
  set = found;
  takenByModel.set(ctx.model, set);
  return set;
}

/** True when no earlier defect touched the record's household or plots. */
export function untouched(ctx: InjectContext, r: Row): boolean {
  const t = taken(ctx);
  return idsOf(r).every((id) => !t.has(id));
}

/** Mark the record's household and plots as broken. */
export function claim(ctx: InjectContext, r: Row): void {
  const t = taken(ctx);
  for (const id of idsOf(r)) t.add(id);
}

/** Replace one cell of up to `count` sampled rows of a 权属 table. */
export function editCell(
  inj: { id: string; family: string },
  ctx: InjectContext,
  o: { table: string; field: string; count?: number; accept(r: Row): boolean; change(r: Row): CellValue; keys: Keys; describe(r: Row): string },
): DefectRecord[] {
  const store = ctx.model.tables.get(o.table)!;
  return sample(store, ctx.rng, o.count ?? howMany(store.length), (r) => o.accept(r) && untouched(ctx, r)).map(({ index, record }) => {
    claim(ctx, record);
    const after = o.change(record);
    store.edits.set(index, { ...record, [o.field]: after });
    return {
      id: inj.id,
      family: inj.family,
      kind: after === '' || after === null ? 'cleared' : 'value',
      file: ctx.fileOf(o.table),
      table: o.table,
      index,
      keys: o.keys(record),
      field: o.field,
      before: record[o.field],
      after,
      description: o.describe(record),
    };
  });
}

/** Replace one attribute of up to `count` sampled features of a layer. */
export function editAttribute(
  inj: { id: string; family: string },
  ctx: InjectContext,
  o: { layer: string; field: string; count?: number; accept(a: Row): boolean; change(a: Row): CellValue; keys: Keys; describe(a: Row): string },
): DefectRecord[] {
  const store = ctx.model.layers.get(o.layer)!;
  return sample(store, ctx.rng, o.count ?? howMany(store.length), (f) => o.accept(f.attributes) && untouched(ctx, f.attributes)).map(({ index, record }) => {
    claim(ctx, record.attributes);
    const after = o.change(record.attributes);
    store.edits.set(index, { ...record, attributes: { ...record.attributes, [o.field]: after } });
    return {
      id: inj.id,
      family: inj.family,
      kind: after === '' || after === null ? 'cleared' : 'value',
      file: ctx.fileOf(o.layer),
      layer: o.layer,
      index,
      keys: o.keys(record.attributes),
      field: o.field,
      before: record.attributes[o.field],
      after,
      description: o.describe(record.attributes),
    };
  });
}

/** Replace the geometry of one sampled feature; `before`/`after` are the vertex lists of the first part. */
export function editGeometry(
  inj: { id: string; family: string },
  ctx: InjectContext,
  o: { layer: string; accept(f: Feature): boolean; change(f: Feature, rng: Rng): Geometry; keys: Keys; describe: string },
): DefectRecord[] {
  const store = ctx.model.layers.get(o.layer)!;
  return sample(store, ctx.rng, 1, (f) => o.accept(f) && untouched(ctx, f.attributes)).map(({ index, record }) => {
    claim(ctx, record.attributes);
    const geometry = o.change(record, ctx.rng);
    store.edits.set(index, { ...record, geometry });
    return {
      id: inj.id,
      family: inj.family,
      kind: 'geometry',
      file: ctx.fileOf(o.layer).replace(/\.dbf$/, '.shp'),
      layer: o.layer,
      index,
      keys: o.keys(record.attributes),
      before: firstPart(record.geometry),
      after: firstPart(geometry),
      description: o.describe,
    };
  });
}

function firstPart(g: Geometry): unknown {
  if (!g) return null;
  if (g.type === 'Point') return [g.x, g.y];
  return g.parts[0];
}

/** Polygon ring (closed, first = last) of a feature, or undefined. */
export function ringOf(f: Feature): (readonly [number, number])[] | undefined {
  const g = f.geometry;
  return g && g.type === 'Polygon' && g.parts.length === 1 ? g.parts[0].map((p) => [p[0], p[1]] as const) : undefined;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
