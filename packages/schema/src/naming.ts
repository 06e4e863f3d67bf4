import { getLayerTable, vectorLayerTables } from './features.js';
import type { Localized } from './i18n.js';
import type { SummaryTableId } from './summaryTables.js';
import type { Constraint } from './types.js';

/**
 * The county 汇交 package layout (NY/T 2539 §7 and package-layout.md §1): folders, file-name patterns,
 * the paths the 权属 tables store (DKSYT, QSLYZLFJ.FJ, KZD.DZJ), and `classifyPath` that names what a path is.
 * Paths given to and returned by this module are relative to the county folder (`220581梅河口市/`),
 * '/'-separated; `\` in input is accepted as a separator (Windows tools write it).
 */

// ---------- folders ----------

interface PackageFolderDef {
  /** path relative to the county folder, '/'-separated */
  readonly path: string;
  readonly constraint: Constraint;
  readonly title: Localized;
  /** why it is there and why M or O */
  readonly basis: string;
}

export const FOLDER = {
  vector: '矢量数据',
  ownership: '权属数据',
  summary: '汇总表格',
  other: '其他资料',
  maps: '图件',
  reports: '文字报告',
  raster: '栅格数据',
  metadata: '元数据',
  attachments: '其他资料/权属来源附件',
  controlPointSketches: '其他资料/点之记',
  rasterDom: '栅格数据/数字正射影像图',
  rasterDrg: '栅格数据/数字栅格地图',
  rasterOther: '栅格数据/其他栅格数据',
} as const;

/**
 * Top-level folders in the order SII's exporter creates them (`矢量数据,权属数据,汇总表格,其他资料,图件,文字报告,
 * 栅格数据`), then their sub-folders and the optional 元数据.
 */
export const packageFolders: readonly PackageFolderDef[] = [
  { path: FOLDER.vector, constraint: 'M', title: { zh: '矢量数据', en: 'vector data' }, basis: 'NY/T 2539 §7.2 a; required by SII-HJ' },
  { path: FOLDER.ownership, constraint: 'M', title: { zh: '权属数据', en: 'ownership data' }, basis: 'NY/T 2539 §7.3; required by SII-HJ' },
  {
    path: FOLDER.summary,
    constraint: 'M',
    title: { zh: '汇总表格', en: 'summary tables' },
    basis: 'Ministry 汇交 requirement (not in NY/T 2539); created by SII/YLT, required by SII-HJ (package-layout.md §1.2)',
  },
  {
    path: FOLDER.other,
    constraint: 'M',
    title: { zh: '其他资料', en: 'other materials' },
    basis: 'holds 权属来源附件 (QSLYZLFJ.FJ, B.7 M) and 点之记 (KZD.DZJ, A.1 M)',
  },
  { path: FOLDER.maps, constraint: 'M', title: { zh: '图件', en: 'maps' }, basis: 'holds 地块示意图 (CBJYQZDJB.DKSYT, B.8 M)' },
  {
    path: FOLDER.reports,
    constraint: 'O',
    title: { zh: '文字报告', en: 'reports' },
    basis: 'created by SII/YLT; contents not defined by NY/T 2539 and not required by any reader [unverified]',
  },
  {
    path: FOLDER.raster,
    constraint: 'O',
    title: { zh: '栅格数据', en: 'raster data' },
    basis: 'NY/T 2539 §7.2 b; 表2 SGSJ is O',
  },
  { path: FOLDER.attachments, constraint: 'M', title: { zh: '权属来源附件', en: 'title-source attachments' }, basis: 'NY/T 2539 B.7 note a' },
  { path: FOLDER.controlPointSketches, constraint: 'M', title: { zh: '点之记', en: 'control-point sketches' }, basis: 'NY/T 2539 A.1 note b' },
  { path: FOLDER.rasterDom, constraint: 'O', title: { zh: '数字正射影像图', en: 'orthophotos (DOM)' }, basis: 'NY/T 2539 §7.2 b' },
  { path: FOLDER.rasterDrg, constraint: 'O', title: { zh: '数字栅格地图', en: 'raster maps (DRG)' }, basis: 'NY/T 2539 §7.2 b' },
  { path: FOLDER.rasterOther, constraint: 'O', title: { zh: '其他栅格数据', en: 'other raster data' }, basis: 'NY/T 2539 §7.2 b' },
  {
    path: FOLDER.metadata,
    constraint: 'O',
    title: { zh: '元数据', en: 'metadata' },
    basis: 'NY/T 2539 §7.4 names it, but exporters and readers keep SL…xml in 矢量数据 (package-layout.md §1.2)',
  },
];

