import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { defaultZipLimits, extractZip } from './zip.js';
import { decodeEntryName, safeRelativePath } from './zip-names.js';

/**
 * Hostile archives cannot be made with archiver (it sanitises names), so this writes zip bytes directly
 * (APPNOTE.TXT 4.3: local headers, central directory, end record) with exactly the fields each case needs.
 */
interface RawEntry {
  name: string | Buffer;
  data?: Buffer;
  /** general-purpose flags; 0x800 = UTF-8 names */
  flags?: number;
  /** unix mode in the high 16 bits of the external attributes (made by unix) */
  unixMode?: number;
  /** lie about the uncompressed size (zip bomb) */
  declaredSize?: number;
  deflate?: boolean;
  /** a CRC-32 other than the data's (a changed byte) */
  crc?: number;
}

function buildZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const data = e.data ?? Buffer.alloc(0);
    const body = e.deflate ? deflateRawSync(data) : data;
    const method = e.deflate ? 8 : 0;
    const crc = e.crc ?? crc32(data);
    const size = e.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.unixMode === undefined ? 20 : (3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.flags ?? 0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(e.unixMode === undefined ? 0 : (e.unixMode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(entries: readonly RawEntry[], zipName = '220581梅河口市.zip'): { zip: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nyt2539-zip-'));
  dirs.push(dir);
  const zip = join(dir, zipName);
  writeFileSync(zip, buildZip(entries));
  return { zip, out: join(dir, 'out') };
}

async function refusal(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected the archive to be refused');
}

describe('extractZip', () => {
  it('extracts a well-formed archive with a single county folder to that folder', async () => {
    const { zip, out } = setup([
      { name: '220581梅河口市/', flags: 0x800 },
      { name: '220581梅河口市/权属数据/a.txt', data: Buffer.from('hello'), flags: 0x800, deflate: true },
    ]);
    const r = await extractZip(zip, out);
    expect(r.root).toBe(join(out, '220581梅河口市'));
    expect(readFileSync(join(r.root, '权属数据', 'a.txt'), 'utf8')).toBe('hello');
    expect(r.nameEncodings).toEqual({ 'utf-8 (flag)': 2 });
  });

  it('gives a zip of a folder\'s contents the zip\'s base name as root', async () => {
    const { zip, out } = setup([{ name: '权属数据/a.txt', data: Buffer.from('x'), flags: 0x800 }, { name: 'b.txt', data: Buffer.from('y') }]);
    const r = await extractZip(zip, out);
    expect(r.root).toBe(join(out, '220581梅河口市'));
    expect(readdirSync(r.root).sort()).toEqual(['b.txt', '权属数据']);
  });

  it('skips macOS __MACOSX resource forks', async () => {
    const { zip, out } = setup([
      { name: '220581梅河口市/a.txt', data: Buffer.from('a'), flags: 0x800 },
      { name: '__MACOSX/220581梅河口市/._a.txt', data: Buffer.from('fork') },
    ]);
    const r = await extractZip(zip, out);
    expect(r.root).toBe(join(out, '220581梅河口市'));
    expect(readdirSync(out)).toEqual(['220581梅河口市']);
  });

  it('decodes GBK entry names written without the UTF-8 flag', async () => {
    const gbk = iconv.encode('220581梅河口市/矢量数据/说明.txt', 'gbk');
    const { zip, out } = setup([{ name: gbk, data: Buffer.from('gbk') }]);
    const r = await extractZip(zip, out);
    expect(r.nameEncodings).toEqual({ 'gb18030 (detected)': 1 });
    expect(readFileSync(join(out, '220581梅河口市', '矢量数据', '说明.txt'), 'utf8')).toBe('gbk');
  });

  it('decodes UTF-8 names written without the flag (strict UTF-8 test)', async () => {
    const { zip, out } = setup([{ name: Buffer.from('县/汇总表格/表.xls', 'utf8'), data: Buffer.from('u') }]);
    const r = await extractZip(zip, out);
    expect(r.nameEncodings).toEqual({ 'utf-8 (detected)': 1 });
    expect(existsSync(join(out, '县', '汇总表格', '表.xls'))).toBe(true);
  });

  it.each([
    ['../x', 'traversal', '..'],
    ['220581梅河口市/../../x', 'traversal', '..'],
    ['/etc/x', 'absolute', 'absolute'],
    ['C:/Windows/x', 'drive', 'drive letter'],
    ['a\\..\\..\\x', 'traversal', '..'],
  ])('refuses %s before writing anything', async (name, _why, en) => {
    const { zip, out } = setup([{ name: 'ok.txt', data: Buffer.from('fine') }, { name, data: Buffer.from('evil') }]);
    const e = await refusal(extractZip(zip, out));
    expect(e.text.en).toContain(en);
    expect(e.text.zh).toContain('拒绝');
    expect(e.text.zh).toContain('220581梅河口市.zip');
    expect(e.exitCode).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses symlink entries', async () => {
    const { zip, out } = setup([{ name: 'link', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }]);
    const e = await refusal(extractZip(zip, out));
    expect(e.text.en).toContain('symbolic link');
    expect(e.text.en).toContain('link');
  });

  it('refuses duplicate names', async () => {
    const { zip, out } = setup([{ name: 'a/b.txt', data: Buffer.from('1') }, { name: 'a/b.txt', data: Buffer.from('2') }]);
    expect((await refusal(extractZip(zip, out))).text.en).toContain('duplicate');
  });

  it('refuses too many entries', async () => {
    const { zip, out } = setup(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') })));
    const e = await refusal(extractZip(zip, out, { ...defaultZipLimits, maxZipEntries: 3 }));
    expect(e.text.en).toContain('5 entries exceed the limit of 3');
  });

  it('refuses archives whose declared total or per-file size is over the limit', async () => {
    const big = Buffer.alloc(600, 0x41);
    const { zip, out } = setup([{ name: 'a', data: big, deflate: true }, { name: 'b', data: big, deflate: true }]);
    expect((await refusal(extractZip(zip, out, { ...defaultZipLimits, maxZipBytes: 1000 }))).text.en).toContain('total limit of 1000');
    expect((await refusal(extractZip(zip, out, { ...defaultZipLimits, maxEntryBytes: 500 }))).text.en).toContain('per-file limit of 500');
  });

  it('refuses a zip bomb whose data expands past its declared size', async () => {
    const { zip, out } = setup([{ name: 'bomb.txt', data: Buffer.alloc(1 << 20, 0), declaredSize: 100, deflate: true }]);
    const e = await refusal(extractZip(zip, out));
    expect(e.text.en).toContain('zip bomb');
    expect(e.text.en).toContain('bomb.txt');
    expect(readdirSync(join(out, '220581梅河口市'))).toEqual([]); // no partial file left behind
  });

  it('refuses a file that is not a zip, with the file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nyt2539-zip-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'x.zip'), 'this is not a zip file');
    const e = await refusal(extractZip(join(dir, 'x.zip'), join(dir, 'out')));
    expect(e.text.zh).toContain('x.zip');
    expect(e.text.en).toContain('not a readable zip');
  });
});

describe('extractZip: damaged and clashing entries are one located line', () => {
  it('verifies every entry\'s CRC-32 (a stored entry with one changed byte)', async () => {
    const data = Buffer.from('DBF bytes of DK');
    const changed = Buffer.from(data);
    changed[3] ^= 1;
    const { zip, out } = setup([
      { name: '220581梅河口市/矢量数据/DK2205812020.dbf', data: changed, crc: crc32(data), flags: 0x800 },
    ]);
    const e = await refusal(extractZip(zip, out));
    expect(e.text.en).toContain('CRC-32 mismatch');
    expect(e.text.zh).toContain('220581梅河口市.zip: 220581梅河口市/矢量数据/DK2205812020.dbf');
    expect(e.text.zh).not.toContain(out);
  });

  it('verifies the CRC-32 of large (streamed) entries too', async () => {
    const data = Buffer.alloc(2 * 1024 * 1024, 7);
    const { zip, out } = setup([{ name: 'big.pdf', data, crc: 12345, deflate: true }]);
    const e = await refusal(extractZip(zip, out));
    expect(e.text.en).toContain('CRC-32 mismatch');
    expect(readdirSync(join(out, '220581梅河口市'))).toEqual([]);
  });

  it.each([
    ['a file and a folder entry of the same name', [{ name: 'x/a', data: Buffer.from('1') }, { name: 'x/a/' }]],
    ['a file under a path that is a file', [{ name: 'x/a', data: Buffer.from('1') }, { name: 'x/a/b/c.txt', data: Buffer.from('2') }]],
    ['a folder entry listed before the file of its name', [{ name: 'x/a/' }, { name: 'x/a', data: Buffer.from('1') }]],
  ])('refuses %s before writing, without EISDIR/ENOTDIR or the scratch path', async (_case, entries) => {
    const { zip, out } = setup(entries as RawEntry[]);
    const e = await refusal(extractZip(zip, out));
    expect(e.text.en).toContain('clashes with a folder of the same name');
    expect(e.text.en).toContain('x/a');
    expect(e.text.en).not.toMatch(/EISDIR|ENOTDIR|EEXIST/);
    expect(existsSync(out)).toBe(false);
  });

  it('a failing cleanup of a half-written entry does not replace the write error (item 15)', async () => {
    // the entry's own temp name is taken by a folder of the archive: the write fails, and so would a plain rmSync
    const data = Buffer.alloc(2 * 1024 * 1024, 7);
    const { zip, out } = setup([
      { name: `x/big.pdf.tmp-${process.pid}/keep.txt`, data: Buffer.from('1') },
      { name: 'x/big.pdf', data, deflate: true },
    ]);
    const e = await refusal(extractZip(zip, out));
    expect(e.text.en).toBe(`220581梅河口市.zip: x/big.pdf: the entry clashes with a file or folder of the same name`);
    expect(e.text.en).not.toMatch(/ERR_FS|EISDIR/);
  });

  it('refuses names too long or too deep for the file system', async () => {
    const long = setup([{ name: `220581梅河口市/${'长'.repeat(100)}.pdf`, data: Buffer.from('x'), flags: 0x800 }]);
    const e1 = await refusal(extractZip(long.zip, long.out));
    expect(e1.text.en).toContain('too long');
    expect(e1.text.en).not.toContain('ENAMETOOLONG');
    const deep = setup([{ name: `${'d/'.repeat(40)}f.txt`, data: Buffer.from('x') }]);
    const e2 = await refusal(extractZip(deep.zip, deep.out));
    expect(e2.text.en).toContain('41 folders deep');
    expect(existsSync(deep.out)).toBe(false);
  });

  it('refuses an entry by its compression ratio before writing anything', async () => {
    // 4 MiB of zeros deflate to ~4 KB (about 1000:1)
    const { zip, out } = setup([{ name: '220581梅河口市/DK.dbf', data: Buffer.alloc(4 * 1024 * 1024), deflate: true }]);
    const e = await refusal(extractZip(zip, out, { ...defaultZipLimits, ratioMinBytes: 1024 * 1024 }));
    expect(e.text.en).toMatch(/compression ratio \d+:1/);
    expect(e.text.en).toContain('220581梅河口市/DK.dbf');
    expect(existsSync(out)).toBe(false);
    // the same entry under the default size floor is extracted
    expect((await extractZip(zip, out)).bytes).toBe(4 * 1024 * 1024);
  });

  it('refuses an archive larger than the free disk space as one line, before writing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nyt2539-zip-'));
    dirs.push(dir);
    const s = statfsSync(dir);
    const perEntry = 0xfffffff0;
    const n = Math.ceil((s.bavail * s.bsize) / perEntry) + 1;
    const { zip, out } = setup(Array.from({ length: n }, (_, i) => ({ name: `f${i}.bin`, data: Buffer.from('x'), declaredSize: perEntry, deflate: true })));
    const e = await refusal(extractZip(zip, out, { ...defaultZipLimits, maxZipBytes: Number.MAX_SAFE_INTEGER, ratioMinBytes: Number.MAX_SAFE_INTEGER }));
    expect(e.text.en).toContain('not enough disk space');
    expect(e.text.en.split('\n')).toHaveLength(1);
    expect(readdirSync(join(out, '220581梅河口市'))).toEqual([]);
  });

  it('escapes control characters of entry names in its messages', async () => {
    const { zip, out } = setup([{ name: 'a\n结论：通过\u001b[32m/../x', data: Buffer.from('x') }]);
    const e = await refusal(extractZip(zip, out));
    expect(e.text.zh).toContain('a\\n结论：通过\\x1b[32m/../x');
    expect(e.text.zh).not.toMatch(/[\n\u001b]/);
  });
});

