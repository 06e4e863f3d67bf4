import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FOLDER, layerBaseName, mdbFileName, physicalTables, rootFolderName, type PackageData, type PackageUnit, writeFileAtomic } from '@nyt2539/schema';
import { countyDef, countyFullName, DEFAULT_COUNTY, zoneFalseEasting } from './counties.js';
import { GenContext } from './context.js';
import { selectInjectors, type DefectRecord } from './defects/index.js';
import { applyWrittenDefects } from './defects/written.js';
import { denseCodeDefects } from './defects/values.js';
import { minimalJpeg, minimalPdf } from './files.js';
import { Lattice } from './geometry/lattice.js';
import { buildLayout, type CountyLayout } from './layout.js';
import { CountyModel } from './model.js';
import { IdFactory } from './people.js';
import { hash32, Rng } from './random.js';
import { generateRegions } from './regions.js';
import { scales, type Scale } from './scales.js';
import { generateSlot } from './slot.js';

export interface GenerateOptions {
  readonly scale: Scale;
  readonly seed: number;
  /** GB/T 2260 code of one of `counties`; default 340711 */
  readonly county?: string;
  /** `none` (default), `seed`, `all`, or comma-separated injector ids */
  readonly defects?: string;
  readonly outDir: string;
  /** year in file names and the data's date chain; default 2016 */
  readonly year?: number;
  /**
   * Share of lattice edges carrying an extra boundary point (0–1, default 0.3). 1 gives ~1.9× the boundary
   * points of the default at the same plot count: a denser county for benchmarks.
   */
  readonly edgeVertexShare?: number;
  /**
   * Share of plots (0–1) given a TDYT outside its code list on top of `defects`, each recorded in ground truth:
   * `0.2` on a county-scale package gives ~100k findings for the report benchmark.
   */
  readonly defectDensity?: number;
}

interface GenerateStats {
  readonly towns: number;
  readonly villages: number;
  readonly groups: number;
  readonly fbf: number;
  readonly households: number;
  readonly plots: number;
  readonly boundaryPoints: number;
  /** records per table/layer, and `files` */
  readonly records: Readonly<Record<string, number>>;
  readonly defects: number;
}

export interface GenerateResult {
  readonly packageDir: string;
  readonly groundTruthPath: string;
  readonly stats: GenerateStats;
}

/** What ground-truth.json holds: how the package was made and every defect put into it. */
export interface GroundTruth {
  readonly generator: '@nyt2539/examples';
  readonly formatVersion: 1;
  readonly scale: Scale;
  /** `--defect-density`, when given */
  readonly defectDensity?: number;
  readonly seed: number;
  readonly county: { readonly code: string; readonly name: string; readonly fullName: string };
  readonly year: number;
  /** package folder name under the output directory */
  readonly package: string;
  readonly stats: GenerateStats;
  readonly defects: readonly DefectRecord[];
}

/**
 * Lays the generated data out as a package under `outDir` and says where. The packager's `writePackage` is the
 * one the toolchain uses (`generatePackage` in @nyt2539/packager); the generator only makes data, so it does not
 * depend on the writers.
 */
type PackageWriter = (data: PackageData, outDir: string) => Promise<{ readonly packageDir: string }>;

/** Counties at `county` scale spill records to disk instead of holding them in memory. */
const SPILL_SCALES: readonly Scale[] = ['county'];

/**
 * Generate a synthetic county as package data, hand it to `write`, break the written files as the `afterWrite`
 * defect kinds say, and write `ground-truth.json` under `outDir`. Deterministic: the same options give
 * byte-identical files. Test code calls `generatePackage` from @nyt2539/packager, which passes `writePackage`.
 */
