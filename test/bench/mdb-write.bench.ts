/**
 * Jet4 .mdb writer throughput: 50k (example) or 500k (county) CBDKXX plots and as many CBF_JTCY members,
 * streamed from generators, with Chinese text and Decimal areas as in a real 权属数据库. Figures: rows/s per
 * table, file size and peak RSS (flat memory is the point: rows are never held).
 */
import { join } from 'node:path';
import { writeMdb, type MdbTableInput } from '@nyt2539/packager';
import { peakRssMiB, type BenchCase } from './harness.js';

const SURNAMES = ['张', '王', '李', '赵', '欧阳', '刘', '陈', '杨'];

function* plots(count: number): Generator<Record<string, string | number | null>> {
  for (let i = 0; i < count; i++) {
    const cbf = `340711100201${String(Math.floor(i / 3)).padStart(6, '0')}`;
    yield {
      DKBM: `340711100201${String(i).padStart(7, '0')}`,
      FBFBM: '34071110020100',
      CBFBM: cbf,
      CBJYQQDFS: '110',
      HTMJ: `${(450 + (i % 997)).toString()}.${String(i % 100).padStart(2, '0')}`,
      CBHTBM: `${cbf}J`,
      LZHTBM: i % 10 === 0 ? cbf : null,
      CBJYQZBM: `${cbf}J`,
      YHTMJ: null,
      HTMJM: (i % 7) + 0.68,
      YHTMJM: null,
      SFQQQG: i % 5 === 0 ? '1' : '2',
    };
  }
}

function* members(count: number): Generator<Record<string, string | null>> {
  for (let i = 0; i < count; i++) {
    yield {
      CBFBM: `340711100201${String(Math.floor(i / 4)).padStart(6, '0')}`,
      CYXM: `${SURNAMES[i % SURNAMES.length]}${['建国', '秀英', '小明', '丽'][i % 4]}${i % 100}`,
      CYXB: String((i % 2) + 1),
      CYZJLX: '1',
      CYZJHM: `3407111980${String(i % 1_000_000).padStart(6, '0')}1X`.slice(0, 18),
      YHZGX: i % 4 === 0 ? '02' : '10',
      CYBZ: null,
      SFGYR: '1',
      CYBZSM: i % 50 === 0 ? '户口迁入，经村民小组会议同意。' : null,
    };
  }
}

const bench: BenchCase = {
  name: 'mdb-write',
  async run({ scale, workDir }) {
    const n = scale === 'county' ? 500_000 : 50_000;
    const figures: Record<string, number | string> = { rows: n };
    const time = async (label: string, input: MdbTableInput): Promise<void> => {
      const t0 = performance.now();
      const r = await writeMdb(join(workDir, `${label}.mdb`), [input]);
      const s = (performance.now() - t0) / 1000;
      figures[`${label}_s`] = Math.round(s * 100) / 100;
      figures[`${label}_rowsPerSec`] = Math.round(n / s);
      figures[`${label}_MiB`] = Math.round(r.bytes / 1048576);
    };
    await time('CBDKXX', { name: 'CBDKXX', rows: plots(n) });
    await time('CBF_JTCY', { name: 'CBF_JTCY', rows: members(n) });
    figures.peakRssMiB = await peakRssMiB();
    return figures;
  },
};

export default bench;
