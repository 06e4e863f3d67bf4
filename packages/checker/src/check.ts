import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { type Lang, registerScratch, removeScratch } from '@nyt2539/schema';
import { profileRecord, resolveRules, validateProfile, type Profile, type ProfileRecord } from './engine/profile.js';
import { runRules, type RunProgress } from './engine/runner.js';
import { catalogOnly, parallelRowThreshold, ruleThreadCount, runRulesParallel } from './threads/run-parallel.js';
import { RuleThreads } from './threads/rule-threads.js';
import { takePrestartedThreads } from './threads/prestart.js';
import { earlyRuleThreadBytes } from './io/thread-settings.js';
import { openStore, readPackageInfo } from './store/facts.js';
import { collectGarbage } from './io/heap.js';
import { provideGeometry } from './spatial/layer.js';
import { adoptFrame } from './spatial/frame.js';
import type { PackageInfo, Rule } from './engine/types.js';
import type { Finding } from './engine/finding.js';
import { summarize, type CheckSummary } from './engine/summary.js';
import { readFindingsContext, type FindingsContext } from './findings/context.js';
import { locateFindings } from './findings/locate.js';
import type { CheckProgress } from './findings/progress-reporter.js';
import { loadPackage, type ZipVisitor } from './load.js';
import type { ZipLimits } from './package/zip.js';
import { initGeos } from './spatial/geos.js';
import type { LoadProgress } from './store/context.js';
import { rules as catalog } from './rules/index.js';

export type { CheckProgress } from './findings/progress-reporter.js';

export interface CheckOptions {
  /** scratch folder for the store; a fresh one under os.tmpdir() (removed afterwards) when not given */
  readonly workDir?: string;
  readonly profile?: Profile;
  /** keep `<workDir>/store.sqlite` for inspection */
  readonly keepStore?: boolean;
  readonly lang?: Lang;
  readonly onProgress?: (p: CheckProgress) => void;
  /** the rules to run (default: the whole catalog) */
  readonly rules?: readonly Rule[];
  /** a zipped package: sees every file as the zip streams (verify's manifest check) */
  readonly zipVisitor?: ZipVisitor;
  /** a zipped package: the limits its entries are held to (bombs, entry count, names) */
  readonly limits?: Partial<ZipLimits>;
}

export interface CheckResult {
  /** sorted: errors first, then category, rule, file, record */
  readonly findings: readonly Finding[];
  readonly summary: CheckSummary;
  readonly info: PackageInfo;
  /** records examined, names by code, CRS and region outlines: what the reports show besides the findings */
  readonly context: FindingsContext;
  /** set when the store was kept */
  readonly storePath?: string;
  /** the profile the check ran with: hash, default or not, every deviation from the catalog's defaults */
  readonly profile: ProfileRecord;
}

/**
 * The loader reports files read (phase 'files') and, inside a file, rows of a table or layer ('mdb', 'shp'): the
 * bar follows files, the label carries the rows, so the bar does not jump between two scales.
 */
function loadProgress(listener: CheckOptions['onProgress']): ((p: LoadProgress) => void) | undefined {
  if (!listener) return undefined;
  let files = { done: 0, total: 0 };
  return (p) => {
    if (p.phase === 'files' || p.phase === 'unzip') {
      files = { done: p.done, total: p.total ?? files.total };
      listener({ phase: 'load', done: p.done, ...(p.total !== undefined ? { total: p.total } : {}), ...(p.file ? { label: p.file } : {}) });
      return;
    }
    const rows = p.total ? ` ${p.done}/${p.total}` : '';
    listener({ phase: 'load', done: files.done, total: files.total, ...(p.file ? { label: `${p.file}${rows}` } : {}) });
  };
}

/** Records of every table and layer in the store: what decides whether threads pay for themselves. */
function storeRows(db: Database.Database): number {
  return (db.prepare(`SELECT coalesce(sum(record_count), 0) AS n FROM src_tables`).get() as { n: number }).n;
}

/**
 * Checks one county package (a folder or a .zip): load it into a working store, run every enabled rule against
 * the store opened read-only, and summarize. Throws InputError (from the loader) when the input cannot be read at
 * all; everything wrong inside the package comes back as findings.
 */