const folderByPath = new Map(packageFolders.map((f) => [f.path, f]));

// ---------- names ----------

/** The six 汇总表格 in the order package-layout.md §2.1 lists them. The one place these names are spelled. */
export const summaryTableNames = {
  byParcel: '按地块汇总表',
  byLandUse: '按承包地土地用途汇总表',
  byNonContractedCategory: '按非承包地地块类别汇总表',
  byBasicFarmland: '按承包地是否基本农田汇总表',
  byCertificate: '按权证信息汇总表',
  byContractor: '按承包方汇总表',
} as const satisfies Record<SummaryTableId, string>;

const summaryIdByName = new Map<string, SummaryTableId>(
  (Object.entries(summaryTableNames) as [SummaryTableId, string][]).map(([id, name]) => [name, id]),
);

/** Suffix of the 权属单位代码表 file name. */
export const UNIT_CODE_TABLE_SUFFIX = '权属单位代码表';

/** Prefix of the vector metadata file (SL<county6><year4>.xml). */
const VECTOR_METADATA_PREFIX = 'SL';

/** Prefix of a 地块示意图 file in 图件/<FBFBM>/. */
export const SKETCH_MAP_PREFIX = 'DKSYT';

/** Files of a shapefile set: the first four are required whenever the layer is there (package-layout.md §1.4). */
const shapefileExtensions = ['shp', 'shx', 'dbf', 'prj', 'cpg', 'sbn', 'sbx', 'shp.xml'] as const;
type ShapefileExtension = (typeof shapefileExtensions)[number];
export const requiredShapefileExtensions: readonly ShapefileExtension[] = ['shp', 'shx', 'dbf', 'prj'];

/** `<county6><county name>`, e.g. `220581梅河口市`. */
export function rootFolderName(county: string, countyName: string): string {
  return `${county}${countyName}`;
}

/**
 * County code and name from the county folder's name: 6 digits, then the name with no separator
 * (SII-HJ: "汇交资料文件根目录必须以6位县级区划代码开头"). Null when it is not shaped like that.
 */
export function parseRootFolderName(name: string): { county: string; countyName: string } | null {
  const m = /^(\d{6})(.+)$/.exec(name);
  if (!m || /^[\d\s_\-.]*$/.test(m[2]) || /^[\s_\-.]/.test(m[2])) return null;
  return { county: m[1], countyName: m[2] };
}

/**
 * A county-level name as 区划 names are written: Chinese characters (· in minority names) ending in the unit
 * (县, 区, 市, 旗, incl. 自治县/自治旗/林区/特区). `郊区_第二次` or `梅河口市(新)` is a folder someone renamed.
 */
const COUNTY_NAME = /^[\u3400-\u9fff·]+[县区市旗]$/u;

/**
 * The county code and name a root folder stands for, and whether the folder is named exactly so. A renamed
 * folder (`340711郊区_第二次`) still yields the county (`340711`, `郊区`): its leading Chinese name, when that is a
 * county-level name; the rules then report the one misnamed root rather than every file named after the county.
 */
