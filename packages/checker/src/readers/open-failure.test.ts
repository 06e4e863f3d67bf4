import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../package/errors.js';
import { ZipPackage } from '../package/zip.js';
import { errnoCode, errorText, openFailure } from './issues.js';
import { LocalizedError } from '@nyt2539/schema';

const work = mkdtempSync(join(tmpdir(), 'nyt2539-open-failure-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: failed, open '/tmp/x'`), { code });

describe('a file that cannot be opened: one case per errno, never the raw code alone (issue 12)', () => {
  it('maps the system errors a package file can meet', () => {
    // the tests run as root, where EACCES cannot be produced on a real file: the mapping is checked on its own
    expect(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'EISDIR', 'EIO', 'EMFILE'].map((c) => openFailure(errno(c)))).toEqual([
      'missing',
      'missing',
      'denied',
      'denied',
      'notFile',
      'io',
      'io',
    ]);
    expect(errnoCode(errno('EIO'))).toBe('EIO');
    expect(errnoCode(new Error('no code'))).toBe('?');
  });

  it('gives a thrown reason in words in both languages: errno, located error, an English parser sentence', () => {
    expect(errorText(errno('EACCES'))).toEqual({ zh: '没有读取权限（EACCES）', en: 'no permission to read it (EACCES)' });
    expect(errorText(errno('EIO'))).toEqual({ zh: '读取时发生系统错误（EIO）', en: 'a system error while reading it (EIO)' });
    const located = { zh: '记录 3 的长度不符', en: 'record 3 has the wrong length' };
    expect(errorText(new LocalizedError(located))).toEqual(located);
    // mdb-reader's own sentence: kept as detail, inside a Chinese sentence
    expect(errorText(new Error('Wrong page type. Expected 2 but received 1'))).toEqual({
      zh: '文件无法读取（读取程序提示：Wrong page type. Expected 2 but received 1）',
      en: 'the file cannot be read (the reader says: Wrong page type. Expected 2 but received 1)',
    });
    expect(errorText(new Error('页 5 指向不存在的页'))).toBe('页 5 指向不存在的页');
  });

  it('a folder named like a zip is refused in words, without its absolute path or errno text', async () => {
    const dir = join(work, '340711郊区.zip');
    mkdirSync(dir);
    const error = await ZipPackage.open(dir, join(work, 'out')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    const zh = (error as InputError).localized('zh');
    expect(zh).toBe('340711郊区.zip：无法打开：不是普通文件（是文件夹、命名管道或设备）');
    expect((error as InputError).localized('en')).toBe('340711郊区.zip: cannot open it: not a regular file (a folder, named pipe or device)');
  });
});
