import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import MDBReader from 'mdb-reader';
import {
  computeSummaries,
  getRule,
  isIdNumberField,
  isPhoneField,
  maskIdNumber,
  maskPhone,
  muPairs,
  openShapefile,
  readSummaryTable,
  readUnitCodeTable,
  type PlainRow,
  type SummaryResult,
  type SummaryUnit,
} from '@nyt2539/checker';
import {
  atomicTarget,
  FOLDER,
  getTable,
  LocalizedError,
  MU_ROUNDING_TOLERANCE,
  parseRootFolderName,
  physicalTables,
  summaryTableFileName,
  summaryTableNames,
  summaryTables,
  toMu,
  unitCodeTableFileName,
  writeFileAtomic,
  type Localized,
  type SummaryTableId,
} from '@nyt2539/schema';
import { writeMdb, type MdbValue } from '../mdb/index.js';
import { signedArea2 } from '../shapefile/orient.js';
import { updateDbfNumbers, type DbfLayout, type DbfNumberUpdate } from '../shapefile/dbf-cells.js';
import { fixVectorMetadata } from './fix-metadata.js';
import { writeSummaryXls, writeUnitCodeTableXls } from '../xls/summaryXls.js';

/**
 * What `fix` may change: 亩 from m² (in the .mdb and DK.SCMJM in the layer's .dbf), leading/trailing spaces, the
 * summary tables and the 权属单位代码表, and the derived elements of the SL metadata (geoID, refSysInfo, layer list).
 */
export const fixKinds = ['mu', 'trim', 'summary', 'metadata'] as const;
export type FixKind = (typeof fixKinds)[number];

/** One changed cell. `key` names the row by its codes (not its record number, which a re-export shifts). */
export interface FixChange {
  readonly file: string;
  readonly table: string;
  readonly key: string;
  readonly field: string;
  readonly before: string | number | null;
  readonly after: string | number | null;
  /** the rule whose finding this change resolves */
  readonly rule: string;
}

/** A disagreement `fix` will not touch, with the likely cause a person has to look into. */
export interface FixRefusal {
  readonly file: string;
  readonly table: string;
  readonly key: string;
  readonly field: string;
  readonly actual: string | number | null;
  readonly expected: string | number | null;
  readonly rule: string;
  readonly cause: Localized;
}

export interface FixLog {
  readonly format: 'nyt2539-fix-log';
  readonly formatVersion: 1;
  readonly package: string;
  readonly masked: boolean;
  readonly only: readonly FixKind[];
  readonly changes: readonly FixChange[];
  readonly notFixed: readonly FixRefusal[];
}

export interface FixOptions {
  readonly only?: readonly FixKind[];
  readonly dryRun?: boolean;
  /** mask ID and phone numbers in the log (default true) */
  readonly mask?: boolean;
}

export interface FixResult {
  readonly log: FixLog;
  /** the new package folder (not set on a dry run) */
  readonly packageDir?: string;
  /** package-relative files rewritten */
  readonly rewritten: readonly string[];
}

const SPACES = /^[ \u3000\t]+|[ \u3000\t]+$/g;

/** Codes that name a row in the log, most specific first (the checker's identifying fields). */
const keyFields = ['DKBM', 'CBHTBM', 'CBJYQZBM', 'LZHTBM', 'CBFBM', 'ZLFJBH', 'FBFBM', 'CYXM'];

function fail(zh: string, en: string, file?: string): never {
  throw new LocalizedError({ zh, en }, { code: 'fix-input', ...(file ? { file } : {}) });
}

function keyOf(row: PlainRow, columns: readonly string[]): string {
  const names = keyFields.filter((k) => columns.includes(k) && row[k] !== null && row[k] !== undefined && String(row[k]).trim() !== '').slice(0, 2);
  return names.map((k) => `${k}=${String(row[k]).trim()}`).join(' ');
}

const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};

function findFile(dir: string, pattern: RegExp): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).filter((n) => pattern.test(n)).sort()[0];
}

