import { isCodeWithin } from './codes.js';
import { formatMessage, type Localized } from './i18n.js';

/**
 * NY/T 2538 (now GB/T 35958-2018) element codes as NY/T 2539 uses them, as validators that say what is wrong.
 * Structures and their evidence: coding-rules.md §1–§3 and §7 (regex sheet).
 *
 *   FBFBM    14 = county 6 + 乡 3 + 村 3 + 组 2       (村 000 + 组 00: 乡级发包方; 组 00: 村级发包方)
 *   CBFBM    18 = FBFBM + 4   (0001–8000 农户, 8001–9000 个人, 9001–9999 单位 by CBFLX)
 *   DKBM     19 = FBFBM + 5   (00001–99999)
 *   CBHTBM   19 = CBFBM + J|Q (J 家庭承包 CBFS 110, Q 其他方式)       CBJYQZBM: same structure
 *   LZHTBM   18 = FBFBM + 4   (0001–9999)                         SRFBM: as CBFBM
 */

/** Why a code failed, as a stable id a rule can key its message on. */
type CodeProblem =
  | 'empty'
  | 'length'
  | 'characters'
  | 'county'
  | 'town'
  | 'village'
  | 'sequence'
  | 'sequenceRange'
  | 'suffix'
  | 'format'
  | 'mismatch'
  // 公民身份号码 (idNumber.ts)
  | 'region'
  | 'birthDate'
  | 'checksum';

export interface CodeFailure {
  readonly ok: false;
  readonly problem: CodeProblem;
  /** One line, with the value's specifics filled in. */
  readonly reason: Localized;
}

export type CodeResult<P> = { readonly ok: true; readonly parts: P } | CodeFailure;

function fail(problem: CodeProblem, zh: string, en: string, data: Readonly<Record<string, unknown>> = {}): CodeFailure {
  return { ok: false, problem, reason: { zh: formatMessage(zh, data), en: formatMessage(en, data) } };
}

/** Shape checks shared by every numeric code: present, right length, ASCII digits only. */
function checkDigits(value: unknown, name: string, length: number, digits = length): CodeFailure | undefined {
  if (value === null || value === undefined || value === '') {
    return fail('empty', '{name}为空', '{name} is empty', { name });
  }
  if (typeof value !== 'string') {
    return fail('characters', '{name}应为文本，实际为{type}', '{name} should be text, found {type}', { name, type: typeof value });
  }
  if (value.length !== length) {
    return fail('length', '{name}应为{length}位，实际为{actual}位', '{name} should be {length} characters, found {actual}', {
      name,
      length,
      actual: value.length,
    });
  }
  if (!/^\d*$/.test(value.slice(0, digits))) {
    return fail(
      'characters',
      '{name}的前{digits}位应全为半角数字（0–9），实际为“{value}”',
      '{name} must be ASCII digits 0–9 in its first {digits} characters, found "{value}"',
      { name, digits, value },
    );
  }
  return undefined;
}

// ---------- region prefixes ----------

/** Administrative levels a code's prefix identifies, with the prefix length. */
const regionLevels = { county: 6, town: 9, village: 12, group: 14 } as const;
type RegionLevel = keyof typeof regionLevels;

/** Province part of GB/T 2260 codes (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82). */
const COUNTY_CODE = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])\d{4}$/;

/** Whether a 6-digit text is shaped like a GB/T 2260 county-level code (structure only, not a list lookup). */
export function isCountyCodeShape(value: string): boolean {
  return COUNTY_CODE.test(value);
}

/**
 * The county / town / village / group prefix of any code that starts with an FBFBM (FBFBM, CBFBM, DKBM,
 * CBHTBM, CBJYQZBM, LZHTBM). Undefined when the code is too short.
 */
export function prefixOf(code: string, level: RegionLevel): string | undefined {
  const n = regionLevels[level];
  return code.length >= n ? code.slice(0, n) : undefined;
}

// 权属单位代码 (14-character padded unit codes) live in summaryTables.ts: padUnitCode, unitCodePrefix, unitLevelOf.

// ---------- FBFBM ----------

/** Which collective the 发包方 is: a 村民小组, the village-level or the township-level collective. */
type FbfLevel = 'group' | 'village' | 'town';

interface FbfParts {
  readonly FBFBM: string;
  readonly county: string;
  readonly town: string;
  readonly village: string;
  readonly group: string;
  readonly level: FbfLevel;
}

