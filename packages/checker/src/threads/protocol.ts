import type { RuleResult } from '../engine/runner.js';
import type { RulePartition } from '../engine/types.js';
import type { SharedLayer } from '../spatial/layer.js';
import type { LayerGeometry } from '../store/layer-geometry.js';
import type { LocalFrame } from '../spatial/frame.js';

/** Messages from run-parallel.ts to a rule thread. */
export type ToWorker =
  | { readonly type: 'rule'; readonly index: number; readonly ruleId: string; readonly partition: RulePartition; readonly options: unknown; readonly severityOverride?: string; readonly codes: unknown }
  | { readonly type: 'decode'; readonly table: string; readonly frame: LocalFrame; readonly geometry?: LayerGeometry }
  | { readonly type: 'adopt'; readonly layers: readonly SharedLayer[] }
  | { readonly type: 'exit' };

/** Messages from a rule thread back. */
export type ToMain =
  | { readonly type: 'ready' }
  | { readonly type: 'ruleDone'; readonly index: number; readonly result: RuleResult }
  | { readonly type: 'decoded'; readonly table: string; readonly layers: readonly SharedLayer[] }
  | { readonly type: 'failed'; readonly error: string };
