import { create } from 'xmlbuilder2';
import {
  checkMetadataValue,
  localize,
  LocalizedError,
  METADATA_FIELD_ELEMENT,
  METADATA_ROOT,
  metadataSection,
  metadataValueMessages,
  type Lang,
  type Localized,
  type MetadataElementDef,
  type MetadataLayer,
  type MetadataSectionCode,
  writeFileAtomic,
} from '@nyt2539/schema';

/**
 * Writer for the vector-data metadata `SL<county6><year4>.xml` (NY/T 2539 附录D), with the element structure
 * of the real sample (see `@nyt2539/schema` metadata.ts): UTF-8 with BOM and an `utf-8` declaration as the
 * sample (.NET writes it so), two-space indentation, LF, every element of the structure present — optional
 * ones empty — so the document's element paths equal the sample's for the same layers.
 * Values are checked against Annex D (type, domain, M/O, max occurrences) before anything is written.
 */

export type MetadataValue = string | number | readonly (string | number)[] | undefined;

export interface VectorMetadataInput {
  /** D.1 by element code: title, date (YYYYMMDD), geoID, dataEdition, dataLang, idAbs, status, ending, … */
  readonly dataIdInfo: Readonly<Record<string, MetadataValue>>;
  /** D.2: coorRSID, centralMer (°), eastFAL and northFAL (km), coorFDKD */
  readonly refSysInfo: Readonly<Record<string, MetadataValue>>;
  /** D.3: one entry per layer; `standardMetadataLayers()` gives the 14 vector layers */
  readonly layers: readonly MetadataLayer[];
  /** D.4: dqStatement, dqLineage */
  readonly dqInfo: Readonly<Record<string, MetadataValue>>;
}

type MetadataWriteProblem = 'unknownElement' | 'tooMany' | 'noLayers' | 'emptyLayer' | keyof typeof metadataValueMessages;

const MESSAGES: Record<Exclude<MetadataWriteProblem, keyof typeof metadataValueMessages>, Localized> = {
  unknownElement: { zh: '附录D 没有此元素', en: 'Annex D has no such element' },
  tooMany: { zh: '最多出现 1 次，给出了 {value} 个值', en: 'may occur once, {value} values given' },
  noLayers: { zh: '至少需要一个图层', en: 'at least one layer is required' },
  emptyLayer: { zh: '图层缺少名称、要素类型名称或属性列表', en: 'layer lacks a name, feature type name or attribute list' },
};

/** An input value Annex D does not allow; located by file and element path (e.g. `Metadata/dataIdInfo/status`). */
export class MetadataWriteError extends LocalizedError {
  constructor(
    readonly problem: MetadataWriteProblem,
    override readonly file: string,
    readonly element: string,
    readonly details: { value?: unknown; domain?: string } = {},
  ) {
    const template = (metadataValueMessages as Record<string, Localized>)[problem] ?? MESSAGES[problem as keyof typeof MESSAGES];
    const text = (lang: Lang) => `${file}, ${element}: ${localize(template, lang, { value: String(details.value ?? ''), domain: details.domain ?? '' })}`;
    super({ zh: text('zh'), en: text('en') }, { code: `metadata-write-${problem}`, file });
    this.name = 'MetadataWriteError';
  }
}

function formatNumber(e: MetadataElementDef, raw: string | number): string {
  if (typeof raw === 'string') return raw.trim();
  return e.numberFormat === 'oneDecimal' && Number.isInteger(raw) ? raw.toFixed(1) : String(raw);
}

/** Values of one flat section in element order, validated. */
function sectionValues(file: string, code: MetadataSectionCode, input: Readonly<Record<string, MetadataValue>>): [MetadataElementDef, string[]][] {
  const section = metadataSection(code);
  const base = `${METADATA_ROOT}/${code}`;
  for (const key of Object.keys(input)) {
    if (!section.elements.some((e) => e.code === key || e.element === key)) throw new MetadataWriteError('unknownElement', file, `${base}/${key}`);
  }
  return section.elements.map((e) => {
    const raw = input[e.code] ?? input[e.element];
    const rawList = raw === undefined ? [] : Array.isArray(raw) ? (raw as readonly (string | number)[]) : [raw as string | number];
    const values = rawList.map((x) => (e.type === 'Number' ? formatNumber(e, x) : String(x)));
    const path = `${base}/${e.element}`;
    if (e.maxOccurs === 1 && values.length > 1) throw new MetadataWriteError('tooMany', file, path, { value: values.length });
    for (const v of values.length ? values : ['']) {
      const problem = checkMetadataValue(e, v);
      if (problem) throw new MetadataWriteError(problem.problem, file, path, { value: v, domain: problem.domain });
    }
    return [e, values];
  });
}

/** The XML text (with BOM) for `input`; `file` only locates errors. */
export function buildVectorMetadata(input: VectorMetadataInput, file = 'SL.xml'): string {
  const flat = {
    dataIdInfo: sectionValues(file, 'dataIdInfo', input.dataIdInfo),
    refSysInfo: sectionValues(file, 'refSysInfo', input.refSysInfo),
    dqInfo: sectionValues(file, 'dqInfo', input.dqInfo),
  };
  const cont = metadataSection('contInfo');
  const layerPath = `${METADATA_ROOT}/contInfo/${cont.group}`;
  if (input.layers.length === 0) throw new MetadataWriteError('noLayers', file, `${METADATA_ROOT}/contInfo`);
  input.layers.forEach((l, i) => {
    if (!l.layerName?.trim() || !l.catFetTyps?.trim() || l.fields.length === 0 || l.fields.some((f) => !String(f).trim())) {
      throw new MetadataWriteError('emptyLayer', file, `${layerPath}[${i + 1}]`, { value: l.layerName });
    }
  });

  const root = create({ version: '1.0', encoding: 'utf-8' }).ele(METADATA_ROOT);
  const writeFlat = (code: 'dataIdInfo' | 'refSysInfo' | 'dqInfo'): void => {
    const section = root.ele(code);
    for (const [e, values] of flat[code]) for (const v of values.length ? values : ['']) section.ele(e.element).txt(v);
  };
  writeFlat('dataIdInfo');
  writeFlat('refSysInfo');
  const contInfo = root.ele('contInfo');
  for (const l of input.layers) {
    const layer = contInfo.ele(cont.group!);
    for (const e of cont.elements) {
      if (e.code === 'layName') layer.ele(e.element).txt(l.layerName);
      else if (e.code === 'catFetTyps') layer.ele(e.element).txt(l.catFetTyps);
      else if (e.code === 'attrTypList') {
        const list = layer.ele(e.element);
        for (const f of l.fields) list.ele(METADATA_FIELD_ELEMENT).txt(f);
      } else layer.ele(e.element).txt(l.capacity ?? '');
    }
  }
  writeFlat('dqInfo');
  // .NET's XmlDocument (SII) writes a BOM, LF line ends and no final newline; so does the sample
  return `\uFEFF${root.end({ prettyPrint: true, indent: '  ', newline: '\n' })}`;
}

/** Write `SL<county6><year4>.xml` to `path` (atomic, deterministic). */
export function writeVectorMetadata(path: string, input: VectorMetadataInput): void {
  writeFileAtomic(path, Buffer.from(buildVectorMetadata(input, path), 'utf8'));
}
