import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attachmentPath,
  classifyPath,
  controlPointSketchPath,
  expectedFileNames,
  getField,
  rootFolderName,
  sketchMapPath,
} from '@nyt2539/schema';
import { fieldPaths } from '../rules/attachments/field-paths.js';
import { applyEol } from './eol.js';
import { isInsideFolder, NTFS_MAX_NAME, safeFileName, WINDOWS_MAX_PATH, windowsNameProblem } from './names.js';

describe('Windows file names', () => {
  it('keeps valid names (Chinese, codes, extensions) unchanged', () => {
    for (const name of ['340711郊区', '3407112016.mdb', 'DKSYT340711101001000010J.pdf', '340711郊区按地块汇总表.xls', 'a b.txt', '.hidden']) {
      expect(safeFileName(name)).toBe(name);
      expect(windowsNameProblem(name)).toBeUndefined();
    }
  });

  it('replaces the characters NTFS refuses and drops trailing dots and spaces', () => {
    expect(windowsNameProblem('a:b')).toBe('forbidden-character');
    expect(safeFileName('报告:2026?.txt')).toBe('报告_2026_.txt');
    expect(safeFileName('a<b>c"d|e*f/g\\h')).toBe('a_b_c_d_e_f_g_h');
    expect(safeFileName('tab\there\u0001')).toBe('tab_here_');
    expect(windowsNameProblem('名称. ')).toBe('trailing-dot-or-space');
    expect(safeFileName('名称. ')).toBe('名称');
    expect(safeFileName('...')).toBe('_');
    expect(safeFileName('')).toBe('_');
    for (const name of ['报告:2026?.txt', 'a<b>c"d|e*f/g\\h', '名称. ', '...', '']) expect(windowsNameProblem(safeFileName(name))).toBeUndefined();
  });

  it('prefixes the reserved device names, with any extension and in any case', () => {
    for (const name of ['CON', 'nul.txt', 'Com1.pdf', 'LPT9', 'aux.tar.gz']) {
      expect(windowsNameProblem(name)).toBe('reserved');
      expect(safeFileName(name)).toBe(`_${name}`);
    }
    expect(safeFileName('CONSOLE.txt')).toBe('CONSOLE.txt');
    expect(safeFileName('COM10')).toBe('COM10');
  });

  it('shortens an over-long name to 255 code units and keeps its extension', () => {
    const long = `${'县'.repeat(300)}.pdf`;
    expect(windowsNameProblem(long)).toBe('too-long');
    const short = safeFileName(long);
    expect(short).toHaveLength(NTFS_MAX_NAME);
    expect(short.endsWith('县.pdf')).toBe(true);
    expect(windowsNameProblem(short)).toBeUndefined();
  });

  it('tells a path inside a folder with the path module of the OS, Windows included', () => {
    expect(isInsideFolder('C:\\数据\\340711郊区', 'C:\\数据\\340711郊区\\out.zip', path.win32)).toBe(true);
    expect(isInsideFolder('C:\\数据\\340711郊区', 'c:\\数据\\340711郊区\\out.zip', path.win32)).toBe(true);
    expect(isInsideFolder('C:\\数据\\340711郊区', 'C:\\数据\\340711郊区.zip', path.win32)).toBe(false);
    expect(isInsideFolder('C:\\数据\\340711郊区', 'D:\\数据\\340711郊区\\out.zip', path.win32)).toBe(false);
    expect(isInsideFolder('C:\\数据\\340711郊区', 'C:\\数据\\340711郊区\\..\\x.zip', path.win32)).toBe(false);
    expect(isInsideFolder('C:\\数据\\a', 'C:\\数据\\a\\..b\\x.zip', path.win32)).toBe(true);
    expect(isInsideFolder('/data/340711郊区', '/data/340711郊区/out.zip', path.posix)).toBe(true);
    expect(isInsideFolder('/data/340711郊区', '/data/340711郊区.zip', path.posix)).toBe(false);
  });
});

describe('the standard’s longest paths on Windows', () => {
  // the longest county name (积石山保安族东乡族撒拉族自治县, 15 characters) and every code at its full field length
  const county = '622927';
  const root = rootFolderName(county, '积石山保安族东乡族撒拉族自治县');
  const len = (table: string, field: string) => getField(table, field)?.length ?? 0;
  const code = (n: number) => '9'.repeat(n);
  const relative = [
    ...expectedFileNames(county, '积石山保安族东乡族撒拉族自治县', 2016).map((e) => e.path),
    sketchMapPath(code(len('CBJYQZDJB', 'FBFBM') || 14), code(len('CBJYQZDJB', 'CBJYQZBM')), { extension: 'jpg', seq: 99 }),
    attachmentPath(code(len('QSLYZLFJ', 'ZLFJBH'))),
    controlPointSketchPath(code(len('KZD', 'KZDDH'))),
  ];
  const longest = relative.reduce((a, b) => (b.length > a.length ? b : a));

  it('fits under MAX_PATH in a deep user folder (C:\\Users\\<20 characters>\\Desktop\\汇交成果\\2026年\\)', () => {
    expect(len('QSLYZLFJ', 'ZLFJBH')).toBe(20);
    const base = path.win32.join('C:\\Users', 'x'.repeat(20), 'Desktop', '汇交成果', '2026年');
    const full = path.win32.join(base, root, ...longest.split(/[\\/]/));
    // the final NUL counts against MAX_PATH
    expect(full.length + 1).toBeLessThan(WINDOWS_MAX_PATH);
    // the headroom left for the folder above the county folder
    expect(WINDOWS_MAX_PATH - 1 - path.win32.join(root, longest).length).toBeGreaterThan(150);
    for (const segment of path.win32.join(root, longest).split('\\')) expect(windowsNameProblem(segment)).toBeUndefined();
  });
});

describe('backslash paths inside the data', () => {
  it('resolve like slash paths in the attachment rules and in discovery', () => {
    const dksyt = '图件\\340711101001\\DKSYT340711101001000010J.pdf';
    expect(fieldPaths(dksyt, '340711郊区')).toEqual(['图件/340711101001/DKSYT340711101001000010J.pdf']);
    expect(fieldPaths(`340711郊区\\${dksyt}`, '340711郊区')).toEqual(['图件/340711101001/DKSYT340711101001000010J.pdf']);
    expect(fieldPaths(`${dksyt}/图件\\340711101001\\DKSYT340711101001000010J2.jpg`, '340711郊区')).toHaveLength(2);
    expect(classifyPath(dksyt)).toEqual(classifyPath(dksyt.replace(/\\/g, '/')));
    expect(classifyPath(dksyt).kind).toBe(classifyPath('图件/340711101001/DKSYT340711101001000010J.pdf').kind);
  });
});

describe('line endings', () => {
  it('writes LF or CRLF whatever the text had', () => {
    expect(applyEol('a\nb\r\nc\n', 'crlf')).toBe('a\r\nb\r\nc\r\n');
    expect(applyEol('a\r\nb\nc', 'lf')).toBe('a\nb\nc');
    expect(applyEol('a\r\n', 'crlf')).toBe('a\r\n');
    expect(applyEol('无换行', 'crlf')).toBe('无换行');
  });
});