const cause = {
  members: {
    zh: '成员数量与家庭成员记录数不符：通常是漏录了家庭成员记录。改写数量会抹去这一证据并损害成员的权益，请补录成员（或核实数量）后重新检查',
    en: 'the member count disagrees with the member records: usually a member record is missing. Rewriting the count would erase that evidence and a person\'s rights; add the member (or verify the count) and re-check',
  },
  plots: {
    zh: '地块总数与承包地块记录数不符：通常是漏录了地块记录。改写总数会抹去这一证据，请补录地块（或核实总数）后重新检查',
    en: 'the plot count disagrees with the plot records: usually a plot record is missing. Rewriting the count would erase that evidence; add the plot (or verify the count) and re-check',
  },
  plotArea: {
    zh: '实测面积 SCMJ 与地块图形面积不符，而亩数可能是对的：不按有误的 SCMJ 改写 SCMJM，请核实实测面积后重新检查',
    en: 'the measured area SCMJ disagrees with the plot polygon, while the 亩 value may be right: SCMJM is not rewritten from a wrong SCMJ; verify the measured area and re-check',
  },
  total: {
    zh: '合同总面积与各地块合同面积之和不符：通常是漏录了地块记录或某块面积有误。不改写总面积及其亩数，请核实后重新检查',
    en: 'the contract total differs from the sum of its plots: usually a plot record is missing or one area is wrong. Neither the total nor its 亩 value is rewritten; verify and re-check',
  },
} satisfies Record<string, Localized>;

/**
 * Apply the changes the data itself determines to a copy of `input` (a package folder), written as a new
 * package under `outParent` through the packager's writers: the .mdb rewritten with every row (only the changed
 * cells differ), the summary tables and 权属单位代码表 recomputed with `computeSummaries` where they disagree.
 * Counts and totals that disagree with the records are never changed: they are logged with their likely cause.
 */
