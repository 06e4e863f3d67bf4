/**
 * The package listing sizes an attachment by the read that checks it rather than by an lstat: its `pkg_files` rows
 * and issues must be what an lstat of every entry (walkFolder's stat 'all') and checkAttachment give, for every kind
 * of file an attachment folder can hold — small and large, empty, truncated, upper-case extensions, symlinks (also
 * dangling), a named pipe, and files the check does not look at.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyPath, mayBeReaderFile } from '@nyt2539/schema';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initStore } from '../store/schema.js';
import { checkAttachment, checkedAttachmentExtensions } from './attachment-check.js';
import { discoverPackage, findPackageFiles, listPackage } from './discover.js';
import { walkFolder } from './walk.js';

let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'nyt2539-listing-'));
  root = join(base, '340711郊区');
  const other = join(root, '其他资料');
  const attachments = join(other, '权属来源附件');
  mkdirSync(join(other, 'sub'), { recursive: true });
  mkdirSync(attachments, { recursive: true });
  const page = '%PDF-1.4\n3 0 obj << /Type /Page >> endobj\n';
  writeFileSync(join(attachments, '340711101201000001J1.pdf'), `${page}%%EOF\n`);
  writeFileSync(join(attachments, '340711101201000001J2.PDF'), Buffer.concat([Buffer.from(page), Buffer.alloc(200 * 1024, 0x20), Buffer.from('%%EOF\n')]));
  writeFileSync(join(attachments, '340711101201000002J1.pdf'), '');
  writeFileSync(join(attachments, '340711101201000003J1.pdf'), Buffer.concat([Buffer.from(page), Buffer.alloc(100 * 1024, 0x20)]));
  writeFileSync(join(attachments, '340711101201000004J1.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x40]));
  writeFileSync(join(other, 'sub', 'scan.png'), Buffer.from('not a png'));
  writeFileSync(join(other, 'sub', 'note.txt'), 'a note');
  symlinkSync(join(attachments, '340711101201000001J1.pdf'), join(attachments, '340711101201000005J1.pdf'));
  symlinkSync(join(base, 'nowhere.jpg'), join(other, 'dangling.jpg'));
  execFileSync('mkfifo', [join(other, 'pipe.jpg')]);
  // what a reader opens, also misplaced: a layer's files, a stray database, a layer name among the maps
  for (const [folder, name] of [
    ['矢量数据', 'DK3407112016.shp'],
    ['矢量数据', 'DK3407112016.dbf'],
    ['矢量数据', 'SL3407112015.xml'],
    ['汇总表格', '340711郊区按地块汇总表.xls'],
    ['其他资料', '3407112014.mdb'],
    ['图件', 'JZD3407112016.shp'],
    ['权属数据', '3407112016权属单位代码表.xls'],
  ]) {
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, folder, name), 'x');
  }
  // more rows than one multi-row insert holds, so rows go in by both statements
  mkdirSync(join(other, 'many'));
  for (let i = 0; i < 150; i++) writeFileSync(join(other, 'many', `${String(i).padStart(3, '0')}.txt`), 'x'.repeat(i));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('listPackage', () => {
  it('lists what an lstat of each entry gives, and reports each attachment as checkAttachment does', () => {
    const db = new Database(':memory:');
    initStore(db, 'listing');
    const issues = listPackage(db, root);
    const rows = db.prepare('SELECT path, size, kind, is_dir FROM pkg_files ORDER BY id').all();
    db.close();

    const walked = [...walkFolder(root, () => {}, undefined, { stat: 'all' })];
    expect(rows).toEqual(
      walked.map((f) => ({ path: f.path, size: f.size, kind: f.isSymlink ? 'symlink' : classifyPath(f.path, { isDir: f.isDir }).kind, is_dir: f.isDir ? 1 : 0 })),
    );
    for (const f of walked) if (!f.isSymlink) expect(f.size, f.path).toBe(f.isDir ? 0 : lstatSync(join(root, f.path)).size);

    const checked = walked.filter((f) => !f.isDir && !f.isSymlink && checkedAttachmentExtensions.has(classifyPath(f.path).extension));
    const expected = checked.flatMap((f) => {
      const problem = checkAttachment(join(root, f.path), classifyPath(f.path).extension, f.size);
      return problem ? [{ code: 'attachment-damaged', file: f.path, params: { reason: problem.zh, reasonEn: problem.en } }] : [];
    });
    expect(issues).toEqual([
      { code: 'symlink-skipped', file: '其他资料/dangling.jpg' },
      { code: 'symlink-skipped', file: '其他资料/权属来源附件/340711101201000005J1.pdf' },
      ...expected,
    ]);
    // the empty, the truncated and the headless files, the pipe (0 bytes, never waited on) and the text named .png
    expect(expected.map((i) => `${i.file}: ${i.params.reasonEn}`)).toEqual([
      '其他资料/pipe.jpg: the file is empty (0 bytes)',
      '其他资料/sub/scan.png: the content is not a PNG file (wrong signature)',
      '其他资料/权属来源附件/340711101201000002J1.pdf: the file is empty (0 bytes)',
      '其他资料/权属来源附件/340711101201000003J1.pdf: the PDF is incomplete (no %%EOF end marker; truncated?)',
      '其他资料/权属来源附件/340711101201000004J1.jpg: the JPEG has no image frame (truncated?)',
    ]);
  });

  it('finds the files to read, county and year as the listing does, classifying only what may be one', () => {
    const db = new Database(':memory:');
    initStore(db);
    const listed = discoverPackage({ db, issue: () => {} }, root);
    db.close();
    const found = findPackageFiles(root);
    expect(found).toEqual({ files: listed.files, county: listed.county, countyName: listed.countyName, year: listed.year });
    expect(found.files.map((f) => `${f.source} ${f.path}`)).toEqual([
      'unitCodeTable 权属数据/3407112016权属单位代码表.xls',
      'summaryTable 汇总表格/340711郊区按地块汇总表.xls',
      'shp 矢量数据/DK3407112016.shp',
      'vectorMetadata 矢量数据/SL3407112015.xml',
      // no database where it belongs: the misplaced one is read
      'mdb 其他资料/3407112014.mdb',
    ]);
    expect(found.year).toBe('2016');
  });
});

describe('mayBeReaderFile', () => {
  it('is true wherever classifyPath gives a reader\'s kind or a year, however the path is written', () => {
    const paths = ['矢量数据/DK3407112016.shp', '元数据/SL3407112016.xml', '权属数据/3407112016.mdb', '汇总表格/340711郊区按地块汇总表.xls'];
    for (const p of paths) {
      for (const written of [p, `/${p}`, p.replace('/', '\\'), p.replace('/', '//'), `./${p}`, p.replace('/', '/./')]) {
        expect(classifyPath(written).kind, written).not.toBe('unknown');
        expect(mayBeReaderFile(written), written).toBe(true);
      }
    }
    for (const p of ['图件/34071112021607/DKSYT340711120216070024J.pdf', '其他资料/3407112016.mdb', '3407112016.mdb', '矢量数据/sub/DK3407112016.shp']) {
      expect(classifyPath(p).year, p).toBeUndefined();
      expect(mayBeReaderFile(p), p).toBe(false);
    }
  });
});
