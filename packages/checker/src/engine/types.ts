import type Database from 'better-sqlite3';
import type { Localized } from '@nyt2539/schema';
import type { FindingLocation, FindingValue, Severity } from './finding.js';
import type { PackageInfo } from '../store/facts.js';
import type { RuleGroup } from './groups.js';

export type { Severity } from './finding.js';

/** Who fixes a finding (used to route work lists). */
type FixedBy = '测绘单位' | '村组' | '乡镇' | '县确权办';

/** A JSON value usable as a rule option. */
export type OptionValue = string | number | boolean | null | readonly OptionValue[] | { readonly [k: string]: OptionValue };

type BasisKind = 'standard' | 'official-qc' | 'inference';

export interface RuleMeta {
  /** `<group>/<name>`, also the module path under `rules/` */
  readonly id: string;
  readonly group: RuleGroup;
  /** default severity; a profile may override it or turn the rule off */
  readonly severity: Severity;
  readonly title: Localized;
  /** message templates keyed by message id; `{name}` placeholders are filled from the report's `data` */
  readonly messages: Readonly<Record<string, Localized>>;
  /** clause of the standard (or other basis document) the rule enforces */
  readonly spec: string;
  /** where the default severity and options come from (qc-rules.md / official-rules.md ids) */
  readonly basis: string;
  /**
   * What kind of basis the default severity has: `standard` = a clause of NY/T 2539/2538 (or a standard they
   * cite, GB 11643, GB/T 4761 …); `official-qc` = the official QC rules (official-rules.md, qc-rules.md tool
   * rules); `inference` = reasoned from the data model, not required by any clause. An inference only warns
   * (catalog.test.ts enforces it): a false alarm costs as much as a miss.
   */
  readonly basisKind: BasisKind;
  readonly fixedBy: FixedBy;
  /**
   * Rough CPU seconds at county scale (`pnpm bench -- --scale county`), only so threads start the long rules
   * first; rules without it count as 1. The longest rules' are set above their time (plot-overlap 25 against ~4 s):
   * started first, the rules holding the biggest structures do not overlap one another; recalibrated to their
   * seconds, they did, and a dense county's peak RSS rose from ~1.85 to ~1.95–2.05 GB.
   */
  readonly cost?: number;
  /**
   * Rules that read the same derived structure (built once per thread, e.g. the JZD at every plot vertex) name
   * it here; the parallel runner keeps them in one thread so it is built once.
   */
  readonly affinity?: string;
  /**
   * The rule's work splits into up to this many independent partitions (`ctx.partition`): the thread runner runs
   * them as separate jobs, one per thread at most, and the runner merges their findings by `order` into exactly
   * what one partition reports. Inline the rule runs as one partition.
   */
  readonly partitions?: number;
  /**
   * The rule reads decoded layers (spatial/: loadLayer). The thread runner starts such rules only after every
   * layer is decoded once onto shared memory; a fact for scheduling, never for results.
   */
  readonly layers?: boolean;
  /**
   * The rule calls GEOS (spatial/geos.ts), which a thread instantiates before its first call (~50 ms of its CPU and
   * ~20 MB): the thread runner sends these rules only to threads that have it, so a main thread that runs none of
   * them never instantiates it. True exactly when the module's imports reach spatial/geos.ts (catalog.test.ts).
   */
  readonly geos?: boolean;
  /** default option values; a profile's `options` are merged over them */
  readonly options?: Readonly<Record<string, OptionValue>>;
  /**
   * For a rule that reports reader issues (readers/issues.ts): the issue codes it owns, each with its default
   * severity ('off': another rule finds the same problem from the store, or the code is only a note). Every code
   * a reader can emit has exactly one owner (rules/catalog.test.ts); a profile may set each code's severity.
   */
  readonly readerCodes?: Readonly<Record<string, CodeSeverity>>;
}

/** Severity of one reader-issue code: 'off' reports nothing. */
export type CodeSeverity = Severity | 'off';

export type { PackageInfo } from '../store/facts.js';

export interface ReportDescriptor extends FindingLocation {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly actual?: FindingValue;
  readonly expected?: FindingValue;
  readonly fbfbm?: string;
  /** `<ruleId>#<messageId>` of the finding on the same record this one follows from (see Finding.rootCause) */
  readonly rootCause?: string;
  /** a mass repeat reported once: how many places, and the first few */
  readonly affected?: { readonly count: number; readonly sample: readonly string[] };
  /** which side of a cross-table or derived-value disagreement is the likely source of truth */
  readonly trust?: Localized;
  /**
   * The located value is derived from these fields of the same record (a 亩 value from its m² field). When another
   * rule reports one of them on the same record, that finding is the root cause: this one is listed under it and its
   * `trust` replaced by `trust` here (fix the source, not the derived value).
   */
  readonly derivedFrom?: { readonly fields: readonly string[]; readonly trust: Localized };
  /**
   * The other party of a pair finding (the plot overlapped, the contractor sharing an ID number) by its key code:
   * part of the finding's fingerprint, so the pair keeps its identity whichever side reports it.
   */
  readonly other?: string;
  /**
   * Lower a single finding to a warning (e.g. a published variant the standard tolerates). Ignored when the
   * profile sets the rule's severity explicitly.
   */
  readonly severity?: Severity;
  /**
   * The reader-issue code this finding reports (one of the rule's `meta.readerCodes`): its severity is the
   * code's, as the profile sets it or the meta declares it.
   */
  readonly code?: string;
  /**
   * A partitioned rule's (`meta.partitions`) place for this finding in the order the whole rule reports: each
   * partition reports in ascending `order`, and the partitions are merged by it (runner.ts mergePartitions).
   */
  readonly order?: number;
}

/** Which part of a partitioned rule's work a run does: `index` of `count` (0 of 1 when the rule is not split). */
export interface RulePartition {
  readonly index: number;
  readonly count: number;
}

export interface RuleContext<O = Readonly<Record<string, OptionValue>>> {
  /** the working store, opened read-only */
  readonly db: Database.Database;
  readonly info: PackageInfo;
  /** the rule's defaults merged with the profile's options */
  readonly options: O;
  /** the part of the work this run does (see `RuleMeta.partitions`) */
  readonly partition: RulePartition;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule<O = Readonly<Record<string, OptionValue>>> {
  readonly meta: RuleMeta;
  run(ctx: RuleContext<O>): void;
}
