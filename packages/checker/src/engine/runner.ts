import type Database from 'better-sqlite3';
import { formatMessage, type Localized, printable } from '@nyt2539/schema';
import { compareFindings, groupRootCauses, type Finding, type Severity } from './finding.js';
import { fingerprintOf } from './fingerprint.js';
import type { RuleGroup } from './groups.js';
import { defaultMaxFindingsPerRule, type ResolvedRule } from './profile.js';
import type { PackageInfo, ReportDescriptor, Rule, RuleContext, RulePartition } from './types.js';

/** Exact counts per rule, independent of how many findings were kept. */
export interface RuleCount {
  readonly ruleId: string;
  readonly group: RuleGroup;
  errors: number;
  warnings: number;
  /** findings dropped beyond `maxFindingsPerRule` */
  dropped: number;
}

export interface RunProgress {
  readonly done: number;
  readonly total: number;
  readonly ruleId: string;
}

export interface RunOptions {
  readonly maxFindingsPerRule?: number;
  readonly onProgress?: (p: RunProgress) => void;
}

export interface RunResult {
  /** sorted by severity, group, rule, file, record */
  readonly findings: Finding[];
  readonly counts: RuleCount[];
}

const ruleFailed: Localized = {
  zh: '规则 {rule} 执行失败（程序错误，请报告）：{reason}',
  en: 'rule {rule} failed (a bug, please report it): {reason}',
};

function render(rule: Rule, d: ReportDescriptor): Localized {
  const template = rule.meta.messages[d.messageId];
  if (!template) throw new Error(`rule ${rule.meta.id} reported unknown messageId '${d.messageId}'`);
  const data = { actual: d.actual, expected: d.expected, field: d.field, table: d.table, file: d.file, record: d.record, ...d.data };
  // a file name, entry name or value with a newline or an ANSI escape must not forge a report line
  return { zh: printable(formatMessage(template.zh, data, 'zh')), en: printable(formatMessage(template.en, data, 'en')) };
}

/** What one rule produced: its kept findings (in report order) and exact counts. */
export interface RuleResult {
  readonly findings: Finding[];
  readonly count: RuleCount;
  /** a partition's run: each kept finding's `order` (NaN when the report gave none), for mergePartitions */
  readonly orders?: number[];
}

/** The whole of a rule's work, as an inline run does it. */
const wholeRule: RulePartition = { index: 0, count: 1 };

/**
 * Run one enabled rule (or one `partition` of a partitioned rule) against the read-only store. A rule that throws
 * yields one `ruleFailed` finding.
 */
export function runRule(
  db: Database.Database,
  info: PackageInfo,
  resolved: ResolvedRule,
  max: number = defaultMaxFindingsPerRule,
  partition: RulePartition = wholeRule,
): RuleResult {
  const { rule, severityOverride, options: ruleOptions, codes } = resolved;
  const count: RuleCount = { ruleId: rule.meta.id, group: rule.meta.group, errors: 0, warnings: 0, dropped: 0 };
  const findings: Finding[] = [];
  const orders: number[] | undefined = partition.count > 1 ? [] : undefined;
  const add = (finding: Finding, order?: number) => {
    if (finding.severity === 'error') count.errors++;
    else count.warnings++;
    if (findings.length >= max) {
      count.dropped++;
      return;
    }
    findings.push(finding);
    orders?.push(order ?? Number.NaN);
  };
  const ctx: RuleContext = {
    db,
    info,
    options: ruleOptions,
    partition,
    report(d) {
      let severity: Severity = severityOverride ?? d.severity ?? rule.meta.severity;
      if (d.code !== undefined) {
        const set = codes[d.code];
        if (set === undefined) throw new Error(`rule ${rule.meta.id} reported code '${d.code}' it does not own (meta.readerCodes)`);
        if (set === 'off') return;
        severity = set;
      }
      const loc = location(d);
      add({
        ruleId: rule.meta.id,
        group: rule.meta.group,
        severity,
        messageId: d.messageId,
        message: render(rule, d),
        location: loc,
        ...(d.actual !== undefined ? { actual: d.actual } : {}),
        ...(d.expected !== undefined ? { expected: d.expected } : {}),
        ...(d.fbfbm ? { fbfbm: d.fbfbm } : {}),
        fingerprint: fingerprintOf({ ruleId: rule.meta.id, messageId: d.messageId, location: loc, ...(d.other ? { other: d.other } : {}) }),
        ...(d.rootCause ? { rootCause: d.rootCause } : {}),
        ...(d.affected ? { affected: d.affected } : {}),
        ...(d.trust ? { trust: d.trust } : {}),
        ...(d.derivedFrom ? { derivedFrom: d.derivedFrom } : {}),
      }, d.order);
    },
  };
  try {
    rule.run(ctx);
  } catch (err) {
    add(ruleFailedFinding(rule.meta.id, rule.meta.group, (err as Error)?.message ?? String(err)));
  }
  return { findings, count, ...(orders ? { orders } : {}) };
}

