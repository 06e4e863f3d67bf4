/**
 * The load on several threads (packages/checker/src/store/load-parallel.ts) must leave the same store as the
 * one-thread load: every table, column definition and row, in the same order — load issues included — and the
 * same decoded layer geometry for the spatial rules, on a package with every defect kind. The size thresholds are
 * lowered so the small package takes the threaded path and is listed (pkg_files, attachment checks) on a thread of its own.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackage } from '@nyt2539/checker';
import { generatePackage } from '@nyt2539/packager';
import type { LoadThreads } from '../../packages/checker/src/store/load-parallel.js';
import { RuleThreads } from '../../packages/checker/src/threads/rule-threads.js';
import { withEnv } from '../support/env.js';

type Store = Awaited<ReturnType<typeof loadPackage>>['db'];

function dump(db: Store): Record<string, unknown> {
  // every table the store reads, wherever it lives: the store file or a load thread's file attached to it
  // (store_parts); a name in several files is the first one's (main, then the parts), as SQL resolves it
  const schemas = (db.prepare(`SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq`).all() as { name: string }[]).map((r) => r.name);
  const tables = new Map<string, string>();
  for (const schema of schemas) {
    for (const t of db.prepare(`SELECT name, sql FROM "${schema}".sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string; sql: string }[]) {
      if (!tables.has(t.name)) tables.set(t.name, t.sql);
    }
  }
  // pkg_info names the input and the scratch root, store_parts the threads' scratch files: what may differ between loads
  return Object.fromEntries(
    [...tables]
      .map(([name, sql]) => ({ name, sql }))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .filter((t) => t.name !== 'pkg_info' && t.name !== 'store_parts')
      // the planner's statistics (`PRAGMA optimize`) are a set: their row order follows the order tables were made
      .map((t) => [t.name, { sql: t.sql, rows: db.prepare(`SELECT * FROM "${t.name}" ORDER BY ${t.name === 'sqlite_stat1' ? '1, 2' : 'rowid'}`).raw().all() }]),
  );
}

/** The geometry the loader decoded for the spatial rules, as plain arrays. */
function geometry(layers: Awaited<ReturnType<typeof loadPackage>>['layers']): unknown[] {
  return layers.map((l) => ({
    table: l.table,
    count: l.count,
    files: l.files,
    lowerLeft: l.lowerLeft,
    arrays: [l.rid, l.rec, l.fileOf, l.shapeType, l.zm, l.coords, l.partStart, l.featurePart].map((a) => Array.from(a)),
  }));
}

async function load(
  packageDir: string,
  workDir: string,
  threads: string,
  keepStore = false,
  listThreadEntries = '0',
  onThreaded?: (bytes: number) => LoadThreads | undefined,
): Promise<{ store: Record<string, unknown>; layers: unknown[]; threads: number; parts: string[]; dkFile: string }> {
  const env = { NYT2539_THREADS: threads, NYT2539_PARALLEL_LOAD_BYTES: '0', NYT2539_LIST_THREAD_ENTRIES: listThreadEntries };
  return withEnv(env, async () => {
    let used = 1;
    const pkg = await loadPackage(packageDir, { workDir, keepStore, onProgress: (p) => (p.phase === 'threads' ? (used = p.done) : undefined), ...(onThreaded ? { onThreaded } : {}) });
    try {
      const parts = pkg.db.prepare(`SELECT alias FROM store_parts ORDER BY alias`).pluck().all() as string[];
      // the file the DK layer is read from (the summary's layer, loaded first into a file of its own)
      const dkFile = pkg.db
        .prepare(`SELECT d.file FROM pragma_table_list t JOIN pragma_database_list d ON d.name = t.schema WHERE t.name = 'DK' AND t.schema <> 'temp' ORDER BY d.seq LIMIT 1`)
        .pluck()
        .get() as string;
      return { store: dump(pkg.db), layers: geometry(pkg.layers), threads: used, parts, dkFile };
    } finally {
      pkg.close();
    }
  });
}

