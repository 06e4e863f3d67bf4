import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { ajv2020, writeChunksAtomic } from '@nyt2539/schema';
import type { ProfileRecord } from '../engine/profile.js';
import type { PackageInfo } from '../engine/types.js';
import { ruleSetVersion, toolVersion } from '../rules/version.js';
import type { Finding } from '../engine/finding.js';
import type { FindingsContext } from './context.js';
import { checkDate } from '../engine/fingerprint.js';
import { maskFinding } from './mask.js';
import type { Eol } from '../io/eol.js';
import type { CheckSummary } from '../engine/summary.js';

/** Where a finding stands against earlier checks of the same package (set by a re-check diff). */
interface FindingStatus {
  /** new: 新增; persisting: 遗留; fixed: 已整改 (销号) */
  readonly status: 'new' | 'persisting' | 'fixed';
  /** date of the first check that reported it */
  readonly firstSeen: string;
  /** how many checks reported it, this one included (for fixed findings: the checks before it was fixed) */
  readonly checks: number;
  /** fixed findings: date of the check that confirmed the fix */
  readonly fixedOn?: string;
}

export type DocumentFinding = Finding & Partial<FindingStatus>;

/** Counts of new, persisting and fixed findings for one category or responsible unit. */
export interface DiffCounts {
  readonly new: number;
  readonly persisting: number;
  readonly fixed: number;
}

/** The re-check diff against a baseline findings.json (`check --baseline`, `nyt2539 diff`). */
export interface FindingsDiff {
  readonly baseline: { readonly checkedAt: string; readonly rootName: string };
  readonly new: number;
  readonly persisting: number;
  readonly fixed: number;
  /** baseline findings of rules this check did not run or cut at maxFindingsPerRule: neither fixed nor seen */
  readonly unconfirmed: number;
  readonly byGroup: readonly ({ readonly group: string; readonly title: { zh: string; en: string } } & DiffCounts)[];
  /** by responsible unit (the rule's fixedBy) */
  readonly byUnit: readonly ({ readonly unit: string } & DiffCounts)[];
  /** the baseline findings not reported again, status 'fixed' */
  readonly fixedFindings: readonly DocumentFinding[];
}

/**
 * The spot-check (抽检) acceptance of the county, added to findings.json by `sample --results` (packager): the
 * share of sampled households found wrong in the archive or the field, its 95% Wilson interval, the verdict against
 * the acceptable rate and, under a GB/T 24356-style grading scheme, the mean unit score and the grade. `grading`
 * names the scheme's numbers; `verified: false` means they were not checked against the standard's text.
 */
export interface AcceptanceRecord {
  /** sampling scheme: gbt24356 (batch-size table) or percent */
  readonly scheme: string;
  readonly seed: number;
  /** households checked, and those with at least one error */
  readonly checked: number;
  readonly erroneous: number;
  readonly rate: number;
  readonly interval: readonly [number, number];
  readonly acceptableRate: number;
  readonly passed: boolean;
  readonly score?: number;
  readonly grade?: '优' | '良' | '合格' | '不合格';
  readonly grading?: { readonly name: string; readonly verified: boolean; readonly source: string; readonly hash: string };
}

/**
 * The 质检报告 cover the check was given (`--title`, `--org`, `--inspector`), kept in findings.json so that a report
 * rendered again from the file (`report`, `sample --results … --findings`) shows the same cover.
 */
interface ReportCover {
  readonly title?: string;
  readonly org?: string;
  readonly inspector?: string;
}

/** `findings.json` (schema: packages/checker/schema/findings.schema.json). Same input and date, same bytes. */
export interface FindingsDocument {
  readonly format: 'nyt2539-findings';
  readonly formatVersion: 2;
  /** date of the check, YYYY-MM-DD (`--date`, NYT2539_DATE, else today) */
  readonly checkedAt: string;
  readonly package: { readonly rootName: string; readonly county: string; readonly countyName: string; readonly year: string };
  readonly masked: boolean;
  readonly passed: boolean;
  /** the checker that wrote the document (`toolVersion`) and its rule set (`ruleSetVersion()`) */
  readonly toolVersion?: string;
  readonly ruleSetVersion?: string;
  /** the profile the check ran with; `default: false` = 非默认质检方案, with every deviation */
  readonly profile?: ProfileRecord;
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly dropped: number;
    readonly rulesRun: number;
    readonly byGroup: readonly { group: string; title: { zh: string; en: string }; errors: number; warnings: number; rules: number }[];
    readonly byRule: readonly { ruleId: string; group: string; errors: number; warnings: number; dropped: number }[];
  };
  /** what the reports need besides the findings (records examined, names by code, CRS, region outlines) */
  readonly context?: FindingsContext;
  readonly findings: readonly DocumentFinding[];
  readonly diff?: FindingsDiff;
  /** the spot-check acceptance, once `sample --results` was imported for this county */
  readonly acceptance?: AcceptanceRecord;
  /** the report cover given to the check */
  readonly cover?: ReportCover;
}