export async function fixPackage(input: string, outParent: string | undefined, options: FixOptions = {}): Promise<FixResult> {
  const root = resolve(input);
  if (!existsSync(root) || !statSync(root).isDirectory()) fail(`${root} 不是汇交成果文件夹（fix 处理解压后的县级文件夹）`, `${root} is not a package folder (fix takes the unpacked county folder)`, root);
  const rootName = basename(root);
  const parsed = parseRootFolderName(rootName);
  if (!parsed) fail(`文件夹名 ${rootName} 不是“县级区划代码+县名”`, `folder name ${rootName} is not "<county code><county name>"`, root);
  const only = options.only && options.only.length > 0 ? [...new Set(options.only)] : [...fixKinds];
  const mask = options.mask ?? true;
  const changes: FixChange[] = [];
  const notFixed: FixRefusal[] = [];

  // 权属数据/<county><year>.mdb
  const mdbName = findFile(join(root, FOLDER.ownership), /^\d{6}\d{4}\.mdb$/i);
  if (!mdbName) fail(`${rootName}/${FOLDER.ownership} 中没有权属数据库（<县级区划代码><年份>.mdb）`, `no ownership database (<county><year>.mdb) in ${rootName}/${FOLDER.ownership}`, root);
  const mdbRel = `${FOLDER.ownership}/${mdbName}`;
  const year = mdbName.slice(6, 10);
  let reader: MDBReader;
  try {
    reader = new MDBReader(readFileSync(join(root, mdbRel)));
  } catch (err) {
    fail(`无法读取 ${mdbRel}：${(err as Error).message}`, `cannot read ${mdbRel}: ${(err as Error).message}`, mdbRel);
  }
  const names = reader.getTableNames();
  const extra = names.filter((n) => !physicalTables.some((t) => t.name === n));
  if (extra.length > 0) fail(`${mdbRel} 含有标准以外的表 ${extra.join('、')}：fix 只重写标准的 12 张表，请先处理这些表`, `${mdbRel} has tables outside the standard (${extra.join(', ')}): fix rewrites only the 12 standard tables`, mdbRel);
  const tables = new Map<string, { columns: string[]; rows: Record<string, unknown>[] }>();
  for (const t of physicalTables) {
    if (!names.includes(t.name)) continue;
    const table = reader.getTable(t.name);
    const columns = table.getColumnNames();
    const expected = t.columns.map((c) => c.code);
    const odd = [...columns.filter((c) => !expected.includes(c)), ...expected.filter((c) => !columns.includes(c))];
    if (odd.length > 0) fail(`${mdbRel} 表 ${t.name} 的字段与标准不一致（${odd.join('、')}）：fix 不能原样重写该表`, `${mdbRel} table ${t.name} has fields that differ from the standard (${odd.join(', ')}): fix cannot rewrite it as it is`, mdbRel);
    tables.set(t.name, { columns, rows: table.getData() as Record<string, unknown>[] });
  }
  let mdbChanged = false;

  if (only.includes('trim')) {
    for (const [name, t] of tables) {
      const textColumns = physicalTables.find((p) => p.name === name)!.columns.filter((c) => c.type === 'Text' || c.type === 'Memo').map((c) => c.code);
      for (const row of t.rows) {
        for (const c of textColumns) {
          const v = row[c];
          if (typeof v !== 'string') continue;
          const trimmed = v.replace(SPACES, '');
          // a value of nothing but spaces is empty, not mis-typed: a person must fill it
          if (trimmed === v || trimmed === '') continue;
          changes.push({ file: mdbRel, table: name, key: keyOf(row, t.columns), field: c, before: v, after: trimmed, rule: 'values/whitespace' });
          row[c] = trimmed;
          mdbChanged = true;
        }
      }
    }
  }

  // counts and totals against the records: reported, never rewritten
  const cbdkxx = tables.get('CBDKXX')?.rows ?? [];
  const byContract = new Map<string, { n: number; area: number }>();
  for (const p of cbdkxx) {
    const k = String(p.CBHTBM ?? '').trim();
    if (k === '') continue;
    const e = byContract.get(k) ?? { n: 0, area: 0 };
    e.n++;
    e.area += num(p.HTMJ) ?? 0;
    byContract.set(k, e);
  }
  const suspectTotal = new Set<Record<string, unknown>>();
  for (const c of tables.get('CBHT')?.rows ?? []) {
    const e = byContract.get(String(c.CBHTBM ?? '').trim());
    if (!e) continue;
    const key = keyOf(c, tables.get('CBHT')!.columns);
    const total = num(c.HTZMJ);
    const sum = Math.round(e.area * 100) / 100;
    if (total !== undefined && Math.abs(total - e.area) > 0.01 + 1e-9) {
      suspectTotal.add(c);
      notFixed.push({ file: mdbRel, table: 'CBHT', key, field: 'HTZMJ', actual: total, expected: sum, rule: 'contracts/total-area', cause: cause.total });
    }
    const count = num(c.CBDKZS);
    if (count !== undefined && count !== e.n) notFixed.push({ file: mdbRel, table: 'CBHT', key, field: 'CBDKZS', actual: count, expected: e.n, rule: 'contracts/plot-count', cause: cause.plots });
  }
  const members = new Map<string, number>();
  for (const m of tables.get('CBF_JTCY')?.rows ?? []) {
    const k = String(m.CBFBM ?? '').trim();
    members.set(k, (members.get(k) ?? 0) + 1);
  }
  for (const c of tables.get('CBF')?.rows ?? []) {
    if (String(c.CBFLX ?? '').trim() !== '1') continue;
    const n = members.get(String(c.CBFBM ?? '').trim()) ?? 0;
    const count = num(c.CBFCYSL);
    if (n > 0 && count !== undefined && count !== n) notFixed.push({ file: mdbRel, table: 'CBF', key: keyOf(c, tables.get('CBF')!.columns), field: 'CBFCYSL', actual: count, expected: n, rule: 'persons/member-count', cause: cause.members });
  }

  if (only.includes('mu')) {
    for (const [name, t] of tables) {
      const def = getTable(name);
      if (!def) continue;
      for (const { mu, m2 } of muPairs(def.fields)) {
        if (!t.columns.includes(mu.code) || !t.columns.includes(m2.code)) continue;
        for (const row of t.rows) {
          const a = num(row[mu.code]);
          const b = num(row[m2.code]);
          if (a === undefined || b === undefined) continue;
          // Access stores 0 in optional 亩 fields nobody filled (the rule passes them too)
          if (mu.constraint !== 'M' && a === 0) continue;
          const expected = toMu(String(row[m2.code]).trim());
          if (Math.abs(a - expected) <= MU_ROUNDING_TOLERANCE + 1e-9) continue;
          const key = keyOf(row, t.columns);
          if (m2.code === 'HTZMJ' && suspectTotal.has(row)) {
            notFixed.push({ file: mdbRel, table: name, key, field: mu.code, actual: a, expected, rule: 'contracts/mu-conversion', cause: cause.total });
            continue;
          }
          const after = expected.toFixed(2);
          changes.push({ file: mdbRel, table: name, key, field: mu.code, before: String(row[mu.code]), after, rule: 'contracts/mu-conversion' });
          row[mu.code] = after;
          mdbChanged = true;
        }
      }
    }
  }

  // DK.SCMJM (and any other 亩 field of the layer) from its m² field, cell by cell in the .dbf
  const dk = await readDkLayer(root, parsed.county, year);
  const dbfUpdates: DbfNumberUpdate[] = [];
  if (only.includes('mu') && dk) {
    const { absTolerance, relTolerance } = plotAreaTolerance();
    for (const { mu, m2 } of muPairs(getTable('DK')!.fields)) {
      if (!dk.layout.fields.some((f) => f.name === mu.code) || !dk.layout.fields.some((f) => f.name === m2.code)) continue;
      for (const plot of dk.plots) {
        const a = num(plot.attributes[mu.code]);
        const raw = plot.raw[m2.code]?.trim();
        if (a === undefined || raw === undefined || num(raw) === undefined) continue;
        if (mu.constraint !== 'M' && a === 0) continue;
        const expected = toMu(raw);
        if (Math.abs(a - expected) <= MU_ROUNDING_TOLERANCE + 1e-9) continue;
        const key = keyOf(plot.attributes, ['DKBM']);
        const m2Value = Number(raw);
        if (m2.code === 'SCMJ' && plot.area !== undefined && Math.abs(m2Value - plot.area) > Math.max(absTolerance, relTolerance * plot.area)) {
          notFixed.push({ file: dk.dbfRel, table: 'DK', key, field: mu.code, actual: a, expected, rule: 'contracts/mu-conversion', cause: cause.plotArea });
          continue;
        }
        changes.push({ file: dk.dbfRel, table: 'DK', key, field: mu.code, before: plot.raw[mu.code]?.trim() ?? String(a), after: expected.toFixed(mu.decimals ?? 2), rule: 'contracts/mu-conversion' });
        dbfUpdates.push({ record: plot.record, field: mu.code, value: expected });
        plot.attributes[mu.code] = expected;
      }
    }
  }

  // the SL metadata's derived elements
  let metadataXml: { rel: string; xml: string } | undefined;
  if (only.includes('metadata')) {
    const m = fixVectorMetadata(root, parsed.county, year);
    changes.push(...m.changes);
    notFixed.push(...m.notFixed);
    if (m.xml !== undefined) metadataXml = { rel: m.rel, xml: m.xml };
  }

  // summary tables and the 权属单位代码表, from the (fixed) records
  const xlsWrites: { rel: string; write(path: string): void }[] = [];
  if (only.includes('summary')) {
    const summary = await summariesOf(root, tables, dk?.plots.map((p) => p.attributes as PlainRow) ?? [], parsed.county, year);
    const county = { countyCode: parsed.county, countyName: parsed.countyName };
    for (const st of summaryTables) {
      const rel = `${FOLDER.summary}/${summaryTableFileName(parsed.county, parsed.countyName, st.id)}`;
      const computed = summary.result.tables[st.id];
      const differs = compareSummary(root, rel, st.id, computed, changes);
      if (differs) xlsWrites.push({ rel, write: (p) => writeSummaryXls(p, st.id, county, computed) });
    }
    const unitRel = `${FOLDER.ownership}/${unitCodeTableFileName(parsed.county, year)}`;
    if (summary.unitsFromFile) {
      const before = readUnitCodeTable(join(root, unitRel)).rows.map((r) => `${r.code} ${r.name}`);
      const after = summary.result.unitCodeTable.map((r) => `${r.code} ${r.name}`);
      if (before.join('\n') !== after.join('\n')) {
        changes.push({ file: unitRel, table: '权属单位代码表', key: '', field: '权属单位', before: before.join('；'), after: after.join('；'), rule: 'summary/unit-code-table' });
        xlsWrites.push({ rel: unitRel, write: (p) => writeUnitCodeTableXls(p, summary.result.unitCodeTable, county) });
      }
    }
  }

  const log: FixLog = { format: 'nyt2539-fix-log', formatVersion: 1, package: rootName, masked: mask, only, changes: mask ? changes.map(maskChange) : changes, notFixed: mask ? notFixed.map(maskRefusal) : notFixed };
  const rewritten = [...(mdbChanged ? [mdbRel] : []), ...(dbfUpdates.length > 0 ? [dk!.dbfRel] : []), ...(metadataXml ? [metadataXml.rel] : []), ...xlsWrites.map((w) => w.rel)];
  if (options.dryRun || outParent === undefined) return { log, rewritten };

  const parent = resolve(outParent);
  const target = join(parent, rootName);
  if (`${target}/`.startsWith(`${root}/`) || `${root}/`.startsWith(`${target}/`)) fail(`输出 ${target} 与输入 ${root} 重叠：fix 从不改动输入，请另选输出目录`, `the output ${target} overlaps the input ${root}: fix never changes its input; choose another folder`, target);
  const out = atomicTarget(target);
  try {
    cpSync(root, out.tmp, { recursive: true, preserveTimestamps: true });
    if (mdbChanged) {
      const path = join(out.tmp, mdbRel);
      rmSync(path);
      await writeMdb(
        path,
        physicalTables.filter((t) => tables.has(t.name)).map((t) => ({ name: t.name, rows: tables.get(t.name)!.rows as Record<string, MdbValue>[] })),
      );
    }
    // the copy's .dbf is fix's own file: patched in place, so only the changed cells differ
    if (dbfUpdates.length > 0) updateDbfNumbers(join(out.tmp, dk!.dbfRel), dk!.layout, 'DK', dbfUpdates);
    if (metadataXml) writeFileAtomic(join(out.tmp, metadataXml.rel), Buffer.from(metadataXml.xml, 'utf8'));
    for (const w of xlsWrites) w.write(join(out.tmp, w.rel));
    out.commit();
  } catch (err) {
    out.abort();
    throw err;
  }
  return { log, packageDir: target, rewritten };
}