export async function runCheck(input: string, options: CheckOptions = {}): Promise<CheckResult> {
  // a library caller's profile is checked as the CLI's file is: before any work, one clear ProfileError
  const ruleSet = options.rules ?? catalog;
  if (options.profile) validateProfile(options.profile, ruleSet, 'profile', options.lang);
  const resolved = resolveRules(ruleSet, options.profile);
  const threadable = ruleThreadCount() > 1 && catalogOnly(resolved);
  const ownWorkDir = options.workDir === undefined;
  const workDir = ownWorkDir ? mkdtempSync(join(tmpdir(), 'nyt2539-check-')) : resolve(options.workDir as string);
  const keepStore = options.keepStore ?? false;
  // an interrupt (CLI signal handler → removePendingTemps) removes the scratch folder too
  const release = ownWorkDir && !keepStore ? registerScratch(workDir) : () => undefined;
  // a package loaded on threads but smaller than a county (earlyRuleThreadBytes) gets a rule thread at once — the
  // one the CLI started for it before loading the checker, if any — which loads layers before its rules (one
  // thread's start-up, not a load thread's and a rule thread's); a county's rule threads start after its load
  let prestarted = takePrestartedThreads(input);
  if (!threadable) {
    prestarted?.close();
    prestarted = undefined;
  }
  let ruleThreads: RuleThreads | undefined;
  try {
    const loaded = await loadPackage(input, {
      workDir,
      keepStore,
      onProgress: loadProgress(options.onProgress),
      ...(options.zipVisitor ? { zipVisitor: options.zipVisitor } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(threadable
        ? {
            onThreaded: (bytes: number) => {
              if (bytes >= earlyRuleThreadBytes) return undefined;
              ruleThreads = prestarted ?? new RuleThreads(1, { loadFirst: true });
              prestarted = undefined;
              return ruleThreads.asLoadThreads();
            },
          }
        : {}),
    });
    // a started thread the load did not take (a one-thread load, a county) does not idle through the rules
    prestarted?.close();
    prestarted = undefined;
    try {
      // rules get their own read-only connection: a rule can never change the store
      loaded.db.close();
      const db = openStore(loaded.storePath);
      try {
        const info = readPackageInfo(db);
        const runOptions = {
          ...(options.profile?.limits?.maxFindingsPerRule ? { maxFindingsPerRule: options.profile.limits.maxFindingsPerRule } : {}),
          onProgress: (p: RunProgress) => options.onProgress?.({ phase: 'rules', done: p.done, total: p.total, label: p.ruleId }),
        };
        // a big package: every core's threads; a smaller one with its rule thread: this thread and that one (more
        // threads would cost more in start-up than they save); else one thread
        const big = storeRows(db) >= parallelRowThreshold();
        const parallel = threadable && (big || ruleThreads !== undefined);
        // the spatial rules adopt the geometry the loader decoded instead of decoding the store's blobs again
        adoptFrame(db, loaded.layers);
        if (!parallel) provideGeometry(db, loaded.layers);
        // a county's main thread only waits while its rule threads work: what garbage the load left in its heap
        // (~130 MB) is collected once, on the first turn after the threads are started, not kept to the end
        if (parallel && big) setImmediate(collectGarbage);
        // GEOS (spatial/geos.ts) on this thread only for a rule that calls it; in threads, only when no thread is
        // left to run one (runRulesParallel calls initGeos then)
        if (!parallel && resolved.some((r) => r.enabled && r.rule.meta.geos === true)) await initGeos();
        const { findings, counts } = parallel
          ? await runRulesParallel(db, info, resolved, { ...runOptions, geos: initGeos, layers: loaded.layers, ...(ruleThreads ? { started: ruleThreads } : {}), ...(big ? {} : { mainLane: true, threads: 1 }) })
          : runRules(db, info, resolved, runOptions);
        // attribute findings get the box of the feature or plot they are about, for the map layers
        return { findings: locateFindings(db, findings), summary: summarize(counts), info, context: readFindingsContext(db), profile: profileRecord(catalog, options.profile), ...(keepStore ? { storePath: loaded.storePath } : {}) };
      } finally {
        db.close();
      }
    } finally {
      loaded.close();
    }
  } finally {
    prestarted?.close();
    ruleThreads?.close();
    if (ownWorkDir && !keepStore) removeScratch(workDir);
    release();
  }
}
