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
import { envNumber, machineThreads, threadsFromEnv } from '../io/thread-settings.js';
import { threadErrorText, type PoolThread } from '../io/worker-pool.js';
import { RuleThreads } from './rule-threads.js';
import { runJob } from './rule-jobs.js';

/**
 * The rule catalog on every core. Rules are independent and only read the store, so each worker thread opens
 * it read-only and takes the next rule when it is free, longest first (`meta.cost`). Layers are decoded once,
 * by whichever thread is free, onto shared memory, and every thread adopts them before its first spatial rule:
 * a county's plot layer is decoded once, not once per thread. A partitioned rule (`meta.partitions`) is one job
 * per partition, so its parts run on several cores. Partitions are merged into their rule's result, findings in
 * catalog order and sorted, so the report is the same whichever thread ran which job. For a smaller package the
 * main thread is a lane too (`mainLane`): it runs the plain rules, warm from the load, while one thread started
 * during the load runs the spatial ones. The rules that call GEOS (`meta.geos`) run only where GEOS is instantiated:
 * beside a main lane without it, the thread runs them first, and the main lane takes the groups of rules sharing
 * a structure (`meta.affinity`), so the two lanes still end together.
 */

/** Threads for the rule catalog: `NYT2539_THREADS`, else the machine's parallelism, at most 8. */
export function ruleThreadCount(): number {
  return threadsFromEnv() ?? machineThreads();
}

/**
 * Rows (records of every table and layer) from which the catalog runs in threads: `NYT2539_PARALLEL_ROWS`, else
 * 200 000. Below it a second thread does not pay for the rule code it compiles and the structures it builds again:
 * the main thread runs the rules, helped by one thread only when that thread started during the load.
 */
export function parallelRowThreshold(): number {
  return envNumber('NYT2539_PARALLEL_ROWS', 200_000);
}

/** Whether `resolved` can run in threads: every rule must be the catalog's own (threads look rules up by id). */
export function catalogOnly(resolved: readonly ResolvedRule[]): boolean {
  return resolved.every((r) => getRule(r.rule.meta.id) === r.rule);
}

/** One job for a lane: a rule, or one partition of a partitioned rule. */
interface Job {
  readonly index: number;
  /** the rule's place among the enabled rules (catalog order) */
  readonly rule: number;
  readonly resolved: ResolvedRule;
  readonly partition: RulePartition;
  readonly spatial: boolean;
  /** the rule calls GEOS (`meta.geos`) */
  readonly geos: boolean;
  readonly cost: number;
}

/** Where jobs run: a rule thread, or the main thread itself (between the threads' messages). */
interface Lane {
  alive(): boolean;
  post(msg: ToWorker): void;
  /** stop using this lane: it cannot go on */
  discard(reason: string): void;
  ready: boolean;
  /** rule jobs sent and not yet answered, oldest first: the lane runs them in that order */
  readonly sent: Job[];
  /** how many jobs it may hold at once (the one it runs and those sent ahead) */
  readonly depth: number;
  /** the layers it was sent to decode and has not answered */
  readonly decoding: Set<string>;
  /** tables whose layers it holds */
  readonly has: Set<string>;
  /**
   * the jobs it takes while there are any (others only when none are left): the main lane the plain rules, the
   * thread the spatial ones and the decoding, so each builds its own structures (layer indexes, point grids) once
   */
  readonly prefers?: 'spatial' | 'plain';
  /** GEOS is instantiated in its thread (or will be before it runs anything): it may take the rules that call it */
  hasGeos(): boolean;
}

interface ParallelRunResult extends RunResult {
  /** seconds each rule took in its threads (its partitions' added up), by rule id */
  readonly seconds: Readonly<Record<string, number>>;
  /** the rule of each job (rule, partition) the main lane ran, in the order it ran them */
  readonly mainLaneRules: readonly string[];
}

/**
 * The jobs for `lanes` lanes: each enabled rule once, a rule with `meta.partitions` once per partition (as many
 * as lanes, at most its own limit), each partition costing its share of the rule's `meta.cost`.
 */
function ruleJobs(enabled: readonly ResolvedRule[], lanes: number): Job[] {
  return enabled.flatMap((resolved, rule) => {
    const { partitions, cost, layers, geos } = resolved.rule.meta;
    const count = Math.max(1, Math.min(partitions ?? 1, lanes));
    return Array.from({ length: count }, (_, index) => ({
      rule,
      resolved,
      partition: { index, count },
      spatial: layers === true,
      geos: geos === true,
      cost: (cost ?? 1) / count,
    }));
  }).map((job, index) => ({ ...job, index }));
}

const byCost = (a: Job, b: Job): number => b.cost - a.cost || a.index - b.index;

