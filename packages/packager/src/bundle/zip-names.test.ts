import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '@nyt2539/checker';
import { BundleError } from './errors.js';
import { buildManifest, type Manifest } from './manifest.js';
import { verifyBundle } from './verify.js';
import { gbkName, packBundle } from './zip-writer.js';
import { tinyPackage } from './test-support.js';

let tmp: string;
let packageDir: string;
let manifest: Manifest;
let gbkZip: string;

beforeAll(async () => {
  ({ tmp, packageDir } = await tinyPackage('zipnames'));
  manifest = await buildManifest(packageDir, { date: '2026-11-29' });
  gbkZip = join(tmp, 'gbk', '340711郊区.zip');
  await packBundle(packageDir, gbkZip, { manifest, zipNames: 'gbk' });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Raw entry-name bytes and flags as Python's zipfile reads them (an unflagged name is cp437 there: encode it back). */
function rawEntries(zip: string): { raw: Buffer; flags: number }[] {
  const script = [
    'import json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    "print(json.dumps([dict(raw=(i.filename.encode('utf-8') if i.flag_bits & 0x800 else i.filename.encode('cp437')).hex(), flags=i.flag_bits) for i in z.infolist()]))",
  ].join('\n');
  const rows = JSON.parse(execFileSync('python3', ['-c', script, zip], { encoding: 'utf8' })) as { raw: string; flags: number }[];
  return rows.map((r) => ({ raw: Buffer.from(r.raw, 'hex'), flags: r.flags }));
}

describe('--zip-names gbk', () => {
  it('stores every entry name in GBK without the UTF-8 flag', async () => {
    const entries = rawEntries(gbkZip);
    for (const e of entries) expect(e.flags & 0x800).toBe(0);
    const names = entries.map((e) => iconv.decode(e.raw, 'gbk'));
    for (const f of manifest.files) expect(names).toContain(`340711郊区/${f.path}`);
    expect(names).toContain('340711郊区/manifest.json');
    expect(names.some((n) => n.startsWith('340711郊区/权属数据/'))).toBe(true);
    // the GBK bytes themselves: 郊区 = BD BC C7 F8
    expect(entries.find((e) => iconv.decode(e.raw, 'gbk') === '340711郊区/')?.raw.toString('hex')).toBe(Buffer.from('340711', 'ascii').toString('hex') + 'bdbcc7f8' + '2f');
  });

  it('is listed with the Chinese names by a reader told the code page (Python zipfile, metadata_encoding gbk)', () => {
    // Debian's Info-ZIP unzip here has no -O option; Python 3.11 reads unflagged names in a given code page
    const script = "import sys, zipfile\nfor n in zipfile.ZipFile(sys.argv[1], metadata_encoding='gbk').namelist(): print(n)";
    const listing = execFileSync('python3', ['-c', script, gbkZip], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('340711郊区/manifest.json');
    for (const f of manifest.files) expect(listing).toContain(`340711郊区/${f.path}`);
  });

  it('verifies: the checker reads the GBK names back into the manifest paths', async () => {
    const r = await verifyBundle(gbkZip, { check: { rules: rules.filter((x) => x.meta.group === 'layout') } });
    expect(r.integrity).toMatchObject({ ok: true, missing: [], extra: [], changed: [] });
    expect(r.rootName).toBe('340711郊区');
  });

  it('refuses a name GBK cannot hold, with the name', () => {
    expect(gbkName('图件/a.pdf').toString('hex')).toBe(iconv.encode('图件/a.pdf', 'gbk').toString('hex'));
    expect(() => gbkName('图件/𠀀.pdf')).toThrow(BundleError);
    expect(() => gbkName('图件/𠀀.pdf')).toThrow(/𠀀/);
  });

  it('leaves the default bundle in flagged UTF-8', async () => {
    const zip = join(tmp, 'utf8', 'a.zip');
    await packBundle(packageDir, zip, { manifest });
    const entries = rawEntries(zip);
    expect(entries.filter((e) => /[^\x00-\x7f]/.test(e.raw.toString('utf8'))).every((e) => (e.flags & 0x800) !== 0)).toBe(true);
  });
});
