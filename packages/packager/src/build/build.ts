import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { coordinateTransform, type CrsInfo } from '@nyt2539/checker';
import { atomicTarget, FOLDER, getLayerTable, type Lang, LocalizedError, replacePath, rootFolderName } from '@nyt2539/schema';
import { writePackage } from '../package/writePackage.js';
import type { Feature, PackageCrs, PackageData, PackageMetadata, PackageUnit, Row } from '../package/types.js';
import { coordinateFields, Ingest, IssueLog, reproject, type BuildIssue } from './ingest.js';
import { carriedFiles, readFolderSource, readPackageSource } from './folder.js';
import { isSqliteFile, readGeoPackage } from './gpkg.js';
import type { SourceFacts, SourceKind } from './source.js';
import { Staging } from './staging.js';

export interface BuildOptions {
  /** folder the package `<county6><name>/` is written into */
  readonly out: string;
  readonly county?: string;
  readonly name?: string;
  readonly year?: number;
  /** target CRS (`EPSG:4527`, `4527`): the only way the build reprojects */
  readonly crs?: string;
  /** a folder whose 其他资料/, 栅格数据/ and 图件/ files are carried into the package, for a GeoPackage source */
  readonly files?: string;
  readonly lang?: Lang;
  /** called after the package is laid out in its temporary folder and before it is moved into place */
  readonly finish?: (packageDir: string, staging: Staging, data: PackageData, transform?: (x: number, y: number) => [number, number]) => Promise<void>;
  readonly onIssue?: (issue: BuildIssue) => void;
}

export interface BuildResult {
  readonly packageDir: string;
  readonly source: SourceKind;
  readonly encodings: SourceFacts['encodings'];
  /** issues reported (row violations, ignored columns); structural errors throw BuildError instead */
  readonly issues: readonly BuildIssue[];
  readonly warnings: number;
  readonly records: Readonly<Record<string, number>>;
  readonly reprojected: boolean;
}

/** The source has structural errors: the build stopped and wrote nothing. */
export class BuildError extends LocalizedError {
  constructor(
    readonly issues: readonly BuildIssue[],
    readonly total: number,
  ) {
    const first = issues[0];
    const where = first ? [first.file, first.table, first.row !== undefined ? `#${first.row}` : undefined, first.field].filter(Boolean).join(' ') : '';
    super(
      {
        zh: `数据源有 ${total} 处结构性错误，未生成任何文件；首个：${where} ${first?.message.zh ?? ''}`,
        en: `the source has ${total} structural errors; nothing was written; first: ${where} ${first?.message.en ?? ''}`,
      },
      { code: 'build-source', ...(first ? { file: first.file } : {}) },
    );
  }
}

export function detectSourceKind(path: string): SourceKind {
  const st = statSync(path);
  if (st.isFile()) {
    const head = Buffer.alloc(16);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
    if (isSqliteFile(head)) return 'geopackage';
    throw new LocalizedError({ zh: `${path} 不是 GeoPackage，也不是文件夹`, en: `${path} is neither a GeoPackage nor a folder` }, { code: 'build-source-kind', file: path });
  }
  const ownership = join(path, ...FOLDER.ownership.split('/'));
  return existsSync(ownership) && statSync(ownership).isDirectory() ? 'package' : 'folder';
}

/**
 * Build a complete 汇交 package from working data (GeoPackage, CSV/XLSX + shapefile/GeoJSON folder, or an
 * existing package): every row converted, validated and staged in canonical order, derived content computed by
 * writePackage (the checker's computeSummaries), then `finish` (sketch maps, check, reports) — all in a
 * temporary folder that replaces `<out>/<county6><name>` only when complete. Structural source errors throw
 * BuildError before anything is written.
 */
