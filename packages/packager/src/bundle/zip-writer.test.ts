import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from './errors.js';
import { buildManifest, renderManifest, type Manifest } from './manifest.js';
import { packBundle } from './zip-writer.js';
import { WHOLE_READ_BYTES } from './files.js';
import { copyPackage, tinyPackage } from './test-support.js';

let tmp: string;
let packageDir: string;
let manifest: Manifest;

beforeAll(async () => {
  ({ tmp, packageDir } = await tinyPackage('zip'));
  manifest = await buildManifest(packageDir, { date: '2026-11-29' });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Python's zipfile: an independent reader for names, flags, dates, modes and compression. */
function pythonZipInfo(zip: string): { name: string; flag: number; date: number[]; mode: number; method: number; system: number }[] {
  const script = [
    'import json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'print(json.dumps([dict(name=i.filename, flag=i.flag_bits, date=list(i.date_time), mode=i.external_attr >> 16, method=i.compress_type, system=i.create_system) for i in z.infolist()], ensure_ascii=False))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, zip], { encoding: 'utf8' })) as ReturnType<typeof pythonZipInfo>;
}

describe('packBundle', () => {
  let zip: string;
  beforeAll(async () => {
    zip = join(tmp, 'out', 'a.zip');
    await packBundle(packageDir, zip, { manifest });
  });

  it('is byte-identical when packed twice, even after the files were touched', async () => {
    const other = join(tmp, 'out2', 'b.zip');
    const copy = copyPackage(packageDir, join(tmp, 'touched'));
    // the same bytes with other modification times and modes: neither may reach the zip
    for (const f of manifest.files.slice(0, 20)) utimesSync(join(copy, f.path), new Date(), new Date(2001, 1, 1));
    execFileSync('chmod', ['-R', 'go-r', copy]);
    const b = await packBundle(copy, other, { manifest });
    expect(sha256(other)).toBe(sha256(zip));
    expect(b.sha256).toBe(sha256(zip));
    expect(b.bytes).toBe(readFileSync(zip).length);
  });

  it('lists `<county>/…` in sorted order with the Chinese names intact (unzip -l)', () => {
    const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } }).trimEnd().split('\n');
    const top = '340711郊区';
    expect(listing[0]).toBe(`${top}/`);
    expect(listing).toContain(`${top}/manifest.json`);
    expect(listing).toContain(`${top}/权属数据/3407112016.mdb`);
    expect(listing).toContain(`${top}/汇总表格/340711郊区按承包方汇总表.xls`);
    expect(listing).toContain(`${top}/文字报告/`);
    expect(listing.every((n) => n.startsWith(`${top}/`))).toBe(true);
    const files = listing.filter((n) => !n.endsWith('/') && n !== `${top}/manifest.json`).map((n) => n.slice(top.length + 1));
    expect(files).toEqual(manifest.files.map((f) => f.path));
    const sorted = execFileSync('sort', { input: `${listing.join('\n')}\n`, env: { ...process.env, LC_ALL: 'C' } }).toString('utf8').trimEnd().split('\n');
    expect(listing).toEqual(sorted);
    const l = execFileSync('unzip', ['-l', zip], { encoding: 'utf8' });
    expect(l).toContain('340711郊区/矢量数据/DK3407112016.shp');
  });

  it('sets the UTF-8 flag on non-ASCII names, one fixed date, fixed Unix modes; stores JPEGs', () => {
    const infos = pythonZipInfo(zip);
    expect(infos.length).toBe(manifest.files.length + readdirSyncDeep(packageDir) + 2);
    for (const i of infos) {
      expect(i.date).toEqual([2026, 11, 29, 0, 0, 0]);
      expect(i.system).toBe(3);
      if (/[^\x00-\x7f]/.test(i.name)) expect(i.flag & 0x800).toBe(0x800);
      expect(i.mode).toBe(i.name.endsWith('/') ? 0o40755 : 0o100644);
      if (/\.jpg$/.test(i.name)) expect(i.method).toBe(0);
      if (/\.mdb$/.test(i.name)) expect(i.method).toBe(8);
    }
  });

  it('holds the files unchanged and the manifest inside the county folder (unzip -t, extract, compare)', () => {
    expect(execFileSync('unzip', ['-tq', zip], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const out = join(tmp, 'extracted');
    execFileSync('unzip', ['-q', zip, '-d', out]);
    const root = join(out, '340711郊区');
    expect(readFileSync(join(root, 'manifest.json'), 'utf8')).toBe(renderManifest(manifest));
    for (const f of manifest.files) expect(sha256(join(root, f.path)), f.path).toBe(f.sha256);
    expect(existsSync(join(root, '文字报告'))).toBe(true);
  });

  it('uses 2016-01-01 00:00 when the manifest has no date', async () => {
    const undated = await buildManifest(packageDir);
    const z = join(tmp, 'out', 'undated.zip');
    await packBundle(packageDir, z, { manifest: undated });
    expect(new Set(pythonZipInfo(z).map((i) => i.date.join('-')))).toEqual(new Set(['2016-1-1-0-0-0']));
  });

  it('refuses an output inside the package, and a file that changed since the manifest; leaves no zip or temp file', async () => {
    const inside = packBundle(packageDir, join(packageDir, '其他资料', 'x.zip'), { manifest });
    await expect(inside).rejects.toThrow(/不能位于被打包的文件夹/);
    const copy = copyPackage(packageDir, join(tmp, 'changed'));
    const victim = manifest.files.find((f) => f.path.endsWith('.dbf'))!;
    writeFileSync(join(copy, victim.path), Buffer.concat([readFileSync(join(copy, victim.path)), Buffer.from([0])]));
    const outDir = join(tmp, 'out-changed');
    mkdirSync(outDir);
    const err = await packBundle(copy, join(outDir, 'c.zip'), { manifest }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).localized('zh')).toBe(`${victim.path} 在打包过程中被修改（与清单不符）`);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('streams files past the whole-read size: byte-identical twice, intact, and checked against the manifest', async () => {
    const big = copyPackage(packageDir, join(tmp, 'big'));
    const size = WHOLE_READ_BYTES + 12345;
    const noise = Buffer.alloc(size);
    let x = 1;
    for (let i = 0; i < size; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      noise[i] = x >>> 24;
    }
    mkdirSync(join(big, '栅格数据', '数字正射影像图'), { recursive: true });
    writeFileSync(join(big, '栅格数据', '数字正射影像图', 'DOM340711.jpg'), noise);
    writeFileSync(join(big, '文字报告', '技术总结.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size, 0x20)]));
    const m = await buildManifest(big);
    const z1 = join(tmp, 'out-big', '1.zip');
    const z2 = join(tmp, 'out-big', '2.zip');
    await packBundle(big, z1, { manifest: m });
    await packBundle(big, z2, { manifest: m });
    expect(sha256(z1)).toBe(sha256(z2));
    expect(execFileSync('unzip', ['-tq', z1], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const dom = execFileSync('unzip', ['-p', z1, '340711郊区/栅格数据/数字正射影像图/DOM340711.jpg'], { maxBuffer: 64 << 20 });
    expect(createHash('sha256').update(dom).digest('hex')).toBe(createHash('sha256').update(noise).digest('hex'));
    const infos = pythonZipInfo(z1);
    expect(infos.find((i) => i.name.endsWith('DOM340711.jpg'))?.method).toBe(0);
    expect(infos.find((i) => i.name.endsWith('技术总结.pdf'))?.method).toBe(8);

    const lying: Manifest = { ...m, files: m.files.map((f) => (f.path.endsWith('DOM340711.jpg') ? { ...f, sha256: '0'.repeat(64) } : f)) };
    const outDir = join(tmp, 'out-big-lying');
    const err = await packBundle(big, join(outDir, 'x.zip'), { manifest: lying }).catch((e: unknown) => e);
    expect((err as BundleError).localized('en')).toBe('栅格数据/数字正射影像图/DOM340711.jpg changed while packing (no longer matches the manifest)');
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('refuses files added to or removed from the folder after the manifest was built', async () => {
    const added = copyPackage(packageDir, join(tmp, 'added'));
    writeFileSync(join(added, '文字报告', '说明.txt'), 'x');
    await expect(packBundle(added, join(tmp, 'out', 'added.zip'), { manifest })).rejects.toThrow('文字报告/说明.txt 不在清单中');
    const removed = copyPackage(packageDir, join(tmp, 'removed'));
    rmSync(join(removed, manifest.files[3].path));
    await expect(packBundle(removed, join(tmp, 'out', 'removed.zip'), { manifest })).rejects.toThrow(`清单中的 ${manifest.files[3].path} 已不存在`);
  });
});

function readdirSyncDeep(dir: string): number {
  let n = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.isDirectory()) n += 1 + readdirSyncDeep(join(dir, d.name));
  }
  return n;
}
