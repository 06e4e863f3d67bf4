import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import type { ProfileRecord } from '../engine/profile.js';
import type { PackageInfo } from '../engine/types.js';
import { ruleSetVersion, toolVersion } from '../rules/version.js';
import type { Finding } from './finding.js';
import { maskFinding } from './mask.js';
import type { CheckSummary } from './summary.js';

/** `findings.json` (schema: packages/checker/schema/findings.schema.json). No timestamps: same input, same bytes. */
export interface FindingsDocument {
  readonly format: 'nyt2539-findings';
  readonly formatVersion: 1;
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
  readonly findings: readonly Finding[];
}

export const findingsSchemaUrl = new URL('../../schema/findings.schema.json', import.meta.url);

export interface FindingsDocumentOptions {
  /** mask ID and phone numbers (the default for every shareable output; `--no-mask` turns it off) */
  readonly mask: boolean;
  readonly profile?: ProfileRecord;
}

/**
 * The findings document: THE choke point for masking. Every report (the text report, findings.json and the
 * formats of the packager's reports registry) renders from this document, never from raw findings.
 */
export function findingsDocument(info: PackageInfo, summary: CheckSummary, findings: readonly Finding[], options: FindingsDocumentOptions): FindingsDocument {
  return {
    format: 'nyt2539-findings',
    formatVersion: 1,
    package: { rootName: info.rootName, county: info.county, countyName: info.countyName, year: info.year },
    masked: options.mask,
    passed: summary.passed,
    toolVersion,
    ruleSetVersion: ruleSetVersion(),
    ...(options.profile ? { profile: options.profile } : {}),
    summary: {
      errors: summary.errors,
      warnings: summary.warnings,
      dropped: summary.dropped,
      rulesRun: summary.rulesRun,
      byGroup: summary.byGroup.map((g) => ({ group: g.group, title: { zh: g.title.zh, en: g.title.en }, errors: g.errors, warnings: g.warnings, rules: g.rules })),
      byRule: summary.byRule.map((r) => ({ ruleId: r.ruleId, group: r.group, errors: r.errors, warnings: r.warnings, dropped: r.dropped })),
    },
    findings: options.mask ? findings.map(maskFinding) : findings,
  };
}

export function renderJson(doc: FindingsDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

let validator: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

/** Validate a findings document against the published schema; returns the ajv errors (empty when valid). */
export function validateFindingsDocument(doc: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(findingsSchemaUrl, 'utf8')) as object;
    validator = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  }
  return validator(doc) ? [] : [...(validator.errors ?? [])];
}