/**
 * Run the enabled rules over the store `db` is open on (a file), in `threads` worker threads — those of `started`
 * first, more started as needed — and, with `mainLane`, on this thread too between the threads' messages (a small
 * package: this thread is warm, a second thread only helps). Resolves when every rule has run. A rule that throws,
 * or whose thread dies, yields its `ruleFailed` finding.
 */
export async function runRulesParallel(
  db: Database.Database,
  info: PackageInfo,
  resolved: readonly ResolvedRule[],
  options: RunOptions & {
    /** worker threads (besides the main lane) */
    readonly threads?: number;
    /** the layers' geometry as the loader decoded it: a decoding lane adopts it instead of reading `_geom` */
    readonly layers?: readonly LayerGeometry[];
    /** threads started earlier (`RuleThreads`), taken over by this run */
    readonly started?: RuleThreads;
    /** this thread runs jobs too */
    readonly mainLane?: boolean;
    /**
     * Instantiates GEOS on this thread (spatial/geos.ts `initGeos`); without it GEOS is taken to be ready here. The
     * rules that call GEOS (`meta.geos`) go to the threads, which have it, so the main lane runs the others and this
     * thread spends nothing on GEOS (~50 ms of its CPU) — unless no thread is left to run them: then it is called,
     * once, and they run here when it resolves. The run fails if it rejects.
     */
    readonly geos?: () => Promise<void>;
  } = {},
): Promise<ParallelRunResult> {
  const loadedGeometry = new Map((options.layers ?? []).map((g) => [g.table, g]));
  const max = options.maxFindingsPerRule ?? defaultMaxFindingsPerRule;
  const enabled = resolved.filter((r) => r.enabled);
  const wanted = Math.max(options.mainLane ? 0 : 1, options.threads ?? ruleThreadCount());
  // with the main lane, the spatial rules stay on the threads: a partition each
  const jobs = ruleJobs(enabled, wanted);
  // longest first, so the last job to finish is a short one
  const queue = [...jobs].sort(byCost);
  const layerTables = jobs.some((j) => j.spatial) ? layersBySize(db) : [];
  const decodeQueue = [...layerTables];
  const decoded = new Map<string, readonly SharedLayer[]>();
  const results: (RuleResult | undefined)[] = new Array(jobs.length);
  const left = enabled.map((r) => jobs.filter((j) => j.resolved === r).length);
  const seconds: Record<string, number> = {};
  let done = 0;
  let rulesDone = 0;
  const mainLaneRules: string[] = [];
  if (jobs.length === 0) {
    options.started?.close();
    return { findings: [], counts: [], seconds, mainLaneRules };
  }
  const startedCount = options.started?.pool.threads.length ?? 0;
  const more = Math.max(0, Math.min(wanted, jobs.length + layerTables.length) - startedCount);

  await new Promise<void>((resolveAll, rejectAll) => {
    const lanes: Lane[] = [];
    let geosHere: 'absent' | 'starting' | 'ready' = options.geos === undefined ? 'ready' : 'absent';
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
      return owner === undefined || owner === lane || !owner.alive();
    };
    const allDecoded = (): boolean => decodeQueue.length === 0 && decoded.size === layerTables.length;
    const anyAlive = (): boolean => lanes.some((l) => l.alive());
    // a decode still running in a thread keeps the run open (its layers are needed by no one else by then)
    const allDecodesSettled = (): boolean => decoded.size === layerTables.length || !anyAlive();
    const threadSets: RuleThreads[] = [];
    let settled = false;
    const settleIfDone = (): void => {
      if (settled || done < jobs.length || !allDecodesSettled()) return;
      settled = true;
      for (const set of threadSets) set.finish();
      resolveAll();
    };
    // jobs sent ahead stay with their lane when another lane runs out: as the queue drains, fewer are sent ahead
    // (`depth` while 3 × depth jobs wait, one fewer for each `depth` jobs less, one when fewer than `depth` wait), so
    // the last jobs go to whichever lane is free, not to one that still has several to run
    const depthNow = (lane: Lane): number => Math.max(1, Math.min(lane.depth, Math.floor(queue.length / lane.depth) + 1));
    const dispatch = (): void => {
      for (const lane of lanes) {
        // the thread beside the main lane decodes every layer (sent at once) and then runs the spatial rules, sent
        // behind the decodes: it answers them in order, so it holds every layer by then, without waiting for the
        // main lane's turn between them; other lanes decode one layer at a time and take rules when none is left
        const ahead = lane.prefers === 'spatial';
        // which lanes have GEOS does not change while this lane is sent its jobs
        const geosHereToo = lane.hasGeos();
        const geosElsewhere = lanes.some((l) => l !== lane && l.alive() && l.hasGeos());
        const geosLessElsewhere = lanes.some((l) => l !== lane && l.alive() && !l.hasGeos());
        while (lane.alive() && lane.ready) {
          const decodes = lane.prefers !== 'plain' || !lanes.some((l) => l !== lane && l.alive());
          if (decodeQueue.length > 0 && decodes && lane.sent.length === 0 && (ahead || lane.decoding.size === 0)) {
            const table = decodeQueue.shift()!;
            lane.decoding.add(table);
            const geometry = loadedGeometry.get(table);
            lane.post({ type: 'decode', table, frame: localFrame(db), ...(geometry ? { geometry } : {}) });
            continue;
          }
          if (lane.sent.length >= depthNow(lane) || (lane.decoding.size > 0 && !ahead)) break;
          const layersHere = ahead && decodeQueue.length === 0 && layerTables.every((t) => decoded.has(t) || lane.decoding.has(t));
          // a lane with GEOS beside one without has the rules that call GEOS to itself: a group of rules sharing a
          // structure (`affinity`) not yet started goes to the lane without, or this lane's share ran on after the
          // other lane had nothing left
          const claimable = (j: Job): boolean => {
            const { affinity } = j.resolved.rule.meta;
            return affinity === undefined || affinityLane.has(affinity) || !geosHereToo || !geosLessElsewhere;
          };
          const fits = (j: Job): boolean => (!j.spatial || allDecoded() || layersHere) && (geosHereToo || !j.geos) && ownsAffinity(lane, j) && claimable(j);
          // jobs only this lane may run (it holds their shared structure, or it has GEOS and the other lanes do not)
          // first: left for last, they ran one after another here while the other lanes had nothing left
          const onlyHere = (j: Job): boolean => {
            const { affinity } = j.resolved.rule.meta;
            return (affinity !== undefined && affinityLane.get(affinity) === lane) || (j.geos && !geosElsewhere);
          };
          const bound = queue.findIndex((j) => onlyHere(j) && fits(j));
          const preferred = bound >= 0 ? bound : lane.prefers === undefined ? -1 : queue.findIndex((j) => j.spatial === (lane.prefers === 'spatial') && fits(j));
          const at = preferred >= 0 ? preferred : queue.findIndex(fits);
          if (at < 0) break;
          const [job] = queue.splice(at, 1);
          const affinity = job.resolved.rule.meta.affinity;
          if (affinity !== undefined && !affinityLane.has(affinity)) affinityLane.set(affinity, lane);
          if (job.spatial) {
            const missing = [...decoded.entries()].filter(([t]) => !lane.has.has(t)).flatMap(([t, ls]) => (lane.has.add(t), ls));
            if (missing.length > 0) lane.post({ type: 'adopt', layers: missing });
          }
          lane.sent.push(job);
          const { rule, options: ruleOptions, severityOverride, codes } = job.resolved;
          lane.post({
            type: 'rule',
            index: job.index,
            ruleId: rule.meta.id,
            partition: job.partition,
            options: ruleOptions,
            codes,
            ...(severityOverride ? { severityOverride } : {}),
          });
        }
      }
      // rules that call GEOS and no live thread to take them: this thread gets GEOS (its handler dispatches again)
      if (geosHere !== 'ready' && queue.some((j) => j.geos) && !lanes.some((l) => l.alive() && l.hasGeos())) startGeosHere();
      // every lane dead: the rest runs here, once GEOS is, when a rule left needs it
      else if (!anyAlive()) runRestInline();
      settleIfDone();
    };
    const startGeosHere = (): void => {
      if (geosHere !== 'absent') return;
      geosHere = 'starting';
      options.geos!().then(
        () => {
          if (settled) return;
          geosHere = 'ready';
          dispatch();
        },
        (err: unknown) => {
          if (settled) return;
          settled = true;
          for (const set of threadSets) set.close();
          rejectAll(err);
        },
      );
    };
    // every lane died (threads out of memory, no main lane): what is left runs here, one job after another
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
      // the job it was running is what it died of (a decode, when one was unanswered: the rules sent behind it had
      // not started); those sent after it go to other lanes
      const sent = lane.sent.splice(0);
      const running = lane.decoding.size > 0 ? undefined : sent.shift();
      const waiting = sent;
      if (running) failJob(running, reason);
      if (waiting.length > 0) {
        queue.push(...waiting);
        queue.sort(byCost);
      }
      for (const table of lane.decoding) if (!decoded.has(table)) decoded.set(table, []);
      lane.decoding.clear();
      dispatch();
    };
    const takeSent = (lane: Lane, index: number): Job | undefined => {
      const at = lane.sent.findIndex((j) => j.index === index);
      return at < 0 ? undefined : lane.sent.splice(at, 1)[0];
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
          lane.decoding.delete(msg.table);
          break;
        case 'ruleDone': {
          const job = takeSent(lane, msg.index) ?? jobs[msg.index];
          const id = job.resolved.rule.meta.id;
          seconds[id] = Math.round(((seconds[id] ?? 0) + msg.seconds) * 1000) / 1000;
          finishJob(job, msg.result);
          break;
        }
        case 'failed':
          if (msg.index !== undefined) failJob(takeSent(lane, msg.index) ?? jobs[msg.index], msg.error);
          else if (msg.table !== undefined) {
            decoded.set(msg.table, []);
            lane.decoding.delete(msg.table);
          } else {
            // the lane cannot go on (its thread could not start or open the store)
            lane.discard(msg.error);
            return;
          }
          break;
      }
      dispatch();
    };
    const threadLane = (set: RuleThreads, thread: PoolThread): Lane => ({
      ...(options.mainLane ? { prefers: 'spatial' as const } : {}),
      alive: () => thread.alive,
      post: (msg) => set.pool.post(thread, msg),
      discard: (reason) => set.pool.discard(thread, reason),
      ready: false,
      sent: [],
      // beside the main lane, which answers only between its own jobs, a thread is sent jobs ahead; else one at a
      // time, so the last jobs go to whichever thread is free
      depth: options.mainLane ? 4 : 1,
      decoding: new Set(),
      has: new Set(),
      // a rule thread says it is ready once GEOS is (rule-worker.ts)
      hasGeos: () => true,
    });
    try {
      if (options.started) threadSets.push(options.started);
      if (more > 0) threadSets.push(new RuleThreads(more));
    } catch (err) {
      for (const set of threadSets) set.close();
      rejectAll(err);
      return;
    }
    const laneOf = new Map<PoolThread, Lane>();
    for (const set of threadSets) {
      for (const thread of set.pool.threads) {
        const lane = threadLane(set, thread);
        laneOf.set(thread, lane);
        lanes.push(lane);
        lane.post({ type: 'open', storePath: db.name, info, maxFindingsPerRule: max });
      }
    }
    if (options.mainLane) lanes.push(mainLane(db, info, max, onMessage, laneDied, (ruleId) => mainLaneRules.push(ruleId), () => geosHere === 'ready'));
    for (const set of threadSets) {
      set.attach({
        message: (thread, msg) => onMessage(laneOf.get(thread)!, msg),
        lost: (thread, reason) => laneDied(laneOf.get(thread)!, reason),
      });
    }
    dispatch();
  });
  const byRule = enabled.map((_, r) => jobs.filter((j) => j.rule === r).map((j) => results[j.index]!));
  return { ...mergeResults(byRule.map((parts) => mergePartitions(parts, max))), seconds, mainLaneRules };
}

