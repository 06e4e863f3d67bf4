import type { RuleResult } from '../engine/runner.js';
import type { PackageInfo, RulePartition } from '../engine/types.js';
import type { SharedLayer } from '../spatial/layer.js';
import type { LayerGeometry } from '../store/layer-geometry.js';
import type { LocalFrame } from '../spatial/frame.js';
import type { FromLoadWorker, LoadWorkerData } from '../store/load-parallel.js';

/** A rule thread's workerData: `loadFirst`, it is sent a `load` before `open` (RuleThreads' option). */
export interface RuleWorkerData {
  readonly loadFirst: boolean;
}

/** Messages from run-parallel.ts to a rule thread (or to the main thread's own lane, which runs them in place). */
export type ToWorker =
  | { readonly type: 'open'; readonly storePath: string; readonly info: PackageInfo; readonly maxFindingsPerRule: number }
  | { readonly type: 'rule'; readonly index: number; readonly ruleId: string; readonly partition: RulePartition; readonly options: unknown; readonly severityOverride?: string; readonly codes: unknown }
  | { readonly type: 'decode'; readonly table: string; readonly frame: LocalFrame; readonly geometry?: LayerGeometry }
  | { readonly type: 'adopt'; readonly layers: readonly SharedLayer[] }
  | { readonly type: 'exit' }
  /** load layers first, as a load thread does (store/load-jobs.ts): sent before `open` */
  | { readonly type: 'load'; readonly data: LoadWorkerData };

/** Messages from a rule thread back. */
export type ToMain =
  | { readonly type: 'ready' }
  /** `seconds`: the job's own time in its thread */
  | { readonly type: 'ruleDone'; readonly index: number; readonly result: RuleResult; readonly seconds: number }
  | { readonly type: 'decoded'; readonly table: string; readonly layers: readonly SharedLayer[] }
  /** a rule job (`index`) or a decode (`table`) threw; with neither, the thread cannot go on (it could not start or open the store) */
  | { readonly type: 'failed'; readonly error: string; readonly index?: number; readonly table?: string }
  /** what the thread's load (a `load` message) sends, as a load thread sends it */
  | { readonly type: 'loaded'; readonly msg: FromLoadWorker };