describe('threaded load', () => {
  let base: string;
  let packageDir: string;
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'nyt2539-parallel-load-'));
    ({ packageDir } = await generatePackage({ scale: 'tiny', seed: 5, defects: 'all', outDir: join(base, 'pkg') }));
    // attachments that do not open, among the ones that do: a cut-off sketch, an empty scan, a text posing as a photo
    const pdfs = readdirSync(packageDir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.pdf')).sort();
    expect(pdfs.length).toBeGreaterThan(2);
    const sketch = join(packageDir, pdfs[1]);
    writeFileSync(sketch, readFileSync(sketch).subarray(0, 200));
    writeFileSync(join(packageDir, '其他资料', '空白扫描件.pdf'), '');
    writeFileSync(join(packageDir, '其他资料', '照片.jpg'), 'not a photo');
    // a discovery issue (the listing's own, written before any file's)
    symlinkSync(sketch, join(packageDir, '其他资料', '链接.pdf'));
  }, 120_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('leaves the same store as one thread', async () => {
    const one = await load(packageDir, join(base, 'one'), '1');
    const three = await load(packageDir, join(base, 'three'), '3');
    // a kept store is one file: the threads' tables are copied into it instead of read in place
    const kept = await load(packageDir, join(base, 'kept'), '3', true);
    expect(one.threads).toBe(1);
    expect(three.threads).toBe(3);
    expect(kept.threads).toBe(3);
    // one thread: one file; threads: the listing thread's pkg_files and a load thread's layers read in place
    expect(one.parts).toEqual([]);
    expect(three.parts).toContain('files');
    expect(three.parts.some((p) => p.startsWith('part'))).toBe(true);
    expect(kept.parts).toEqual([]);
    // the summary's layer went to a file of its own, which this thread read for the summary while the threads loaded on
    expect(three.dkFile).toMatch(/store\.early1\.sqlite$/);
    expect(one.dkFile).toMatch(/store\.sqlite$/);
    expect(kept.dkFile).toMatch(/store\.sqlite$/);
    expect(Object.keys(one.store)).toContain('DK');
    expect(Object.keys(one.store)).toContain('CBF');
    expect((one.store.load_issues as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    // load_issues columns: id, code, …: the damaged attachments, checked on their own thread in the threaded load
    expect((one.store.load_issues as { rows: unknown[][] }).rows.filter((r) => r[1] === 'attachment-damaged').length).toBeGreaterThan(0);
    for (const name of Object.keys(one.store)) {
      const a = one.store[name] as { sql: string; rows: unknown[][] };
      const b = three.store[name] as { sql: string; rows: unknown[][] };
      expect(b?.sql, name).toBe(a.sql);
      expect(b.rows.length, name).toBe(a.rows.length);
      a.rows.forEach((row, i) => expect(b.rows[i], `${name} row ${i + 1}`).toEqual(row));
    }
    expect((one.store.load_issues as { rows: unknown[][] }).rows.filter((r) => r[1] === 'symlink-skipped').length).toBe(1);
    expect(three.store).toEqual(one.store);
    expect(kept.store).toEqual(one.store);
    expect(one.layers.length).toBeGreaterThan(5);
    expect(three.layers).toEqual(one.layers);
    expect(kept.layers).toEqual(one.layers);
  }, 120_000);

  it('lists a package too small for a listing thread on this thread while the load threads start, to the same store', async () => {
    const one = await load(packageDir, join(base, 'here-one'), '1', false, '1000000');
    const three = await load(packageDir, join(base, 'here-three'), '3', false, '1000000');
    expect(three.threads).toBe(3);
    // no listing thread: pkg_files went straight into the store, the layers still came from a load thread
    expect(three.parts).not.toContain('files');
    expect(three.parts.some((p) => p.startsWith('part'))).toBe(true);
    expect((one.store.pkg_files as { rows: unknown[] }).rows.length).toBeGreaterThan(50);
    expect(three.store).toEqual(one.store);
    expect(three.layers).toEqual(one.layers);
  }, 120_000);

  it("has a rule thread load layers before its rules (a check's thread), alone or beside load threads, to the same store", async () => {
    const one = await load(packageDir, join(base, 'rt-one'), '1');
    const started: RuleThreads[] = [];
    const ruleThread = (): LoadThreads => {
      const threads = new RuleThreads(1, { loadFirst: true });
      started.push(threads);
      return threads.asLoadThreads();
    };
    try {
      // two threads: this one and the rule thread, which loads every layer the main thread does not
      const two = await load(packageDir, join(base, 'rt-two'), '2', false, '0', ruleThread);
      // three: the rule thread and one load thread of the loader's own
      const three = await load(packageDir, join(base, 'rt-three'), '3', false, '0', ruleThread);
      expect(two.threads).toBe(2);
      expect(three.threads).toBe(3);
      expect(two.parts).toContain('part1');
      expect(three.parts.filter((p) => p.startsWith('part')).length).toBeGreaterThan(0);
      expect(two.store).toEqual(one.store);
      expect(two.layers).toEqual(one.layers);
      expect(three.store).toEqual(one.store);
      expect(three.layers).toEqual(one.layers);
      // having loaded, the threads wait for their rules instead of exiting
      expect(started.map((t) => t.pool.alive)).toEqual([true, true]);
      // and instantiate GEOS after their load, unasked: each says it is ready for rules
      const ready = await Promise.all(started.map((t) => new Promise<string>((resolve) => t.attach({ message: (_thread, msg) => msg.type === 'ready' && resolve(msg.type) }))));
      expect(ready).toEqual(['ready', 'ready']);
    } finally {
      for (const t of started) t.close();
    }
  }, 120_000);

  it('loads here what a rule thread that died during the load had not loaded, to the same store', async () => {
    const one = await load(packageDir, join(base, 'dead-one'), '1');
    let threads: RuleThreads | undefined;
    try {
      const lost = await load(packageDir, join(base, 'dead-two'), '2', false, '0', () => {
        const t = new RuleThreads(1);
        threads = t;
        const loadThreads = t.asLoadThreads();
        return {
          count: loadThreads.count,
          startLoad: (data, handlers) => {
            const run = loadThreads.startLoad(data, handlers);
            // the thread dies before it takes a layer
            t.pool.discard(t.pool.threads[0], 'killed by the test');
            return run;
          },
        };
      });
      expect(threads?.pool.alive).toBe(false);
      // table by table, so a failure names it (an early layer loaded twice shows in load_issues)
      expect(Object.keys(lost.store)).toEqual(Object.keys(one.store));
      for (const name of Object.keys(one.store)) expect(lost.store[name], name).toEqual(one.store[name]);
      expect(lost.layers).toEqual(one.layers);
    } finally {
      threads?.close();
    }
  }, 120_000);

  it('finds a stray Access file among the scans when 权属数据 has none, as one thread does', async () => {
    // the threaded load looks into 图件 and 其他资料 for data only when 权属数据 holds no ownership database
    const moved = join(base, 'moved');
    cpSync(packageDir, moved, { recursive: true });
    const mdb = readdirSync(join(moved, '权属数据')).find((n) => n.endsWith('.mdb'))!;
    renameSync(join(moved, '权属数据', mdb), join(moved, '其他资料', '旧库.mdb'));
    const one = await load(moved, join(base, 'moved-one'), '1');
    const three = await load(moved, join(base, 'moved-three'), '3');
    expect(three.threads).toBe(3);
    expect(three.parts).toContain('files');
    expect(Object.keys(one.store)).toContain('CBF');
    expect(three.store).toEqual(one.store);
    expect(three.layers).toEqual(one.layers);
  }, 120_000);
});