/** 发包方编码: 14 digits, county(6) town(3) village(3) group(2). */
export function validateFBFBM(value: unknown, name = '发包方编码'): CodeResult<FbfParts> {
  const bad = checkDigits(value, name, 14);
  if (bad) return bad;
  const v = value as string;
  return fbfParts(v, name);
}

/**
 * fbfParts results by (name, code): a county's 500k DKBM share ~5k FBFBM prefixes, and the checker validates every
 * code of every table; the results are immutable, so one per prefix is enough. Bounded: cleared past 100k entries.
 */
const fbfMemo = new Map<string, CodeResult<FbfParts>>();

function fbfParts(v: string, name: string): CodeResult<FbfParts> {
  const key = `${name}\u0000${v}`;
  let r = fbfMemo.get(key);
  if (r === undefined) {
    if (fbfMemo.size >= 100_000) fbfMemo.clear();
    r = computeFbfParts(v, name);
    fbfMemo.set(key, r);
  }
  return r;
}

function computeFbfParts(v: string, name: string): CodeResult<FbfParts> {
  const county = v.slice(0, 6);
  const town = v.slice(6, 9);
  const village = v.slice(9, 12);
  const group = v.slice(12, 14);
  if (!COUNTY_CODE.test(county)) {
    return fail('county', '{name}的前6位“{county}”不是县级行政区划代码', 'the first 6 digits "{county}" of {name} are not a county code', {
      name,
      county,
    });
  }
  if (town === '000') {
    return fail('town', '{name}的乡级代码（第7–9位）不能为000', 'the township segment (digits 7–9) of {name} cannot be 000', { name });
  }
  if (village === '000' && group !== '00') {
    return fail(
      'village',
      '{name}的村级代码为000时组级代码应为00（乡级发包方），实际为{group}',
      'when the village segment of {name} is 000 the group segment must be 00 (township-level 发包方), found {group}',
      { name, group },
    );
  }
  const level: FbfLevel = village === '000' ? 'town' : group === '00' ? 'village' : 'group';
  return { ok: true, parts: { FBFBM: v, county, town, village, group, level } };
}

// ---------- CBFBM / SRFBM ----------

/** 承包方类型 (表C.16) a 4-digit 承包方 sequence belongs to. */
const cbfSequenceRanges = {
  '1': { min: 1, max: 8000, name: { zh: '农户', en: 'household' } },
  '2': { min: 8001, max: 9000, name: { zh: '个人', en: 'individual' } },
  '3': { min: 9001, max: 9999, name: { zh: '单位', en: 'organisation' } },
} as const;
type Cbflx = keyof typeof cbfSequenceRanges;

interface CbfParts extends FbfParts {
  readonly CBFBM: string;
  /** the 4-digit sequence as written */
  readonly sequence: string;
  /** the 承包方类型 its sequence range implies */
  readonly CBFLX: Cbflx;
}

function cbflxOfSequence(n: number): Cbflx | undefined {
  for (const [k, r] of Object.entries(cbfSequenceRanges) as [Cbflx, (typeof cbfSequenceRanges)[Cbflx]][]) {
    if (n >= r.min && n <= r.max) return k;
  }
  return undefined;
}

/**
 * 承包方编码: FBFBM + 4-digit sequence. With `CBFLX` ('1' 农户 / '2' 个人 / '3' 单位) the sequence must lie in
 * that type's range; an unknown CBFLX value is left to the code-table check.
 */
export function validateCBFBM(value: unknown, CBFLX?: string | null, name = '承包方编码'): CodeResult<CbfParts> {
  const bad = checkDigits(value, name, 18);
  if (bad) return bad;
  const v = value as string;
  const fbf = fbfParts(v.slice(0, 14), name);
  if (!fbf.ok) return fbf;
  const sequence = v.slice(14);
  const type = cbflxOfSequence(Number(sequence));
  if (!type) {
    return fail('sequence', '{name}的顺序码（后4位）不能为0000', 'the sequence (last 4 digits) of {name} cannot be 0000', { name });
  }
  if (CBFLX && CBFLX in cbfSequenceRanges && CBFLX !== type) {
    const r = cbfSequenceRanges[CBFLX as Cbflx];
    return fail(
      'sequenceRange',
      '{name}顺序码{sequence}与承包方类型{cbflx}（{typeZh}）不符，应在{min}–{max}之间',
      'sequence {sequence} of {name} does not fit 承包方类型 {cbflx} ({typeEn}): it should be {min}–{max}',
      {
        name,
        sequence,
        cbflx: CBFLX,
        typeZh: r.name.zh,
        typeEn: r.name.en,
        min: String(r.min).padStart(4, '0'),
        max: String(r.max).padStart(4, '0'),
      },
    );
  }
  const { FBFBM, county, town, village, group, level } = fbf.parts;
  return { ok: true, parts: { FBFBM, county, town, village, group, level, CBFBM: v, sequence, CBFLX: type } };
}

