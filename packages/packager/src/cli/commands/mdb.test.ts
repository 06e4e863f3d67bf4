import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
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
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CBF\.csv:4: 错误：表 CBF 字段 CBFCYSL：“abc” 不是整数/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const tooLong = csvDir('too-long', { 'CBF.csv': `${CBF_HEADER}\n${cbfRow('110101001001010001')}\n\n${cbfRow('1101010010010100012')}\n` });
    r = await cli('--lang', 'en', 'mdb', 'create', out, '--from', tooLong, '--no-validate');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CBF\.csv:5: error: table CBF field CBFBM: text length 19 exceeds the field size 18/);
    const badHeader = csvDir('bad-header', { 'CBF.csv': 'CBFBM,NOPE\n1,2\n' });
    r = await cli('--lang', 'en', 'mdb', 'create', out, '--from', badHeader);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CBF\.csv:1: error: table CBF field NOPE: header field NOPE is not a field of table CBF/);
    expect(existsSync(out)).toBe(false);
  });

  it('validates rows against the standard and writes nothing when a row breaks it', async () => {
    const dir = csvDir('invalid', { 'CBF.csv': `${CBF_HEADER}\n${cbfRow('110101001001010001', { CBFLX: '9' })}\n` });
    const out = tmp.path('invalid.mdb');
    const r = await cli('--lang', 'en', 'mdb', 'create', out, '--from', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CBF\.csv:2: error: table CBF field CBFLX: not in the code list, expected C\.16, got "9"/);
    expect(existsSync(out)).toBe(false);
  });

  // one folder with a problem of every kind, in two files: every one must be reported in one run
  const CBF_JTCY_HEADER = 'CBFBM,CYXM,CYXB,CYZJLX,CYZJHM,YHZGX,CYBZ,SFGYR,CYBZSM';
  const everyProblem = (name: string): string =>
    csvDir(name, {
      'CBF.csv': [
        CBF_HEADER,
        cbfRow('110101001001010001'),
        cbfRow('110101001001010002').replace('张三', ''), // empty mandatory CBFMC (line 4)
        cbfRow('110101001001010003', { CBFCYSL: 'abc' }), // not an integer (line 6)
        '110101001001010004,1,李四', // 3 cells (line 8)
        cbfRow('110101001001010005', { CBFDCRQ: '42491' }).replace('110101199003077578', '3.40711E+17'), // Excel date serial, scientific notation (line 9)
      ].join('\n'),
      'CBF_JTCY.csv': [
        `${CBF_JTCY_HEADER},XYZ`,
        '110101001001010001,张三,1,1,110101199003077578,01,,,,x',
        '110101001001010001,张小三,9,1,110101199003077000,2,,,,x', // CYXB not in C.17, ID truncated by Excel, YHZGX lost its 0 (line 3)
      ].join('\r\n'),
    });

  it('collects every problem of every file, located by file, line and field, and writes nothing', async () => {
    const dir = everyProblem('every-problem');
    const out = tmp.path('every-problem.mdb');
    const r = await cli('mdb', 'create', out, '--from', dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    const has = (re: RegExp): void => expect(lines.some((l) => re.test(l)), `${re} in\n${r.stderr}`).toBe(true);
    has(/^CBF\.csv:4: 错误：表 CBF 字段 CBFMC：必填项为空/);
    has(/^CBF\.csv:6: 错误：表 CBF 字段 CBFCYSL：“abc” 不是整数/);
    has(/^CBF\.csv:6: 错误：表 CBF 字段 CBFCYSL：此行无法写入数据库：该字段必须有值而值无法存入，此行已略去/);
    has(/^CBF\.csv:8: 错误：表 CBF：有 3 个单元格，表头有 16 个，此行未读取/);
    has(/^CBF\.csv:9: 错误：表 CBF 字段 CBFDCRQ：“42491” 不是日期，像是 Excel 的日期序列号（2016-05-01）/);
    has(/^CBF\.csv:9: 警告：表 CBF 字段 CBFZJHM：“3\.40711E\+17”是 Excel 的科学计数法显示/);
    has(/^CBF_JTCY\.csv:1: 错误：表 CBF_JTCY 字段 XYZ：表头字段 XYZ 不是表 CBF_JTCY 的字段/);
    has(/^CBF_JTCY\.csv:3: 错误：表 CBF_JTCY 字段 CYXB：不在代码表中/);
    has(/^CBF_JTCY\.csv:3: 警告：表 CBF_JTCY 字段 CYZJHM：“110101199003077000”以 000 结尾且校验位不符/);
    has(/^CBF_JTCY\.csv:3: 警告：表 CBF_JTCY 字段 YHZGX：“2”像是丢了开头的 0（应为“02”？）/);
    has(/^CBF_JTCY\.csv:3: 错误：表 CBF_JTCY 字段 YHZGX：不在代码表中/);
    has(/^有错误，未输出 .*every-problem\.mdb；改正后重试，或加 --draft/);
    expect(r.stderr).toMatch(/编码：CBF\.csv UTF-8/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('every-problem.mdb'))).toEqual([]);
  });

  it('--draft writes what can be stored, lists the rest, and mdbtools and mdb-reader read the draft', async () => {
    const dir = everyProblem('draft');
    const out = tmp.path('draft.mdb');
    const r = await cli('--lang', 'en', 'mdb', 'create', out, '--from', dir, '--draft');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CBF\.csv:6: error: table CBF field CBFCYSL: "abc" is not an integer/);
    expect(r.stdout).toMatch(/wrote a draft: the errors above are not corrected/);
    // the row with 3 cells is not there; the cells that could not be converted are empty; the rest as given
    // rows with a cell that must have a value but could not be converted (CBFCYSL "abc", CBFDCRQ "42491") are
    // left out; the empty CBFMC is written blank for the checker to report; the Excel-mangled ID as it was given
    const exported = execFileSync('mdb-export', ['-d', '|', '-R', '\u001e', '-q', "'", '-T', '%Y-%m-%d', out, 'CBF'], { encoding: 'utf8' });
    const cbf = exported.split('\u001e').filter((l) => l !== '').map((l) => l.split('|'));
    expect(cbf.map((c) => [c[0], c[2], c[4], c[8], c[9]])).toEqual([
      ['CBFBM', 'CBFMC', 'CBFZJHM', 'CBFCYSL', 'CBFDCRQ'],
      ["'110101001001010001'", "'张三'", "'110101199003077578'", '3', "'2016-05-01'"],
      ["'110101001001010002'", '', "'110101199003077578'", '3', "'2016-05-01'"],
    ]);
    expect(openMdb(out).getTable('CBF').getData().map((x) => x.CBFMC)).toEqual(['张三', '']);
    expect(r.stderr).toMatch(/CBF\.csv:9: error: table CBF field CBFDCRQ: this row cannot be stored/);
    const jtcy = openMdb(out).getTable('CBF_JTCY').getData();
    expect(jtcy.map((x) => [x.CYXM, x.CYXB, x.CYZJHM, x.YHZGX])).toEqual([
      ['张三', '1', '110101199003077578', '01'],
      ['张小三', '9', '110101199003077000', '2'],
    ]);
  });

  it('reads a GBK CSV (as Chinese Excel/WPS save it), says so, and stores the text as Unicode', async () => {
    const text = `${CBF_HEADER}\r\n${cbfRow('110101001001010001')}\r\n`;
    const dir = csvDir('gbk', { 'CBF.csv': '' });
    writeFileSync(join(dir, 'CBF.csv'), iconv.encode(text, 'gbk'));
    const out = tmp.path('gbk.mdb');
    const r = await cli('mdb', 'create', out, '--from', dir);
    expect(r.stderr).toContain('编码：CBF.csv GBK（不是 UTF-8，按 GBK 读取）');
    expect(r.code).toBe(0);
    const exported = execFileSync('mdb-export', [out, 'CBF'], { encoding: 'utf8' });
    expect(exported).toContain('"张三"');
    expect(exported).toContain('"北京市东城区某村, 1号"');
    expect(openMdb(out).getTable('CBF').getData()[0]).toMatchObject({ CBFMC: '张三', CBFDCY: '调查员甲' });
  });
});
