import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { ChildTask } from '../batch/child.js';
import type { CountyRecord } from '../batch/record.js';
import { runBatch, runCountyProcess, type BatchOptions, type BatchResult, type CountyRunner } from '../batch/run.js';

/** The BullMQ queue of county checks (one job per county; the result is the county record). */
const QUEUE_NAME = 'nyt2539-county-checks';

interface QueueConnection {
  /** redis://host:port[/db] */
  readonly redis: string;
  readonly queue?: string;
}

function connect(url: string): Redis {
  // BullMQ's blocking commands need maxRetriesPerRequest: null
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/**
 * Province service mode, the enqueueing side: the same batch as `runBatch` (hashing, duplicates, skipping unchanged
 * counties, the `<out>` layout, the overview), but every county is a BullMQ job that a `worker` on any machine
 * sharing `<out>` picks up. Waits until every job has finished.
 */
export async function serveBatch(inputs: readonly string[], options: BatchOptions & QueueConnection): Promise<BatchResult> {
  const connection = connect(options.redis);
  const eventsConnection = connect(options.redis);
  const name = options.queue ?? QUEUE_NAME;
  const queue = new Queue<ChildTask, CountyRecord>(name, { connection });
  const events = new QueueEvents(name, { connection: eventsConnection });
  await events.waitUntilReady();
  const runCounty: CountyRunner = async (task, run) => {
    const job = await queue.add('county', task, { attempts: 2, removeOnComplete: true, removeOnFail: true });
    const onAbort = (): void => void job.remove().catch(() => {});
    run.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return { record: (await job.waitUntilFinished(events)) as CountyRecord, exit: 'done' };
    } catch (e) {
      return { exit: (e as Error).message };
    } finally {
      run.signal?.removeEventListener('abort', onAbort);
    }
  };
  try {
    // every county is queued at once; the workers decide how many run
    return await runBatch(inputs, { ...options, jobs: Math.max(1, inputs.length), runCounty });
  } finally {
    await events.close();
    await queue.close();
    connection.disconnect();
    eventsConnection.disconnect();
  }
}

interface WorkerOptions extends QueueConnection {
  /** counties this worker checks at a time (default 1: each check already uses the cores) */
  readonly concurrency?: number;
  /** lock on a running job; a worker that stops renewing it (killed) leaves the job to another after this long */
  readonly lockMs?: number;
  readonly onEvent?: (e: { type: 'start' | 'done' | 'failed'; job: string; input: string; detail?: string }) => void;
}

/**
 * Province service mode, the checking side: takes county jobs from the queue and runs each in a child process
 * (as `batch` does), writing into the job's `<out>` staging folder. If this process is killed mid-check its lock
 * lapses and BullMQ's stalled-job check hands the job to another worker.
 */
export async function startWorker(options: WorkerOptions): Promise<{ close(): Promise<void> }> {
  const connection = connect(options.redis);
  const lockMs = options.lockMs ?? 30_000;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const threads = Math.max(1, Math.floor(availableParallelism() / concurrency));
  const worker = new Worker<ChildTask, CountyRecord>(
    options.queue ?? QUEUE_NAME,
    async (job: Job<ChildTask, CountyRecord>) => {
      options.onEvent?.({ type: 'start', job: String(job.id), input: job.data.input });
      // scratch space is this machine's own; only the results go to the shared <out>
      const workDir = mkdtempSync(join(tmpdir(), 'nyt2539-worker-'));
      try {
        const { record, exit } = await runCountyProcess({ ...job.data, workDir }, { threads });
        if (!record) throw new Error(exit);
        options.onEvent?.({ type: 'done', job: String(job.id), input: job.data.input, detail: record.verdict });
        return record;
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    },
    { connection, concurrency, lockDuration: lockMs, stalledInterval: Math.max(500, Math.floor(lockMs / 2)), maxStalledCount: 1 },
  );
  worker.on('failed', (job, err) => options.onEvent?.({ type: 'failed', job: String(job?.id), input: job?.data.input ?? '', detail: err.message }));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