export function countyOfRootFolder(name: string): { county: string; countyName: string; exact: boolean } | null {
  const parsed = parseRootFolderName(name);
  if (!parsed) return null;
  if (COUNTY_NAME.test(parsed.countyName)) return { ...parsed, exact: true };
  const lead = /^[\u3400-\u9fff·]+/u.exec(parsed.countyName)?.[0] ?? '';
  return { county: parsed.county, countyName: COUNTY_NAME.test(lead) ? lead : parsed.countyName, exact: false };
}

/**
 * Files Office and the operating systems leave behind, never part of the data: Office owner/lock files
 * (`~$表.xls`), Access lock files (`.ldb`, `.laccdb`), Windows thumbnail caches (`Thumbs.db`, `desktop.ini`), macOS
 * Finder data (`.DS_Store`, `._name` AppleDouble forks, the `__MACOSX/` folder a Finder zip adds).
 */
export function isJunkPath(path: string): boolean {
  const segments = path.split('/');
  if (segments.includes('__MACOSX')) return true;
  const name = segments[segments.length - 1];
  return /^~\$/.test(name) || /^\._/.test(name) || /\.(ldb|laccdb)$/i.test(name) || /^(thumbs\.db|desktop\.ini|\.ds_store)$/i.test(name);
}

/** `DK2205812016`, or `DK2205812016-2` for part 2 of a split layer. */
export function layerBaseName(layer: string, county: string, year: string | number, part?: number): string {
  return `${layer}${county}${year}${part === undefined ? '' : `-${part}`}`;
}

/** `2205812016.mdb` */
export function mdbFileName(county: string, year: string | number): string {
  return `${county}${year}.mdb`;
}

/** `2205812016权属单位代码表.xls` */
export function unitCodeTableFileName(county: string, year: string | number): string {
  return `${county}${year}${UNIT_CODE_TABLE_SUFFIX}.xls`;
}

/** `220581梅河口市按地块汇总表.xls` */
export function summaryTableFileName(county: string, countyName: string, table: SummaryTableId): string {
  return `${county}${countyName}${summaryTableNames[table]}.xls`;
}

/** `SL2205812016.xml` */
export function vectorMetadataFileName(county: string, year: string | number): string {
  return `${VECTOR_METADATA_PREFIX}${county}${year}.xml`;
}

// ---------- paths stored in the 权属 tables ----------

type FieldPathSeparator = '\\' | '/';

/**
 * CBJYQZDJB.DKSYT item: `图件\<FBFBM>\DKSYT<CBJYQZBM>.pdf`, or with a sequence number per page for jpg
 * (`…DKSYT<CBJYQZBM>1.jpg`), B.8 note b. The standard writes `\`.
 */
export function sketchMapPath(
  FBFBM: string,
  CBJYQZBM: string,
  options: { readonly extension?: 'pdf' | 'jpg'; readonly seq?: number; readonly separator?: FieldPathSeparator } = {},
): string {
  const sep = options.separator ?? '\\';
  const seq = options.seq === undefined ? '' : String(options.seq);
  return [FOLDER.maps, FBFBM, `${SKETCH_MAP_PREFIX}${CBJYQZBM}${seq}.${options.extension ?? 'pdf'}`].join(sep);
}

/** QSLYZLFJ.FJ item: `其他资料\权属来源附件\<ZLFJBH>.pdf` (B.7 note a). */
export function attachmentPath(ZLFJBH: string, extension: 'pdf' | 'jpg' = 'pdf', separator: FieldPathSeparator = '\\'): string {
  return [...FOLDER.attachments.split('/'), `${ZLFJBH}.${extension}`].join(separator);
}

/** KZD.DZJ: `其他资料\点之记\<KZDDH>.jpg` (A.1 note b). */
export function controlPointSketchPath(KZDDH: string, separator: FieldPathSeparator = '\\'): string {
  return [...FOLDER.controlPointSketches.split('/'), `${KZDDH}.jpg`].join(separator);
}

const FILE_EXTENSION = /\.[A-Za-z0-9]{2,4}$/;