const maskValue = (field: string, v: string | number | null): string | number | null => {
  if (typeof v !== 'string') return v;
  if (isIdNumberField(field)) return v.replace(v.trim(), maskIdNumber(v.trim()));
  if (isPhoneField(field)) return v.replace(v.trim(), maskPhone(v.trim()));
  return v;
};
const maskChange = (c: FixChange): FixChange => ({ ...c, before: maskValue(c.field, c.before), after: maskValue(c.field, c.after) });
const maskRefusal = (r: FixRefusal): FixRefusal => ({ ...r, actual: maskValue(r.field, r.actual), expected: maskValue(r.field, r.expected) });

async function summariesOf(
  root: string,
  tables: ReadonlyMap<string, { rows: Record<string, unknown>[] }>,
  dk: readonly PlainRow[],
  county: string,
  year: string,
): Promise<{ result: SummaryResult; unitsFromFile: boolean }> {
  const unitPath = join(root, FOLDER.ownership, unitCodeTableFileName(county, year));
  let units: SummaryUnit[] = [];
  const unitsFromFile = existsSync(unitPath);
  if (unitsFromFile) units = readUnitCodeTable(unitPath).rows.map((r) => ({ code: r.code.trim(), name: r.name.trim() }));
  const rows = (name: string): PlainRow[] => tables.get(name)?.rows ?? [];
  const result = await computeSummaries({ units, FBF: rows('FBF'), CBF: rows('CBF'), CBDKXX: rows('CBDKXX'), CBHT: rows('CBHT'), CBJYQZ: rows('CBJYQZ'), CBJYQZDJB: rows('CBJYQZDJB'), DK: [...dk] });
  return { result, unitsFromFile };
}