const findingsSchemaUrl = new URL('../../schema/findings.schema.json', import.meta.url);

interface FindingsDocumentOptions {
  /** mask ID and phone numbers (the default for every shareable output; `--no-mask` turns it off) */
  readonly mask: boolean;
  readonly profile?: ProfileRecord;
  /** YYYY-MM-DD of the check (default: `checkDate()`) */
  readonly checkedAt?: string;
  /** names, counts and map data for the report formats (r13) */
  readonly context?: FindingsContext;
  /** the report cover (`--title`, `--org`, `--inspector`); left out when it names nothing */
  readonly cover?: ReportCover;
}

/** The cover with its given fields only, or undefined when it names nothing. */
export function reportCover(cover: ReportCover | undefined): ReportCover | undefined {
  if (!cover) return undefined;
  const out: { title?: string; org?: string; inspector?: string } = {};
  if (cover.title !== undefined) out.title = cover.title;
  if (cover.org !== undefined) out.org = cover.org;
  if (cover.inspector !== undefined) out.inspector = cover.inspector;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The findings document: THE choke point for masking. Every report (the text report, findings.json and the
 * formats of the packager's reports registry) renders from this document, never from raw findings.
 */
export function findingsDocument(info: PackageInfo, summary: CheckSummary, findings: readonly Finding[], options: FindingsDocumentOptions): FindingsDocument {
  return {
    format: 'nyt2539-findings',
    formatVersion: 2,
    checkedAt: checkDate(options.checkedAt),
    package: { rootName: info.rootName, county: info.county, countyName: info.countyName, year: info.year },
    masked: options.mask,
    passed: summary.passed,
    toolVersion,
    ruleSetVersion: ruleSetVersion(),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(reportCover(options.cover) ? { cover: reportCover(options.cover) } : {}),
    summary: {
      errors: summary.errors,
      warnings: summary.warnings,
      dropped: summary.dropped,
      rulesRun: summary.rulesRun,
      byGroup: summary.byGroup.map((g) => ({ group: g.group, title: { zh: g.title.zh, en: g.title.en }, errors: g.errors, warnings: g.warnings, rules: g.rules })),
      byRule: summary.byRule.map((r) => ({ ruleId: r.ruleId, group: r.group, errors: r.errors, warnings: r.warnings, dropped: r.dropped })),
    },
    ...(options.context ? { context: options.context } : {}),
    findings: options.mask ? findings.map(maskFinding) : findings,
  };
}

export function renderJson(doc: FindingsDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Write {@link renderJson}'s bytes atomically without building them as one string: a county's findings.json runs to
 * ~100 MB, and the whole string plus JSON.stringify's own buffers would double the peak memory of writing reports.
 * The findings are stringified a batch at a time and indented as they would be at depth 2 (JSON text holds no raw
 * newline, so re-indenting after each newline is exact, and so is writing each newline as CRLF for `eol: 'crlf'`:
 * the bytes are then `applyEol(renderJson(doc), 'crlf')`).
 */
export function writeJsonAtomic(path: string, doc: FindingsDocument, options: { readonly eol?: Eol } = {}): void {
  const marker = '\u0000findings\u0000';
  const head = JSON.stringify({ ...doc, findings: marker }, null, 2);
  const at = head.indexOf(JSON.stringify(marker));
  const nl = options.eol === 'crlf' ? '\r\n' : '\n';
  const lines = (text: string): string => (nl === '\n' ? text : text.replaceAll('\n', nl));
  // the one atomic writer; findings are stringified a batch at a time, so no piece holds more than a batch
  function* pieces(): Generator<string> {
    yield lines(head.slice(0, at));
    const n = doc.findings.length;
    if (n === 0) yield '[]';
    else {
      const batch = 2000;
      const indent = `${nl}    `;
      for (let i = 0; i < n; i += batch) {
        const parts: string[] = [];
        for (let k = i; k < Math.min(n, i + batch); k++) parts.push(`${k === 0 ? '[' : ','}${indent}${JSON.stringify(doc.findings[k], null, 2).replaceAll('\n', indent)}`);
        yield parts.join('');
      }
      yield `${nl}  ]`;
    }
    yield `${lines(head.slice(at + JSON.stringify(marker).length))}${nl}`;
  }
  writeChunksAtomic(path, pieces());
}

let validator: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

/** Validate a findings document against the published schema; returns the ajv errors (empty when valid). */
export function validateFindingsDocument(doc: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(findingsSchemaUrl, 'utf8')) as object;
    validator = new (ajv2020())({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  }
  return validator(doc) ? [] : [...(validator.errors ?? [])];
}
