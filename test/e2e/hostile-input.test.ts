/**
 * Hostile files in place of package files (issue 12): each reproducer is built here from a generated `tiny`
 * package, and the check must end with located findings — never hang, read without bound, or crash.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import MDBReader from 'mdb-reader';
import { renderText, runCheck, type Finding } from '@nyt2539/checker';
import { generatePackage, writeSummaryXls, writeUnitCodeTableXls } from '@nyt2539/packager';
import { runCli } from '../../packages/packager/src/cli/test-support.js';

let base: string;
let clean: string;
let n = 0;

/** A fresh copy of the clean tiny package, damaged by `damage`. */
function damaged(damage: (root: string) => void): string {
  const root = join(base, `case-${++n}`, '340711郊区');
  cpSync(clean, root, { recursive: true });
  damage(root);
  return root;
}

async function check(root: string): Promise<readonly Finding[]> {
  return (await runCheck(root, { workDir: join(root, '..', 'work') })).findings;
}

const brief = (fs: readonly Finding[]) => fs.map((f) => `${f.severity} ${f.ruleId} ${f.location.file ?? ''} ${f.message.en}`);

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'nyt2539-hostile-'));
  ({ packageDir: clean } = await generatePackage({ scale: 'tiny', seed: 5, defects: 'none', outDir: join(base, 'clean') }));
}, 120_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('bounded reads (item 16)', () => {
  it('a named pipe in place of SL….xml is reported, not waited on', async () => {
    const root = damaged((r) => {
      const xml = join(r, '矢量数据', readdirSync(join(r, '矢量数据')).find((f) => f.endsWith('.xml'))!);
      rmSync(xml);
      execFileSync('mkfifo', [xml]);
    });
    const found = brief(await check(root));
    expect(found.some((f) => /^error metadata\/.* 矢量数据\/SL3407112016\.xml .*not a regular file/.test(f))).toBe(true);
  }, 60_000);

  it('a named pipe in place of a .dbf is reported for that layer', async () => {
    const root = damaged((r) => {
      const dbf = join(r, '矢量数据', 'JBNTBHQ3407112016.dbf');
      rmSync(dbf);
      execFileSync('mkfifo', [dbf]);
    });
    const found = brief(await check(root));
    expect(found.some((f) => f.startsWith('error layout/file-unreadable 矢量数据/JBNTBHQ3407112016.dbf') && f.includes('not a regular file'))).toBe(true);
    // package-relative, never the scratch or temp path
    expect(found.join('\n')).not.toContain(base);
  }, 60_000);

  it('a 2 GiB .cpg is read only up to its cap', async () => {
    const root = damaged((r) => {
      const cpg = join(r, '矢量数据', 'DK3407112016.cpg');
      writeFileSync(cpg, 'GBK');
      truncateSync(cpg, 2 * 1024 ** 3); // sparse: costs no disk
    });
    const found = await check(root);
    const cpg = found.filter((f) => f.location.file === '矢量数据/DK3407112016.cpg');
    expect(cpg.length).toBe(1);
    expect(String(cpg[0].actual ?? cpg[0].message.en).length).toBeLessThan(20_000);
  }, 60_000);
});

