import type { Localized } from '@nyt2539/schema';
import { groupRank, type RuleGroup } from './groups.js';

export type Severity = 'error' | 'warning';

/** A scalar as it can appear in a finding (values read from the store, expectations from the schema). */
export type FindingValue = string | number | boolean | null;

/** Where a finding is: as precise as the rule can say. Paths are relative to the package root, '/' separated. */
export interface FindingLocation {
  readonly file?: string;
  /** standard table or layer name, e.g. `CBF`, `DK` */
  readonly table?: string;
  /** 1-based record number within `file` (MDB row order, DBF record number) */
  readonly record?: number;
  /** key codes that identify the row for people: FBFBM, CBFBM, DKBM, CBHTBM, … */
  readonly keys?: Readonly<Record<string, string>>;
  readonly field?: string;
  /** the spreadsheet cell (A1 style, e.g. `D10`) of a summary-table or code-table finding */
  readonly cell?: string;
  /** [x, y] in the layer's own axis order (x = easting = 东 = Y in the Chinese convention) */
  readonly point?: readonly [number, number];
  /** [minx, miny, maxx, maxy] */
  readonly bbox?: readonly [number, number, number, number];
}

export interface Finding {
  readonly ruleId: string;
  readonly group: RuleGroup;
  readonly severity: Severity;
  readonly messageId: string;
  /** rendered in both languages */
  readonly message: Localized;
  readonly location: FindingLocation;
  readonly actual?: FindingValue;
  readonly expected?: FindingValue;
  /** 发包方编码 the finding belongs to, for per-village work lists */
  readonly fbfbm?: string;
  /**
   * Stable identity across checks (findings/fingerprint.ts): rule, message, table, the row's key codes, field and
   * the other party of a pair; not the record number. Successive checks are compared by it (re-check diff, ledger).
   */
  readonly fingerprint: string;
  /**
   * The finding this one follows from (same record, one root cause): its fingerprint when it has one, else
   * `<ruleId>#<messageId>`. Reports list a consequence under its root cause.
   */
  readonly rootCause?: string;
  /** a mass repeat collapsed into this one finding: how many places, and the first few of them */
  readonly affected?: { readonly count: number; readonly sample: readonly string[] };
  /** for a cross-table or derived-value finding: which side is the likely source of truth (what to keep) */
  readonly trust?: Localized;
  /** engine-internal until the results are merged (see ReportDescriptor.derivedFrom); never in a findings document */
  readonly derivedFrom?: { readonly fields: readonly string[]; readonly trust: Localized };
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1 };

function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

function compareNumber(a: number | undefined, b: number | undefined): number {
  return (a ?? -1) - (b ?? -1);
}

/** Report order: severity, group, rule, file, table, record, field, then message (so ties are still stable). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank[a.severity] - severityRank[b.severity] ||
    groupRank(a.group) - groupRank(b.group) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.location.file, b.location.file) ||
    compareText(a.location.table, b.location.table) ||
    compareNumber(a.location.record, b.location.record) ||
    compareText(a.location.field, b.location.field) ||
    compareText(a.message.zh, b.message.zh)
  );
}

/** Where a finding's field sits: file, table, record (or key codes), field. */
function cellKey(file: string | undefined, table: string | undefined, record: number | undefined, keys: Readonly<Record<string, string>> | undefined, field: string): string {
  const row = record !== undefined ? `#${record}` : JSON.stringify(Object.entries(keys ?? {}).sort());
  return JSON.stringify([file ?? '', table ?? '', row, field]);
}

/**
 * Link consequences to their root cause and list each right after it. A finding whose value is derived from other
 * fields of its record (`derivedFrom`) becomes the consequence of the first finding (report order) another rule
 * made on one of those fields of the same record: `rootCause` = that finding's fingerprint, `trust` = the
 * derived-value advice. Everything else keeps its order; `derivedFrom` is dropped.
 */
export function groupRootCauses(sorted: readonly Finding[]): Finding[] {
  const byCell = new Map<string, Finding>();
  for (const f of sorted) {
    if (f.location.field === undefined || f.derivedFrom) continue;
    const k = cellKey(f.location.file, f.location.table, f.location.record, f.location.keys, f.location.field);
    if (!byCell.has(k)) byCell.set(k, f);
  }
  const children = new Map<string, Finding[]>();
  const linked = new Set<Finding>();
  const out = sorted.map((f): Finding => {
    if (!f.derivedFrom) return f;
    const { derivedFrom, ...rest } = f;
    for (const field of derivedFrom.fields) {
      const root = byCell.get(cellKey(f.location.file, f.location.table, f.location.record, f.location.keys, field));
      if (!root || root.ruleId === f.ruleId) continue;
      const child: Finding = { ...rest, rootCause: root.fingerprint, trust: derivedFrom.trust };
      const list = children.get(root.fingerprint) ?? [];
      list.push(child);
      children.set(root.fingerprint, list);
      linked.add(child);
      return child;
    }
    return rest;
  });
  if (linked.size === 0) return out;
  const result: Finding[] = [];
  const emitted = new Set<Finding>();
  const emit = (f: Finding) => {
    if (emitted.has(f)) return;
    emitted.add(f);
    result.push(f);
    for (const c of children.get(f.fingerprint) ?? []) emit(c);
  };
  for (const f of out) if (!linked.has(f)) emit(f);
  // a consequence whose root was dropped (per-rule cap) stays in its sorted place
  for (const f of out) emit(f);
  return result;
}
