import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLimit } from './check-options.js';
import { UserError } from './command.js';
import { prepareOutDir } from './out-dir.js';

const tmp = mkdtempSync(join(tmpdir(), 'nyt2539-out-dir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
}

describe('--limit', () => {
  it('takes a positive integer or all; 0, -1, abc, 1.5 are one clear line', () => {
    expect(parseLimit('50', 'zh')).toBe(50);
    expect(parseLimit('all', 'zh')).toBe(Number.POSITIVE_INFINITY);
    expect(parseLimit('ALL', 'en')).toBe(Number.POSITIVE_INFINITY);
    for (const bad of ['0', '-1', 'abc', '1.5', '']) expect(message(() => parseLimit(bad, 'zh'))).toBe(`--limit 应为正整数或 all，实际为“${bad}”`);
    expect(message(() => parseLimit('-1', 'en'))).toBe('--limit must be a positive integer or all, not "-1"');
  });
});

describe('the --out folder, checked before the check', () => {
  it('is created when missing; a file in its place or in its path is one located line (no raw errno alone)', () => {
    expect(prepareOutDir(join(tmp, 'new', 'out'), ['report.txt'], false, 'zh')).toBe(join(tmp, 'new', 'out'));
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    expect(message(() => prepareOutDir(file, ['report.txt'], false, 'zh'))).toBe(`输出目录 ${file} 已存在但不是文件夹`);
    expect(message(() => prepareOutDir(join(file, 'out'), ['report.txt'], false, 'en'))).toBe(
      `cannot create the output folder ${join(file, 'out')} (a part of the path is not a folder, ENOTDIR)`,
    );
  });

  it('refuses a folder holding a previous result unless --force', () => {
    const dir = join(tmp, 'previous');
    mkdirSync(dir);
    writeFileSync(join(dir, 'findings.json'), '{}');
    writeFileSync(join(dir, 'notes.txt'), 'unrelated');
    expect(message(() => prepareOutDir(dir, ['findings.json', 'report.txt'], false, 'zh'))).toBe(
      `输出目录 ${dir} 中已有上次的结果（findings.json）；加 --force 覆盖，或换一个目录`,
    );
    expect(prepareOutDir(dir, ['findings.json', 'report.txt'], true, 'zh')).toBe(dir);
    expect(prepareOutDir(join(tmp, 'new'), ['findings.json'], false, 'zh')).toBe(join(tmp, 'new'));
  });
});
