import { describeDeviation, getRule, reportCover, ruleGroups, ruleSetVersion, toolVersion, type Finding, type FindingsDocument, type ProfileDeviation, type RuleGroup } from '@nyt2539/checker';
import type { Lang } from '@nyt2539/schema';
import { L, label } from './text.js';
import { gradingText } from '../sample/grading.js';

/** Per-finding diff status (l14): new since the last check, still there, or fixed. */
export type FindingStatus = 'new' | 'persisting' | 'fixed';

/**
 * The optional fields other parts of the toolchain add to findings.json (versions, profile, grouping, diff
 * status). Read defensively: a report renders whatever is present and nothing that is not.
 */
export interface ReportFinding extends Finding {
  readonly status?: FindingStatus | { readonly status?: FindingStatus };
  readonly firstSeen?: string;
  readonly checks?: number;
  readonly fixedOn?: string;
  readonly rootCause?: string;
  readonly affected?: { readonly count: number; readonly sample: readonly string[] };
}

export interface ReportDocument extends Omit<FindingsDocument, 'findings' | 'formatVersion' | 'profile'> {
  readonly formatVersion: number;
  readonly findings: readonly ReportFinding[];
  readonly toolVersion?: string;
  readonly ruleSetVersion?: string;
  readonly profile?: { readonly hash?: string; readonly default?: boolean; readonly deviations?: readonly unknown[] };
}

export interface ReportOptions {
  readonly lang: Lang;
  /** report title (default: 农村土地承包经营权确权登记数据库质检报告) */
  readonly title?: string;
  /** inspecting organisation (质检单位) */
  readonly org?: string;
  /** inspector (质检人) */
  readonly inspector?: string;
  /** report date, YYYY-MM-DD (default: the document's checkedAt; else blank for the inspector to fill) */
  readonly date?: string;
  /** findings listed in the DOCX 附表 (the rest are in the Excel list) */
  readonly docxRows?: number;
  /** Excel rows per sheet before continuing on the next (default: Excel's limit) */
  readonly xlsxRowsPerSheet?: number;
}

/** Where a finding sits among the county's regions, by the 发包方 code it carries (14 = 12 村 + 2 组 digits). */
export interface Place {
  readonly town: string;
  readonly townName: string;
  readonly village: string;
  readonly villageName: string;
  readonly fbf: string;
  readonly fbfName: string;
}

const NO_PLACE: Place = { town: '', townName: '', village: '', villageName: '', fbf: '', fbfName: '' };

export interface CountRow {
  readonly key: string;
  readonly label: string;
  errors: number;
  warnings: number;
}

/** Everything the formatters show, derived once from the findings document (no re-check, no store). */
export interface ReportModel {
  readonly doc: ReportDocument;
  readonly lang: Lang;
  readonly options: ReportOptions;
  readonly title: string;
  readonly countyName: string;
  readonly toolVersion: string;
  readonly ruleSetVersion: string;
  readonly date: string;
  readonly place: (f: ReportFinding) => Place;
  readonly fixedBy: (f: ReportFinding) => string;
  readonly ruleTitle: (ruleId: string) => string;
  readonly requirement: (f: ReportFinding) => string;
  readonly statusOf: (f: ReportFinding) => FindingStatus | undefined;
  /** the official table 检查类别 | 错误 | 警告 (from the document's summary: counts include findings over the per-rule limit) */
  readonly byGroup: readonly CountRow[];
  /** counts of the listed findings per 乡镇, 村/发包方, 责任单位 and status */
  readonly byTown: readonly CountRow[];
  readonly byVillage: readonly CountRow[];
  readonly byFbf: readonly CountRow[];
  readonly byFixedBy: readonly CountRow[];
  readonly byStatus: readonly CountRow[];
  readonly hasStatus: boolean;
  readonly verdict: string;
}

/** The key that names the row's 发包方: FBFBM itself, or the first 14 digits of the codes built on it. */
const FBF_PREFIXED = ['FBFBM', 'DKBM', 'CBFBM', 'CBHTBM', 'CBJYQZBM', 'LZHTBM', 'QZBFBM', 'QZHFBM'];

export function fbfCodeOf(f: Finding): string {
  if (f.fbfbm && /^\d{14}/.test(f.fbfbm)) return f.fbfbm.slice(0, 14);
  const keys = f.location.keys ?? {};
  for (const k of FBF_PREFIXED) {
    const v = keys[k];
    if (v && /^\d{14}/.test(v)) return v.slice(0, 14);
  }
  return '';
}

function compareKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function statusOf(f: ReportFinding): FindingStatus | undefined {
  const s = f.status;
  if (typeof s === 'string') return s;
  if (s && typeof s === 'object' && typeof s.status === 'string') return s.status;
  return undefined;
}

/**
 * The cover of a rendering: what the command gives now, else what findings.json recorded (`cover`); the document the
 * formats render (findings.json included) records the cover they show.
 */
function withCover(doc: ReportDocument, options: ReportOptions): { doc: ReportDocument; options: ReportOptions } {
  const cover = reportCover({
    ...doc.cover,
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.org !== undefined ? { org: options.org } : {}),
    ...(options.inspector !== undefined ? { inspector: options.inspector } : {}),
  });
  if (!cover) return { doc, options };
  const same = JSON.stringify(cover) === JSON.stringify(reportCover(doc.cover));
  return { doc: same ? doc : { ...doc, cover }, options: { ...options, ...cover } };
}

export function buildModel(source: ReportDocument, given: ReportOptions): ReportModel {
  const { doc, options } = withCover(source, given);
  const lang = options.lang;
  const names = doc.context?.names ?? { county: {}, towns: {}, villages: {}, fbf: {} };
  const places = new Map<string, Place>();
  const place = (f: ReportFinding): Place => {
    const fbf = fbfCodeOf(f);
    if (!fbf) return NO_PLACE;
    let p = places.get(fbf);
    if (!p) {
      const town = fbf.slice(0, 9);
      const village = fbf.slice(0, 12);
      p = { town, townName: names.towns[town] ?? '', village, villageName: names.villages[village] ?? '', fbf, fbfName: names.fbf[fbf] ?? '' };
      places.set(fbf, p);
    }
    return p;
  };
  const fixedBy = (f: ReportFinding): string => {
    const by = getRule(f.ruleId)?.meta.fixedBy ?? '';
    return lang === 'zh' ? by : (L.fixedBy[by as keyof typeof L.fixedBy]?.en ?? by);
  };
  const ruleTitle = (ruleId: string): string => getRule(ruleId)?.meta.title[lang] ?? ruleId;
  // one text per rule, not per finding: a county list asks 100k times
  const requirements = new Map<string, string>();
  const requirement = (f: ReportFinding): string => {
    let base = requirements.get(f.ruleId);
    if (base === undefined) {
      const meta = getRule(f.ruleId)?.meta;
      const guidance = (meta as { guidance?: { zh: string; en: string } } | undefined)?.guidance;
      base = guidance?.[lang] ?? label(L.fixAccording, lang, { title: meta?.title[lang] ?? f.ruleId, spec: meta?.spec ?? '' });
      requirements.set(f.ruleId, base);
    }
    // a cross-table or derived-value finding says which side to keep: "应为 <the other side>" alone could overwrite the correct value
    if (f.trust) return `${base}${lang === 'zh' ? '：' : ': '}${f.trust[lang]}`;
    return f.expected !== undefined && f.expected !== null ? `${base}${label(L.expectedSuffix, lang, { v: String(f.expected) })}` : base;
  };

  const count = (map: Map<string, CountRow>, key: string, labelText: string, f: ReportFinding) => {
    let row = map.get(key);
    if (!row) map.set(key, (row = { key, label: labelText, errors: 0, warnings: 0 }));
    if (f.severity === 'error') row.errors++;
    else row.warnings++;
  };
  const towns = new Map<string, CountRow>();
  const villages = new Map<string, CountRow>();
  const fbfs = new Map<string, CountRow>();
  const fixers = new Map<string, CountRow>();
  const statuses = new Map<string, CountRow>();
  let hasStatus = false;
  const unplaced = L.unplaced[lang];
  for (const f of doc.findings) {
    const p = place(f);
    count(towns, p.town, p.town ? `${p.townName || p.town}` : unplaced, f);
    count(villages, p.village, p.village ? `${p.villageName || p.village}` : unplaced, f);
    count(fbfs, p.fbf, p.fbf ? `${p.fbfName || p.fbf}` : unplaced, f);
    const by = fixedBy(f);
    count(fixers, by, by || unplaced, f);
    const s = statusOf(f);
    if (s) {
      hasStatus = true;
      count(statuses, s, L.status[s][lang], f);
    }
  }
  // the re-check diff (l14) lists fixed findings apart from the current ones: they count in the status table only
  const diff = (doc as { diff?: { fixedFindings?: readonly ReportFinding[] } }).diff;
  if (diff) {
    hasStatus = true;
    for (const f of diff.fixedFindings ?? []) count(statuses, 'fixed', L.status.fixed[lang], f);
  }
  // regions by code (the blank "not placed" row last), fixers and statuses by count
  const byCode = (m: Map<string, CountRow>) => [...m.values()].sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : compareKey(a.key, b.key)));
  const byCount = (m: Map<string, CountRow>) => [...m.values()].sort((a, b) => b.errors + b.warnings - (a.errors + a.warnings) || compareKey(a.key, b.key));
  const byGroup: CountRow[] = doc.summary.byGroup.map((g) => ({ key: g.group, label: g.title[lang], errors: g.errors, warnings: g.warnings }));
  const countyName = doc.package.countyName || names.county[doc.package.county] || doc.package.county;
  return {
    doc,
    lang,
    options,
    title: options.title ?? L.defaultTitle[lang],
    countyName,
    toolVersion: doc.toolVersion ?? toolVersion,
    ruleSetVersion: doc.ruleSetVersion ?? ruleSetVersion(),
    date: options.date ?? doc.checkedAt ?? '',
    place,
    fixedBy,
    ruleTitle,
    requirement,
    statusOf,
    byGroup,
    byTown: byCode(towns),
    byVillage: byCode(villages),
    byFbf: byCode(fbfs),
    byFixedBy: byCount(fixers),
    byStatus: (['new', 'persisting', 'fixed'] as const).filter((s) => statuses.has(s)).map((s) => statuses.get(s) as CountRow),
    hasStatus,
    verdict: doc.passed ? L.passed[lang] : L.failed[lang],
  };
}

