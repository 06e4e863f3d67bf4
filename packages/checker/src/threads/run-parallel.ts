import type Database from 'better-sqlite3';
import type { ResolvedRule } from '../engine/profile.js';
import { defaultMaxFindingsPerRule } from '../engine/profile.js';
import { mergePartitions, mergeResults, ruleFailedFinding, runRule, type RuleResult, type RunOptions, type RunResult } from '../engine/runner.js';
import type { PackageInfo, RulePartition } from '../engine/types.js';
import { getRule } from '../rules/index.js';
import { isLayer, provideGeometry, type SharedLayer } from '../spatial/layer.js';
import type { LayerGeometry } from '../store/layer-geometry.js';
import { localFrame } from '../spatial/frame.js';
import type { ToMain, ToWorker } from './protocol.js';
import { workerEntry } from '../io/worker-entry.js';
import { envNumber, machineThreads, threadsFromEnv } from '../io/thread-settings.js';
import { WorkerPool, type PoolThread } from '../io/worker-pool.js';

/**
 * The rule catalog on every core. Rules are independent and only read the store, so each worker thread opens
 * it read-only and takes the next rule when it is free, longest first (`meta.cost`). Layers are decoded once,
 * by whichever thread is free, onto shared memory, and every thread adopts them before its first spatial rule:
 * a county's plot layer is decoded once, not once per thread. A partitioned rule (`meta.partitions`) is one job
 * per partition, so its parts run on several cores. Partitions are merged into their rule's result, findings in
 * catalog order and sorted, so the report is the same whichever thread ran which job.
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

/** One job for a thread: a rule, or one partition of a partitioned rule. */
interface Job {
  readonly index: number;
  /** the rule's place among the enabled rules (catalog order) */
  readonly rule: number;
  readonly resolved: ResolvedRule;
  readonly partition: RulePartition;
  readonly spatial: boolean;
  readonly cost: number;
}

interface Lane {
  readonly thread: PoolThread;
  ready: boolean;
  busy: Job | { decode: string } | undefined;
  /** tables whose layers this thread holds */
  readonly has: Set<string>;
}

interface ParallelRunResult extends RunResult {
  /** seconds each rule took in its threads (its partitions' added up), by rule id */
  readonly seconds: Readonly<Record<string, number>>;
}

/**
 * The jobs for `threads` threads: each enabled rule once, a rule with `meta.partitions` once per partition (as
 * many as threads, at most its own limit), each partition costing its share of the rule's `meta.cost`.
 */