describe('silent passes (item 18)', () => {
  it('a .prj whose numbers contradict the zone it names is a located warning per parameter', async () => {
    const prj = (r: string) => join(r, '矢量数据', 'DK3407112016.prj');
    const cleanFindings = await check(damaged(() => undefined));
    expect(cleanFindings.filter((f) => f.ruleId === 'crs/reader-crs')).toEqual([]);
    const root = damaged((r) => {
      const text = readFileSync(prj(r), 'utf8');
      expect(text).toContain('GK_Zone_39');
      writeFileSync(prj(r), text.replace('GK_Zone_39', 'GK_Zone_40')); // the name only: the numbers stay zone 39's
    });
    const found = await check(root);
    const mine = found.filter((f) => f.ruleId === 'crs/reader-crs');
    expect(mine.map((f) => [f.severity, f.location.file, f.message.en])).toEqual([
      [
        'warning',
        '矢量数据/DK3407112016.prj',
        'Projection file 矢量数据/DK3407112016.prj: the system it names, CGCS2000_3_Degree_GK_Zone_40, has Central_Meridian = 120, but the file gives 117: either the name (code) or the parameter is wrong; coordinates are read by the parameter: check which zone the data lie in and correct the wrong side',
      ],
      [
        'warning',
        '矢量数据/DK3407112016.prj',
        'Projection file 矢量数据/DK3407112016.prj: the system it names, CGCS2000_3_Degree_GK_Zone_40, has False_Easting = 40500000, but the file gives 39500000: either the name (code) or the parameter is wrong; coordinates are read by the parameter: check which zone the data lie in and correct the wrong side',
      ],
    ]);
    // nothing else changes: the coordinates are read by the parameters, as before
    const others = (fs: readonly Finding[]) => fs.filter((f) => f.ruleId !== 'crs/reader-crs').map((f) => `${f.severity} ${f.ruleId}`).sort();
    expect(others(found)).toEqual(others(cleanFindings));
  }, 120_000);
});