export async function buildPackage(source: string, options: BuildOptions): Promise<BuildResult> {
  const input = resolve(source);
  if (!existsSync(input)) throw new LocalizedError({ zh: `找不到数据源：${input}`, en: `source not found: ${input}` }, { code: 'build-source-missing', file: input });
  const kind = detectSourceKind(input);
  const { staging, facts, log, dispose } = await stageSource(input, kind, options.files);
  try {
    for (const i of log.issues) options.onIssue?.(i);
    if (log.errors > 0) throw new BuildError(log.issues.filter((i) => i.severity === 'error'), log.errors);

    const code = options.county ?? facts.county?.code;
    const name = options.name ?? facts.county?.name;
    const year = options.year ?? facts.year;
    if (!code || !/^\d{6}$/.test(code) || !name || !year) {
      throw new LocalizedError(
        { zh: '数据源未给出县级代码、县名与年份：请用 --county、--name、--year 指定', en: 'the source does not state the county code, name and year: give --county, --name and --year' },
        { code: 'build-county' },
      );
    }
    if (facts.units.length === 0) {
      throw new LocalizedError({ zh: '数据源没有权属单位代码表（QSDWDMB：权属单位代码、权属单位名称）', en: 'the source has no 权属单位代码表 (QSDWDMB: 权属单位代码, 权属单位名称)' }, { code: 'build-units' });
    }
    const { crs, transform } = resolveCrs(facts.crs, options.crs);
    const metadata = packageMetadata(facts.metadata);

    const records: Record<string, number> = {};
    for (const t of staging.tables()) records[t] = staging.count(t);
    const data: PackageData = {
      county: { code, name },
      year,
      units: () => facts.units as PackageUnit[],
      crs,
      tables: Object.fromEntries(staging.tables().filter((t) => !getLayerTable(t)).map((t) => [t, () => staging.rows(t)])),
      layers: Object.fromEntries(
        staging.tables().filter((t) => getLayerTable(t)).map((t) => [t, () => (transform ? reprojected(t, staging.features(t), transform) : staging.features(t))]),
      ),
      files: function* () {
        for (const f of facts.files) yield { path: f.path, bytes: readFileSync(f.abs) };
      },
      metadata,
    };

    const rootName = rootFolderName(code, name);
    const outDir = resolve(options.out);
    mkdirSync(outDir, { recursive: true });
    const finalDir = join(outDir, rootName);
    // the whole package (sketch maps and reports included) is made in a temporary folder and moved into place
    // at the end; the check needs the real root name, so the package sits one level down in the temporary one
    const scratch = atomicTarget(join(outDir, `.${rootName}.build`));
    try {
      mkdirSync(scratch.tmp, { recursive: true });
      const { packageDir } = await writePackage(data, scratch.tmp);
      await options.finish?.(packageDir, staging, data, transform);
      replacePath(packageDir, finalDir);
    } finally {
      scratch.abort();
    }
    return {
      packageDir: finalDir,
      source: kind,
      encodings: facts.encodings,
      issues: log.issues,
      warnings: log.warnings,
      records,
      reprojected: transform !== undefined,
    };
  } finally {
    dispose();
  }
}

export interface StagedSource {
  readonly staging: Staging;
  readonly facts: SourceFacts;
  readonly log: IssueLog;
  /** close and delete the staging store */
  dispose(): void;
}

