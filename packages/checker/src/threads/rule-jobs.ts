import type Database from 'better-sqlite3';
import { runRule } from '../engine/runner.js';
import type { ResolvedRule } from '../engine/profile.js';
import type { OptionValue, PackageInfo, Severity } from '../engine/types.js';
import { getRule } from '../rules/index.js';
import { adoptLayers, provideGeometry, sharedLayer } from '../spatial/layer.js';
import { setLocalFrame } from '../spatial/frame.js';
import { threadErrorText } from '../io/worker-pool.js';
import type { ToMain, ToWorker } from './protocol.js';

/** What a lane runs its jobs against: the store (read-only), the package, the findings cap. */
export interface JobHost {
  readonly db: Database.Database;
  readonly info: PackageInfo;
  readonly maxFindingsPerRule: number;
}

/**
 * One job of run-parallel.ts, in whichever thread it landed (a rule thread, or the main thread's own lane): a rule
 * (or one partition of it) by catalog id, the decoding of a layer (handed back on shared memory so the other
 * threads adopt it instead of decoding it again), or the adoption of layers another thread decoded. A job that
 * throws answers `failed`, naming the job.
 */
export function runJob(host: JobHost, msg: Exclude<ToWorker, { type: 'open' | 'exit' | 'load' }>, send: (msg: ToMain) => void): void {
  const { db } = host;
  switch (msg.type) {
    case 'adopt':
      adoptLayers(db, msg.layers);
      return;
    case 'decode': {
      try {
        // the main thread's frame: not every thread scans every layer's boxes for it
        setLocalFrame(db, msg.frame);
        if (msg.geometry) provideGeometry(db, [msg.geometry]);
        const layer = sharedLayer(db, msg.table);
        send({ type: 'decoded', table: msg.table, layers: layer ? [layer] : [] });
      } catch (err) {
        send({ type: 'failed', error: threadErrorText(err), table: msg.table });
      }
      return;
    }
    case 'rule': {
      const t0 = performance.now();
      try {
        const rule = getRule(msg.ruleId);
        if (!rule) throw new Error(`unknown rule ${msg.ruleId}`);
        const options = msg.options as Readonly<Record<string, OptionValue>>;
        const severityOverride = msg.severityOverride as Severity | undefined;
        const codes = msg.codes as ResolvedRule['codes'];
        const result = runRule(db, host.info, { rule, enabled: true, options, codes, ...(severityOverride ? { severityOverride } : {}) }, host.maxFindingsPerRule, msg.partition);
        send({ type: 'ruleDone', index: msg.index, result, seconds: (performance.now() - t0) / 1000 });
      } catch (err) {
        send({ type: 'failed', error: threadErrorText(err), index: msg.index });
      }
      return;
    }
  }
}