/**
 * One rule's result from the results of its partitions (in partition order): findings by ascending `order` (a
 * finding without one after those with, partition by partition), the first `max` kept, counts summed. Each
 * partition kept its own first `max` in ascending order, so the kept findings and the counts are those of one run
 * over the whole (the merged-equals-whole test in runner.test.ts).
 */
export function mergePartitions(parts: readonly RuleResult[], max: number = defaultMaxFindingsPerRule): RuleResult {
  if (parts.length === 1) {
    const { orders: _orders, ...whole } = parts[0];
    return whole;
  }
  const entries = parts.flatMap((p, part) => p.findings.map((finding, k) => ({ finding, order: p.orders?.[k] ?? Number.NaN, part, k })));
  const key = (o: number): number => (Number.isNaN(o) ? Number.POSITIVE_INFINITY : o);
  entries.sort((a, b) => key(a.order) - key(b.order) || a.part - b.part || a.k - b.k);
  // a rule that throws in every partition says so once
  const seen = new Set<string>();
  const unique = entries.filter(({ finding: f }) => f.messageId !== 'ruleFailed' || (!seen.has(f.message.en) && !!seen.add(f.message.en)));
  const { ruleId, group } = parts[0].count;
  const errors = parts.reduce((n, p) => n + p.count.errors, 0) - (entries.length - unique.length);
  const warnings = parts.reduce((n, p) => n + p.count.warnings, 0);
  const findings = unique.slice(0, max).map((e) => e.finding);
  return { findings, count: { ruleId, group, errors, warnings, dropped: errors + warnings - findings.length } };
}

/** The finding a rule gets when it throws (or, run in a worker thread, when the thread dies). */
export function ruleFailedFinding(ruleId: string, group: RuleGroup, reason: string): Finding {
  const data = { rule: ruleId, reason };
  return {
    ruleId,
    group,
    severity: 'error',
    messageId: 'ruleFailed',
    message: { zh: formatMessage(ruleFailed.zh, data), en: formatMessage(ruleFailed.en, data) },
    location: {},
    fingerprint: fingerprintOf({ ruleId, messageId: 'ruleFailed', location: {} }),
  };
}

/**
 * Findings of every rule in catalog order, then sorted (stable): the same list whichever thread ran which
 * rule, so the report never depends on scheduling. A consequence follows its root cause (groupRootCauses).
 */
export function mergeResults(results: readonly RuleResult[]): RunResult {
  const findings = results.flatMap((r) => r.findings);
  findings.sort(compareFindings);
  return { findings: groupRootCauses(findings), counts: results.map((r) => r.count) };
}

/** Run each enabled rule against the read-only store, one after another, and collect its findings. */
export function runRules(db: Database.Database, info: PackageInfo, resolved: readonly ResolvedRule[], options: RunOptions = {}): RunResult {
  const max = options.maxFindingsPerRule ?? defaultMaxFindingsPerRule;
  const enabled = resolved.filter((r) => r.enabled);
  const results = enabled.map((r, index) => {
    const result = runRule(db, info, r, max);
    options.onProgress?.({ done: index + 1, total: enabled.length, ruleId: r.rule.meta.id });
    return result;
  });
  return mergeResults(results);
}

function location(d: ReportDescriptor): Finding['location'] {
  const loc: { -readonly [K in keyof Finding['location']]: Finding['location'][K] } = {};
  if (d.file !== undefined) loc.file = printable(d.file);
  if (d.table !== undefined) loc.table = d.table;
  if (d.record !== undefined) loc.record = d.record;
  if (d.keys && Object.keys(d.keys).length > 0) loc.keys = d.keys;
  if (d.field !== undefined) loc.field = d.field;
  if (d.cell !== undefined) loc.cell = d.cell;
  if (d.point !== undefined) loc.point = d.point;
  if (d.bbox !== undefined) loc.bbox = d.bbox;
  return loc;
}
