import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pendingTempPaths, writeChunksAtomic } from './atomic.js';

describe('writeChunksAtomic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nyt2539-atomic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the pieces as one UTF-8 file, across its 1 MB write batches, and leaves no temp behind', () => {
    const path = join(dir, 'report.txt');
    const pieces = Array.from({ length: 60_000 }, (_, i) => `${i}. 地块 DK${i} 的值有误\n`);
    writeChunksAtomic(path, pieces);
    expect(readFileSync(path, 'utf8')).toBe(pieces.join(''));
    writeChunksAtomic(join(dir, 'empty.txt'), []);
    expect(readFileSync(join(dir, 'empty.txt'), 'utf8')).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['empty.txt', 'report.txt']);
    expect(pendingTempPaths()).toEqual([]);
  });

  it('keeps the previous file when producing the pieces fails', () => {
    const path = join(dir, 'kept.txt');
    writeFileSync(path, 'before');
    function* failing(): Generator<string> {
      yield 'x'.repeat(2 << 20);
      throw new Error('renderer failed');
    }
    expect(() => writeChunksAtomic(path, failing())).toThrow('renderer failed');
    expect(readFileSync(path, 'utf8')).toBe('before');
    expect(readdirSync(dir).filter((n) => n.startsWith('kept'))).toEqual(['kept.txt']);
  });
});