/** Log every cell of a delivered summary table that differs from the computed one; true when any does. */
function compareSummary(root: string, rel: string, id: SummaryTableId, computed: SummaryResult['tables'][SummaryTableId], changes: FixChange[]): boolean {
  const path = join(root, rel);
  const table = summaryTableNames[id];
  if (!existsSync(path)) {
    changes.push({ file: rel, table, key: '', field: '', before: null, after: `${computed.length}`, rule: 'summary/tables' });
    return true;
  }
  let delivered;
  try {
    delivered = readSummaryTable(path, id).rows;
  } catch {
    changes.push({ file: rel, table, key: '', field: '', before: null, after: `${computed.length}`, rule: 'summary/tables' });
    return true;
  }
  let differs = delivered.length !== computed.length;
  const byCode = new Map(delivered.map((r) => [r.code, r]));
  for (const row of computed) {
    const d = byCode.get(row.code);
    for (const [k, v] of Object.entries(row.values)) {
      const before = d?.values[k] ?? null;
      if (before !== null && Math.abs(before - v) <= 1e-9) continue;
      differs = true;
      changes.push({ file: rel, table, key: row.code, field: k, before, after: v, rule: 'summary/tables' });
    }
  }
  return differs;
}

/** The plot-area rule's tolerances (the profile default), so fix refuses exactly where the rule would report SCMJ. */
function plotAreaTolerance(): { absTolerance: number; relTolerance: number } {
  const o = getRule('area/plot-area')?.meta.options as { absTolerance?: number; relTolerance?: number } | undefined;
  return { absTolerance: o?.absTolerance ?? 0.1, relTolerance: o?.relTolerance ?? 0.001 };
}