/**
 * The relative paths in a DKSYT / FJ / DZJ value, '/'-separated and without a leading '/'. '/' both joins
 * list items and may separate path segments (coding-rules.md §3.6), so an item ends at the first segment
 * that carries a file extension: `图件/X/DKSYT…1.jpg/图件/X/DKSYT…2.jpg` is two items, as is
 * `图件\X\DKSYT…1.jpg/图件\X\DKSYT…2.jpg`. A trailing segment without an extension becomes its own item.
 */
export function splitFieldPaths(value: string | null | undefined): string[] {
  if (!value) return [];
  const items: string[] = [];
  let current: string[] = [];
  for (const raw of value.replace(/\\/g, '/').split('/')) {
    const segment = raw.trim();
    if (segment === '') continue;
    current.push(segment);
    if (FILE_EXTENSION.test(segment)) {
      items.push(current.join('/'));
      current = [];
    }
  }
  if (current.length > 0) items.push(current.join('/'));
  return items;
}

// ---------- classification ----------

export type PathKind =
  | 'layerFile'
  | 'mdb'
  | 'unitCodeTable'
  | 'summaryTable'
  | 'vectorMetadata'
  | 'sketchMap'
  | 'attachment'
  | 'controlPointSketch'
  | 'raster'
  | 'report'
  /** a free document where the layout allows them: sub-folders of 权属数据 (§7.3), 其他资料, other files in 图件 */
  | 'document'
  /** the bundle's `manifest.json` (written by `nyt2539 pack` at the county folder's top, outside the standard) */
  | 'bundleManifest'
  | 'folder'
  /** Office/OS leftovers (isJunkPath): lock files, thumbnail caches, Finder data — never data, never packed */
  | 'junk'
  | 'unknown';

export interface PathClass {
  readonly kind: PathKind;
  /** the path, normalised: '/'-separated, no leading or trailing '/' */
  readonly path: string;
  /** last path segment */
  readonly name: string;
  /** lower-case extension without the dot ('shp.xml' for shapefile metadata); '' for folders and bare names */
  readonly extension: string;
  /** layer table (表2), for layerFile */
  readonly layer?: string;
  /** 6-digit county code the name carries */
  readonly county?: string;
  /** 4-digit year the name carries */
  readonly year?: string;
  /** part number of a split layer (`DK2205812016-2.shp` → 2) */
  readonly part?: number;
  /** summary table id, for summaryTable */
  readonly summaryTable?: SummaryTableId;
  /** county name the summary table's file name carries */
  readonly countyName?: string;
  /** for sketchMap: the FBFBM folder, the CBJYQZBM and the page sequence (jpg) */
  readonly FBFBM?: string;
  readonly CBJYQZBM?: string;
  readonly seq?: number;
  /** attachment base name (资料附件编号) */
  readonly ZLFJBH?: string;
  /** control point number, for controlPointSketch */
  readonly KZDDH?: string;
  /** 栅格数据 sub-folder, for raster */
  readonly rasterFolder?: string;
  /** the standard folder, for folder */
  readonly folder?: PackageFolderDef;
  /** the name matched only ignoring letter case (e.g. `dk2205812016.SHP`) */
  readonly caseMismatch?: boolean;
  /** for unknown: what the name looks like, when it is a known name in the wrong place */
  readonly looksLike?: PathKind;
}

