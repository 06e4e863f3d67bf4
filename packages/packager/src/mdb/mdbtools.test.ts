import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { getTable, physicalTables } from '@nyt2539/schema';
import { readCsv } from '../build/csv.js';
import { writeMdb, type MdbValue } from './index.js';
import { decimalText, tempDir, templateMdb } from './test-support.js';

/** Debian mdbtools is the independent reader (CI installs it). */
const tmp = tempDir('mdb-tools');
afterAll(() => tmp.remove());

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 << 20 });

/** Drop only the banner comment lines mdb-schema prints before the first statement. */
function withoutBanner(schema: string): string {
  const lines = schema.split('\n');
  let i = 0;
  while (i < lines.length && (lines[i].startsWith('--') || lines[i].trim() === '')) i++;
  return lines.slice(i).join('\n');
}

const descriptions = { CBDKXX: getTable('CBDKXX')!.title };

describe('written .mdb through mdbtools', () => {
  it('is Jet4 and its empty schema equals the Access template (access DDL, postgres comments/defaults)', async () => {
    const out = tmp.path('empty.mdb');
    await writeMdb(out, [], { tableDescriptions: descriptions });
    expect(run('mdb-ver', [out]).trim()).toBe('JET4');
    expect(withoutBanner(run('mdb-schema', [out, 'access']))).toBe(withoutBanner(run('mdb-schema', [templateMdb, 'access'])));
    const pick = (s: string): string[] => s.split('\n').filter((l) => l.startsWith('COMMENT') || / DEFAULT /.test(l));
    const ours = pick(run('mdb-schema', [out, 'postgres']));
    expect(ours.length).toBeGreaterThan(100);
    expect(ours).toEqual(pick(run('mdb-schema', [templateMdb, 'postgres'])));
    expect(run('mdb-tables', ['-1', out]).trim().split('\n')).toEqual(physicalTables.map((t) => t.name));
  });

  it('carries the design properties Access keeps (mdb-prop equals the template on every property written)', async () => {
    const out = tmp.path('props.mdb');
    await writeMdb(out, [], { tableDescriptions: descriptions });
    // written but not compared: DecimalPlaces (display-only; the template mixes 2 and 255 "Auto" on identical
    // Decimal(15,2) columns) and UnicodeCompression (a storage choice, on for every text column here; the
    // template has it off on a few)
    const written = ['Description', 'Required', 'AllowZeroLength', 'DefaultValue', 'TextFormat'];
    /** mdb-prop prints `name: X` blocks of `\tKey: value` lines in hash order: make it a sorted map. */
    const props = (file: string, table: string): Record<string, Record<string, string>> => {
      const blocks: Record<string, Record<string, string>> = {};
      let current: Record<string, string> = {};
      for (const line of run('mdb-prop', [file, table]).split('\n')) {
        const name = /^name: (.*)$/.exec(line);
        if (name) blocks[name[1]] = current = {};
        const kv = /^\t(\w+): (.*)$/.exec(line);
        if (kv && written.includes(kv[1])) current[kv[1]] = kv[2];
      }
      return blocks;
    };
    for (const t of physicalTables) expect(props(out, t.name), t.name).toEqual(props(templateMdb, t.name));
  });

  it('a Format property makes mdbtools treat a DateTime column as a date', async () => {
    const out = tmp.path('format.mdb');
    const schema = [{ name: 'T', columns: [
      { code: 'D', type: 'DateTime' as const, required: true, description: '日期', format: 'Short Date' },
      { code: 'TS', type: 'DateTime' as const, required: false, description: '时间' },
    ] }];
    await writeMdb(out, [], { schema });
    const ddl = run('mdb-schema', [out, 'postgres']);
    expect(ddl).toMatch(/"d"\t+DATE NOT NULL/);
    expect(ddl).toMatch(/"ts"\t+TIMESTAMP WITHOUT TIME ZONE/);
  });

  it('mdb-export returns every value exactly (Chinese, dates, decimals, memos, nulls, empty strings)', async () => {
    const out = tmp.path('values.mdb');
    const cbf = physicalTables.find((t) => t.name === 'CBF')!;
    const rows: Record<string, MdbValue>[] = Array.from({ length: 300 }, (_, i) => ({
      CBFBM: `52012345600100${String(i).padStart(4, '0')}`,
      CBFLX: '1',
      CBFMC: ['张三', '李四丰', '欧阳娜娜', 'Zhāng Sān', '王一'][i % 5] + i,
      CBFZJLX: '1',
      CBFZJHM: `52012319800101${String(i).padStart(4, '0')}`,
      CBFDZ: `贵州省某县某镇“某村”，第${i}组, 门牌"${i}"号`,
      YZBM: '550000',
      LXDH: i % 3 ? null : '',
      CBFCYSL: i % 9,
      CBFDCRQ: new Date(Date.UTC(2015 + (i % 3), i % 12, 1 + (i % 28), 8, 30, 15)),
      CBFDCY: '调查员',
      CBFDCJS: i % 4 === 0 ? null : '记事，' + '经核实无误。'.repeat(i % 4 === 3 ? 900 : 3),
      GSJS: '',
      GSJSR: '公示人',
      GSSHRQ: new Date(Date.UTC(1900 + i, 0, 1)),
      GSSHR: '审核人',
    }));
    const cbdkxx = [
      { DKBM: '5201234560010000001', FBFBM: '52012345600100', CBFBM: '520123456001000001', CBJYQQDFS: '110', HTMJ: '9999999999999.99', CBHTBM: 'H', CBJYQZBM: 'Q', YHTMJ: '-9999999999999.99', HTMJM: 0.01, YHTMJM: '0' },
      { DKBM: '5201234560010000002', FBFBM: '52012345600100', CBFBM: '520123456001000001', CBJYQQDFS: '120', HTMJ: 1234.5, CBHTBM: 'H', CBJYQZBM: 'Q', YHTMJ: null, HTMJM: '-0.5', YHTMJM: 7n },
    ];
    await writeMdb(out, [{ name: 'CBF', rows }, { name: 'CBDKXX', rows: cbdkxx }]);
    const csv = tmp.path('cbf.csv');
    const exported = run('mdb-export', ['-T', '%Y-%m-%d %H:%M:%S', out, 'CBF']);
    writeFileSync(csv, exported);
    const records = [];
    for await (const r of readCsv(csv)) records.push(r.cells);
    expect(records[0]).toEqual(cbf.columns.map((c) => c.code));
    const iso = (d: MdbValue): string => (d as Date).toISOString().replace('T', ' ').slice(0, 19);
    records.slice(1).forEach((cells, i) => {
      const want = rows[i];
      cbf.columns.forEach((c, k) => {
        const v = want[c.code];
        // mdb-export prints a zero-length string like null (unquoted, empty); mdb-reader tells them apart (writer.test.ts)
        const expected = v === null || v === undefined || v === '' ? null : c.type === 'DateTime' ? iso(v) : String(v);
        expect(cells[k], `row ${i} ${c.code}`).toBe(expected);
      });
    });
    expect(records.length).toBe(rows.length + 1);
    writeFileSync(csv, run('mdb-export', [out, 'CBDKXX']));
    const dk = [];
    for await (const r of readCsv(csv)) dk.push(r.cells);
    expect(dk.slice(1).map((c) => c.slice(4, 5).concat(c.slice(8, 11)))).toEqual([
      ['9999999999999.99', '-9999999999999.99', '0.01', '0.00'],
      ['1234.50', null, '-0.50', decimalText('7', 2)],
    ]);
  });

  it('reads every row of a table spanning more than 512 pages (reference usage map)', async () => {
    const out = tmp.path('big.mdb');
    const n = 6000;
    const member = (i: number): Record<string, MdbValue> => ({
      CBFBM: String(i).padStart(18, '0'), CYXM: `成员${i}`, CYXB: '1', CYZJLX: '1', CYZJHM: String(i), YHZGX: '10',
      CYBZSM: `第${i}条：` + '家庭成员备注说明'.repeat(30),
    });
    const result = await writeMdb(out, [{ name: 'CBF_JTCY', rows: (function* () { for (let i = 0; i < n; i++) yield member(i); })() }]);
    expect(result.bytes / 4096).toBeGreaterThan(700);
    expect(run('mdb-count', [out, 'CBF_JTCY']).trim()).toBe(String(n));
    const csv = tmp.path('big.csv');
    writeFileSync(csv, run('mdb-export', [out, 'CBF_JTCY']));
    let i = -1;
    for await (const r of readCsv(csv)) {
      if (i >= 0) expect(r.cells[0]).toBe(member(i).CBFBM);
      i++;
    }
    expect(i).toBe(n);
  });
});
