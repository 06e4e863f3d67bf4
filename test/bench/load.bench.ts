/**
 * loadPackage throughput: a synthetic county package from the examples generator (example ≈ 7.5k plots,
 * county ≈ 500k plots) loaded into the SQLite working store. Figures: wall and CPU seconds, MB/s over the files
 * read, rows/s over all data rows, seconds per phase, peak RSS of the load (the package is generated in a child
 * process so generation memory does not count), and the .mdb alone against Debian's `mdb-export`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadPackage } from '@nyt2539/checker';
import MDBReader from 'mdb-reader';
import { benchPackage, peakRssMiB, round, type BenchCase } from './harness.js';



function sizeOf(dir: string, filter: (name: string) => boolean): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && filter(e.name)) total += statSync(join(e.parentPath, e.name)).size;
  }
  return total;
}

/** CPU seconds used by waited-for child processes (/proc/self/stat cutime + cstime, in clock ticks of 1/100 s). */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** mdb-reader paging choice: one getData() per table against rowOffset/rowLimit batches (CPU seconds). */
function mdbPaging(path: string, table: string, batch: number): { whole: number; batched: number; rows: number } {
  const reader = new MDBReader(readFileSync(path));
  const t = reader.getTable(table);
  let c0 = cpuSeconds();
  const rows = t.getData().length;
  const whole = cpuSeconds() - c0;
  c0 = cpuSeconds();
  for (let offset = 0; ; offset += batch) if (t.getData({ rowOffset: offset, rowLimit: batch }).length < batch) break;
  return { whole, batched: cpuSeconds() - c0, rows };
}

const bench: BenchCase = {
  name: 'load',
  async run({ scale, workDir }) {
    const { dir, genSeconds } = await benchPackage(scale);
    const readBytes = sizeOf(dir, (n) => /\.(mdb|shp|shx|dbf|prj|cpg|xls|xml)$/i.test(n));
    const mdbFile = readdirSync(join(dir, '权属数据')).find((n) => n.endsWith('.mdb'))!;

    const phaseSeconds = new Map<string, number>();
    const phaseCpu = new Map<string, number>();
    let phase = '';
    let phaseStart = performance.now();
    let phaseCpuStart = cpuSeconds();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const pkg = await loadPackage(dir, {
      workDir: join(workDir, 'store'),
      onProgress: (p) => {
        if (p.phase === phase || p.phase === 'files') return;
        const now = performance.now();
        const cpuNow = cpuSeconds();
        if (phase) {
          phaseSeconds.set(phase, (phaseSeconds.get(phase) ?? 0) + (now - phaseStart) / 1000);
          phaseCpu.set(phase, (phaseCpu.get(phase) ?? 0) + cpuNow - phaseCpuStart);
        }
        phase = p.phase;
        phaseStart = now;
        phaseCpuStart = cpuNow;
      },
    });
    const loadSeconds = (performance.now() - t0) / 1000;
    if (phase) {
      phaseSeconds.set(phase, (phaseSeconds.get(phase) ?? 0) + (performance.now() - phaseStart) / 1000);
      phaseCpu.set(phase, (phaseCpu.get(phase) ?? 0) + cpuSeconds() - phaseCpuStart);
    }
    const cpu = process.cpuUsage(cpu0);
    const peak = await peakRssMiB();
    const counts = pkg.db.prepare(`SELECT origin, sum(record_count) AS n FROM src_tables GROUP BY origin`).all() as { origin: string; n: number }[];
    const rowsBy = Object.fromEntries(counts.map((c) => [c.origin, c.n]));
    const rows = counts.reduce((n, c) => n + c.n, 0);
    const mdbTables = (pkg.db.prepare(`SELECT name FROM src_tables WHERE origin = 'mdb'`).all() as { name: string }[]).map((r) => r.name);
    const issues = (pkg.db.prepare(`SELECT count(*) AS n FROM load_issues`).get() as { n: number }).n;
    const storeBytes = statSync(pkg.storePath).size;
    pkg.close();

    // the independent C reader on the same .mdb: every table exported as CSV to /dev/null
    const m0 = performance.now();
    const mc0 = childCpuSeconds();
    for (const t of mdbTables) {
      const r = spawnSync('mdb-export', [join(dir, '权属数据', mdbFile), t], { stdio: ['ignore', 'ignore', 'ignore'] });
      if (r.status !== 0) throw new Error(`mdb-export ${t} failed`);
    }
    const mdbExportSeconds = (performance.now() - m0) / 1000;
    const mdbExportCpu = childCpuSeconds() - mc0;
    const largest = (mdbTables.length ? mdbTables : ['CBDKXX']).includes('CBDKXX') ? 'CBDKXX' : mdbTables[0];
    const paging = mdbPaging(join(dir, '权属数据', mdbFile), largest, 20_000);

    const figures: Record<string, number | string> = {
      package: dir.split('/').pop() ?? '',
      genSeconds: round(genSeconds),
      readMB: round(readBytes / 1e6),
      storeMB: round(storeBytes / 1e6),
      rows,
      mdbRows: rowsBy.mdb ?? 0,
      shpRecords: rowsBy.shp ?? 0,
      loadIssues: issues,
      loadSeconds: round(loadSeconds),
      cpuSeconds: round((cpu.user + cpu.system) / 1e6),
      MBps: round(readBytes / 1e6 / loadSeconds),
      rowsPerSec: Math.round(rows / loadSeconds),
      peakRssMiB: peak,
      mdbExportSeconds: round(mdbExportSeconds),
      mdbExportCpuSeconds: round(mdbExportCpu),
      pagingTable: largest,
      pagingRows: paging.rows,
      pagingWholeCpuSeconds: round(paging.whole, 3),
      pagingBatched20kCpuSeconds: round(paging.batched, 3),
    };
    for (const [p, s] of phaseSeconds) figures[`${p}Seconds`] = round(s);
    for (const [p, s] of phaseCpu) figures[`${p}CpuSeconds`] = round(s);
    return figures;
  },
};

export default bench;
