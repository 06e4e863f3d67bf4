import {
  getRule,
  maskFinding,
  ruleGroupOrder,
  ruleGroups,
  type DiffCounts,
  type DocumentFinding,
  type FindingsDiff,
  type FindingsDocument,
  type RuleGroup,
} from '@nyt2539/checker';

/** 责任单位 of a finding: its rule's `fixedBy` (a rule this version no longer has: 未知). */
export function unitOf(ruleId: string): string {
  return getRule(ruleId)?.meta.fixedBy ?? '未知';
}

/** Responsible units in the order a county plan lists them. */
export const unitOrder = ['测绘单位', '村组', '乡镇', '县确权办'] as const;

function rankUnit(u: string): number {
  const i = (unitOrder as readonly string[]).indexOf(u);
  return i < 0 ? unitOrder.length : i;
}

/**
 * Compare a check with an earlier one of the same package by fingerprint: each current finding is 新增 (new) or
 * 遗留 (persisting, with the date it was first seen and how many checks have reported it), each earlier one not
 * reported again is 已整改 (fixed) on this check's date. Fingerprints are a multiset: two findings with one
 * identity match two earlier ones. An earlier finding of a rule this check did not run, or cut at the per-rule
 * limit, is neither: it is counted as unconfirmed, never closed by omission.
 */
export function diffDocuments(baseline: FindingsDocument, current: FindingsDocument): FindingsDocument {
  const earlier = new Map<string, DocumentFinding[]>();
  for (const f of baseline.findings) {
    const list = earlier.get(f.fingerprint);
    if (list) list.push(f);
    else earlier.set(f.fingerprint, [f]);
  }
  const counts = new Map<string, { group: RuleGroup; unit: string; c: { new: number; persisting: number; fixed: number } }>();
  let lastRule = '';
  let lastEntry: { c: { new: number; persisting: number; fixed: number } } | undefined;
  const bump = (ruleId: string, group: RuleGroup, key: keyof DiffCounts) => {
    // findings come sorted by rule: the previous entry is nearly always the one
    if (ruleId === lastRule && lastEntry) {
      lastEntry.c[key]++;
      return;
    }
    let e = counts.get(ruleId);
    if (!e) counts.set(ruleId, (e = { group, unit: unitOf(ruleId), c: { new: 0, persisting: 0, fixed: 0 } }));
    lastRule = ruleId;
    lastEntry = e;
    e.c[key]++;
  };
  const findings: DocumentFinding[] = current.findings.map((f) => {
    const match = earlier.get(f.fingerprint)?.shift();
    // a current finding carries no fixedOn (only fixed ones do), so spreading it over is enough
    if (match) {
      bump(f.ruleId, f.group, 'persisting');
      return { ...f, status: 'persisting', firstSeen: match.firstSeen ?? baseline.checkedAt, checks: (match.checks ?? 1) + 1 };
    }
    bump(f.ruleId, f.group, 'new');
    return { ...f, status: 'new', firstSeen: current.checkedAt, checks: 1 };
  });
  const complete = new Set(current.summary.byRule.filter((r) => r.dropped === 0).map((r) => r.ruleId));
  const fixedFindings: DocumentFinding[] = [];
  let unconfirmed = 0;
  const unmatched = new Set([...earlier.values()].flat());
  for (const f of baseline.findings) {
    if (!unmatched.has(f)) continue;
    if (!complete.has(f.ruleId)) {
      unconfirmed++;
      continue;
    }
    bump(f.ruleId, f.group, 'fixed');
    const fixed: DocumentFinding = { ...f, status: 'fixed', firstSeen: f.firstSeen ?? baseline.checkedAt, checks: f.checks ?? 1, fixedOn: current.checkedAt };
    // the baseline may have been written unmasked; what this document shows follows its own masking (a masked
    // baseline went through the choke point already)
    fixedFindings.push(current.masked && !baseline.masked ? (maskFinding(fixed) as DocumentFinding) : fixed);
  }
  const total = (pick: (e: { group: RuleGroup; unit: string }) => boolean): DiffCounts => {
    const t = { new: 0, persisting: 0, fixed: 0 };
    for (const e of counts.values()) if (pick(e)) for (const k of ['new', 'persisting', 'fixed'] as const) t[k] += e.c[k];
    return t;
  };
  const groups = ruleGroupOrder.filter((g) => [...counts.values()].some((e) => e.group === g));
  const units = [...new Set([...counts.values()].map((e) => e.unit))].sort((a, b) => rankUnit(a) - rankUnit(b) || (a < b ? -1 : 1));
  const all = total(() => true);
  const diff: FindingsDiff = {
    baseline: { checkedAt: baseline.checkedAt, rootName: baseline.package.rootName },
    ...all,
    unconfirmed,
    byGroup: groups.map((g) => ({ group: g, title: { zh: ruleGroups[g].zh, en: ruleGroups[g].en }, ...total((e) => e.group === g) })),
    byUnit: units.map((u) => ({ unit: u, ...total((e) => e.unit === u) })),
    fixedFindings,
  };
  return { ...current, findings, diff };
}
