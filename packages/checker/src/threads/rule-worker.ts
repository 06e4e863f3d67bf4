import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/facts.js';
import { runRule } from '../engine/runner.js';
import type { ResolvedRule } from '../engine/profile.js';
import type { OptionValue, PackageInfo, Severity } from '../engine/types.js';
import { getRule } from '../rules/index.js';
import { adoptLayers, provideGeometry, sharedLayer } from '../spatial/layer.js';
import { setLocalFrame } from '../spatial/frame.js';
import { initGeos } from '../spatial/geos.js';
import type { ToMain, ToWorker } from './protocol.js';

/**
 * One rule thread of run-parallel.ts: opens the store read-only once, then runs whatever the main thread sends,
 * one job at a time — a rule (or one partition of it) by catalog id, or the decoding of a layer (handed back on shared memory so the
 * other thread adopts it instead of decoding it again).
 */
const { storePath, info, maxFindingsPerRule } = workerData as { storePath: string; info: PackageInfo; maxFindingsPerRule: number };
const port = parentPort!;
const db = openStore(storePath);

function send(msg: ToMain): void {
  port.postMessage(msg);
}

function runJob(msg: ToWorker): void {
  switch (msg.type) {
    case 'adopt':
      adoptLayers(db, msg.layers);
      return;
    case 'decode': {
      // the main thread's frame: not every thread scans every layer's boxes for it
      setLocalFrame(db, msg.frame);
      if (msg.geometry) provideGeometry(db, [msg.geometry]);
      const layer = sharedLayer(db, msg.table);
      send({ type: 'decoded', table: msg.table, layers: layer ? [layer] : [] });
      return;
    }
    case 'rule': {
      const rule = getRule(msg.ruleId);
      if (!rule) throw new Error(`unknown rule ${msg.ruleId}`);
      const options = msg.options as Readonly<Record<string, OptionValue>>;
      const severityOverride = msg.severityOverride as Severity | undefined;
      const codes = msg.codes as ResolvedRule['codes'];
      const result = runRule(db, info, { rule, enabled: true, options, codes, ...(severityOverride ? { severityOverride } : {}) }, maxFindingsPerRule, msg.partition);
      send({ type: 'ruleDone', index: msg.index, result });
      return;
    }
    case 'exit':
      db.close();
      port.close();
      return;
  }
}

port.on('message', (msg: ToWorker) => {
  try {
    runJob(msg);
  } catch (err) {
    send({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
  }
});
// rules call GEOS synchronously: the thread says it is ready once GEOS is
initGeos().then(
  () => send({ type: 'ready' }),
  (err: unknown) => send({ type: 'failed', error: err instanceof Error ? err.message : String(err) }),
);
