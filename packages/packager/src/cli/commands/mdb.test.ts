import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMdb, tempDir } from '../../mdb/test-support.js';
import { runCliAsync, type CliResult } from '../test-support.js';

const tmp = tempDir('cli-mdb');
afterAll(() => tmp.remove());


function cli(...args: string[]): Promise<CliResult> {
  return runCliAsync(args);
}

function csvDir(name: string, files: Record<string, string>): string {
  const dir = tmp.path(name);
  mkdirSync(dir);
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

const CBF_HEADER = 'CBFBM,CBFLX,CBFMC,CBFZJLX,CBFZJHM,CBFDZ,YZBM,LXDH,CBFCYSL,CBFDCRQ,CBFDCY,CBFDCJS,GSJS,GSJSR,GSSHRQ,GSSHR';
const cbfRow = (bm: string, extra: Partial<Record<'CBFCYSL' | 'CBFDCRQ' | 'CBFLX', string>> = {}): string =>
  [bm, extra.CBFLX ?? '1', '张三', '1', '110101199003077578', '"北京市东城区某村, 1号"', '100010', '', extra.CBFCYSL ?? '3', extra.CBFDCRQ ?? '2016-05-01', '调查员甲', '"记事""一""\n第二行"', '""', '公示人', '20160601', '审核人'].join(',');

describe('nyt2539 mdb create', () => {
  it('writes the empty database', async () => {
    const out = tmp.path('empty.mdb');
    const r = await cli('mdb', 'create', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已写入');
    expect(openMdb(out).getTableNames()).toHaveLength(12);
  });

  it('loads <TABLE>.csv files, converting by column type', async () => {
    const dir = csvDir('ok', {
      'CBF.csv': `\uFEFF${CBF_HEADER}\r\n${cbfRow('110101001001010001')}\r\n${cbfRow('110101001001010002', { CBFCYSL: '5', CBFDCRQ: '2016-05-02 08:30' })}\r\n`,
      'CBDKXX.csv': 'DKBM,FBFBM,CBFBM,CBJYQQDFS,HTMJ,CBHTBM,CBJYQZBM,YHTMJ\n1101010010010100001,11010100100101,110101001001010001,110,1234.56,110101001001010001J,110101001001010001J,\n',
      'notes.csv': 'x\n',
    });
    const out = tmp.path('loaded.mdb');
    const r = await cli('--lang', 'en', 'mdb', 'create', out, '--from', dir, '--no-validate');
    expect(r.stderr).toContain('notes.csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CBF: 2 rows');
    const reader = openMdb(out);
    const cbf = reader.getTable('CBF').getData();
    expect(cbf.map((x) => [x.CBFBM, x.CBFCYSL, (x.CBFDCRQ as Date).toISOString(), x.CBFDZ, x.CBFDCJS, x.GSJS, x.LXDH, (x.GSSHRQ as Date).toISOString()])).toEqual([
      ['110101001001010001', 3, '2016-05-01T00:00:00.000Z', '北京市东城区某村, 1号', '记事"一"\n第二行', '', null, '2016-06-01T00:00:00.000Z'],
      ['110101001001010002', 5, '2016-05-02T08:30:00.000Z', '北京市东城区某村, 1号', '记事"一"\n第二行', '', null, '2016-06-01T00:00:00.000Z'],
    ]);
    expect(reader.getTable('CBDKXX').getData()[0]).toMatchObject({ HTMJ: '1234.56', YHTMJ: null, LZHTBM: null });
  });

  it('reports bad cells and values that do not fit at file, line and field, without a stack trace', async () => {
    // each row spans two lines (a quoted line break in CBFDCJS), so record 2 starts on line 4
    const badInt = csvDir('bad-int', { 'CBF.csv': `${CBF_HEADER}\n${cbfRow('110101001001010001')}\n${cbfRow('110101001001010002', { CBFCYSL: 'abc' })}\n` });
    const out = tmp.path('bad.mdb');
    let r = await cli('mdb', 'create', out, '--from', badInt, '--no-validate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CBF\.csv:4: 字段 CBFCYSL: “abc” 不是整数/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const tooLong = csvDir('too-long', { 'CBF.csv': `${CBF_HEADER}\n${cbfRow('110101001001010001')}\n\n${cbfRow('1101010010010100012')}\n` });
    r = await cli('--lang', 'en', 'mdb', 'create', out, '--from', tooLong, '--no-validate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CBF\.csv:5: table CBF, row 2, field CBFBM: text length 19 exceeds the field size 18/);
    const badHeader = csvDir('bad-header', { 'CBF.csv': 'CBFBM,NOPE\n1,2\n' });
    r = await cli('--lang', 'en', 'mdb', 'create', out, '--from', badHeader);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CBF\.csv:1: header field NOPE is not a field of table CBF/);
    expect(existsSync(out)).toBe(false);
  });

  it('validates rows against the standard and writes nothing when a row breaks it', async () => {
    const dir = csvDir('invalid', { 'CBF.csv': `${CBF_HEADER}\n${cbfRow('110101001001010001', { CBFLX: '9' })}\n` });
    const out = tmp.path('invalid.mdb');
    const r = await cli('--lang', 'en', 'mdb', 'create', out, '--from', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CBF\.csv:2: table CBF field CBFLX: not in the code list/);
    expect(existsSync(out)).toBe(false);
  });
});