interface DkPlot {
  readonly record: number;
  readonly attributes: Record<string, unknown>;
  /** each field's text as stored */
  readonly raw: Record<string, string>;
  /** planar polygon area (m²), undefined without a polygon */
  readonly area?: number;
}

/** DK<county><year>.shp: every live record's attributes, stored text and polygon area, and the .dbf layout. */
async function readDkLayer(root: string, county: string, year: string): Promise<{ dbfRel: string; layout: DbfLayout; plots: DkPlot[] } | undefined> {
  const dkName = findFile(join(root, FOLDER.vector), new RegExp(`^DK${county}${year}\\.shp$`, 'i'));
  if (!dkName) return undefined;
  const shp = await openShapefile(join(root, FOLDER.vector, dkName));
  try {
    const plots: DkPlot[] = [];
    for await (const r of shp.records({ raw: true })) {
      if (r.deleted) continue;
      plots.push({ record: r.recordNumber, attributes: r.attributes, raw: r.rawAttributes ?? {}, ...(r.geometry ? { area: polygonArea(r.geometry.parts) } : {}) });
    }
    const { info } = shp;
    return { dbfRel: `${FOLDER.vector}/${basename(info.files.dbf)}`, layout: { headerLength: info.headerLength, recordLength: info.recordLength, fields: info.fields }, plots };
  } finally {
    await shp.close();
  }
}

/** Outer rings clockwise, holes counter-clockwise (ESRI): the signed ring areas sum to the polygon area. */
function polygonArea(parts: readonly Float64Array[]): number {
  let twice = 0;
  for (const p of parts) {
    const ring: [number, number][] = [];
    for (let i = 0; i + 1 < p.length; i += 2) ring.push([p[i]!, p[i + 1]!]);
    twice += signedArea2(ring);
  }
  return Math.abs(twice) / 2;
}
