import { validateRow } from '@nyt2539/schema';
import { peakRssMiB, type BenchCase } from './harness.js';

/**
 * validateRow throughput on reader-shaped rows: CBF_JTCY as mdb-reader gives them (strings, null) and DK as a
 * DBF reader gives them (numbers, strings). Rows are built up front from a seeded generator (1 in 50 invalid),
 * so the timing covers validation only.
 */

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const surnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳'];

function jtcyRows(n: number, rand: () => number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const bad = rand() < 0.02;
    rows.push({
      CBFBM: `2205811000070${String(i % 100000).padStart(5, '0')}`,
      CYXM: surnames[i % 10] + given[(i * 7) % 12] + (i % 3 ? given[(i * 5) % 12] : ''),
      CYXB: bad ? '3' : String(1 + (i % 2)),
      CYZJLX: '1',
      CYZJHM: `2205811974${String(i % 100000000).padStart(8, '0')}`,
      YHZGX: i % 4 === 0 ? '02' : '10',
      CYBZ: i % 9 === 0 ? '1' : null,
      SFGYR: '1',
      CYBZSM: i % 9 === 0 ? '2010年外嫁' : null,
    });
  }
  return rows;
}

function dkRows(n: number, rand: () => number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const bad = rand() < 0.02;
    const contracted = i % 5 !== 0;
    const area = Math.round(rand() * 500000) / 100 + 1;
    rows.push({
      BSM: i + 1,
      YSDM: '211011',
      DKBM: `22058110000701${String(i % 100000).padStart(5, '0')}`,
      DKMC: '东大地',
      SYQXZ: '30',
      DKLB: contracted ? '10' : '21',
      TDLYLX: '011',
      DLDJ: '0' + (1 + (i % 9)),
      TDYT: '1',
      SFJBNT: i % 3 ? '1' : '2',
      SCMJ: bad ? area + 0.001 : area,
      DKDZ: '李四',
      DKXZ: '道路',
      DKNZ: '王五',
      DKBZ: i % 2 ? '沟渠' : '',
      DKBZXX: '',
      ZJRXM: contracted ? '张三' : '',
      KJZB: 'J1/J2/J3/J4',
      SCMJM: Math.round(area * 0.15) / 100,
    });
  }
  return rows;
}

function timeRows(table: string, rows: readonly Record<string, unknown>[]): { seconds: number; violations: number } {
  validateRow(table, rows[0]); // compile outside the timing
  const start = process.hrtime.bigint();
  let violations = 0;
  for (const row of rows) violations += validateRow(table, row).length;
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, violations };
}

const bench: BenchCase = {
  name: 'schema-validate',
  async run({ scale }) {
    const n = scale === 'county' ? 1_000_000 : 200_000;
    const rand = lcg(2539);
    const jtcy = jtcyRows(n, rand);
    const dk = dkRows(n, rand);
    const a = timeRows('CBF_JTCY', jtcy);
    const b = timeRows('DK', dk);
    return {
      rows_per_table: n,
      cbf_jtcy_rows_per_s: Math.round(n / a.seconds),
      cbf_jtcy_violations: a.violations,
      dk_rows_per_s: Math.round(n / b.seconds),
      dk_violations: b.violations,
      total_rows_per_s: Math.round((2 * n) / (a.seconds + b.seconds)),
      peak_rss_mib: await peakRssMiB(),
    };
  },
};

export default bench;
