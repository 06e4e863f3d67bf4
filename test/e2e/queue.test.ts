/**
 * Queue mode with a real Redis (redis-server started here on a free loopback port, no persistence) and two
 * worker processes: one is killed (SIGKILL) as soon as it starts a county, its job goes to the other worker, and
 * the province overview equals the one `batch` writes for the same inputs in one process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePackage, overviewTable, runBatch, serveBatch } from '@nyt2539/packager';
import { startCli } from '../../packages/packager/src/cli/test-support.js';

const groups = ['layout', 'values', 'logic'];
let base: string;
let inputs: string[];
let redis: ChildProcess;
let url: string;
const workers: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

function startWorker(name: string, log: string[]): ChildProcess {
  // a worker killed with SIGKILL cannot remove its scratch folder: each worker's temp folder lives under `base`
  const scratch = join(base, `tmp-${name}-${workers.length}`);
  mkdirSync(scratch, { recursive: true });
  const w = startCli(['worker', '--redis', url, '--lock-seconds', '2'], { stdio: ['ignore', 'ignore', 'pipe'], env: { TMPDIR: scratch } });
  w.stderr!.setEncoding('utf8');
  w.stderr!.on('data', (d: string) => {
    for (const line of d.split('\n').filter(Boolean)) log.push(`${name} ${line}`);
  });
  workers.push(w);
  return w;
}

const waitFor = async (cond: () => boolean, ms: number): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'nyt2539-queue-'));
  const port = await freePort();
  url = `redis://127.0.0.1:${port}`;
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const [a, b] = await Promise.all([
    generatePackage({ scale: 'tiny', seed: 1, outDir: join(base, 'g1') }),
    generatePackage({ scale: 'tiny', seed: 2, county: '220581', defects: 'seed', outDir: join(base, 'g2') }),
  ]);
  mkdirSync(join(base, 'in'));
  writeFileSync(join(base, 'in', 'broken.zip'), 'not a zip');
  inputs = [a.packageDir, b.packageDir, join(base, 'in', 'broken.zip')];
}, 300_000);

afterAll(() => {
  for (const w of workers) w.kill('SIGKILL');
  redis?.kill('SIGKILL');
  rmSync(base, { recursive: true, force: true });
});

describe('queue mode (BullMQ on Redis)', () => {
  it('a killed worker’s county is retried by the other; the overview equals the one-process batch', async () => {
    const log: string[] = [];
    const a = startWorker('A', log);
    const b = startWorker('B', log);
    await waitFor(() => log.filter((l) => l.includes('worker 已就绪')).length === 2, 60_000);
    let killed = '';
    const serving = serveBatch(inputs, { out: join(base, 'queued'), lang: 'zh', mask: true, groups, redis: url });
    // kill A as soon as it starts a county (or B, if B happened to start first and A never does)
    await waitFor(() => log.some((l) => l.startsWith('A 开始')), 120_000);
    killed = log.find((l) => l.startsWith('A 开始'))!.replace(/^A 开始 (.+?)（任务.*$/, '$1');
    a.kill('SIGKILL');
    const queued = await serving;
    expect(queued.interrupted).toBe(false);
    expect(queued.records.map((r) => r.verdict)).toEqual(['passed', 'failed', 'unreadable']);
    // the county A was checking was finished by B
    expect(killed).not.toBe('');
    expect(log.some((l) => l.startsWith(`B 完成 ${killed}：`))).toBe(true);
    expect(log.some((l) => l.startsWith(`A 完成 ${killed}：`))).toBe(false);
    b.kill('SIGTERM');

    const direct = await runBatch(inputs, { out: join(base, 'direct'), jobs: 1, lang: 'zh', mask: true, groups });
    const strip = (t: ReturnType<typeof overviewTable>): unknown[] => {
      const s = t.header.indexOf('检查用时（秒）');
      return t.rows.map((r) => r.filter((_, i) => i !== s));
    };
    expect(strip(overviewTable(queued.records, 'zh'))).toEqual(strip(overviewTable(direct.records, 'zh')));
    expect(readFileSync(join(base, 'queued', '340711郊区', 'findings.json'), 'utf8')).toBe(readFileSync(join(base, 'direct', '340711郊区', 'findings.json'), 'utf8'));
  }, 400_000);
});