/** Read a source into a fresh staging store (under the system temp folder), with its issue log. */
export async function stageSource(input: string, kind: SourceKind = detectSourceKind(input), files?: string, deriveFields = true): Promise<StagedSource> {
  const work = mkdtempSync(join(tmpdir(), 'nyt2539-build-'));
  const staging = new Staging(join(work, 'staging.sqlite'));
  const dispose = (): void => {
    staging.close();
    rmSync(work, { recursive: true, force: true });
  };
  const log = new IssueLog();
  const ingest = new Ingest(staging, log, deriveFields);
  const sink = {
    log,
    add: (table: string, raw: Readonly<Record<string, unknown>>, origin: { file: string; row: number }, geometry?: Feature['geometry']) => ingest.add(table, raw, origin, geometry),
  };
  try {
    let facts: SourceFacts;
    if (kind === 'geopackage') facts = { ...readGeoPackage(input, sink), files: files ? carriedFiles(resolve(files)) : [] };
    else if (kind === 'package') facts = await readPackageSource(input, sink);
    else facts = await readFolderSource(input, sink);
    staging.seal();
    return { staging, facts, log, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

function* reprojected(layer: string, features: Iterable<Feature>, t: (x: number, y: number) => [number, number]): Generator<Feature> {
  for (const f of features) {
    const geometry = f.geometry ? reproject(f.geometry, t) : null;
    const attributes: Record<string, Row[string]> = { ...f.attributes };
    coordinateFields(layer, attributes, geometry);
    yield { geometry, attributes };
  }
}

/** `EPSG:4527`, `epsg:4548`, `4527` → a CGCS2000 3° Gauss–Krüger package CRS. */
export function parseTargetCrs(text: string): PackageCrs {
  const m = /^(?:EPSG:)?(\d{4,5})$/i.exec(text.trim());
  const epsg = m ? Number(m[1]) : NaN;
  if (epsg >= 4513 && epsg <= 4533) return { datum: 'CGCS2000', zoneWidth: 3, zone: epsg - 4488, variant: 'zone' };
  if (epsg >= 4534 && epsg <= 4554) return { datum: 'CGCS2000', zoneWidth: 3, zone: 25 + (epsg - 4534), variant: 'cm' };
  throw new LocalizedError(
    { zh: `--crs ${text}：需要 CGCS2000 3° 高斯-克吕格投影的 EPSG 代码（4513–4554）`, en: `--crs ${text}: give the EPSG code of a CGCS2000 3° Gauss–Krüger CRS (4513–4554)` },
    { code: 'build-crs-option' },
  );
}

function packageCrsOf(info: CrsInfo): PackageCrs | undefined {
  if (info.epsg !== null && info.epsg >= 4513 && info.epsg <= 4554) return parseTargetCrs(String(info.epsg));
  if (info.datum === 'CGCS2000' && info.projected && info.zoneWidth === 3 && info.zone !== null && info.variant !== null) {
    return { datum: 'CGCS2000', zoneWidth: 3, zone: info.zone, variant: info.variant };
  }
  return undefined;
}

function projOf(c: PackageCrs): string {
  const x0 = c.variant === 'zone' ? c.zone * 1_000_000 + 500_000 : 500_000;
  return `+proj=tmerc +lat_0=0 +lon_0=${c.zone * 3} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

function sameCrs(a: PackageCrs, b: PackageCrs): boolean {
  return a.zone === b.zone && a.variant === b.variant;
}

/** The package CRS: the source's when it is CGCS2000 3° GK; with --crs, the target (reprojecting when different). */
function resolveCrs(src: SourceFacts['crs'], option: string | undefined): { crs: PackageCrs; transform?: (x: number, y: number) => [number, number] } {
  const from = src ? packageCrsOf(src.info) : undefined;
  if (option === undefined) {
    if (from) return { crs: from };
    throw new LocalizedError(
      {
        zh: `图层坐标系不是 CGCS2000 3° 高斯-克吕格投影（${src ? `${src.file}: ${src.info.name ?? src.text.slice(0, 60)}` : '未声明'}）：构建不会自动重投影，请用 --crs EPSG:<4513–4554> 指定目标坐标系`,
        en: `the layers are not in a CGCS2000 3° Gauss–Krüger CRS (${src ? `${src.file}: ${src.info.name ?? src.text.slice(0, 60)}` : 'none declared'}): the build never reprojects silently; give --crs EPSG:<4513–4554>`,
      },
      { code: 'build-crs', ...(src ? { file: src.file } : {}) },
    );
  }
  const target = parseTargetCrs(option);
  if (from && sameCrs(from, target)) return { crs: target };
  if (!src) {
    throw new LocalizedError({ zh: '图层没有声明坐标系，无法重投影到 --crs', en: 'the layers declare no CRS; cannot reproject to --crs' }, { code: 'build-crs' });
  }
  const fromDef = from ? projOf(from) : src.info.epsg === 4326 || src.text === 'EPSG:4326' ? 'EPSG:4326' : src.text;
  try {
    return { crs: target, transform: coordinateTransform(fromDef, projOf(target)) };
  } catch (e) {
    throw new LocalizedError({ zh: `无法解析数据源坐标系 ${src.file}：${(e as Error).message}`, en: `cannot use the source CRS of ${src.file}: ${(e as Error).message}` }, { code: 'build-crs', file: src.file });
  }
}

const METADATA_KEYS: readonly [keyof PackageMetadata, string, boolean][] = [
  ['title', 'title', false],
  ['date', 'date', true],
  ['ending', 'ending', true],
  ['dataEdition', 'dataEdition', false],
  ['abstract', 'idAbs', true],
  ['rpOrgName', 'rpOrgName', true],
  ['rpCnt', 'rpCnt', true],
  ['voiceNum', 'voiceNum', true],
  ['cntAddress', 'cntAddress', true],
  ['cntCode', 'cntCode', true],
  ['dqStatement', 'dqStatement', true],
  ['dqLineage', 'dqLineage', true],
];

/** Annex D values by element code; the mandatory ones must be in the source (METADATA table or the SL…xml). */
function packageMetadata(values: Readonly<Record<string, string>>): PackageMetadata {
  const missing = METADATA_KEYS.filter(([, key, required]) => required && !values[key]?.trim()).map(([, key]) => key);
  if (missing.length) {
    throw new LocalizedError(
      { zh: `数据源缺少元数据项（METADATA 表 key/value）：${missing.join('、')}`, en: `the source lacks metadata values (METADATA key/value): ${missing.join(', ')}` },
      { code: 'build-metadata' },
    );
  }
  const out: Record<string, string> = {};
  for (const [prop, key] of METADATA_KEYS) if (values[key]?.trim()) out[prop] = values[key]!.trim();
  return out as unknown as PackageMetadata;
}