export function groupTitle(group: RuleGroup | string, lang: Lang): string {
  return (ruleGroups as Record<string, { zh: string; en: string }>)[group]?.[lang] ?? group;
}

/** `DKBM=…; CBFBM=…` */
export function keysText(f: Finding): string {
  return Object.entries(f.location.keys ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

export function valueText(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

export function severityText(f: Finding, lang: Lang): string {
  return f.severity === 'error' ? L.error[lang] : L.warning[lang];
}

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

/** The spot-check rows of the cover, once `sample --results` put an acceptance into findings.json. */
export function acceptanceFacts(model: ReportModel): [string, string][] {
  const { lang } = model;
  const a = model.doc.acceptance;
  if (!a) return [];
  const rows: [string, string][] = [
    [
      L.acceptanceRate[lang],
      label(L.acceptanceRateValue, lang, {
        rate: pct(a.rate),
        low: pct(a.interval[0]),
        high: pct(a.interval[1]),
        erroneous: a.erroneous,
        checked: a.checked,
        acceptable: pct(a.acceptableRate),
        seed: a.seed,
        verdict: a.passed ? L.acceptancePass[lang] : L.acceptanceFail[lang],
      }),
    ],
  ];
  if (a.grade) {
    const scheme = a.grading ? gradingText(a.grading, lang) : '';
    rows.push([L.acceptanceGrade[lang], label(L.acceptanceGradeValue, lang, { grade: a.grade, score: a.score ?? '', scheme })]);
  }
  return rows;
}

/** The cover facts every formal report shows (DOCX cover, HTML header): package, inspector, date, versions and the spot-check grade. */
export function coverFacts(model: ReportModel): [string, string][] {
  const { lang, doc } = model;
  return [
    [L.year[lang], doc.package.year],
    [L.package[lang], doc.package.rootName],
    [L.org[lang], model.options.org ?? ''],
    [L.inspector[lang], model.options.inspector ?? ''],
    [L.date[lang], model.date],
    [L.toolVersion[lang], model.toolVersion],
    [L.ruleSetVersion[lang], model.ruleSetVersion],
    ...acceptanceFacts(model),
  ];
}

/** One deviation of the profile from the default, in words (the checker's wording for its own records). */
export function deviationText(d: unknown, lang: Lang): string {
  if (d && typeof d === 'object' && 'kind' in d) return describeDeviation(d as ProfileDeviation, lang);
  return typeof d === 'string' ? d : JSON.stringify(d);
}