function ruleJobs(enabled: readonly ResolvedRule[], threads: number): Job[] {
  return enabled.flatMap((resolved, rule) => {
    const { partitions, cost, layers } = resolved.rule.meta;
    const count = Math.max(1, Math.min(partitions ?? 1, threads));
    return Array.from({ length: count }, (_, index) => ({ rule, resolved, partition: { index, count }, spatial: layers === true, cost: (cost ?? 1) / count }));
  }).map((job, index) => ({ ...job, index }));
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
  const wanted = Math.max(1, options.threads ?? ruleThreadCount());
  const jobs = ruleJobs(enabled, wanted);
  // longest first, so the last job to finish is a short one
  const queue = [...jobs].sort((a, b) => b.cost - a.cost || a.index - b.index);
  const layerTables = jobs.some((j) => j.spatial) ? layersBySize(db) : [];
  const decodeQueue = [...layerTables];
  const decoded = new Map<string, readonly SharedLayer[]>();
  const results: (RuleResult | undefined)[] = new Array(jobs.length);
  const left = enabled.map((r) => jobs.filter((j) => j.resolved === r).length);
  const seconds: Record<string, number> = {};
  let done = 0;
  let rulesDone = 0;
  const threads = Math.min(wanted, jobs.length + layerTables.length);
  if (jobs.length === 0) return { findings: [], counts: [], seconds };

  await new Promise<void>((resolveAll, rejectAll) => {
    const lanes: Lane[] = [];
    const started = new Map<Lane, number>();
    const finishJob = (job: Job, result: RuleResult): void => {
      if (results[job.index]) return;
      results[job.index] = result;
      done++;
      if (--left[job.rule] === 0) options.onProgress?.({ done: ++rulesDone, total: enabled.length, ruleId: job.resolved.rule.meta.id });
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
      return owner === undefined || owner === lane || !owner.thread.alive;
    };
    const allDecoded = (): boolean => decodeQueue.length === 0 && decoded.size === layerTables.length;
    // a decode still running in a thread keeps the run open (its layers are needed by no one else by then)
    const allDecodesSettled = (): boolean => decoded.size === layerTables.length || !pool.alive;
    let settled = false;
    const settleIfDone = (): void => {
      if (settled || done < jobs.length || !allDecodesSettled()) return;
      settled = true;
      pool.close({ type: 'exit' });
      resolveAll();
    };
    const dispatch = (): void => {
      for (const lane of lanes) {
        if (!lane.thread.alive || !lane.ready || lane.busy) continue;
        const table = decodeQueue.shift();
        if (table !== undefined) {
          lane.busy = { decode: table };
          const geometry = loadedGeometry.get(table);
          pool.post(lane.thread, { type: 'decode', table, frame: localFrame(db), ...(geometry ? { geometry } : {}) });
          continue;
        }
        const at = queue.findIndex((j) => (!j.spatial || allDecoded()) && ownsAffinity(lane, j));
        if (at < 0) continue;
        const [job] = queue.splice(at, 1);
        const affinity = job.resolved.rule.meta.affinity;
        if (affinity !== undefined && !affinityLane.has(affinity)) affinityLane.set(affinity, lane);
        if (job.spatial) {
          const missing = [...decoded.entries()].filter(([t]) => !lane.has.has(t)).flatMap(([t, ls]) => (lane.has.add(t), ls));
          if (missing.length > 0) pool.post(lane.thread, { type: 'adopt', layers: missing });
        }
        lane.busy = job;
        started.set(lane, performance.now());
        const { rule, options: ruleOptions, severityOverride, codes } = job.resolved;
        pool.post(lane.thread, {
          type: 'rule',
          index: job.index,
          ruleId: rule.meta.id,
          partition: job.partition,
          options: ruleOptions,
          codes,
          ...(severityOverride ? { severityOverride } : {}),
        });
      }
      if (!pool.alive) runRestInline();
      settleIfDone();
    };
    // every thread died (e.g. out of memory): what is left runs here, one job after another
    const runRestInline = (): void => {
      // geometry a dead thread took is decoded again from the store
      provideGeometry(db, [...loadedGeometry.values()]);
      if (decodeQueue.length > 0 || decoded.size < layerTables.length) {
        decodeQueue.length = 0;
        for (const t of layerTables) if (!decoded.has(t)) decoded.set(t, []);
      }
      for (const job of queue.splice(0)) finishJob(job, runRule(db, info, job.resolved, max, job.partition));
    };
    const laneDied = (lane: Lane, reason: string): void => {
      const busy = lane.busy;
      lane.busy = undefined;
      if (busy && 'resolved' in busy) failJob(busy, reason);
      else if (busy && 'decode' in busy && !decoded.has(busy.decode)) decoded.set(busy.decode, []);
      dispatch();
    };
    const onMessage = (lane: Lane, msg: ToMain): void => {
      // a thread that was still starting when the others finished everything
      if (settled) return;
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
          const id = job.resolved.rule.meta.id;
          const took = (performance.now() - (started.get(lane) ?? performance.now())) / 1000;
          seconds[id] = Math.round(((seconds[id] ?? 0) + took) * 1000) / 1000;
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
            pool.discard(lane.thread, msg.error);
            return;
          }
          break;
        }
      }
      dispatch();
    };
    let pool: WorkerPool<ToWorker, ToMain>;
    try {
      pool = new WorkerPool<ToWorker, ToMain>(entry, threads, () => ({ storePath: db.name, info, maxFindingsPerRule: max }), {
        message: (thread, msg) => onMessage(lanes[thread.index], msg),
        lost: (thread, reason) => laneDied(lanes[thread.index], reason),
      });
    } catch (err) {
      rejectAll(err);
      return;
    }
    for (const thread of pool.threads) lanes.push({ thread, ready: false, busy: undefined, has: new Set() });
  });
  const byRule = enabled.map((_, r) => jobs.filter((j) => j.rule === r).map((j) => results[j.index]!));
  return { ...mergeResults(byRule.map((parts) => mergePartitions(parts, max))), seconds };
}

/** Every layer with geometry in the store, biggest first (the biggest decodes start first). */
function layersBySize(db: Database.Database): string[] {
  const rows = db.prepare(`SELECT name, coalesce(record_count, 0) AS n FROM src_tables WHERE origin = 'shp' ORDER BY n DESC, name`).all() as { name: string; n: number }[];
  return [...new Set(rows.map((r) => r.name))].filter((t) => isLayer(db, t));
}
