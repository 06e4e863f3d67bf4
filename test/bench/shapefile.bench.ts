/**
 * Shapefile writer and reader throughput on DK polygons: 50k (example) or 500k (county) parcels, 17 vertices each,
 * GK zone-prefixed coordinates and GBK attributes as in a real 汇交 package. The write figures include making
 * the features (orientPolygon on 17-vertex rings); the read figures include raw text for every field.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openShapefile } from '@nyt2539/checker';
import { dbfFieldsForLayer, orientPolygon, writeShapefile, type ShapeFeature } from '@nyt2539/packager';
import { esriPrj, getTable } from '@nyt2539/schema';
import { peakRssMiB, type BenchCase } from './harness.js';

const VERTICES = 17;

function* parcels(count: number): Generator<ShapeFeature> {
  const perRow = 1000;
  for (let i = 0; i < count; i++) {
    const x0 = 39500000 + (i % perRow) * 30;
    const y0 = 3400000 + Math.floor(i / perRow) * 30;
    const ring: [number, number][] = [];
    for (let k = 0; k < VERTICES - 1; k++) {
      const a = (-2 * Math.PI * k) / (VERTICES - 1);
      ring.push([Math.round((x0 + 15 + 12 * Math.cos(a)) * 1000) / 1000, Math.round((y0 + 15 + 12 * Math.sin(a)) * 1000) / 1000]);
    }
    ring.push(ring[0]!);
    yield {
      geometry: { type: 'Polygon', parts: orientPolygon([ring]) },
      attributes: {
        BSM: i + 1,
        YSDM: '211011',
        DKBM: `340711100201${String(i).padStart(7, '0')}`,
        DKMC: i % 3 === 0 ? '大田' : '东坡地',
        DKLB: '10',
        TDLYLX: '011',
        DLDJ: '01',
        TDYT: '1',
        SFJBNT: '1',
        SCMJ: 452.39 + (i % 100),
        DKDZ: '道路',
        DKXZ: '张三',
        DKNZ: '沟渠',
        DKBZ: '李四',
        ZJRXM: '王五',
        KJZB: 'J1/J5/J9/J13',
        SCMJM: 0.68,
      },
    };
  }
}

const bench: BenchCase = {
  name: 'shapefile',
  async run({ scale, workDir }) {
    const count = scale === 'county' ? 500_000 : 50_000;
    const base = join(workDir, 'DK3407112016');
    const prj = esriPrj({ datum: 'CGCS2000', zoneWidth: 3, zone: 39, variant: 'zone' });

    let t = performance.now();
    let cpu = process.cpuUsage();
    await writeShapefile(base, { shapeType: 'Polygon', fields: dbfFieldsForLayer(getTable('DK')!), prj }, parcels(count));
    const writeSeconds = (performance.now() - t) / 1000;
    const writeCpu = process.cpuUsage(cpu);
    const bytes = ['shp', 'shx', 'dbf'].reduce((s, ext) => s + statSync(`${base}.${ext}`).size, 0);
    const rssAfterWrite = await peakRssMiB();

    t = performance.now();
    cpu = process.cpuUsage();
    const handle = await openShapefile(base);
    let read = 0;
    let points = 0;
    for await (const r of handle.records()) {
      read++;
      points += r.geometry ? r.geometry.parts[0]!.length / 2 : 0;
    }
    await handle.close();
    const readSeconds = (performance.now() - t) / 1000;
    const readCpu = process.cpuUsage(cpu);
    if (read !== count || points !== count * VERTICES) throw new Error(`read ${read} records / ${points} points`);
    for (const ext of ['shp', 'shx', 'dbf', 'cpg', 'prj']) rmSync(`${base}.${ext}`, { force: true }); // 600 MB at county scale

    const mb = bytes / 1048576;
    return {
      features: count,
      fileMiB: Math.round(mb * 10) / 10,
      writeSeconds: Math.round(writeSeconds * 100) / 100,
      writeFeaturesPerSecond: Math.round(count / writeSeconds),
      writeMiBPerSecond: Math.round((mb / writeSeconds) * 10) / 10,
      // wall time suffers when other work shares the cores; CPU time (user + system) does not
      writeCpuSeconds: Math.round((writeCpu.user + writeCpu.system) / 1e4) / 100,
      readSeconds: Math.round(readSeconds * 100) / 100,
      readFeaturesPerSecond: Math.round(count / readSeconds),
      readMiBPerSecond: Math.round((mb / readSeconds) * 10) / 10,
      readCpuSeconds: Math.round((readCpu.user + readCpu.system) / 1e4) / 100,
      peakRssMiBAfterWrite: rssAfterWrite,
      peakRssMiB: await peakRssMiB(),
    };
  },
};

export default bench;
