/**
 * What a .prj says about the coordinate system, in the terms the standard uses (§D.2: CGCS2000 or 1980 西安,
 * 3° or 1.5° Gauss-Krüger zones). Accepts ESRI WKT (`PROJECTION["Gauss_Kruger"]`, names like
 * `CGCS2000_3_Degree_GK_Zone_39`) and OGC WKT1 (`Transverse_Mercator`, `AUTHORITY["EPSG","4527"]`).
 * Never throws: unreadable text gives datum 'unknown' and a problem.
 *
 * EPSG codes for CGCS2000 Gauss-Krüger (checked against gdalsrsinfo, npm-notes §2.7):
 * 3° zone n (25…45) = 4513 + (n−25), 3° CM (75…135°E) = 4534 + (CM−75)/3,
 * 6° zone n (13…23) = 4491 + (n−13), 6° CM = 4502 + (n−13); geographic CGCS2000 = 4490.
 */
import { cgcs2000Epsg, cgcs2000Parameters, type Localized } from '@nyt2539/schema';

type Datum = 'CGCS2000' | 'Xian80' | 'Beijing54' | 'WGS84' | 'unknown';

export interface CrsInfo {
  readonly datum: Datum;
  readonly projected: boolean;
  /** projection as written ('Gauss_Kruger', 'Transverse_Mercator', …), null for geographic or unreadable */
  readonly projection: string | null;
  readonly zoneWidth: 3 | 6 | 1.5 | null;
  readonly zone: number | null;
  readonly centralMeridian: number | null;
  readonly falseEasting: number | null;
  readonly falseNorthing: number | null;
  readonly scaleFactor: number | null;
  readonly latitudeOfOrigin: number | null;
  /** 'zone' = false easting carries the zone number (39 500 000), 'cm' = 500 000 */
  readonly variant: 'zone' | 'cm' | null;
  /** the root AUTHORITY code when present, else derived for CGCS2000 from the parameters */
  readonly epsg: number | null;
  /** the root name, e.g. `CGCS2000_3_Degree_GK_Zone_39` */
  readonly name: string | null;
  /** why parts could not be determined */
  readonly problems: readonly Localized[];
  /** parameters whose numbers contradict the system the .prj names (its name or its EPSG code) */
  readonly contradictions: readonly PrjContradiction[];
}

/** A .prj parameter whose value is not what the named system has (`…GK_Zone_39` with Central_Meridian 120). */
interface PrjContradiction {
  /** the parameter as ESRI WKT names it */
  readonly param: 'Central_Meridian' | 'False_Easting' | 'False_Northing' | 'Scale_Factor' | 'Latitude_Of_Origin';
  /** what names the system: the root name, or `EPSG:4527` */
  readonly named: string;
  readonly expected: number;
  readonly actual: number;
}

type WktValue = string | number | WktNode;
interface WktNode {
  readonly keyword: string;
  readonly values: WktValue[];
}

