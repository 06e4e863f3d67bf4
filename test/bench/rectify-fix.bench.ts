/**
 * `fix` on the bench package against the time to write what it writes: the whole .mdb through writeMdb plus a
 * copy of the package folder (the target: fix ≤ 2 × the write). The bench package is clean, so fix reads,
 * compares, recomputes the summaries and writes an unchanged copy; one injected space per FBF row makes it rewrite
 * the .mdb as well, and a wrong SCMJM in every 100th plot makes it patch the DK layer's .dbf.
 */
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import MDBReader from 'mdb-reader';
import { openShapefile } from '@nyt2539/checker';
import { fixPackage, updateDbfNumbers, writeMdb } from '@nyt2539/packager';
import { physicalTables } from '@nyt2539/schema';
import { benchPackage, peakRssMiB, round, type BenchCase } from './harness.js';

const bench: BenchCase = {
  name: 'rectify-fix',
  async run({ scale, workDir }) {
    const { dir } = await benchPackage(scale);
    const rootName = dir.split('/').pop()!;
    const mdbRel = (await import('node:fs')).readdirSync(join(dir, '权属数据')).find((n) => /^\d{10}\.mdb$/.test(n))!;
    // a package with derivable defects: a trailing space in every FBF address
    const src = join(workDir, 'src', rootName);
    cpSync(dir, src, { recursive: true });
    const reader = new MDBReader(readFileSync(join(src, '权属数据', mdbRel)));
    const tables = physicalTables.map((t) => ({ name: t.name, rows: reader.getTable(t.name).getData() as Record<string, never>[] }));
    for (const r of tables.find((t) => t.name === 'FBF')!.rows as Record<string, unknown>[]) r.FBFDZ = `${String(r.FBFDZ)} `;
    rmSync(join(src, '权属数据', mdbRel));
    const dkBase = join(src, '矢量数据', `DK${mdbRel.slice(0, 10)}`);
    const dk = await openShapefile(`${dkBase}.shp`);
    const wrongMu: { record: number; field: string; value: number }[] = [];
    for await (const r of dk.records({ raw: false })) {
      if (r.recordNumber % 100 === 0 && typeof r.attributes.SCMJM === 'number' && r.attributes.SCMJM > 0) wrongMu.push({ record: r.recordNumber, field: 'SCMJM', value: r.attributes.SCMJM + 1.23 });
    }
    await dk.close();
    // the bench's own copy
    updateDbfNumbers(`${dkBase}.dbf`, { headerLength: dk.info.headerLength, recordLength: dk.info.recordLength, fields: dk.info.fields }, 'DK', wrongMu);
    // the write being compared with: the .mdb from rows, and the copy of everything else
    const wc0 = process.cpuUsage();
    const w0 = performance.now();
    await writeMdb(join(src, '权属数据', mdbRel), tables);
    const w1 = performance.now();
    cpSync(src, join(workDir, 'copy', rootName), { recursive: true });
    const w2 = performance.now();
    const wcpu = process.cpuUsage(wc0);
    const c0 = process.cpuUsage();
    const f0 = performance.now();
    const result = await fixPackage(src, join(workDir, 'fixed'));
    const f1 = performance.now();
    const cpu = process.cpuUsage(c0);
    const write = (w2 - w0) / 1000;
    const fix = (f1 - f0) / 1000;
    return {
      changes: result.log.changes.length,
      dkChanges: result.log.changes.filter((c) => c.table === 'DK').length,
      dkInjected: wrongMu.length,
      notFixed: result.log.notFixed.length,
      mdbWrite_s: round((w1 - w0) / 1000),
      copy_s: round((w2 - w1) / 1000),
      write_s: round(write),
      fix_s: round(fix),
      fixOverWrite: round(fix / write),
      // CPU seconds of this process during fix (its copy runs in libuv threads, counted here too)
      fix_cpu_s: round((cpu.user + cpu.system) / 1e6),
      write_cpu_s: round((wcpu.user + wcpu.system) / 1e6),
      fixOverWrite_cpu: round((cpu.user + cpu.system) / (wcpu.user + wcpu.system)),
      peakRssMiB: await peakRssMiB(),
    };
  },
};

export default bench;