/** 受让方编码 (LZHT.SRFBM) follows the 承包方编码 rule (B.6 note b). */
export function validateSRFBM(value: unknown, name = '受让方编码'): CodeResult<CbfParts> {
  return validateCBFBM(value, undefined, name);
}

// ---------- DKBM ----------

interface DkParts extends FbfParts {
  readonly DKBM: string;
  readonly sequence: string;
}

/**
 * Codes built as FBFBM + an n-digit sequence that may not be all zeros (地块编码, 流转合同编码): one rule, two lengths.
 */
function fbfSequenceCode(value: unknown, name: string, sequenceDigits: number): CodeResult<FbfParts & { readonly code: string; readonly sequence: string }> {
  const bad = checkDigits(value, name, 14 + sequenceDigits);
  if (bad) return bad;
  const v = value as string;
  const fbf = fbfParts(v.slice(0, 14), name);
  if (!fbf.ok) return fbf;
  const sequence = v.slice(14);
  if (/^0+$/.test(sequence)) {
    const zeros = '0'.repeat(sequenceDigits);
    return fail('sequence', `{name}的顺序码（后${sequenceDigits}位）不能为${zeros}`, `the sequence (last ${sequenceDigits} digits) of {name} cannot be ${zeros}`, { name });
  }
  // fields copied by name: spreading the memoised parts object is slow, and this runs once per code
  const { FBFBM, county, town, village, group, level } = fbf.parts;
  return { ok: true, parts: { FBFBM, county, town, village, group, level, code: v, sequence } };
}

/** 地块编码: FBFBM + 5-digit parcel sequence 00001–99999. */
export function validateDKBM(value: unknown, name = '地块编码'): CodeResult<DkParts> {
  const r = fbfSequenceCode(value, name, 5);
  if (!r.ok) return r;
  const { FBFBM, county, town, village, group, level, code, sequence } = r.parts;
  return { ok: true, parts: { FBFBM, county, town, village, group, level, sequence, DKBM: code } };
}

// ---------- LZHTBM ----------

interface LzhtParts extends FbfParts {
  readonly LZHTBM: string;
  readonly sequence: string;
}

/** 流转合同编码: FBFBM + 4-digit contract sequence 0001–9999 (B.1 note c). */
export function validateLZHTBM(value: unknown, name = '流转合同编码'): CodeResult<LzhtParts> {
  const r = fbfSequenceCode(value, name, 4);
  if (!r.ok) return r;
  const { FBFBM, county, town, village, group, level, code, sequence } = r.parts;
  return { ok: true, parts: { FBFBM, county, town, village, group, level, sequence, LZHTBM: code } };
}

// ---------- CBHTBM / CBJYQZBM ----------

type ContractSuffix = 'J' | 'Q';

interface ContractParts extends CbfParts {
  /** the 19-character code */
  readonly code: string;
  readonly suffix: ContractSuffix;
}

/**
 * The letter a 承包方式 (表C.10) puts at the end of CBHTBM/CBJYQZBM: J for 110 家庭承包, Q for the other ways
 * (120 其他方式承包 and 121–129 below it, and 200 转让 / 300 互换 / 900 其他方式). Undefined for 100 (承包,
 * the class above both, so either letter fits) and for codes outside 表C.10.
 */
export function expectedContractSuffix(CBFS: string): ContractSuffix | undefined {
  if (CBFS === '110') return 'J';
  if (CBFS === '100') return undefined;
  if (isCodeWithin('C.10', CBFS, '120') || CBFS === '200' || CBFS === '300' || CBFS === '900') return 'Q';
  return undefined;
}

