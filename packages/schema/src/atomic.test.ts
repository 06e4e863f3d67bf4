import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pbkdf2 } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { atomicTarget, pendingTempPaths, replacePath, writeChunksAtomic, writeFileAtomic } from './atomic.js';

const dirs: string[] = [];
function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'nyt2539-atomic-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the atomic-write helper', () => {
  it('writes a file through a temp beside it and leaves nothing pending', () => {
    const dir = scratch();
    const path = join(dir, 'a.txt');
    writeFileAtomic(path, 'one');
    writeFileAtomic(path, 'two', { fsync: true });
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.txt']);
    expect(pendingTempPaths().filter((p) => p.startsWith(dir))).toEqual([]);
  });

  it('two targets of the same path reserved at once get different temps', () => {
    const path = join(scratch(), 'a.txt');
    const first = atomicTarget(path);
    const second = atomicTarget(path);
    expect(first.tmp).not.toBe(second.tmp);
    expect(pendingTempPaths()).toEqual(expect.arrayContaining([first.tmp, second.tmp]));
    first.abort();
    second.abort();
    expect(pendingTempPaths()).not.toContain(first.tmp);
  });

  it('a folder replaces an existing folder whole: no file of the old one survives, nothing is left beside it', () => {
    const dir = scratch();
    const path = join(dir, '340711郊区');
    mkdirSync(join(path, 'old-only'), { recursive: true });
    writeFileSync(join(path, 'old-only', 'x.txt'), 'old');
    writeFileSync(join(path, 'both.txt'), 'old');
    const target = atomicTarget(path);
    mkdirSync(target.tmp);
    writeFileSync(join(target.tmp, 'both.txt'), 'new');
    target.commit();
    expect(readdirSync(path)).toEqual(['both.txt']);
    expect(readFileSync(join(path, 'both.txt'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['340711郊区']);
    expect(pendingTempPaths().filter((p) => p.startsWith(dir))).toEqual([]);
  });

  it('abort leaves the target as it was and removes the temp', () => {
    const dir = scratch();
    const path = join(dir, 'pkg');
    mkdirSync(path);
    writeFileSync(join(path, 'keep.txt'), 'old');
    const target = atomicTarget(path);
    mkdirSync(target.tmp);
    writeFileSync(join(target.tmp, 'keep.txt'), 'new');
    target.abort();
    expect(readFileSync(join(path, 'keep.txt'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['pkg']);
  });

  it('abortWhenClosed removes a temp whose stream fails before its open has created the file', async () => {
    const dir = scratch();
    const target = atomicTarget(join(dir, 'out.zip'));
    const failing = new Readable({ read() { this.destroy(new Error('source failed')); } });
    // keep libuv's thread pool busy so that the stream's open is still queued when the pipeline has failed
    const busy = Array.from({ length: 8 }, () => new Promise((resolve) => pbkdf2('x', 'y', 200_000, 32, 'sha256', resolve)));
    const out = createWriteStream(target.tmp);
    await expect(pipeline(failing, out)).rejects.toThrow('source failed');
    await target.abortWhenClosed(out);
    expect(readdirSync(dir)).toEqual([]);
    expect(pendingTempPaths()).not.toContain(target.tmp);
    await Promise.all(busy);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never deletes what is not ours: a file is not put over a folder, nor a folder over a file', () => {
    const dir = scratch();
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'keep.txt'), 'mine');
    expect(() => writeFileAtomic(folder, 'x')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readFileSync(join(folder, 'keep.txt'), 'utf8')).toBe('mine');
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'mine');
    const source = join(dir, 'made');
    mkdirSync(source);
    expect(() => replacePath(source, file)).toThrow(/ENOTDIR/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(readdirSync(dir).sort()).toEqual(['file.txt', 'folder', 'made']);
  });
});

describe('writeChunksAtomic', () => {
  it('writes the pieces as one UTF-8 file, across its 1 MB write batches, and leaves no temp behind', () => {
    const dir = scratch();
    const path = join(dir, 'report.txt');
    const pieces = Array.from({ length: 60_000 }, (_, i) => `${i}. 地块 DK${i} 的值有误\n`);
    writeChunksAtomic(path, pieces);
    expect(readFileSync(path, 'utf8')).toBe(pieces.join(''));
    writeChunksAtomic(join(dir, 'empty.txt'), []);
    expect(readFileSync(join(dir, 'empty.txt'), 'utf8')).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['empty.txt', 'report.txt']);
    expect(pendingTempPaths().filter((p) => p.startsWith(dir))).toEqual([]);
  });

  it('keeps the previous file when producing the pieces fails', () => {
    const dir = scratch();
    const path = join(dir, 'kept.txt');
    writeFileSync(path, 'before');
    function* failing(): Generator<string> {
      yield 'x'.repeat(2 << 20);
      throw new Error('renderer failed');
    }
    expect(() => writeChunksAtomic(path, failing())).toThrow('renderer failed');
    expect(readFileSync(path, 'utf8')).toBe('before');
    expect(readdirSync(dir)).toEqual(['kept.txt']);
  });
});
