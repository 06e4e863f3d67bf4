import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MetadataReadError, parsePrj, readRegularFile, readVectorMetadata, type CrsInfo, type VectorMetadataRead } from '@nyt2539/checker';
import { FOLDER, metadataSection, vectorLayerTables, vectorMetadataFileName, type Localized, type MetadataLayer } from '@nyt2539/schema';
import { buildVectorMetadata, MetadataWriteError, type MetadataValue, type VectorMetadataInput } from '../metadata/vectorMetadata.js';
import { metadataLayers, refSysInfoOf } from '../package/metadata.js';
import type { FixChange, FixRefusal } from './fix.js';

interface MetadataFix {
  readonly changes: FixChange[];
  readonly notFixed: FixRefusal[];
  /** the new document (UTF-8 with BOM, the package writer's bytes) when something is to be rewritten */
  readonly xml?: string;
  readonly rel: string;
}

const cause = {
  unreadable: {
    zh: '元数据文件无法读取或不是附录D 的结构：fix 不重写它（其余元素需人工填写），请先修复文件后重新检查',
    en: 'the metadata file cannot be read or does not have the Annex D structure: fix does not rewrite it (its other elements are a person\'s to supply); repair it and re-check',
  },
  foreign: {
    zh: '元数据含有附录D 以外的元素或缺少整节：按数据重写会丢弃或编造内容，请人工核对后重新检查',
    en: 'the metadata carries elements outside Annex D or lacks a whole section: rewriting it from the data would drop or invent content; check it by hand and re-check',
  },
  crsDisagree: {
    zh: '各图层 .prj 的坐标系互不一致：无法确定元数据应写的坐标系，请先统一各图层坐标系',
    en: 'the layers\' .prj files disagree with each other: the metadata\'s reference system cannot be determined; make the layers agree first',
  },
  invalid: {
    zh: '元数据中有需人工改正的取值：{reason}。fix 不改写这些元素，改正后再运行 fix',
    en: 'the metadata has values a person must correct: {reason}. fix does not rewrite them; correct them and run fix again',
  },
} satisfies Record<string, Localized>;

/** Layers delivered in 矢量数据: `<layer><county><year>[-n].shp` of the 14 vector layers. */
function deliveredLayers(root: string, county: string, year: string): string[] {
  const dir = join(root, FOLDER.vector);
  if (!existsSync(dir)) return [];
  const pattern = new RegExp(`^([A-Z]+)${county}${year}(?:-\\d+)?\\.shp$`, 'i');
  const found = new Set<string>();
  for (const name of readdirSync(dir)) {
    const m = pattern.exec(name);
    const layer = m && vectorLayerTables.find((t) => t.toUpperCase() === m[1]!.toUpperCase());
    if (layer) found.add(layer);
  }
  return vectorLayerTables.filter((t) => found.has(t));
}

/** The one reference system of the delivered layers' .prj files; undefined when none or when they disagree. */
function layersCrs(root: string, county: string, year: string): { crs?: CrsInfo; disagree: boolean } {
  const dir = join(root, FOLDER.vector);
  if (!existsSync(dir)) return { disagree: false };
  const pattern = new RegExp(`^[A-Z]+${county}${year}(?:-\\d+)?\\.prj$`, 'i');
  let first: CrsInfo | undefined;
  let firstKey: string | undefined;
  for (const name of readdirSync(dir).filter((n) => pattern.test(n)).sort()) {
    const crs = parsePrj(readRegularFile(join(dir, name), 16 * 1024, true).toString('utf8').replace(/^\uFEFF/, ''));
    if (crs.datum === 'unknown' || crs.centralMeridian === null) continue;
    const key = JSON.stringify(refSysInfoOf(crs));
    if (firstKey === undefined) {
      first = crs;
      firstKey = key;
    } else if (key !== firstKey) return { disagree: true };
  }
  return first ? { crs: first, disagree: false } : { disagree: false };
}

const numeric = (s: string | undefined): number | undefined => (s !== undefined && s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : undefined);

/** Whether the written value already says what the data says (the metadata rules' own tolerance: km or m). */
function agrees(code: string, written: string | undefined, derived: MetadataValue): boolean {
  if (derived === undefined) return true;
  if (written === undefined || written.trim() === '') return false;
  if (code === 'coorRSID' || code === 'coorFDKD' || code === 'geoID') return written.trim() === String(derived);
  const v = numeric(written);
  const d = Number(derived);
  if (v === undefined) return false;
  if (code === 'eastFAL' || code === 'northFAL') return Math.abs(v - d) <= 1e-6 || Math.abs(v - d * 1000) <= 1e-3;
  return Math.abs(v - d) <= 1e-6;
}

