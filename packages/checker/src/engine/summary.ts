import type { Localized } from '@nyt2539/schema';
import { ruleGroupOrder, ruleGroups, type RuleGroup } from './groups.js';
import type { RuleCount } from './runner.js';

interface GroupSummary {
  readonly group: RuleGroup;
  readonly title: Localized;
  readonly errors: number;
  readonly warnings: number;
  /** rules of this group that ran */
  readonly rules: number;
}

export interface CheckSummary {
  /** 通过: no errors (warnings allowed), as the 汇交 platform judges (official-rules.md §5) */
  readonly passed: boolean;
  readonly errors: number;
  readonly warnings: number;
  /** findings counted but not listed because of the per-rule limit */
  readonly dropped: number;
  readonly rulesRun: number;
  /** one row per category that ran at least one rule, in category order */
  readonly byGroup: readonly GroupSummary[];
  readonly byRule: readonly RuleCount[];
}

export function summarize(counts: readonly RuleCount[]): CheckSummary {
  const byGroup: GroupSummary[] = [];
  for (const group of ruleGroupOrder) {
    const inGroup = counts.filter((c) => c.group === group);
    if (inGroup.length === 0) continue;
    byGroup.push({
      group,
      title: ruleGroups[group],
      errors: inGroup.reduce((n, c) => n + c.errors, 0),
      warnings: inGroup.reduce((n, c) => n + c.warnings, 0),
      rules: inGroup.length,
    });
  }
  const errors = counts.reduce((n, c) => n + c.errors, 0);
  return {
    passed: errors === 0,
    errors,
    warnings: counts.reduce((n, c) => n + c.warnings, 0),
    dropped: counts.reduce((n, c) => n + c.dropped, 0),
    rulesRun: counts.length,
    byGroup,
    byRule: [...counts].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)),
  };
}
