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