function flatValues(read: VectorMetadataRead, section: 'dataIdInfo' | 'refSysInfo' | 'dqInfo'): Record<string, MetadataValue> {
  const out: Record<string, MetadataValue> = {};
  for (const e of metadataSection(section).elements) {
    const values = read.elements[`${section}/${e.code}`];
    if (values && values.length > 0) out[e.code] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/**
 * The vector metadata SL<county><year>.xml with what the data determines set from the data: geoID = the county
 * code, refSysInfo from the layers' .prj (through `refSysInfoOf`, the package writer's derivation), and every
 * delivered layer listed in contInfo (its standard entry, in the standard order). Everything else — title, dates,
 * contacts, abstracts, quality statements — is a person's and is kept as written. The document is rebuilt by the
 * package writer's `buildVectorMetadata` only when a derived element differs.
 */
export function fixVectorMetadata(root: string, county: string, year: string): MetadataFix {
  const rel = `${FOLDER.vector}/${vectorMetadataFileName(county, year)}`;
  const path = join(root, rel);
  const changes: FixChange[] = [];
  const notFixed: FixRefusal[] = [];
  const none = { changes, notFixed, rel };
  if (!existsSync(path)) return none;
  const refuse = (field: string, actual: string | null, expected: string | null, rule: string, why: Localized): void => {
    notFixed.push({ file: rel, table: 'SL…xml', key: '', field, actual, expected, rule, cause: why });
  };
  let read: VectorMetadataRead;
  try {
    read = readVectorMetadata(path);
  } catch (err) {
    if (!(err instanceof MetadataReadError)) throw err;
    refuse('', null, null, 'metadata/reader-metadata', cause.unreadable);
    return none;
  }

  const dataIdInfo = flatValues(read, 'dataIdInfo');
  const refSysInfo = flatValues(read, 'refSysInfo');
  const wanted: { section: 'dataIdInfo' | 'refSysInfo'; code: string; value: MetadataValue; rule: string }[] = [];
  if (!agrees('geoID', read.elements['dataIdInfo/geoID']?.[0], county)) wanted.push({ section: 'dataIdInfo', code: 'geoID', value: county, rule: 'metadata/values' });
  const { crs, disagree } = layersCrs(root, county, year);
  if (disagree) refuse('refSysInfo', null, null, 'metadata/crs', cause.crsDisagree);
  if (crs) {
    for (const [code, value] of Object.entries(refSysInfoOf(crs))) {
      if (!agrees(code, read.elements[`refSysInfo/${code}`]?.[0], value)) wanted.push({ section: 'refSysInfo', code, value, rule: 'metadata/crs' });
    }
  }
  const standard = metadataLayers();
  const listed = new Set(read.layerDetails.map((l) => l.layerName.trim()));
  const missing = deliveredLayers(root, county, year).filter((l) => !listed.has(l));
  if (wanted.length === 0 && missing.length === 0) return none;

  const describe = (v: MetadataValue): string | null => (v === undefined ? null : Array.isArray(v) ? v.join('；') : String(v));
  const logChange = (field: string, before: string | null, after: string | null, rule: string): void => {
    changes.push({ file: rel, table: 'SL…xml', key: '', field, before, after, rule });
  };
  const structural = read.issues.filter((i) => ['metadata-element-unknown', 'metadata-root', 'metadata-section-missing'].includes(i.code));
  if (structural.length > 0) {
    for (const w of wanted) refuse(`${w.section}/${w.code}`, describe(read.elements[`${w.section}/${w.code}`]), describe(w.value), w.rule, cause.foreign);
    for (const l of missing) refuse('contInfo/layer', null, l, 'metadata/layers', cause.foreign);
    return none;
  }

  for (const w of wanted) (w.section === 'dataIdInfo' ? dataIdInfo : refSysInfo)[w.code] = w.value;
  const layers: MetadataLayer[] = read.layerDetails.map((l) => ({ layerName: l.layerName, catFetTyps: l.catFetTyps, fields: l.fields, capacity: l.capacity ?? '' }));
  const rank = (name: string): number => {
    const i = standard.findIndex((s) => s.layerName === name);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  for (const name of missing) {
    const at = layers.findIndex((l) => rank(l.layerName.trim()) > rank(name));
    layers.splice(at < 0 ? layers.length : at, 0, standard.find((s) => s.layerName === name)!);
  }
  const input: VectorMetadataInput = { dataIdInfo, refSysInfo, layers, dqInfo: flatValues(read, 'dqInfo') };
  let xml: string;
  try {
    xml = buildVectorMetadata(input, rel);
  } catch (err) {
    if (!(err instanceof MetadataWriteError)) throw err;
    const reason = err.text;
    const why = { zh: cause.invalid.zh.replace('{reason}', reason.zh), en: cause.invalid.en.replace('{reason}', reason.en) };
    for (const w of wanted) refuse(`${w.section}/${w.code}`, describe(read.elements[`${w.section}/${w.code}`]), describe(w.value), w.rule, why);
    for (const l of missing) refuse('contInfo/layer', null, l, 'metadata/layers', why);
    return none;
  }
  for (const w of wanted) logChange(`${w.section}/${w.code}`, describe(read.elements[`${w.section}/${w.code}`]), describe(w.value), w.rule);
  for (const l of missing) logChange('contInfo/layer', null, l, 'metadata/layers');
  return { changes, notFixed, rel, xml };
}
