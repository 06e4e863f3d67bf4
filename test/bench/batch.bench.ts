/**
 * The provincial batch: N counties (default 10; NYT2539_BENCH_COUNTIES) checked by `runBatch` at its default
 * parallelism (counties by cores and free memory, each in its own process) against the same N checks one after
 * another (`--jobs 1`). The counties are copies of the bench package, each made distinct by one extra file in
 * 文字报告/ (identical copies would be recorded as duplicates and checked once). NYT2539_BENCH_BATCH_SCALE=tiny
 * uses generated `tiny` counties instead (a quick run on a shared machine). Figures: seconds both ways, the ratio,
 * the jobs chosen, the CPU seconds of the county processes each way (read from /proc/self/stat: the reaped
 * children's user + system time), and whether both runs gave the same verdicts and counts.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { generatePackage, runBatch, type CountyRecord } from '@nyt2539/packager';
import { benchPackage, round, type BenchCase } from './harness.js';

/** CPU seconds of this process's reaped children (cutime + cstime, fields 16–17 of /proc/self/stat, in 1/100 s). */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field 16 is fields[13]
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const bench: BenchCase = {
  name: 'batch',
  async run({ scale, workDir }) {
    const counties = Number(process.env.NYT2539_BENCH_COUNTIES ?? 10);
    const tiny = process.env.NYT2539_BENCH_BATCH_SCALE === 'tiny';
    const source = tiny ? (await generatePackage({ scale: 'tiny', seed: 1, outDir: join(workDir, 'gen') })).packageDir : (await benchPackage(scale)).dir;
    const inputs: string[] = [];
    for (let i = 0; i < counties; i++) {
      const dir = join(workDir, 'in', String(i).padStart(2, '0'), basename(source));
      mkdirSync(dir, { recursive: true });
      cpSync(source, dir, { recursive: true });
      writeFileSync(join(dir, '文字报告', `bench-${i}.txt`), `copy ${i}\n`);
      inputs.push(dir);
    }
    // outputs of an earlier run would be skipped as unchanged: both runs start from empty folders
    for (const d of ['parallel', 'sequential']) rmSync(join(workDir, d), { recursive: true, force: true });
    const summary = (rs: readonly CountyRecord[]): string => JSON.stringify(rs.map((r) => [r.verdict, r.errors, r.warnings, r.records]));
    let batchJobs = 0;
    let cpu = childCpuSeconds();
    let t = performance.now();
    const parallel = await runBatch(inputs, { out: join(workDir, 'parallel'), lang: 'zh', mask: true, onEvent: (e) => e.type === 'start' && (batchJobs = e.jobs) });
    const batchSeconds = (performance.now() - t) / 1000;
    const batchCpuSeconds = childCpuSeconds() - cpu;
    cpu = childCpuSeconds();
    t = performance.now();
    const sequential = await runBatch(inputs, { out: join(workDir, 'sequential'), jobs: 1, lang: 'zh', mask: true });
    const sequentialSeconds = (performance.now() - t) / 1000;
    const sequentialCpuSeconds = childCpuSeconds() - cpu;
    // a re-run over the same folder checks nothing
    const t2 = performance.now();
    const rerun = await runBatch(inputs, { out: join(workDir, 'parallel'), lang: 'zh', mask: true });
    const rerunSeconds = (performance.now() - t2) / 1000;
    rmSync(join(workDir, 'in'), { recursive: true, force: true });
    return {
      scale: tiny ? 'tiny' : scale,
      counties,
      cores: availableParallelism(),
      batchJobs,
      batchSeconds: round(batchSeconds, 1),
      sequentialSeconds: round(sequentialSeconds, 1),
      speedup: round(sequentialSeconds / batchSeconds, 2),
      batchCpuSeconds: round(batchCpuSeconds, 1),
      sequentialCpuSeconds: round(sequentialCpuSeconds, 1),
      sameResults: summary(parallel.records) === summary(sequential.records) ? 'yes' : 'no',
      rerunChecked: rerun.checked,
      rerunSeconds: round(rerunSeconds, 1),
    };
  },
};

export default bench;