function validateContractCode(value: unknown, CBFS: string | null | undefined, name: string): CodeResult<ContractParts> {
  const bad = checkDigits(value, name, 19, 18);
  if (bad) return bad;
  const v = value as string;
  const suffix = v.slice(18);
  if (suffix !== 'J' && suffix !== 'Q') {
    return fail(
      'suffix',
      '{name}第19位应为J（家庭承包）或Q（其他方式承包），实际为“{suffix}”',
      'character 19 of {name} should be J (家庭承包) or Q (其他方式承包), found "{suffix}"',
      { name, suffix },
    );
  }
  const cbf = validateCBFBM(v.slice(0, 18), undefined, name);
  if (!cbf.ok) return cbf;
  const want = CBFS ? expectedContractSuffix(CBFS) : undefined;
  if (want && want !== suffix) {
    return fail(
      'mismatch',
      '{name}以{suffix}结尾，但承包方式为{cbfs}，应以{want}结尾',
      '{name} ends in {suffix} but 承包方式 is {cbfs}: it should end in {want}',
      { name, suffix, cbfs: CBFS, want },
    );
  }
  const { FBFBM, county, town, village, group, level, CBFBM, sequence, CBFLX } = cbf.parts;
  return { ok: true, parts: { FBFBM, county, town, village, group, level, CBFBM, sequence, CBFLX, code: v, suffix } };
}

/** 承包合同编码: CBFBM + J|Q; with `CBFS` (承包方式, 表C.10) the letter must match it. */
export function validateCBHTBM(value: unknown, CBFS?: string | null, name = '承包合同编码'): CodeResult<ContractParts> {
  return validateContractCode(value, CBFS, name);
}

/** 承包经营权证（登记簿）编码: same structure as CBHTBM and normally equal to it. */
export function validateCBJYQZBM(value: unknown, CBFS?: string | null, name = '承包经营权证编码'): CodeResult<ContractParts> {
  return validateContractCode(value, CBFS, name);
}

// ---------- CBJYQZLSH ----------

/**
 * One-character province abbreviations by GB/T 2260 province code; where two are in use both are listed
 * (coding-rules.md §3.7 [INFERRED set]).
 */
const provinceAbbreviations: Readonly<Record<string, readonly string[]>> = {
  '11': ['京'], '12': ['津'], '13': ['冀'], '14': ['晋'], '15': ['蒙'],
  '21': ['辽'], '22': ['吉'], '23': ['黑'],
  '31': ['沪'], '32': ['苏'], '33': ['浙'], '34': ['皖'], '35': ['闽'], '36': ['赣'], '37': ['鲁'],
  '41': ['豫'], '42': ['鄂'], '43': ['湘'], '44': ['粤'], '45': ['桂'], '46': ['琼'],
  '50': ['渝'], '51': ['川', '蜀'], '52': ['贵', '黔'], '53': ['云', '滇'], '54': ['藏'],
  '61': ['陕', '秦'], '62': ['甘', '陇'], '63': ['青'], '64': ['宁'], '65': ['新'],
};

const ALL_ABBREVIATIONS = Object.values(provinceAbbreviations).flat().join('');
const LSH = new RegExp(
  `^([${ALL_ABBREVIATIONS}])([（(])((?:19|20)\\d{2})([）)])(.+?)农村土地承包经营权证第(\\d{6})号$`,
);

interface LshParts {
  readonly province: string;
  readonly year: string;
  readonly countyName: string;
  readonly sequence: string;
  /** ASCII brackets `(2015)` instead of the standard's full-width `（2015）`. */
  readonly asciiBrackets: boolean;
}

/**
 * 承包经营权证流水号, e.g. `苏（2015）涟水县农村土地承包经营权证第000001号` (B.8 note c). Full-width and ASCII
 * brackets are both accepted (`asciiBrackets` tells which). With `county` (6 digits) the abbreviation must be
 * that province's; with `countyName` the name must match.
 */