export function parsePrj(text: string): CrsInfo {
  const problems: Localized[] = [];
  const root = parseWkt(text.replace(/^\uFEFF/, '').trim());
  if (typeof root === 'string') {
    problems.push({ zh: `无法解析坐标系定义：${root}`, en: `Cannot parse the coordinate system definition: ${root}` });
    return unknownCrs(problems);
  }
  const keyword = root.keyword.toUpperCase();
  const projected = keyword === 'PROJCS' || keyword === 'PROJCRS';
  const geog = projected ? (child(root, 'GEOGCS') ?? child(root, 'BASEGEOGCRS') ?? child(root, 'GEOGCRS')) : root;
  const name = nameOf(root);
  const datumNode = geog ? (child(geog, 'DATUM') ?? child(geog, 'TRF')) : undefined;
  const datum = classifyDatum([datumNode && nameOf(datumNode), geog && nameOf(geog), name].filter((s): s is string => !!s));
  if (datum === 'unknown') problems.push({ zh: '无法识别大地基准', en: 'The geodetic datum is not recognised' });

  const projectionNode = child(root, 'PROJECTION') ?? child(child(root, 'CONVERSION') ?? root, 'METHOD');
  const projection = projected && projectionNode ? nameOf(projectionNode) : null;
  const params = new Map<string, number>();
  for (const node of [...children(root, 'PARAMETER'), ...children(child(root, 'CONVERSION') ?? root, 'PARAMETER')]) {
    const [n, v] = node.values;
    if (typeof n === 'string' && typeof v === 'number') params.set(n.toLowerCase().replace(/[\s-]+/g, '_'), v);
  }
  const centralMeridian = projected ? (param(params, 'central_meridian', 'longitude_of_natural_origin', 'longitude_of_center') ?? null) : null;
  const falseEasting = projected ? (param(params, 'false_easting') ?? null) : null;
  const falseNorthing = projected ? (param(params, 'false_northing') ?? null) : null;
  const scaleFactor = projected ? (param(params, 'scale_factor', 'scale_factor_at_natural_origin') ?? null) : null;
  const latitudeOfOrigin = projected ? (param(params, 'latitude_of_origin', 'latitude_of_natural_origin') ?? null) : null;
  if (projected && (centralMeridian === null || falseEasting === null)) {
    problems.push({ zh: '缺少中央经线或东偏移参数', en: 'Central meridian or false easting parameter missing' });
  }

  const variant = falseEasting === null ? null : falseEasting === 500000 ? 'cm' : falseEasting > 1e6 && (falseEasting - 500000) % 1e6 === 0 ? 'zone' : null;
  const prefix = variant === 'zone' && falseEasting !== null ? (falseEasting - 500000) / 1e6 : null;
  const zoneWidth = projected ? inferZoneWidth(name, centralMeridian, prefix) : null;
  let zone: number | null = null;
  if (centralMeridian !== null && zoneWidth === 3 && Number.isInteger(centralMeridian / 3)) zone = centralMeridian / 3;
  if (centralMeridian !== null && zoneWidth === 6 && Number.isInteger((centralMeridian + 3) / 6)) zone = (centralMeridian + 3) / 6;
  if (prefix !== null && zone !== null && prefix !== zone) {
    problems.push({
      zh: `东偏移中的带号 ${prefix} 与中央经线 ${centralMeridian}° 对应的带号 ${zone} 不一致`,
      en: `Zone ${prefix} in the false easting disagrees with zone ${zone} of central meridian ${centralMeridian}°`,
    });
  }
  const authority = authorityCode(root);
  const derived = datum === 'CGCS2000' ? cgcs2000Epsg(projected, zoneWidth, zone, variant) : null;
  if (authority !== null && derived !== null && authority !== derived) {
    problems.push({
      zh: `AUTHORITY 代码 EPSG:${authority} 与参数对应的 EPSG:${derived} 不一致`,
      en: `AUTHORITY EPSG:${authority} disagrees with EPSG:${derived} implied by the parameters`,
    });
  }
  return {
    datum,
    projected,
    projection,
    zoneWidth,
    zone,
    centralMeridian,
    falseEasting,
    falseNorthing,
    scaleFactor,
    latitudeOfOrigin,
    variant,
    epsg: authority ?? derived,
    name,
    problems,
    contradictions: projected ? contradictions(name, zoneWidth, authority, datum, { centralMeridian, falseEasting, falseNorthing, scaleFactor, latitudeOfOrigin }) : [],
  };
}

export { cgcs2000Epsg };

type ZoneParameters = Readonly<Record<'centralMeridian' | 'falseEasting' | 'falseNorthing' | 'scaleFactor' | 'latitudeOfOrigin', number | null>>;

const PARAM_NAME: Record<keyof ZoneParameters, PrjContradiction['param']> = {
  centralMeridian: 'Central_Meridian',
  falseEasting: 'False_Easting',
  falseNorthing: 'False_Northing',
  scaleFactor: 'Scale_Factor',
  latitudeOfOrigin: 'Latitude_Of_Origin',
};