describe('zip entry names', () => {
  it('decodes by flag, extra field, ASCII, strict UTF-8, else GB18030', () => {
    expect(decodeEntryName(Buffer.from('地块', 'utf8'), 0x800).encoding).toBe('utf-8 (flag)');
    const extra = Buffer.concat([Buffer.from([1, 0, 0, 0, 0]), Buffer.from('地块', 'utf8')]);
    expect(decodeEntryName(iconv.encode('地块', 'gbk'), 0, [{ id: 0x7075, data: extra }])).toEqual({ name: '地块', encoding: 'utf-8 (extra field)' });
    expect(decodeEntryName(Buffer.from('DK.shp'), 0)).toEqual({ name: 'DK.shp', encoding: 'ascii' });
    expect(decodeEntryName(iconv.encode('权属单位代码表', 'gb18030'), 0)).toEqual({ name: '权属单位代码表', encoding: 'gb18030 (detected)' });
  });

  it('normalises separators and refuses unsafe paths', () => {
    expect(safeRelativePath('a\\b/./c/')).toEqual({ path: 'a/b/c' });
    expect(safeRelativePath('../a')).toEqual({ refused: 'traversal' });
    expect(safeRelativePath('\\\\server\\share')).toEqual({ refused: 'absolute' });
    expect(safeRelativePath('d:x')).toEqual({ refused: 'drive' });
    expect(safeRelativePath('a\0b')).toEqual({ refused: 'nul' });
  });
});
