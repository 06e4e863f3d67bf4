import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool, type PoolThread } from './worker-pool.js';

/** A thread that answers `square` with the square of its number, dies on `die`, and exits on `exit`. */
const script = `
import { parentPort, workerData } from 'node:worker_threads';
parentPort.on('message', (msg) => {
  if (msg.type === 'square') parentPort.postMessage({ thread: workerData.name, value: msg.n * msg.n });
  else if (msg.type === 'die') throw new Error('thread ' + workerData.name + ' gave up');
  else if (msg.type === 'exit') parentPort.close();
});
`;

type In = { type: 'square'; n: number } | { type: 'die' } | { type: 'exit' };
type Out = { thread: string; value: number };

describe('WorkerPool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nyt2539-pool-'));
  const file = join(dir, 'square-worker.mjs');
  writeFileSync(file, script);
  const url = pathToFileURL(file);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers every thread its workerData and messages, reports a death once, and nothing after close', async () => {
    const replies: Out[] = [];
    const lost: [number, string][] = [];
    const pool = new WorkerPool<In, Out>({ url, module: url.href }, 3, (i) => ({ name: `t${i}` }), {
      message: (thread: PoolThread, msg) => replies.push({ ...msg, thread: `${thread.index}:${msg.thread}` }),
      lost: (thread, reason) => lost.push([thread.index, reason]),
    });
    expect(pool.threads.map((t) => t.index)).toEqual([0, 1, 2]);
    pool.threads.forEach((t, i) => pool.post(t, { type: 'square', n: i + 2 }));
    await waitFor(() => replies.length === 3);
    expect(replies.sort((a, b) => a.value - b.value)).toEqual([
      { thread: '0:t0', value: 4 },
      { thread: '1:t1', value: 9 },
      { thread: '2:t2', value: 16 },
    ]);

    pool.post(pool.threads[1], { type: 'die' });
    await waitFor(() => lost.length > 0);
    // the exit after the error is the same death, not a second one
    await new Promise((r) => setTimeout(r, 100));
    expect(lost).toEqual([[1, 'thread t1 gave up']]);
    expect(pool.threads.map((t) => t.alive)).toEqual([true, false, true]);
    expect(pool.alive).toBe(true);
    // a dead thread is not posted to
    pool.post(pool.threads[1], { type: 'square', n: 5 });

    pool.close({ type: 'exit' });
    await pool.exited();
    expect(lost).toHaveLength(1);
    expect(pool.alive).toBe(false);
    expect(replies).toHaveLength(3);
  }, 30_000);

  it('discards a thread that cannot start: reported lost, and stopped', async () => {
    const lost: string[] = [];
    const pool = new WorkerPool<In, Out>({ url, module: url.href }, 2, (i) => ({ name: `t${i}` }), {
      message: () => undefined,
      lost: (_thread, reason) => lost.push(reason),
    });
    pool.discard(pool.threads[0], 'no GEOS');
    expect(lost).toEqual(['no GEOS']);
    pool.close({ type: 'exit' });
    await pool.exited();
    expect(lost).toEqual(['no GEOS']);
  }, 30_000);
});

async function waitFor(done: () => boolean): Promise<void> {
  const until = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
