/**
 * Writing the working store when the disk is full (issue 12): the check ends with one located line (exit 2), never
 * a stack trace, a raw SQLite code alone, or a finding that blames the package file being read. A full disk is
 * simulated two ways a user can meet: a file-size limit on the process (`ulimit -f`, the write fails with EFBIG),
 * and SQLite's own page limit (`PRAGMA max_page_count`, SQLITE_FULL) on a store a loader writes into.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '@nyt2539/checker';
import { generatePackage } from '@nyt2539/packager';
import { cliArgv, repoRoot } from '../../packages/packager/src/cli/test-support.js';
import { LoadContext } from '../../packages/checker/src/store/context.js';
import { loadLayer } from '../../packages/checker/src/store/load-layer.js';
import { initStore } from '../../packages/checker/src/store/schema.js';
import { isStoreWriteFailure, storeWriteError } from '../../packages/checker/src/store/write-errors.js';

let base: string;
let pkg: string;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'nyt2539-store-full-'));
  ({ packageDir: pkg } = await generatePackage({ scale: 'tiny', seed: 5, defects: 'none', outDir: join(base, 'gen') }));
}, 120_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the working store cannot be written (disk full)', () => {
  it('check under a file-size limit: one located Chinese line, exit 2, no stack, no scratch path, nothing left behind', () => {
    const work = join(base, 'work-ulimit');
    // 512-byte blocks (POSIX sh): 1 MiB, far below the tiny package's store; node ignores SIGXFSZ, so the write
    // fails with EFBIG instead of killing the process
    const node = [process.execPath, ...cliArgv(['check', pkg, '--work-dir', work])].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = spawnSync('sh', ['-c', `ulimit -f 2048; exec ${node}`], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NYT2539_THREADS: '1' }, timeout: 120_000 });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status, out).toBe(2);
    // besides the progress lines ("读取 <file>"), one line says why the check stopped
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('读取 '));
    expect(lines, out).toHaveLength(1);
    expect(lines[0]).toMatch(/写入工作库失败（正在读取 [^）]+）：系统拒绝写入（超出文件大小限制或磁盘 I\/O 错误）.*--work-dir.*SQLITE_IOERR/);
    expect(out).not.toMatch(/\n\s+at |SqliteError|node_modules/);
    expect(out).not.toContain(work);
    expect(readdirSync(work).filter((n) => n.startsWith('store'))).toEqual([]);
  }, 150_000);

  it('SQLITE_FULL while a layer loads is not turned into a finding about the layer: the loader lets it through', async () => {
    const db = openSqlite(join(base, 'full.sqlite'));
    try {
      initStore(db);
      const pages = (db.pragma('page_count', { simple: true }) as number) + 2;
      db.pragma(`max_page_count = ${pages}`);
      const ctx = new LoadContext(db, undefined, pkg);
      const dir = join(pkg, '矢量数据');
      const shp = readdirSync(dir).find((n) => /^DK.*\.shp$/i.test(n))!;
      const error = await loadLayer(ctx, pkg, 'DK', [join(dir, shp)]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as { code?: string }).code).toBe('SQLITE_FULL');
      expect(isStoreWriteFailure(error)).toBe(true);
      const line = storeWriteError(error, `矢量数据/${shp}`);
      expect(line.exitCode).toBe(2);
      expect(line.localized('zh')).toBe(
        `写入工作库时磁盘已满（正在读取 矢量数据/${shp}）：检查未完成。工作库写在临时目录（TMPDIR）或 --work-dir 指定的目录中，请腾出空间或用 --work-dir 指向更大的磁盘（SQLITE_FULL）`,
      );
      expect(line.localized('en')).toMatch(/^the disk filled up while writing the working store \(while reading 矢量数据\/DK.*\.shp\)/);
    } finally {
      db.close();
    }
  });
});
