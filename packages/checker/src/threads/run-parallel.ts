import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { ResolvedRule } from '../engine/profile.js';
import { defaultMaxFindingsPerRule } from '../engine/profile.js';
import { mergeResults, ruleFailedFinding, runRule, type RuleResult, type RunOptions, type RunResult } from '../engine/runner.js';
import type { PackageInfo } from '../engine/types.js';
import { getRule } from '../rules/index.js';
import { isLayer, provideGeometry, type SharedLayer } from '../spatial/layer.js';
import type { LayerGeometry } from '../store/layer-geometry.js';
import { localFrame } from '../spatial/frame.js';
import type { ToMain, ToWorker } from './protocol.js';
import { workerEntry } from '../io/worker-entry.js';
import { envNumber, machineThreads, threadsFromEnv } from '../io/thread-settings.js';

/**
 * The rule catalog on every core. Rules are independent and only read the store, so each worker thread opens
 * it read-only and takes the next rule when it is free, longest first (`meta.cost`). Layers are decoded once,
 * by whichever thread is free, onto shared memory, and every thread adopts them before its first spatial rule:
 * a county's plot layer is decoded once, not once per thread. Findings are merged in catalog order and sorted,
 * so the report is the same whichever thread ran which rule.
 */

/** Threads for the rule catalog: `NYT2539_THREADS`, else the machine's parallelism, at most 8. */
export function ruleThreadCount(): number {
  return threadsFromEnv() ?? machineThreads();
}

/**
 * Rows (records of every table and layer) from which the catalog runs in threads: `NYT2539_PARALLEL_ROWS`, else
 * 200 000. A thread costs ~1 s to start (it compiles the rule modules); small packages check faster inline.
 */
export function parallelRowThreshold(): number {
  return envNumber('NYT2539_PARALLEL_ROWS', 200_000);
}

/** Whether `resolved` can run in threads: every rule must be the catalog's own (threads look rules up by id). */
export function catalogOnly(resolved: readonly ResolvedRule[]): boolean {
  return resolved.every((r) => getRule(r.rule.meta.id) === r.rule);
}

const entry = workerEntry('rule-worker', new URL('./rule-worker.ts', import.meta.url));

interface Job {
  readonly index: number;
  readonly resolved: ResolvedRule;
  readonly spatial: boolean;
}

interface Lane {
  readonly worker: Worker;
  ready: boolean;
  busy: Job | { decode: string } | undefined;
  /** tables whose layers this thread holds */
  readonly has: Set<string>;
  alive: boolean;
}

interface ParallelRunResult extends RunResult {
  /** seconds each rule took in its thread, by rule id */
  readonly seconds: Readonly<Record<string, number>>;
}

/**
 * Run the enabled rules in `threads` worker threads over the store `db` is open on (a file). Resolves when
 * every rule has run. A rule that throws, or whose thread dies, yields its `ruleFailed` finding.
 */
