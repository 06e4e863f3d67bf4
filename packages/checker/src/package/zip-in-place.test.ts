/**
 * Issue 12 item 9: a zipped package is read in place. Only the files a reader opens by path (.mdb, shapefiles,
 * .xls, metadata) are written to the scratch folder; attachments are checked and every other entry verified
 * while the zip streams, so a county's scans never hit the disk. The archive is written by Info-ZIP `zip`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type Database from 'better-sqlite3';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadPackage } from '../load.js';
import { InputError } from './errors.js';

const fixtures = process.env.NYT2539_FIXTURES ?? '';
let base: string;
let county: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9]);

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  visit(dir);
  return out.sort();
}

function issues(db: Database.Database): unknown[] {
  return db.prepare(`SELECT code, file, params_json FROM load_issues ORDER BY file, code`).all();
}

function listed(db: Database.Database): unknown[] {
  return db.prepare(`SELECT path, size, kind, is_dir FROM pkg_files ORDER BY id`).all();
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'nyt2539-zip-in-place-'));
  county = join(base, '220581梅河口市');
  for (const d of ['权属数据', '图件/22058110020100', '其他资料/权属来源附件']) mkdirSync(join(county, d), { recursive: true });
  copyFileSync(join(fixtures, 'access', '权属数据-template-jet4.mdb'), join(county, '权属数据', '2205812016.mdb'));
  writeFileSync(join(county, '图件/22058110020100', 'DKSYT220581100201000001J.pdf'), PDF);
  writeFileSync(join(county, '图件/22058110020100', 'DKSYT220581100201000002J.pdf'), Buffer.alloc(0));
  writeFileSync(join(county, '图件/22058110020100', 'DKSYT220581100201000003J.pdf'), 'not a pdf');
  writeFileSync(join(county, '其他资料/权属来源附件', '220581100201000001J1.jpg'), JPEG);
  writeFileSync(join(county, '其他资料/权属来源附件', '220581100201000002J1.jpg'), Buffer.alloc(0));
  // stored (-0): the scan's bytes are in the archive as they are, so one changed byte keeps the zip readable
  execFileSync('zip', ['-qrX0', join(base, 'stored.zip'), '220581梅河口市'], { cwd: base });
  execFileSync('zip', ['-qrX', join(base, 'deflated.zip'), '220581梅河口市'], { cwd: base });
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('a zipped package is read in place (item 9)', () => {
  it('writes only the files a reader opens; lists and checks the attachments from the zip exactly like the folder', async () => {
    const folder = await loadPackage(county, { workDir: join(base, 'wf') });
    const expected = { issues: issues(folder.db), listed: listed(folder.db) };
    folder.close();
    for (const zip of ['stored.zip', 'deflated.zip']) {
      const work = join(base, `w-${zip}`);
      const pkg = await loadPackage(join(base, zip), { workDir: work });
      try {
        // the scratch copy holds the database alone: no scan, sketch map or attachment was written
        expect(filesUnder(join(work, 'unzipped'))).toEqual(['220581梅河口市/权属数据/2205812016.mdb']);
        expect(listed(pkg.db)).toEqual(expected.listed);
        expect(issues(pkg.db)).toEqual(expected.issues);
        const damaged = (pkg.db.prepare(`SELECT file FROM load_issues WHERE code = 'attachment-damaged' ORDER BY file`).all() as { file: string }[]).map((r) => r.file);
        expect(damaged).toEqual([
          '其他资料/权属来源附件/220581100201000002J1.jpg',
          '图件/22058110020100/DKSYT220581100201000002J.pdf',
          '图件/22058110020100/DKSYT220581100201000003J.pdf',
        ]);
      } finally {
        pkg.close();
      }
      expect(readdirSync(work)).toEqual([]);
    }
  });

  it('still verifies the CRC-32 of an entry it does not write (one changed byte in a scan)', async () => {
    const bytes = readFileSync(join(base, 'stored.zip'));
    const at = bytes.indexOf(Buffer.from('/Type /Catalog'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 1] ^= 0x20;
    const damaged = join(base, 'crc.zip');
    writeFileSync(damaged, bytes);
    const e = await loadPackage(damaged, { workDir: join(base, 'wc') }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).text.zh).toContain('crc.zip: 220581梅河口市/图件/22058110020100/DKSYT220581100201000001J.pdf');
    expect((e as InputError).text.zh).toContain('CRC-32');
    expect(readdirSync(join(base, 'wc'))).toEqual([]);
  });

  it('hands every file under the county root to a visitor with its SHA-256 from the same pass (verify), writing only what it asks for', async () => {
    const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
    const expected = filesUnder(county).map((path) => {
      const data = readFileSync(join(county, ...path.split('/')));
      return { path, size: data.length, sha256: sha(data) };
    });
    for (const zip of ['stored.zip', 'deflated.zip']) {
      const seen: { path: string; size: number; sha256: string }[] = [];
      const written: Record<string, string> = {};
      const work = join(base, `v-${zip}`);
      const pkg = await loadPackage(join(base, zip), {
        workDir: work,
        zipVisitor: {
          write: ['图件/22058110020100/DKSYT220581100201000001J.pdf'],
          visit: ({ path, size, sha256, file }) => {
            seen.push({ path, size, sha256 });
            if (file) written[path] = sha(readFileSync(file));
          },
        },
      });
      try {
        expect(seen.sort((a, b) => (a.path < b.path ? -1 : 1))).toEqual(expected);
        // the copy a visitor reads is the verified entry; scans it did not ask for are never written
        expect(written).toEqual({
          '图件/22058110020100/DKSYT220581100201000001J.pdf': sha(PDF),
          '权属数据/2205812016.mdb': expected.find((e) => e.path === '权属数据/2205812016.mdb')!.sha256,
        });
      } finally {
        pkg.close();
      }
    }
  });
});

describe('many small entries (item 19)', () => {
  it('reads small entries straight from the archive, with no stream per entry, and still checks each one', async () => {
    const dir = join(base, 'many', '220581梅河口市', '其他资料', '权属来源附件');
    mkdirSync(dir, { recursive: true });
    mkdirSync(join(base, 'many', '220581梅河口市', '权属数据'), { recursive: true });
    copyFileSync(join(fixtures, 'access', '权属数据-template-jet4.mdb'), join(base, 'many', '220581梅河口市', '权属数据', '2205812016.mdb'));
    for (let i = 0; i < 2000; i++) writeFileSync(join(dir, `2205811002010${String(i).padStart(5, '0')}J1.jpg`), i === 1234 ? Buffer.from('not a jpeg') : JPEG);
    execFileSync('zip', ['-qrX', join(base, 'many.zip'), '220581梅河口市'], { cwd: join(base, 'many') });
    const streams = vi.spyOn(yauzl.ZipFile.prototype, 'openReadStream');
    try {
      const pkg = await loadPackage(join(base, 'many.zip'), { workDir: join(base, 'wm') });
      try {
        expect((pkg.db.prepare(`SELECT count(*) AS n FROM pkg_files WHERE path LIKE '%.jpg'`).get() as { n: number }).n).toBe(2000);
        expect(pkg.db.prepare(`SELECT file FROM load_issues WHERE code = 'attachment-damaged'`).all()).toEqual([{ file: '其他资料/权属来源附件/220581100201001234J1.jpg' }]);
      } finally {
        pkg.close();
      }
      // small entries never open a yauzl read stream, whose per-entry set-up outweighs the read
      expect(streams).not.toHaveBeenCalled();
    } finally {
      streams.mockRestore();
    }
  });
});