export function validateCBJYQZLSH(
  value: unknown,
  expect: { readonly county?: string; readonly countyName?: string } = {},
  name = '承包经营权证流水号',
): CodeResult<LshParts> {
  if (value === null || value === undefined || value === '') return fail('empty', '{name}为空', '{name} is empty', { name });
  const v = String(value);
  const m = LSH.exec(v);
  if (!m) {
    return fail(
      'format',
      '{name}“{value}”格式不符，应如“苏（2015）涟水县农村土地承包经营权证第000001号”',
      '{name} "{value}" is not shaped like "苏（2015）涟水县农村土地承包经营权证第000001号"',
      { name, value: v },
    );
  }
  const [, province, open, year, close, countyName, sequence] = m;
  if ((open === '(') !== (close === ')')) {
    return fail('format', '{name}“{value}”的括号不配对', 'the brackets of {name} "{value}" do not match', { name, value: v });
  }
  if (expect.county) {
    const allowed = provinceAbbreviations[expect.county.slice(0, 2)];
    if (allowed && !allowed.includes(province)) {
      return fail(
        'mismatch',
        '{name}的省份简称“{province}”与县级代码{county}不符，应为“{allowed}”',
        'the province abbreviation "{province}" of {name} does not match county code {county}: expected "{allowed}"',
        { name, province, county: expect.county, allowed: allowed.join('/') },
      );
    }
  }
  if (expect.countyName && countyName !== expect.countyName) {
    return fail(
      'mismatch',
      '{name}中的县名“{found}”与“{countyName}”不符',
      'the county name "{found}" in {name} does not match "{countyName}"',
      { name, found: countyName, countyName: expect.countyName },
    );
  }
  return { ok: true, parts: { province, year, countyName, sequence, asciiBrackets: open === '(' } };
}

/** Build a 流水号 in the standard's full-width form. */
export function formatCBJYQZLSH(province: string, year: number | string, countyName: string, sequence: number): string {
  return `${province}（${year}）${countyName}农村土地承包经营权证第${String(sequence).padStart(6, '0')}号`;
}

// ---------- postcode, phone ----------

/** 邮政编码: 6 ASCII digits. */
export function validatePostcode(value: unknown, name = '邮政编码'): CodeResult<{ readonly YZBM: string }> {
  const bad = checkDigits(value, name, 6);
  if (bad) return bad;
  return { ok: true, parts: { YZBM: value as string } };
}

type PhoneKind = 'mobile' | 'landline';

const MOBILE = /^(?:\+86|0086)?-?(1[3-9]\d{9})$/;
const LANDLINE = /^(?:(0\d{2,3})-?)?([2-9]\d{6,7})(?:-(\d{1,6}))?$/;

/**
 * 联系电话: a mainland mobile number (11 digits, 13x–19x, optional +86) or a landline (optional 0-prefixed area
 * code, 7–8 digit number, optional `-extension`). One number per field; separators inside it are '-' only.
 */
export function validatePhone(
  value: unknown,
  name = '联系电话',
): CodeResult<{ readonly kind: PhoneKind; readonly areaCode?: string; readonly number: string; readonly extension?: string }> {
  if (value === null || value === undefined || value === '') return fail('empty', '{name}为空', '{name} is empty', { name });
  const v = String(value);
  const mobile = MOBILE.exec(v);
  if (mobile) return { ok: true, parts: { kind: 'mobile', number: mobile[1] } };
  const landline = LANDLINE.exec(v);
  if (landline) {
    const [, areaCode, number, extension] = landline;
    return {
      ok: true,
      parts: { kind: 'landline', number, ...(areaCode ? { areaCode } : {}), ...(extension ? { extension } : {}) },
    };
  }
  return fail(
    'format',
    '{name}“{value}”不是有效的电话号码（手机11位，或区号-7至8位号码）',
    '{name} "{value}" is not a phone number (11-digit mobile, or area code-7 to 8 digit number)',
    { name, value: v },
  );
}

// ---------- '/'-joined code lists ----------

/** Separator of code lists: JZD.DKBM / JZX.DKBM (parcels sharing a point or line, A.11–A.12 note a), DK.KJZB. */
export const CODE_LIST_SEPARATOR = '/';

/**
 * Calls `fn` with the bounds [from, to) in `value` of each item of a '/'-joined list, as written (not trimmed:
 * spaces are a separate finding); empty items dropped. Bounds, not an array or strings: a county's ~0.5M lists of
 * ~3M items are walked without making a string an item.
 */
export function forEachCodeListItem(value: string | null | undefined, fn: (from: number, to: number) => void): void {
  if (!value) return;
  for (let from = 0; from <= value.length; ) {
    let to = value.indexOf(CODE_LIST_SEPARATOR, from);
    if (to < 0) to = value.length;
    if (to > from) fn(from, to);
    from = to + 1;
  }
}