// Longest first, so ZJQY is tried before ZJ and XJXZQ before XJQY.
const LAYER_ALTERNATION = [...vectorLayerTables].sort((a, b) => b.length - a.length).join('|');
const LAYER_FILE = new RegExp(`^(${LAYER_ALTERNATION})(\\d{6})(\\d{4})(?:-(\\d+))?\\.(shp\\.xml|shp|shx|dbf|prj|cpg|sbn|sbx)$`, 'i');
const MDB_FILE = /^(\d{6})(\d{4})\.mdb$/i;
const UNIT_CODE_TABLE_FILE = new RegExp(`^(\\d{6})(\\d{4})${UNIT_CODE_TABLE_SUFFIX}\\.xls$`, 'i');
const SUMMARY_FILE = new RegExp(`^(\\d{6})(.+?)(${Object.values(summaryTableNames).join('|')})\\.xls$`, 'i');
const VECTOR_METADATA_FILE = new RegExp(`^${VECTOR_METADATA_PREFIX}(\\d{6})(\\d{4})\\.xml$`, 'i');
const FBFBM_FOLDER = /^\d{14}$/;
const SKETCH_MAP_FILE = new RegExp(`^${SKETCH_MAP_PREFIX}(\\d{18}[JQ])(\\d*)\\.(pdf|jpg)$`, 'i');
const ATTACHMENT_FILE = /^(.+)\.(pdf|jpg)$/i;
const CONTROL_POINT_SKETCH_FILE = /^(.+)\.(jpg)$/i;
const RASTER_FOLDERS: readonly string[] = [FOLDER.rasterDom, FOLDER.rasterDrg, FOLDER.rasterOther];

function normalise(relativePath: string): string[] {
  return relativePath
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
}

