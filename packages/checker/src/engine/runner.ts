import type Database from 'better-sqlite3';
import { formatMessage, type Localized } from '@nyt2539/schema';
import { compareFindings, type Finding, type Severity } from '../findings/finding.js';
import type { RuleGroup } from './groups.js';
import { defaultMaxFindingsPerRule, type ResolvedRule } from './profile.js';
import type { PackageInfo, ReportDescriptor, Rule, RuleContext } from './types.js';

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
  return { zh: formatMessage(template.zh, data), en: formatMessage(template.en, data) };
}

/** Run each enabled rule against the read-only store and collect its findings. */
export function runRules(db: Database.Database, info: PackageInfo, resolved: readonly ResolvedRule[], options: RunOptions = {}): RunResult {
  const max = options.maxFindingsPerRule ?? defaultMaxFindingsPerRule;
  const findings: Finding[] = [];
  const counts: RuleCount[] = [];
  const enabled = resolved.filter((r) => r.enabled);
  enabled.forEach(({ rule, severityOverride, options: ruleOptions }, index) => {
    const count: RuleCount = { ruleId: rule.meta.id, group: rule.meta.group, errors: 0, warnings: 0, dropped: 0 };
    counts.push(count);
    let kept = 0;
    const add = (finding: Finding) => {
      if (finding.severity === 'error') count.errors++;
      else count.warnings++;
      if (kept >= max) {
        count.dropped++;
        return;
      }
      kept++;
      findings.push(finding);
    };
    const ctx: RuleContext = {
      db,
      info,
      options: ruleOptions,
      report(d) {
        const severity: Severity = severityOverride ?? d.severity ?? rule.meta.severity;
        add({
          ruleId: rule.meta.id,
          group: rule.meta.group,
          severity,
          messageId: d.messageId,
          message: render(rule, d),
          location: location(d),
          ...(d.actual !== undefined ? { actual: d.actual } : {}),
          ...(d.expected !== undefined ? { expected: d.expected } : {}),
          ...(d.fbfbm ? { fbfbm: d.fbfbm } : {}),
        });
      },
    };
    try {
      rule.run(ctx);
    } catch (err) {
      const data = { rule: rule.meta.id, reason: (err as Error)?.message ?? String(err) };
      add({
        ruleId: rule.meta.id,
        group: rule.meta.group,
        severity: 'error',
        messageId: 'ruleFailed',
        message: { zh: formatMessage(ruleFailed.zh, data), en: formatMessage(ruleFailed.en, data) },
        location: {},
      });
    }
    options.onProgress?.({ done: index + 1, total: enabled.length, ruleId: rule.meta.id });
  });
  findings.sort(compareFindings);
  return { findings, counts };
}

function location(d: ReportDescriptor): Finding['location'] {
  const loc: { -readonly [K in keyof Finding['location']]: Finding['location'][K] } = {};
  if (d.file !== undefined) loc.file = d.file;
  if (d.table !== undefined) loc.table = d.table;
  if (d.record !== undefined) loc.record = d.record;
  if (d.keys && Object.keys(d.keys).length > 0) loc.keys = d.keys;
  if (d.field !== undefined) loc.field = d.field;
  if (d.point !== undefined) loc.point = d.point;
  if (d.bbox !== undefined) loc.bbox = d.bbox;
  return loc;
}
