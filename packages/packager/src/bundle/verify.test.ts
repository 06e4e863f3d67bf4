import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '@nyt2539/checker';
import { BundleError } from './errors.js';
import { packSubmission } from './pack.js';
import { copyPackage, tinyPackage } from './test-support.js';
import { verifyBundle } from './verify.js';
import { renderIntegrity } from './verify-report.js';

let tmp: string;
let packageDir: string;
let zip: string;
const layoutRules = rules.filter((r) => r.meta.group === 'layout');
const check = { rules: layoutRules };

beforeAll(async () => {
  ({ tmp, packageDir } = await tinyPackage('verify'));
  zip = join(tmp, 'bundle', '340711郊区.zip');
  const r = await packSubmission(packageDir, zip, { check });
  expect(r.refused).toBe(false);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The bundle unpacked by Info-ZIP, as a receiver would. */
function unzipTo(dir: string): string {
  execFileSync('unzip', ['-q', zip, '-d', dir]);
  return join(dir, '340711郊区');
}

const MDB = '权属数据/3407112016.mdb';
const SHP = '矢量数据/DK3407112016.shp';
const EXTRA = '文字报告/说明.txt';

describe('verifyBundle', () => {
  it('passes a fresh bundle: every file matches, and the checker runs on what was received', async () => {
    const r = await verifyBundle(zip, { check });
    expect(r.inputKind).toBe('zip');
    expect(r.rootName).toBe('340711郊区');
    expect(r.integrity).toMatchObject({ ok: true, missing: [], extra: [], changed: [] });
    expect(r.integrity.listed).toBe(r.manifest!.files.length);
    expect(r.check.info.rootName).toBe('340711郊区');
    expect(r.check.summary.errors).toBe(0);
    expect(r.passed).toBe(true);
    expect(renderIntegrity(r.integrity, 'zh')).toEqual([`清单核对：通过（${r.integrity.listed} 个文件与清单一致）`]);
  });

  it('reports a changed, a missing and an extra file, each by path (unpacked folder, and re-zipped)', async () => {
    const root = unzipTo(join(tmp, 'tampered'));
    appendFileSync(join(root, ...SHP.split('/')), Buffer.from([0]));
    rmSync(join(root, ...MDB.split('/')));
    writeFileSync(join(root, ...EXTRA.split('/')), '附加说明');
    const r = await verifyBundle(join(tmp, 'tampered'), { check });
    expect(r.inputKind).toBe('folder');
    expect(r.integrity.ok).toBe(false);
    expect(r.integrity.missing).toEqual([MDB]);
    expect(r.integrity.extra).toEqual([EXTRA]);
    expect(r.integrity.changed.map((c) => c.path)).toEqual([SHP]);
    const c = r.integrity.changed[0];
    expect(c.actual.size).toBe(c.expected.size + 1);
    expect(c.actual.sha256).not.toBe(c.expected.sha256);
    expect(r.passed).toBe(false);
    const lines = renderIntegrity(r.integrity, 'zh');
    expect(lines[0]).toBe('清单核对：不通过（缺少 1 个、多出 1 个、内容不符 1 个文件）');
    expect(lines).toContain(`  缺少：${MDB}（清单中有，未收到）`);
    expect(lines).toContain(`  多出：${EXTRA}（收到，清单中没有）`);
    expect(lines.some((l) => l.startsWith(`  内容不符：${SHP}（清单 ${c.expected.size} 字节`))).toBe(true);
    expect(renderIntegrity(r.integrity, 'en')[0]).toBe('manifest check: FAILED (1 missing, 1 extra, 1 changed files)');

    // the same, zipped again by Info-ZIP and read through the checker's extraction
    const rezipped = join(tmp, 'rezipped.zip');
    execFileSync('zip', ['-qr', rezipped, '340711郊区'], { cwd: join(tmp, 'tampered') });
    const z = await verifyBundle(rezipped, { check });
    expect(z.inputKind).toBe('zip');
    expect({ missing: z.integrity.missing, extra: z.integrity.extra, changed: z.integrity.changed }).toEqual({
      missing: r.integrity.missing,
      extra: r.integrity.extra,
      changed: r.integrity.changed,
    });
  });

  it('says so when the manifest is missing, invalid, or for another county folder', async () => {
    const bare = copyPackage(packageDir, join(tmp, 'bare'));
    const none = await verifyBundle(bare, { check });
    expect(none.integrity.ok).toBe(false);
    expect(none.integrity.manifestProblem?.zh).toBe('缺少清单 340711郊区/manifest.json，无法核对文件');
    expect(renderIntegrity(none.integrity, 'en')).toEqual(['no manifest 340711郊区/manifest.json; the files cannot be verified']);

    const broken = unzipTo(join(tmp, 'broken'));
    writeFileSync(join(broken, 'manifest.json'), '{"format":"nyt2539-bundle-manifest"');
    const b = await verifyBundle(broken, { check });
    expect(b.integrity.manifestProblem?.zh).toMatch(/^无法读取清单 .*manifest\.json（/);

    // inside a zip the manifest is named by its place in the zip, never by a scratch copy
    execFileSync('zip', ['-qrX', join(tmp, 'broken.zip'), '340711郊区'], { cwd: join(tmp, 'broken') });
    const bz = await verifyBundle(join(tmp, 'broken.zip'), { check });
    expect(bz.inputKind).toBe('zip');
    expect(bz.manifestAbsent).toBe(false);
    expect(bz.integrity.manifestProblem?.zh).toMatch(/^无法读取清单 broken\.zip: manifest\.json（/);
    expect(none.manifestAbsent).toBe(true);

    const renamedParent = join(tmp, 'renamed');
    const renamed = join(renamedParent, '340711其他区');
    renameSync(unzipTo(renamedParent), renamed);
    const o = await verifyBundle(renamed, { check });
    expect(o.integrity.manifestProblem?.zh).toBe('清单属于 340711郊区，收到的文件夹是 340711其他区');
    expect(o.integrity.missing).toEqual([]);
  });

  it('refuses a hostile zip through the checker\'s safe extraction, and a missing input, with one located line', async () => {
    const evil = join(tmp, 'evil.zip');
    execFileSync('python3', ['-c', 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], "w")\nz.writestr("../escape.txt", "x")\nz.close()', evil]);
    const err = await verifyBundle(evil, { check }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).localized('zh')).toContain('evil.zip: ../escape.txt');
    const missing = await verifyBundle(join(tmp, 'nowhere.zip')).catch((e: unknown) => e);
    expect((missing as BundleError).localized('en')).toBe(`input not found: ${join(tmp, 'nowhere.zip')}`);
  });

  it('removes its scratch folder when given one', async () => {
    const work = join(tmp, 'work');
    mkdirSync(work);
    await verifyBundle(zip, { check, workDir: work });
    expect(execFileSync('find', [work, '-name', 'unzipped'], { encoding: 'utf8' })).toBe('');
  });
});