function extensionOf(name: string): string {
  if (/\.shp\.xml$/i.test(name)) return 'shp.xml';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

const caseSensitive = new Map<RegExp, RegExp>();

/** True when `re` (an /i pattern) matches `name` only case-insensitively. */
function onlyIgnoringCase(re: RegExp, name: string): boolean {
  let exact = caseSensitive.get(re);
  if (!exact) caseSensitive.set(re, (exact = new RegExp(re.source)));
  return !exact.test(name);
}

/**
 * The submission bundle's manifest: file list with SHA-256, placed at the top of the county folder so the zip
 * holds exactly one top-level folder. Not part of NY/T 2539, so it is recognised rather than reported as unexpected.
 */
export const BUNDLE_MANIFEST_FILE = 'manifest.json';

/** What a name would be wherever it is (used for files in the wrong folder). */
function fileKindByName(name: string): PathKind | undefined {
  if (LAYER_FILE.test(name)) return 'layerFile';
  if (MDB_FILE.test(name)) return 'mdb';
  if (UNIT_CODE_TABLE_FILE.test(name)) return 'unitCodeTable';
  if (SUMMARY_FILE.test(name)) return 'summaryTable';
  if (VECTOR_METADATA_FILE.test(name)) return 'vectorMetadata';
  if (SKETCH_MAP_FILE.test(name)) return 'sketchMap';
  return undefined;
}

/**
 * What a path inside a county package is, by folder and name (package-layout.md §1.3–1.4). `isDir` says
 * whether the path is a folder (the caller knows from the file system or the zip).
 */
export function classifyPath(relativePath: string, options: { readonly isDir?: boolean } = {}): PathClass {
  const segments = normalise(relativePath);
  const path = segments.join('/');
  const name = segments[segments.length - 1] ?? '';
  const dir = segments.slice(0, -1).join('/');
  const base = { path, name };

  if (isJunkPath(path)) return { ...base, kind: 'junk', extension: options.isDir ? '' : extensionOf(name) };
  if (options.isDir) {
    if (path === '') return { ...base, kind: 'folder', extension: '' }; // the county folder itself
    const folder = folderByPath.get(path);
    if (folder) return { ...base, kind: 'folder', extension: '', folder };
    if (segments.length === 2 && segments[0] === FOLDER.maps && FBFBM_FOLDER.test(name)) {
      return { ...base, kind: 'folder', extension: '', FBFBM: name };
    }
    if (isDocumentArea(segments.slice(0, -1)) || (segments.length >= 2 && segments[0] === FOLDER.ownership)) {
      return { ...base, kind: 'folder', extension: '' };
    }
    if (segments[0] === FOLDER.reports || RASTER_FOLDERS.some((r) => path.startsWith(`${r}/`))) {
      return { ...base, kind: 'folder', extension: '' };
    }
    return { ...base, kind: 'unknown', extension: '' };
  }

  const extension = extensionOf(name);
  const file = { ...base, extension };
  if (path === BUNDLE_MANIFEST_FILE) return { ...file, kind: 'bundleManifest' };
  const unknown = (): PathClass => {
    const looksLike = fileKindByName(name);
    return looksLike ? { ...file, kind: 'unknown', looksLike } : { ...file, kind: 'unknown' };
  };
  const caseOf = (re: RegExp) => (onlyIgnoringCase(re, name) ? { caseMismatch: true } : {});

  if (dir === FOLDER.vector) {
    const layer = LAYER_FILE.exec(name);
    if (layer) {
      const [, table, county, year, part] = layer;
      return {
        ...file,
        kind: 'layerFile',
        layer: table.toUpperCase(),
        county,
        year,
        ...(part === undefined ? {} : { part: Number(part) }),
        ...caseOf(LAYER_FILE),
      };
    }
  }
  if (dir === FOLDER.vector || dir === FOLDER.metadata) {
    const meta = VECTOR_METADATA_FILE.exec(name);
    if (meta) return { ...file, kind: 'vectorMetadata', county: meta[1], year: meta[2], ...caseOf(VECTOR_METADATA_FILE) };
  }
  if (dir === FOLDER.ownership) {
    const mdb = MDB_FILE.exec(name);
    if (mdb) return { ...file, kind: 'mdb', county: mdb[1], year: mdb[2], ...caseOf(MDB_FILE) };
    const unit = UNIT_CODE_TABLE_FILE.exec(name);
    if (unit) return { ...file, kind: 'unitCodeTable', county: unit[1], year: unit[2], ...caseOf(UNIT_CODE_TABLE_FILE) };
  }
  if (dir === FOLDER.summary) {
    const summary = SUMMARY_FILE.exec(name);
    if (summary) {
      return {
        ...file,
        kind: 'summaryTable',
        county: summary[1],
        countyName: summary[2],
        summaryTable: summaryIdByName.get(summary[3])!,
        ...caseOf(SUMMARY_FILE),
      };
    }
  }
  if (segments.length === 3 && segments[0] === FOLDER.maps && FBFBM_FOLDER.test(segments[1])) {
    const sketch = SKETCH_MAP_FILE.exec(name);
    if (sketch) {
      return {
        ...file,
        kind: 'sketchMap',
        FBFBM: segments[1],
        CBJYQZBM: sketch[1].toUpperCase(),
        ...(sketch[2] === '' ? {} : { seq: Number(sketch[2]) }),
        ...caseOf(SKETCH_MAP_FILE),
      };
    }
  }
  if (dir === FOLDER.attachments) {
    const attachment = ATTACHMENT_FILE.exec(name);
    if (attachment) return { ...file, kind: 'attachment', ZLFJBH: attachment[1] };
  }
  if (dir === FOLDER.controlPointSketches) {
    const sketch = CONTROL_POINT_SKETCH_FILE.exec(name);
    if (sketch) return { ...file, kind: 'controlPointSketch', KZDDH: sketch[1] };
  }
  const raster = RASTER_FOLDERS.find((r) => path.startsWith(`${r}/`));
  if (raster) return { ...file, kind: 'raster', rasterFolder: raster.split('/')[1] };
  if (segments.length >= 2 && segments[0] === FOLDER.reports) return { ...file, kind: 'report' };
  if (fileKindByName(name) === undefined && isDocumentArea(segments.slice(0, -1))) return { ...file, kind: 'document' };
  return unknown();
}

/** The folders where classifyPath places the files a reader opens — the only files it gives a year. */
const READER_FILE_FOLDERS: ReadonlySet<string> = new Set([FOLDER.vector, FOLDER.metadata, FOLDER.ownership, FOLDER.summary]);
/** What normalise would change: a backslash, an empty or '.' segment. */
const UNNORMAL_PATH = /\\|\/\/|^\/|\/$|(^|\/)\.(\/|$)/;

/**
 * False when classifyPath of the file at `relativePath` is certainly none of the kinds a reader opens (layerFile,
 * vectorMetadata, mdb, unitCodeTable, summaryTable) and carries no year: by its folder alone, so a caller that looks
 * only for those skips a county's ~450k attachments without classifying each.
 */
export function mayBeReaderFile(relativePath: string): boolean {
  if (UNNORMAL_PATH.test(relativePath)) relativePath = normalise(relativePath).join('/');
  return READER_FILE_FOLDERS.has(relativePath.slice(0, Math.max(0, relativePath.lastIndexOf('/'))));
}

/**
 * Folders where free documents may sit: sub-folders of 权属数据 (§7.3 "文档材料按照文件夹分类管理"), 其他资料
 * itself and sub-folders other than the two named ones, and 图件 (maps other than 地块示意图).
 */
function isDocumentArea(dirSegments: readonly string[]): boolean {
  const [top, second] = dirSegments;
  if (top === FOLDER.ownership) return dirSegments.length >= 2;
  if (top === FOLDER.maps) return true;
  if (top === FOLDER.other) {
    const sub = second === undefined ? undefined : `${top}/${second}`;
    return sub !== FOLDER.attachments && sub !== FOLDER.controlPointSketches;
  }
  return false;
}

// ---------- what a complete package holds ----------

export interface ExpectedEntry {
  readonly path: string;
  readonly kind: PathKind;
  readonly constraint: Constraint;
  readonly isDir: boolean;
  readonly layer?: string;
  readonly extension?: string;
  readonly summaryTable?: SummaryTableId;
  /**
   * A layer may be split into parts (`DK2205812016-1.shp` …): a layer file is present when this path or any
   * part of it is.
   */
  readonly splittable?: boolean;
}

/**
 * Every folder and fixed-name file of a county package, with M/O. Layer files list the four required
 * companions (.shp .shx .dbf .prj) of every 表2 vector layer, M or O as the layer. Per-record files
 * (sketch maps, attachments, 点之记) are checked against the table fields, not listed here.
 */
export function expectedFileNames(county: string, countyName: string, year: string | number): ExpectedEntry[] {
  const entries: ExpectedEntry[] = packageFolders.map((f) => ({ path: f.path, kind: 'folder', constraint: f.constraint, isDir: true }));
  for (const layer of vectorLayerTables) {
    const constraint = getLayerTable(layer)?.constraint ?? 'O';
    for (const extension of requiredShapefileExtensions) {
      entries.push({
        path: `${FOLDER.vector}/${layerBaseName(layer, county, year)}.${extension}`,
        kind: 'layerFile',
        constraint,
        isDir: false,
        layer,
        extension,
        splittable: true,
      });
    }
  }
  entries.push(
    { path: `${FOLDER.vector}/${vectorMetadataFileName(county, year)}`, kind: 'vectorMetadata', constraint: 'M', isDir: false, extension: 'xml' },
    { path: `${FOLDER.ownership}/${mdbFileName(county, year)}`, kind: 'mdb', constraint: 'M', isDir: false, extension: 'mdb' },
    { path: `${FOLDER.ownership}/${unitCodeTableFileName(county, year)}`, kind: 'unitCodeTable', constraint: 'M', isDir: false, extension: 'xls' },
  );
  for (const id of Object.keys(summaryTableNames) as SummaryTableId[]) {
    entries.push({
      path: `${FOLDER.summary}/${summaryTableFileName(county, countyName, id)}`,
      kind: 'summaryTable',
      constraint: 'M',
      isDir: false,
      extension: 'xls',
      summaryTable: id,
    });
  }
  return entries;
}