export async function runRulesParallel(
  db: Database.Database,
  info: PackageInfo,
  resolved: readonly ResolvedRule[],
  options: RunOptions & {
    readonly threads?: number;
    /** the layers' geometry as the loader decoded it: a decoding thread adopts it instead of reading `_geom` */
    readonly layers?: readonly LayerGeometry[];
  } = {},
): Promise<ParallelRunResult> {
  const loadedGeometry = new Map((options.layers ?? []).map((g) => [g.table, g]));
  const max = options.maxFindingsPerRule ?? defaultMaxFindingsPerRule;
  const enabled = resolved.filter((r) => r.enabled);
  const jobs: Job[] = enabled.map((r, index) => ({ index, resolved: r, spatial: r.rule.meta.layers === true }));
  // longest first, so the last rule to finish is a short one
  const queue = [...jobs].sort((a, b) => (b.resolved.rule.meta.cost ?? 1) - (a.resolved.rule.meta.cost ?? 1) || a.index - b.index);
  const layerTables = jobs.some((j) => j.spatial) ? layersBySize(db) : [];
  const decodeQueue = [...layerTables];
  const decoded = new Map<string, readonly SharedLayer[]>();
  const results: (RuleResult | undefined)[] = new Array(jobs.length);
  const seconds: Record<string, number> = {};
  let done = 0;
  const threads = Math.max(1, Math.min(options.threads ?? ruleThreadCount(), jobs.length + layerTables.length));
  if (jobs.length === 0) return { findings: [], counts: [], seconds };

  await new Promise<void>((resolveAll, rejectAll) => {
    const lanes: Lane[] = [];
    const started = new Map<Lane, number>();
    const finishJob = (job: Job, result: RuleResult): void => {
      if (results[job.index]) return;
      results[job.index] = result;
      done++;
      options.onProgress?.({ done, total: jobs.length, ruleId: job.resolved.rule.meta.id });
    };
    const failJob = (job: Job, reason: string): void => {
      const { id, group } = job.resolved.rule.meta;
      finishJob(job, {
        findings: [ruleFailedFinding(id, group, reason)],
        count: { ruleId: id, group, errors: 1, warnings: 0, dropped: 0 },
      });
    };
    const affinityLane = new Map<string, Lane>();
    // a rule sharing a derived structure goes where that structure is (or will be) built; a dead lane frees it
    const ownsAffinity = (lane: Lane, job: Job): boolean => {
      const affinity = job.resolved.rule.meta.affinity;
      const owner = affinity === undefined ? undefined : affinityLane.get(affinity);
      return owner === undefined || owner === lane || !owner.alive;
    };
    const allDecoded = (): boolean => decodeQueue.length === 0 && decoded.size === layerTables.length;
    const settleIfDone = (): void => {
      if (done < jobs.length || !allDecodesSettled()) return;
      for (const l of lanes) if (l.alive) l.worker.postMessage({ type: 'exit' } satisfies ToWorker);
      resolveAll();
    };
    // a decode still running in a thread keeps the run open (its layers are needed by no one else by then)
    const allDecodesSettled = (): boolean => decoded.size === layerTables.length || lanes.every((l) => !l.alive);
    const dispatch = (): void => {
      for (const lane of lanes) {
        if (!lane.alive || !lane.ready || lane.busy) continue;
        const table = decodeQueue.shift();
        if (table !== undefined) {
          lane.busy = { decode: table };
          const geometry = loadedGeometry.get(table);
          lane.worker.postMessage({ type: 'decode', table, frame: localFrame(db), ...(geometry ? { geometry } : {}) } satisfies ToWorker);
          continue;
        }
        const at = queue.findIndex((j) => (!j.spatial || allDecoded()) && ownsAffinity(lane, j));
        if (at < 0) continue;
        const [job] = queue.splice(at, 1);
        const affinity = job.resolved.rule.meta.affinity;
        if (affinity !== undefined && !affinityLane.has(affinity)) affinityLane.set(affinity, lane);
        if (job.spatial) {
          const missing = [...decoded.entries()].filter(([t]) => !lane.has.has(t)).flatMap(([t, ls]) => (lane.has.add(t), ls));
          if (missing.length > 0) lane.worker.postMessage({ type: 'adopt', layers: missing } satisfies ToWorker);
        }
        lane.busy = job;
        started.set(lane, performance.now());
        const { rule, options: ruleOptions, severityOverride, codes } = job.resolved;
        lane.worker.postMessage({
          type: 'rule',
          index: job.index,
          ruleId: rule.meta.id,
          options: ruleOptions,
          codes,
          ...(severityOverride ? { severityOverride } : {}),
        } satisfies ToWorker);
      }
      if (lanes.every((l) => !l.alive)) runRestInline();
      settleIfDone();
    };
    // every thread died (e.g. out of memory): what is left runs here, one rule after another
    const runRestInline = (): void => {
      // geometry a dead thread took is decoded again from the store
      provideGeometry(db, [...loadedGeometry.values()]);
      if (decodeQueue.length > 0 || decoded.size < layerTables.length) {
        decodeQueue.length = 0;
        for (const t of layerTables) if (!decoded.has(t)) decoded.set(t, []);
      }
      for (const job of queue.splice(0)) finishJob(job, runRule(db, info, job.resolved, max));
    };
    const laneDied = (lane: Lane, reason: string): void => {
      if (!lane.alive) return;
      lane.alive = false;
      const busy = lane.busy;
      lane.busy = undefined;
      if (busy && 'resolved' in busy) failJob(busy, reason);
      else if (busy && 'decode' in busy && !decoded.has(busy.decode)) decoded.set(busy.decode, []);
      dispatch();
    };
    const onMessage = (lane: Lane, msg: ToMain): void => {
      switch (msg.type) {
        case 'ready':
          lane.ready = true;
          break;
        case 'decoded':
          decoded.set(msg.table, msg.layers);
          lane.has.add(msg.table);
          lane.busy = undefined;
          break;
        case 'ruleDone': {
          const job = jobs[msg.index];
          seconds[job.resolved.rule.meta.id] = Math.round(performance.now() - (started.get(lane) ?? performance.now())) / 1000;
          finishJob(job, msg.result);
          lane.busy = undefined;
          break;
        }
        case 'failed': {
          const busy = lane.busy;
          lane.busy = undefined;
          if (busy && 'resolved' in busy) failJob(busy, msg.error);
          else if (busy && 'decode' in busy) decoded.set(busy.decode, []);
          else {
            // the thread could not even start
            laneDied(lane, msg.error);
            void lane.worker.terminate();
            return;
          }
          break;
        }
      }
      dispatch();
    };
    try {
      for (let t = 0; t < threads; t++) {
        const worker = new Worker(entry.url, { workerData: { module: entry.module, storePath: db.name, info, maxFindingsPerRule: max } });
        const lane: Lane = { worker, ready: false, busy: undefined, has: new Set(), alive: true };
        lanes.push(lane);
        worker.on('message', (msg: ToMain) => onMessage(lane, msg));
        worker.on('error', (err) => laneDied(lane, err.message));
        worker.on('exit', (code) => {
          if (lane.alive && (done < jobs.length || !allDecodesSettled())) laneDied(lane, `worker thread exited (${code})`);
          lane.alive = false;
        });
      }
    } catch (err) {
      rejectAll(err);
    }
  });
  return { ...mergeResults(results.map((r) => r!)), seconds };
}

/** Every layer with geometry in the store, biggest first (the biggest decodes start first). */
function layersBySize(db: Database.Database): string[] {
  const rows = db.prepare(`SELECT name, coalesce(record_count, 0) AS n FROM src_tables WHERE origin = 'shp' ORDER BY n DESC, name`).all() as { name: string; n: number }[];
  return [...new Set(rows.map((r) => r.name))].filter((t) => isLayer(db, t));
}