/**
 * The parameters that contradict what the .prj names: a Gauss-Krüger zone in the root name (`…_GK_Zone_39`,
 * `… Gauss-Kruger zone 39`: CM 3n° (6n−3° for 6° zones), false easting n·10⁶ + 500 000) or a central meridian
 * (`…_GK_CM_117E`: false easting 500 000), and the root AUTHORITY code of a CGCS2000 Gauss-Krüger system. Every
 * Gauss-Krüger zone has scale 1 and origin on the equator. A contradiction is reported once, by the name first.
 */
function contradictions(name: string | null, zoneWidth: CrsInfo['zoneWidth'], authority: number | null, datum: Datum, actual: ZoneParameters): PrjContradiction[] {
  const sources: { named: string; expected: Partial<ZoneParameters> }[] = [];
  const byName = name ? namedParameters(name, zoneWidth) : undefined;
  if (byName) sources.push({ named: name!, expected: byName });
  const byCode = authority !== null && datum === 'CGCS2000' ? cgcs2000Parameters(authority) : null;
  if (byCode) sources.push({ named: `EPSG:${authority}`, expected: { ...GK_FIXED, centralMeridian: byCode.centralMeridian, falseEasting: byCode.falseEasting } });
  const out: PrjContradiction[] = [];
  const seen = new Set<string>();
  for (const { named, expected } of sources) {
    for (const key of Object.keys(PARAM_NAME) as (keyof ZoneParameters)[]) {
      const e = expected[key];
      const a = actual[key];
      if (e === undefined || e === null || a === null || Math.abs(a - e) <= 1e-6 * Math.max(1, Math.abs(e))) continue;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ param: PARAM_NAME[key], named, expected: e, actual: a });
    }
  }
  return out;
}

const GK_FIXED = { falseNorthing: 0, scaleFactor: 1, latitudeOfOrigin: 0 } as const;

/** What a Gauss-Krüger system name says about its parameters; undefined when it names no zone or meridian. */
function namedParameters(name: string, zoneWidth: CrsInfo['zoneWidth']): Partial<ZoneParameters> | undefined {
  if (!/gauss|(^|[_\s])gk([_\s]|$)/i.test(name)) return undefined;
  const zone = /(?:^|[_\s])zone[_\s]*(\d{1,2})(?![\d.])/i.exec(name);
  if (zone && (zoneWidth === 3 || zoneWidth === 6)) {
    const n = Number(zone[1]);
    return { ...GK_FIXED, centralMeridian: zoneWidth === 3 ? n * 3 : n * 6 - 3, falseEasting: n * 1_000_000 + 500_000 };
  }
  const cm = /(?:^|[_\s])CM[_\s]*(\d{2,3}(?:\.\d+)?)\s*E(?![A-Za-z])/i.exec(name);
  if (cm) return { ...GK_FIXED, centralMeridian: Number(cm[1]), falseEasting: 500_000 };
  return undefined;
}

function unknownCrs(problems: Localized[]): CrsInfo {
  return {
    datum: 'unknown',
    projected: false,
    projection: null,
    zoneWidth: null,
    zone: null,
    centralMeridian: null,
    falseEasting: null,
    falseNorthing: null,
    scaleFactor: null,
    latitudeOfOrigin: null,
    variant: null,
    epsg: null,
    name: null,
    problems,
    contradictions: [],
  };
}

function classifyDatum(names: readonly string[]): Datum {
  const all = names.join(' ').toLowerCase().replace(/[\s_-]+/g, '');
  if (/china2000|cgcs2000|chinageodeticcoordinatesystem2000|国家2000|2000国家/.test(all)) return 'CGCS2000';
  if (/xian1980|xian80|西安80|西安1980/.test(all)) return 'Xian80';
  if (/beijing1954|beijing54|北京54|北京1954/.test(all)) return 'Beijing54';
  if (/wgs1984|wgs84/.test(all)) return 'WGS84';
  return 'unknown';
}