export async function generateCounty(opts: GenerateOptions, write: PackageWriter): Promise<GenerateResult> {
  const county = countyDef(opts.county ?? DEFAULT_COUNTY);
  if (!county) throw new RangeError(`unknown county ${opts.county}`);
  const scale = scales[opts.scale];
  if (!scale) throw new RangeError(`unknown scale ${opts.scale}`);
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) throw new RangeError(`seed must be an integer 0…4294967295, got ${opts.seed}`);
  const { selected, unknown } = selectInjectors(opts.defects);
  if (unknown.length) throw new RangeError(`unknown defect ids: ${unknown.join(', ')}`);
  if (opts.defectDensity !== undefined && !(opts.defectDensity >= 0 && opts.defectDensity <= 1)) throw new RangeError(`defect density must be 0…1, got ${opts.defectDensity}`);
  const year = opts.year ?? 2016;
  const seed = hash32(opts.seed, county.code, opts.scale);
  const outDir = resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true });

  const layout = buildLayout(county, scale, seed);
  const lattice = new Lattice({
    seed,
    ni: layout.ni,
    nj: layout.nj,
    x0: zoneFalseEasting(county.zone) - 500_000 + county.anchor.easting,
    y0: county.anchor.northing,
    ...(opts.edgeVertexShare !== undefined ? { midShare: opts.edgeVertexShare } : {}),
  });
  const spillDir = SPILL_SCALES.includes(opts.scale) ? mkdtempSync(join(outDir, '.gen-spill-')) : undefined;
  const model = new CountyModel(spillDir);
  try {
    const ctx = new GenContext(seed, county, scale, layout, lattice, year, new IdFactory(county.code), model);
    generateRegions(ctx);
    for (const slot of layout.slots) generateSlot(ctx, slot);
    model.close();

    const defects: DefectRecord[] = [];
    const rootName = rootFolderName(county.code, county.name);
    for (const inj of selected) {
      defects.push(...inj.inject({ model, rng: Rng.derive(seed, 'defect', inj.id), fileOf: (t) => fileOf(t, county.code, year) }));
    }
    if (opts.defectDensity !== undefined && opts.defectDensity > 0) {
      defects.push(...denseCodeDefects({ model, rng: Rng.derive(seed, 'defect', 'density'), fileOf: (t) => fileOf(t, county.code, year) }, opts.defectDensity));
    }
    const recorded = numberDefects(model, defects);

    const data = packageData(model, layout, year);
    const written = await write(data, outDir);
    // kinds that break the written files themselves (names, DBF headers, .prj, .xls, XML) run on the package
    recorded.push(...applyWrittenDefects(selected, { packageDir: written.packageDir, seed, county: county.code, year }));

    const counts = model.counts();
    const stats: GenerateStats = {
      towns: layout.towns.length,
      villages: layout.towns.reduce((n, t) => n + t.villages.length, 0),
      groups: layout.slots.filter((s) => s.groupNo > 0).length,
      fbf: counts.FBF,
      households: countHouseholds(model),
      plots: counts.DK,
      boundaryPoints: counts.JZD,
      records: counts,
      defects: recorded.length,
    };
    const truth: GroundTruth = {
      generator: '@nyt2539/examples',
      formatVersion: 1,
      scale: opts.scale,
      seed: opts.seed,
      ...(opts.defectDensity ? { defectDensity: opts.defectDensity } : {}),
      county: { code: county.code, name: county.name, fullName: countyFullName(county) },
      year,
      package: rootName,
      stats,
      defects: recorded,
    };
    const groundTruthPath = join(outDir, 'ground-truth.json');
    writeFileAtomic(groundTruthPath, JSON.stringify(truth, null, 2) + '\n');
    return { packageDir: written.packageDir, groundTruthPath, stats };
  } finally {
    model.dispose();
    if (spillDir) rmSync(spillDir, { recursive: true, force: true });
  }
}

function packageData(model: CountyModel, layout: CountyLayout, year: number): PackageData {
  const county = layout.county;
  const units = (): PackageUnit[] => {
    const out: PackageUnit[] = [{ code: county.code, name: layout.fullName }];
    for (const t of layout.towns) {
      out.push({ code: t.code, name: t.fullName });
      for (const v of t.villages) {
        out.push({ code: v.code, name: v.fullName });
        for (const s of v.slots) if (s.groupNo > 0) out.push({ code: s.fbfbm, name: s.fullName });
      }
    }
    return out;
  };
  const jpeg = minimalJpeg();
  const tables: Record<string, () => Iterable<never>> = {};
  for (const [name, store] of model.tables) tables[name] = () => store.read() as Iterable<never>;
  const layers: Record<string, () => Iterable<never>> = {};
  for (const [name, store] of model.layers) layers[name] = () => store.read() as Iterable<never>;
  return {
    county: { code: county.code, name: county.name },
    year,
    units,
    crs: { datum: 'CGCS2000', zoneWidth: 3, zone: county.zone, variant: 'zone' },
    tables,
    layers,
    files: function* () {
      for (const f of model.files.read()) yield { path: f.path, bytes: f.kind === 'pdf' ? minimalPdf(f.text) : jpeg };
    },
    metadata: {
      title: `${layout.fullName}农村土地承包经营权数据库`,
      date: `${year}1231`,
      ending: `${year}1130`,
      dataEdition: '1.0',
      abstract: `${layout.fullName}农村土地承包经营权确权登记数据库（合成示例数据，人员与地名均为虚构），共14个图层，包括地块、界址点、界址线、控制点、区域界线、基本农田保护区等。`,
      rpOrgName: `${layout.fullName}农村土地承包经营权确权登记颁证工作领导小组办公室`,
      rpCnt: '示例联系人',
      voiceNum: '0562-0000000',
      cntAddress: `${layout.fullName}示例路1号`,
      cntCode: county.postcode,
      dqStatement: '数据经自检、互检和专检，符合NY/T 2539-2016要求。',
      dqLineage: '由确定性合成数据生成器生成，用于测试与演示。',
    },
  };
}

function countHouseholds(model: CountyModel): number {
  let n = 0;
  for (const r of model.tables.get('CBF')!.read()) if (r.CBFLX === '1') n++;
  return n;
}

/** Replace each defect's model index by its 1-based record number in the written file. */
function numberDefects(model: CountyModel, defects: DefectRecord[]): DefectRecord[] {
  const removedBefore = (name: string, index: number): number => {
    const store = model.tables.get(name) ?? model.layers.get(name);
    let n = 0;
    if (store) for (const [i, e] of store.edits) if (e === null && i < index) n++;
    return n;
  };
  return defects.map(({ index, ...d }) => {
    const name = d.table ?? d.layer;
    if (index === undefined || name === undefined) return d;
    const record = d.kind === 'record-removed' ? index + 1 : index + 1 - removedBefore(name, index);
    return { ...d, record };
  });
}

/** Package-relative file a table (the .mdb) or layer (its .dbf) is written to. */
function fileOf(tableOrLayer: string, county: string, year: number): string {
  if (physicalTables.some((t) => t.name === tableOrLayer)) return `${FOLDER.ownership}/${mdbFileName(county, year)}`;
  return `${FOLDER.vector}/${layerBaseName(tableOrLayer, county, year)}.dbf`;
}