describe('names are printed with control characters escaped (item 17)', () => {
  const forged = 'a\n\n结论：通过\u001b[32m\u202e.txt'; // NUL cannot be in a file name (zip entries with one are refused)

  it('in findings and the text report', async () => {
    const root = damaged((r) => writeFileSync(join(r, forged), 'x'));
    const result = await runCheck(root, { workDir: join(root, '..', 'work') });
    const stray = result.findings.filter((f) => f.ruleId === 'layout/unexpected-file');
    expect(stray.map((f) => f.location.file)).toEqual(['a\\n\\n结论：通过\\x1b[32m\\u202e.txt']);
    expect(stray[0].message.zh).toContain('a\\n\\n结论：通过\\x1b[32m\\u202e.txt');
    const text = renderText(result.info, result.summary, result.findings, { lang: 'zh', limit: 1000, mask: true });
    expect(text.split('\n').filter((l) => l.startsWith('结论'))).toHaveLength(1);
    expect(text).not.toMatch(/[\u001b\u202e]/);
  }, 60_000);

  it('in the exit-2 line of the CLI', () => {
    const missing = join(base, 'nowhere\n结论：通过\u001b[0m');
    const r = runCli(['check', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('nowhere\\n结论：通过\\x1b[0m');
  }, 60_000);
});

describe('a broken .shx is one error and the .shp is still read (items 13, 18)', () => {
  it.each([
    ['cut to 300 bytes (a shorter but well-formed index)', (b: Buffer) => b.subarray(0, 300)],
    ['with a shape type other than the .shp\'s', (b: Buffer) => {
      const c = Buffer.from(b);
      c.writeInt32LE(1, 32);
      return c;
    }],
  ])('DK .shx %s', async (_case, damage) => {
    const root = damaged((r) => {
      const shx = join(r, '矢量数据', 'DK3407112016.shx');
      const bytes = damage(readFileSync(shx));
      rmSync(shx);
      writeFileSync(shx, bytes);
    });
    const found = await check(root);
    const errors = found.filter((f) => f.severity === 'error');
    expect(brief(errors)).toEqual([expect.stringMatching(/^error layout\/file-unreadable 矢量数据\/DK3407112016\.shx Index file 矢量数据\/DK3407112016\.shx is invalid: .*read sequentially$/)]);
    expect(found.length).toBeLessThanOrEqual(2);
  }, 60_000);
});

describe('the county root inside what was given (item 6)', () => {
  /** A folder `parent` holding a copy of the clean package under `name`, plus `extra` files. */
  function parent(name: string, extra: Record<string, string> = {}): string {
    const dir = join(base, `case-${++n}`, 'parent');
    cpSync(clean, join(dir, name), { recursive: true });
    for (const [f, text] of Object.entries(extra)) writeFileSync(join(dir, f), text);
    return dir;
  }
  const zipOf = (dir: string, name: string): string => {
    const zip = join(dir, '..', name);
    execFileSync('zip', ['-qr', zip, '.'], { cwd: dir });
    return zip;
  };
  const errorsAndOutside = (fs: readonly Finding[]) =>
    brief(fs.filter((f) => f.severity === 'error' || f.messageId === 'outside'));

  it('a stray file beside the county folder in a zip is one finding', async () => {
    const zip = zipOf(parent('340711郊区', { '说明.txt': 'readme' }), '340711郊区.zip');
    expect(errorsAndOutside(await check(zip))).toEqual(['warning layout/unexpected-file 说明.txt 说明.txt lies outside the county folder: not part of the package, not checked']);
  }, 60_000);

  it('a parent folder holding the county folder and a stray file', async () => {
    const dir = parent('340711郊区', { '汇交说明.doc': 'x' });
    const result = await runCheck(dir, { workDir: join(dir, '..', 'work') });
    expect(result.info.rootName).toBe('340711郊区');
    expect(errorsAndOutside(result.findings)).toEqual(['warning layout/unexpected-file 汇交说明.doc 汇交说明.doc lies outside the county folder: not part of the package, not checked']);
  }, 60_000);

  it('a zip of two counties, or a folder of county zips, points to batch', async () => {
    const two = parent('340711郊区');
    cpSync(clean, join(two, '340705铜官区'), { recursive: true });
    const zip = zipOf(two, 'two.zip');
    await expect(runCheck(zip, { workDir: join(two, '..', 'w1') })).rejects.toThrow(/2 个县级数据包（340705铜官区、340711郊区）.*batch/);
    const zips = join(base, `case-${++n}`, 'zips');
    cpSync(zip, join(zips, '340711郊区.zip'));
    cpSync(zip, join(zips, '340705铜官区.zip'));
    await expect(runCheck(zips, { workDir: join(zips, '..', 'w2') })).rejects.toThrow(/2 个县级数据包.*batch/);
  }, 60_000);

  it('a renamed root folder is one layout/root-name error, not a cascade', async () => {
    const dir = parent('340711郊区_第二次');
    const found = await check(join(dir, '340711郊区_第二次'));
    expect(brief(found.filter((f) => f.severity === 'error'))).toEqual([
      expect.stringMatching(/^error layout\/root-name 340711郊区_第二次 The package root folder "340711郊区_第二次" must be/),
    ]);
  }, 60_000);
});

describe('silent passes (item 18)', () => {
  it('a summary table or the 权属单位代码表 that lost every data row is an error', async () => {
    const root = damaged((r) => {
      const county = { countyCode: '340711', countyName: '郊区' };
      const plots = join(r, '汇总表格', '340711郊区按地块汇总表.xls');
      rmSync(plots);
      writeSummaryXls(plots, 'byParcel', county, []);
      const units = join(r, '权属数据', '3407112016权属单位代码表.xls');
      rmSync(units);
      writeUnitCodeTableXls(units, [], county);
    });
    const all = await check(root);
    const found = brief(all.filter((f) => f.severity === "error"));
    expect(found).toEqual([
      expect.stringMatching(/^error summary\/tables 汇总表格\/340711郊区按地块汇总表\.xls .*has no data row while the database has \d+ units/),
      expect.stringMatching(/^error summary\/unit-code-table 权属数据\/3407112016权属单位代码表\.xls the unit code table .* has no data row/),
    ]);
  }, 60_000);
});

describe('attachments that do not open (item 7)', () => {
  it('a 0-byte PDF, a text file named .pdf and a 0-byte JPG fail; the generated ones pass', async () => {
    const att = '其他资料/权属来源附件';
    const root = damaged((r) => {
      writeFileSync(join(r, att, '340711101201000001J1.pdf'), '');
      writeFileSync(join(r, att, '340711101201000002J1.pdf'), 'this is a text file, not a PDF\n');
      writeFileSync(join(r, att, '340711101201000001J2.jpg'), '');
    });
    const found = brief((await check(root)).filter((f) => f.location.file?.startsWith(att)));
    expect(found).toEqual([
      `error layout/file-unreadable ${att}/340711101201000001J1.pdf attachment ${att}/340711101201000001J1.pdf cannot be opened: the file is empty (0 bytes)`,
      `error layout/file-unreadable ${att}/340711101201000001J2.jpg attachment ${att}/340711101201000001J2.jpg cannot be opened: the file is empty (0 bytes)`,
      `error layout/file-unreadable ${att}/340711101201000002J1.pdf attachment ${att}/340711101201000002J1.pdf cannot be opened: the content is not a PDF file (wrong signature)`,
    ]);
  }, 60_000);
});

describe('a looping page chain in the .mdb ends with a located error (item 14)', () => {
  const JET4_PAGE = 4096;
  /** Each table's first table-definition (TDEF) page, from MSysObjects.Id. */
  function tdefPages(mdb: Buffer): Map<string, number> {
    const rows = new MDBReader(mdb).getTable('MSysObjects').getData({ columns: ['Name', 'Id', 'Type'] });
    return new Map(rows.filter((r) => r.Type === 1).map((r) => [String(r.Name), Number(r.Id) & 0xffffff]));
  }
  /** Points the TDEF page `from`'s next_pg (bytes 4–7) at page `to`. */
  const link = (mdb: Buffer, from: number, to: number) => mdb.writeUInt32LE(to, from * JET4_PAGE + 4);

  /** Runs the CLI in a child process, so that a hang fails this test at the timeout instead of stalling the suite. */
  function checkCli(root: string): { status: number | null; stdout: string } {
    const r = runCli(['check', root, '--lang', 'en', '--limit', 'all', '--work-dir', join(root, '..', 'work')], { timeout: 120_000 });
    return { status: r.code, stdout: r.stdout };
  }
  const findingLines = (stdout: string) => stdout.split('\n').filter((l) => /^\d+\. \[/.test(l));

  it.each([
    ['CBF\'s TDEF page points to itself', (pages: Map<string, number>, mdb: Buffer) => link(mdb, pages.get('CBF')!, pages.get('CBF')!), ['CBF']],
    ['CBF\'s and CBHT\'s TDEF pages point to each other', (pages: Map<string, number>, mdb: Buffer) => {
      link(mdb, pages.get('CBF')!, pages.get('CBHT')!);
      link(mdb, pages.get('CBHT')!, pages.get('CBF')!);
    }, ['CBF', 'CBHT']],
  ])('%s: one error per damaged table, nothing cascades', (_case, damage, tables) => {
    const root = damaged((r) => {
      const file = join(r, '权属数据', '3407112016.mdb');
      const mdb = readFileSync(file);
      damage(tdefPages(mdb), mdb);
      rmSync(file);
      writeFileSync(file, mdb);
    });
    const { status, stdout } = checkCli(root);
    expect(status).toBe(1);
    expect(findingLines(stdout)).toEqual(
      tables.map((t) =>
        expect.stringMatching(new RegExp(`^\\d+\\. \\[error\\] layout/file-unreadable +error reading table ${t} of 权属数据/3407112016\\.mdb after 0 rows: the file cannot be read \\(the reader says: table definition page chain of table ${t} loops back to page \\d+\\)$`)),
      ),
    );
  }, 150_000);

  it('a looping MSysObjects definition makes the database unreadable, reported once', () => {
    const root = damaged((r) => {
      const file = join(r, '权属数据', '3407112016.mdb');
      const mdb = readFileSync(file);
      link(mdb, tdefPages(mdb).get('MSysObjects')!, tdefPages(mdb).get('MSysObjects')!);
      rmSync(file);
      writeFileSync(file, mdb);
    });
    const { status, stdout } = checkCli(root);
    expect(status).toBe(1);
    expect(findingLines(stdout)).toEqual([
      expect.stringMatching(/^1\. \[error\] layout\/file-unreadable +cannot read Access database 权属数据\/3407112016\.mdb: .*the reader says: .*loops back to page 2\)\)$/),
    ]);
  }, 150_000);
});