function inferZoneWidth(name: string | null, cm: number | null, prefix: number | null): CrsInfo['zoneWidth'] {
  const n = (name ?? '').toLowerCase();
  if (/1\.5[_\s-]*degree|1\.5度/.test(n)) return 1.5;
  if (/(^|[^.\d])3[_\s-]*degree|3度/.test(n)) return 3;
  if (/(^|[^.\d])6[_\s-]*degree|6度/.test(n)) return 6;
  // EPSG and ESRI name 3° systems "…3-degree Gauss-Kruger…"/"…_3_Degree_GK_…" but 6° ones just "Gauss-Kruger"/"GK"
  if (/gauss|(^|_)gk_/.test(n)) return 6;
  if (cm === null) return null;
  // no name hint: the zone prefix in the false easting decides; a CM alone fits 3° when it is a multiple of 3 but
  // not of the 6° series (6n−3), else it is ambiguous
  if (prefix !== null) return prefix * 3 === cm ? 3 : prefix * 6 - 3 === cm ? 6 : null;
  const three = Number.isInteger(cm / 3);
  const six = Number.isInteger((cm + 3) / 6);
  return three && !six ? 3 : null;
}

function param(params: Map<string, number>, ...names: string[]): number | undefined {
  for (const n of names) if (params.has(n)) return params.get(n);
  return undefined;
}

function nameOf(node: WktNode): string | null {
  const first = node.values[0];
  return typeof first === 'string' ? first : null;
}

function child(node: WktNode | undefined, keyword: string): WktNode | undefined {
  return node ? children(node, keyword)[0] : undefined;
}

function children(node: WktNode, keyword: string): WktNode[] {
  return node.values.filter((v): v is WktNode => typeof v === 'object' && v.keyword.toUpperCase() === keyword);
}

function authorityCode(root: WktNode): number | null {
  const node = child(root, 'AUTHORITY') ?? child(root, 'ID');
  if (!node || String(node.values[0]).toUpperCase() !== 'EPSG') return null;
  const code = Number(node.values[1]);
  return Number.isInteger(code) ? code : null;
}

/** Parses WKT (1 or 2) into a tree; a string says why it failed. Bounded: one pass over the text. */
function parseWkt(text: string): WktNode | string {
  if (text === '') return '内容为空 / empty';
  if (text.length > 100_000) return '内容过长 / too long';
  const tokens = text.match(/"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[[\](),]|\S/g) ?? [];
  let i = 0;
  const node = (depth = 0): WktNode | string => {
    if (depth > 32) return '嵌套过深 / nested too deeply';
    const keyword = tokens[i++];
    if (!keyword || !/^[A-Za-z_]/.test(keyword)) return `第 ${i} 个记号“${keyword ?? ''}”处应为关键字 / keyword expected at token ${i}`;
    const open = tokens[i++];
    if (open !== '[' && open !== '(') return `“${keyword}”后应为 [ / "[" expected after ${keyword}`;
    const values: WktValue[] = [];
    for (;;) {
      const t = tokens[i];
      if (t === undefined) return `“${keyword}”未闭合 / ${keyword} is not closed`;
      if (t === '"') return `引号未闭合 / unterminated quote`;
      if (t.startsWith('"')) {
        values.push(t.slice(1, -1).replace(/""/g, '"'));
        i++;
      } else if (/^[-+.\d]/.test(t)) {
        values.push(Number(t));
        i++;
      } else if (/^[A-Za-z_]/.test(t)) {
        if (tokens[i + 1] === '[' || tokens[i + 1] === '(') {
          const sub = node(depth + 1);
          if (typeof sub === 'string') return sub;
          values.push(sub);
        } else {
          values.push(t); // enumerations such as NORTH, EAST
          i++;
        }
      } else return `意外的记号“${t}” / unexpected token "${t}"`;
      const sep = tokens[i++];
      if (sep === ']' || sep === ')') return { keyword, values };
      if (sep !== ',') return `“${keyword}”中应为逗号或右括号 / "," or "]" expected in ${keyword}`;
    }
  };
  const root = node();
  if (typeof root === 'string') return root;
  if (i < tokens.length) return `根节点之后还有多余内容 / trailing content after the root`;
  return root;
}