/**
 * The main thread as a lane: what it is sent runs on this thread, one message per turn of the event loop, so the
 * threads' messages (and new jobs for them) are handled between its jobs.
 */
function mainLane(
  db: Database.Database,
  info: PackageInfo,
  maxFindingsPerRule: number,
  onMessage: (lane: Lane, msg: ToMain) => void,
  died: (lane: Lane, reason: string) => void,
  ranRule: (ruleId: string) => void,
  hasGeos: () => boolean,
): Lane {
  const host = { db, info, maxFindingsPerRule };
  const inbox: ToWorker[] = [];
  let alive = true;
  let scheduled = false;
  const turn = (): void => {
    scheduled = false;
    const msg = inbox.shift();
    if (msg === undefined || !alive) return;
    if (inbox.length > 0) schedule();
    if (msg.type === 'open' || msg.type === 'exit' || msg.type === 'load') return;
    if (msg.type === 'rule') ranRule(msg.ruleId);
    try {
      runJob(host, msg, (answer) => onMessage(lane, answer));
    } catch (err) {
      // only an adoption throws here: this thread lacks layers it was promised
      lane.discard(threadErrorText(err));
    }
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(turn);
  };
  const lane: Lane = {
    alive: () => alive,
    post: (msg) => {
      inbox.push(msg);
      schedule();
    },
    discard: (reason) => {
      if (!alive) return;
      alive = false;
      inbox.length = 0;
      died(lane, reason);
    },
    ready: true,
    sent: [],
    depth: 1,
    prefers: 'plain',
    decoding: new Set(),
    has: new Set(),
    hasGeos,
  };
  return lane;
}

/** Every layer with geometry in the store, biggest first (the biggest decodes start first). */
function layersBySize(db: Database.Database): string[] {
  const rows = db.prepare(`SELECT name, coalesce(record_count, 0) AS n FROM src_tables WHERE origin = 'shp' ORDER BY n DESC, name`).all() as { name: string; n: number }[];
  return [...new Set(rows.map((r) => r.name))].filter((t) => isLayer(db, t));
}
